import { ConfigError, RequestError } from "../errors";
import { unixSeconds } from "../time";
import { decryptMessage } from "./message-crypto";
import { parseMessage } from "./parse-message";
import { childText, readXml } from "./read-xml";
import type { InboundMessage } from "./types";
import { verifyMsgSignature, verifySignature } from "./verify-signature";

/** What the webhook needs to know about the account's 服务器配置 (MP console → 设置与开发 → 基本配置). */
export interface WebhookSettings {
  token: string;
  /** 明文 / 兼容 / 安全 模式. */
  encryptMode: "plain" | "compat" | "safe";
  /** Required when encryptMode !== "plain": the AppId inside every encrypted message must equal it. */
  appId: string | undefined;
  /** Current key first, then the previous one (消息加解密 FAQ: try both, reply with the one that worked). */
  aesKeys: Buffer[];
  replayWindowSeconds: number;
}

export interface DecodedPush {
  message: InboundMessage;
  /** The push was encrypted: the reply must be too (unless it is `success`). */
  encrypted: boolean;
  /** The key that decrypted the push, to encrypt the reply with. */
  aesKey?: Buffer;
  timestamp: string;
  nonce: string;
}

const TIMESTAMP_RE = /^\d{1,12}$/;
const ENCRYPT_OPEN = "<Encrypt><![CDATA[";
const ENCRYPT_CLOSE = "]]></Encrypt>";

/**
 * The Encrypt text of an encrypted push. WeChat's envelope is always `<xml>…<Encrypt><![CDATA[…]]>
 * </Encrypt>…</xml>` (message-push doc), and msg_signature authenticates exactly this text, so one
 * unambiguous occurrence is read directly: a full parse of the envelope (the whole plaintext in
 * 兼容模式) costs more than the decryption. Anything else goes through the XML parser.
 */
function encryptOf(body: string): string | undefined {
  const start = body.indexOf(ENCRYPT_OPEN);
  if (start !== -1 && body.indexOf(ENCRYPT_OPEN, start + 1) === -1) {
    const trimmed = body.trim();
    const end = body.indexOf(ENCRYPT_CLOSE, start + ENCRYPT_OPEN.length);
    if (end !== -1 && trimmed.startsWith("<xml>") && trimmed.endsWith("</xml>")) return body.slice(start + ENCRYPT_OPEN.length, end);
  }
  return childText(readXml(body), "Encrypt");
}

function badSignature(what: string): RequestError {
  return new RequestError("bad_signature", `wechat: ${what}`, 401);
}

/**
 * Replay protection (DESIGN rule 5): WeChat signs `timestamp` but never expires a signature, so a
 * captured push could be replayed forever without a window. WeChat's own retries come within ~15 s.
 */
function checkTimestamp(timestamp: string | undefined, windowSeconds: number, now: Date): string {
  if (timestamp === undefined || !TIMESTAMP_RE.test(timestamp)) {
    throw new RequestError("stale_timestamp", "wechat: timestamp missing or not Unix seconds", 401);
  }
  const skew = Number(timestamp) - unixSeconds(now);
  if (Math.abs(skew) > windowSeconds) {
    throw new RequestError("stale_timestamp", `wechat: timestamp is ${skew} s from now (window ±${windowSeconds} s)`, 401);
  }
  return timestamp;
}

function decodePlain(query: Record<string, string | undefined>, body: string, settings: WebhookSettings, timestamp: string, nonce: string): DecodedPush {
  if (!verifySignature(settings.token, timestamp, nonce, query["signature"])) {
    throw badSignature(query["signature"] === undefined ? "signature missing" : "signature does not match");
  }
  if (body.trim() === "") throw new RequestError("empty_body", "wechat: empty body", 400);
  try {
    return { message: parseMessage(body), encrypted: false, timestamp, nonce };
  } catch (err) {
    // A push from an account switched to 安全模式 while we are configured for 明文.
    if (err instanceof RequestError && err.code === "malformed_xml" && body.includes("<Encrypt>")) {
      throw new RequestError("malformed_xml", `${err.message} (the body is encrypted: configure encryptMode safe or compat)`, 400, err);
    }
    throw err;
  }
}

/**
 * 安全模式 (and 兼容模式 with encrypt_type=aes), message-push doc: verify msg_signature over the
 * Encrypt element (not `signature`, which does not cover the body), decrypt, check the AppId inside.
 */
function decodeEncrypted(query: Record<string, string | undefined>, body: string, settings: WebhookSettings, timestamp: string, nonce: string): DecodedPush {
  const { appId, aesKeys, token } = settings;
  if (appId === undefined || aesKeys.length === 0) {
    throw new ConfigError([`wechat: encryptMode ${settings.encryptMode} needs the AppID and the EncodingAESKey`]);
  }
  if (query["encrypt_type"]?.toLowerCase() !== "aes") {
    // "url上无encrypt_type参数或者其值为raw，表示消息体仅含有明文" (消息加解密 FAQ): refused in safe mode.
    throw new RequestError("encryption_required", "wechat: encrypt_type=aes required in safe mode", 401);
  }
  const msgSignature = query["msg_signature"];
  if (msgSignature === undefined || msgSignature === "") throw badSignature("msg_signature missing");
  // silenceper checks the URL signature too when present; it costs one sha1 and precedes any parsing.
  const signature = query["signature"];
  if (signature !== undefined && !verifySignature(token, timestamp, nonce, signature)) {
    throw badSignature("signature does not match");
  }
  if (body.trim() === "") throw new RequestError("empty_body", "wechat: empty body", 400);
  const encrypt = encryptOf(body);
  if (encrypt === undefined || encrypt === "") {
    throw new RequestError("encryption_required", "wechat: encrypted push expected, the body has no Encrypt element", 401);
  }
  if (!verifyMsgSignature(token, timestamp, nonce, encrypt, msgSignature)) throw badSignature("msg_signature does not match");

  for (const key of aesKeys) {
    let inner: { xml: string; appId: string };
    try {
      inner = decryptMessage(encrypt, key);
    } catch {
      continue;
    }
    // A previous key can decrypt to noise that passes the padding check: the AppId tells them apart.
    if (inner.appId === appId) return { message: parseMessage(inner.xml), encrypted: true, aesKey: key, timestamp, nonce };
  }
  // One answer for every way decryption can fail (not base64, bad length, bad padding, wrong AppId),
  // and nothing decrypted in it: a sender must not learn which check failed (a padding oracle).
  throw new RequestError("bad_ciphertext", "wechat: cannot decrypt Encrypt", 400);
}

/**
 * The inbound edge of POST /wechat/:account in one call: replay window first (before any parsing),
 * then the signature rules of the configured mode, then the body. Every refusal is a RequestError
 * (401 for authentication, 400 for a bad body) that the error middleware maps to a response.
 * compat (兼容模式) accepts both forms and answers in the form it received.
 */
export function decodePush(query: Record<string, string | undefined>, body: string, settings: WebhookSettings, now: Date): DecodedPush {
  const timestamp = checkTimestamp(query["timestamp"], settings.replayWindowSeconds, now);
  const nonce = query["nonce"];
  if (nonce === undefined || nonce === "") throw badSignature("nonce missing");
  const encrypted =
    settings.encryptMode === "safe" || (settings.encryptMode === "compat" && query["encrypt_type"]?.toLowerCase() === "aes");
  return encrypted ? decodeEncrypted(query, body, settings, timestamp, nonce) : decodePlain(query, body, settings, timestamp, nonce);
}
