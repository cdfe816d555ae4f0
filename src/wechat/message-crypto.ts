import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { ConfigError, RequestError } from "../errors";

/**
 * WeChat's 消息加解密 scheme (安全模式/兼容模式; technical description in the message-push doc and
 * the Open Platform "Message_Encryption/Technical_Plan"):
 *   AESKey = base64decode(EncodingAESKey + "="), 32 bytes; IV = AESKey[0..16];
 *   AES-256-CBC over random(16) ‖ uint32be(byte length of msg) ‖ msg ‖ appid,
 *   PKCS#7-padded to a multiple of 32 bytes (not the cipher's 16).
 */

/** WeChat pads to 32-byte blocks (the official sample's PKCS7Encoder uses block_size = 32). */
const PAD_BLOCK = 32;
const HEADER_BYTES = 20;
const ENCODING_AES_KEY_RE = /^[A-Za-z0-9+/]{43}$/;
const BASE64_RE = /^[A-Za-z0-9+/]+={0,2}$/;

/**
 * Decodes the 43-character EncodingAESKey from 服务器配置 into the 32-byte AES key. Done once at boot;
 * callers keep the Buffer (do not decode per request).
 */
export function aesKeyFromEncodingAesKey(encodingAesKey: string): Buffer {
  if (!ENCODING_AES_KEY_RE.test(encodingAesKey)) {
    throw new ConfigError([
      `EncodingAESKey: expected 43 letters and digits (服务器配置 → 消息加解密密钥), got ${encodingAesKey.length} characters`,
    ]);
  }
  const key = Buffer.from(`${encodingAesKey}=`, "base64");
  if (key.length !== 32) throw new ConfigError([`EncodingAESKey: decodes to ${key.length} bytes instead of 32`]);
  return key;
}

function assertKey(key: Buffer): void {
  if (key.length !== 32) throw new RangeError(`AES key must be 32 bytes, got ${key.length}`);
}

/**
 * AES-256-CBC with WeChat's IV (the key's first 16 bytes) over whole blocks; WeChat's own 32-byte
 * padding is done by the caller, so the cipher's is off. A fresh context per message: the
 * context is where the CBC chain lives, and sharing one across pushes would tie them together.
 */
function cbc(direction: "encrypt" | "decrypt", key: Buffer, data: Buffer): Buffer {
  const iv = key.subarray(0, 16);
  const context = direction === "encrypt" ? createCipheriv("aes-256-cbc", key, iv) : createDecipheriv("aes-256-cbc", key, iv);
  context.setAutoPadding(false);
  return Buffer.concat([context.update(data), context.final()]);
}

/**
 * Encrypts a reply for the `<Encrypt>` element. `msg_len` counts UTF-8 bytes (WxJava's vector with
 * CJK text fails if characters are counted). `random` is the 16-byte prefix: the push handler
 * passes bytes from its pool (random-pool.ts), tests fixed ones; otherwise fresh from the CSPRNG.
 */
export function encryptMessage(xml: string, key: Buffer, appId: string, random: Buffer = randomBytes(16)): string {
  assertKey(key);
  if (random.length !== 16) throw new RangeError(`random16 must be 16 bytes, got ${random.length}`);
  const msgLength = Buffer.byteLength(xml, "utf8");
  const length = HEADER_BYTES + msgLength + Buffer.byteLength(appId, "utf8");
  const pad = PAD_BLOCK - (length % PAD_BLOCK); // 1..32: a full block of 32 when already aligned
  const plain = Buffer.allocUnsafe(length + pad);
  random.copy(plain, 0, 0, 16);
  plain.writeUInt32BE(msgLength, 16);
  plain.write(xml, HEADER_BYTES, "utf8");
  plain.write(appId, HEADER_BYTES + msgLength, "utf8");
  plain.fill(pad, length);
  return cbc("encrypt", key, plain).toString("base64");
}

function badCiphertext(reason: string, cause?: unknown): RequestError {
  return new RequestError("bad_ciphertext", `wechat: cannot decrypt Encrypt: ${reason}`, 400, cause);
}

/**
 * Decrypts an `<Encrypt>` value (or a WeCom-style encrypted echostr) and splits the message from the
 * trailing AppId, which the caller must compare with its own (the doc's step 5). Strict about the
 * framing: a wrong key or tampered text is a 400 `bad_ciphertext`, never a raw crypto exception.
 * Callers verify msg_signature first, so these checks give no padding oracle to outsiders.
 */
export function decryptMessage(encrypt: string, key: Buffer): { xml: string; appId: string } {
  assertKey(key);
  if (encrypt.length % 4 !== 0 || !BASE64_RE.test(encrypt)) throw badCiphertext("not base64");
  const data = Buffer.from(encrypt, "base64");
  if (data.length === 0 || data.length % 16 !== 0) {
    throw badCiphertext(`length ${data.length} is not a positive multiple of 16`);
  }
  let plain: Buffer;
  try {
    plain = cbc("decrypt", key, data);
  } catch (err) {
    throw badCiphertext("AES-CBC failed", err);
  }
  const pad = plain[plain.length - 1] ?? 0;
  if (pad < 1 || pad > PAD_BLOCK || pad > plain.length) throw badCiphertext("bad padding");
  const end = plain.length - pad;
  for (let i = end; i < plain.length; i++) {
    if (plain[i] !== pad) throw badCiphertext("bad padding");
  }
  if (end < HEADER_BYTES) throw badCiphertext("too short");
  const msgLength = plain.readUInt32BE(16);
  if (msgLength > end - HEADER_BYTES) throw badCiphertext("length field out of bounds");
  return {
    xml: plain.toString("utf8", HEADER_BYTES, HEADER_BYTES + msgLength),
    appId: plain.toString("utf8", HEADER_BYTES + msgLength, end),
  };
}
