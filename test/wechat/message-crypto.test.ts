import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { AppError } from "../../src/errors";
import { aesKeyFromEncodingAesKey, decryptMessage, encryptMessage } from "../../src/wechat/message-crypto";
import { renderEncryptedReply } from "../../src/wechat/render-reply";
import { computeSignature } from "../../src/wechat/verify-signature";
import { loadFixture, loadJsonFixture } from "../helpers/load-fixture";
import { expectRequestError, withoutIndentation } from "./expect-request-error";

interface OfficialDemo {
  token: string;
  encodingAESKey: string;
  appid: string;
  inbound: { body: { Encrypt: string }; plaintext: string; trailing_appid: string; msg_len: number };
  reply: { plaintext: string; random16: string; Encrypt: string; TimeStamp: number; Nonce: string; MsgSignature: string };
}
interface Pamtest { encodingAESKey: string; appid: string; Encrypt: string; plaintext_full_recovered: string }
interface WxJava { encodingAESKey: string; appid: string; randomStr: string; cases: Array<{ plaintext: string; Encrypt: string }> }
interface WechatpyWork {
  token: string;
  encodingAESKey: string;
  receive_id: string;
  echostr_check: { echostr: string; echostr_plain_recovered: string };
  decrypt_message: { Encrypt: string; plaintext_recovered: string };
  encrypt_message: { random16_fixed_by_mock: string; nonce: string; timestamp: string; plaintext: string; Encrypt: string; MsgSignature: string };
}

const official = loadJsonFixture<OfficialDemo>("wechat/crypto-official-debug-demo.json");
const pamtest = loadJsonFixture<Pamtest>("wechat/crypto-pamtest-easywechat-decrypt.json");
const wxjava = loadJsonFixture<WxJava>("wechat/crypto-pamtest-wxjava-deterministic.json");
const work = loadJsonFixture<WechatpyWork>("wechat/crypto-wechatpy-work.json");
const pamtestKey = aesKeyFromEncodingAesKey(pamtest.encodingAESKey);

/** AES-256-CBC with WeChat's IV and no padding added: lets a test frame the plaintext itself. */
function rawEncrypt(plain: Buffer, key: Buffer): string {
  const cipher = createCipheriv("aes-256-cbc", key, key.subarray(0, 16));
  cipher.setAutoPadding(false);
  return Buffer.concat([cipher.update(plain), cipher.final()]).toString("base64");
}

/** random16 ‖ be32(declared length) ‖ body ‖ the given trailing (padding) bytes. */
function framed(declaredLength: number, body: string, pad: number[]): Buffer {
  const header = Buffer.alloc(20, 0x61);
  header.writeUInt32BE(declaredLength, 16);
  return Buffer.concat([header, Buffer.from(body), Buffer.from(pad)]);
}

describe("aesKeyFromEncodingAesKey", () => {
  it("decodes the 43-character key plus '=' into 32 bytes", () => {
    const key = aesKeyFromEncodingAesKey(official.encodingAESKey);
    expect(key).toHaveLength(32);
    expect(key.equals(Buffer.alloc(32, 0))).toBe(true); // "A" is 0 in base64
  });

  it.each([
    ["42 characters", official.encodingAESKey.slice(1)],
    ["44 characters", `${official.encodingAESKey}A`],
    ["a character outside base64", `${official.encodingAESKey.slice(1)}-`],
    ["an empty string", ""],
  ])("throws a config error for %s", (_what, bad) => {
    expect(() => aesKeyFromEncodingAesKey(bad)).toThrow(AppError);
  });
});

describe("decryptMessage", () => {
  it("decrypts the official debug demo to its JSON and AppId", () => {
    const out = decryptMessage(official.inbound.body.Encrypt, aesKeyFromEncodingAesKey(official.encodingAESKey));
    expect(out).toEqual({ xml: official.inbound.plaintext, appId: official.inbound.trailing_appid });
    expect(Buffer.byteLength(out.xml)).toBe(official.inbound.msg_len);
  });

  it("decrypts the pamtest push (EasyWeChat) including its extra <URL> element", () => {
    expect(decryptMessage(pamtest.Encrypt, pamtestKey)).toEqual({ xml: pamtest.plaintext_full_recovered, appId: pamtest.appid });
  });

  it("decrypts wechatpy's WeCom message, whose trailer is the corp id", () => {
    const out = decryptMessage(work.decrypt_message.Encrypt, aesKeyFromEncodingAesKey(work.encodingAESKey));
    expect(out).toEqual({ xml: work.decrypt_message.plaintext_recovered, appId: work.receive_id });
  });

  it("decrypts wechatpy's encrypted echostr", () => {
    const out = decryptMessage(work.echostr_check.echostr, aesKeyFromEncodingAesKey(work.encodingAESKey));
    expect(out).toEqual({ xml: work.echostr_check.echostr_plain_recovered, appId: work.receive_id });
  });

  it("recovers CJK text whose length field counts UTF-8 bytes (WxJava vectors)", () => {
    for (const c of wxjava.cases) {
      expect(decryptMessage(c.Encrypt, pamtestKey)).toEqual({ xml: c.plaintext, appId: wxjava.appid });
    }
  });

  it.each([
    ["not base64", "!!!not base64!!!"],
    ["base64 of a length that is not a multiple of 16", Buffer.alloc(20).toString("base64")],
    ["an empty string", ""],
    ["base64 without its padding", pamtest.Encrypt.replace(/=+$/, "")],
  ])("refuses %s with bad_ciphertext 400", (_what, encrypt) => {
    const err = expectRequestError(() => decryptMessage(encrypt, pamtestKey));
    expect({ code: err.code, status: err.status }).toEqual({ code: "bad_ciphertext", status: 400 });
  });

  it("refuses a wrong key with bad_ciphertext 400, not a crypto exception", () => {
    const err = expectRequestError(() => decryptMessage(pamtest.Encrypt, aesKeyFromEncodingAesKey(work.encodingAESKey)));
    expect(err.code).toBe("bad_ciphertext");
    expect(err.status).toBe(400);
  });

  it.each([
    // 20-byte header + "helloappid" = 30 bytes, then the trailing bytes below.
    ["a pad byte of 0", framed(5, "helloappid", [0, 0])],
    ["a pad byte above 32", framed(5, "helloappid", Array<number>(34).fill(33))],
    ["pad bytes that are not all equal", framed(5, "helloappid", [3, 2])],
    ["a length field pointing past the message", framed(999, "helloappid", [2, 2])],
  ])("refuses %s with bad_ciphertext 400", (_what, plain) => {
    expect(plain.length % 32).toBe(0);
    const err = expectRequestError(() => decryptMessage(rawEncrypt(plain, pamtestKey), pamtestKey));
    expect({ code: err.code, status: err.status }).toEqual({ code: "bad_ciphertext", status: 400 });
  });

  it("accepts the same framing when it is well formed", () => {
    expect(decryptMessage(rawEncrypt(framed(5, "helloappid", [2, 2]), pamtestKey), pamtestKey)).toEqual({ xml: "hello", appId: "appid" });
  });

  it("refuses plaintext too short to hold the 20-byte header", () => {
    const plain = Buffer.alloc(32, 20); // 32 bytes, last 20 are padding → 12 bytes left
    expect(expectRequestError(() => decryptMessage(rawEncrypt(plain, pamtestKey), pamtestKey)).code).toBe("bad_ciphertext");
  });
});

describe("encryptMessage", () => {
  it("reproduces the official demo's reply Encrypt with its fixed random", () => {
    const key = aesKeyFromEncodingAesKey(official.encodingAESKey);
    const encrypt = encryptMessage(official.reply.plaintext, key, official.appid, Buffer.from(official.reply.random16));
    expect(encrypt).toBe(official.reply.Encrypt);
  });

  it("with computeSignature and renderEncryptedReply, reproduces the official reply envelope", () => {
    const key = aesKeyFromEncodingAesKey(official.encodingAESKey);
    const encrypt = encryptMessage(official.reply.plaintext, key, official.appid, Buffer.from(official.reply.random16));
    const timestamp = String(official.reply.TimeStamp);
    const msgSignature = computeSignature(official.token, timestamp, official.reply.Nonce, encrypt);
    expect(msgSignature).toBe(official.reply.MsgSignature);
    expect(renderEncryptedReply({ encrypt, msgSignature, timestamp, nonce: official.reply.Nonce })).toBe(
      withoutIndentation(loadFixture("wechat/reply-encrypted-official.xml")),
    );
  });

  it.each(wxjava.cases.map((c, i) => [i + 1, c] as const))("reproduces WxJava's deterministic case %i (CJK byte length)", (_i, c) => {
    expect(encryptMessage(c.plaintext, pamtestKey, wxjava.appid, Buffer.from(wxjava.randomStr))).toBe(c.Encrypt);
  });

  it("reproduces wechatpy's encrypt_message and its full expected reply XML", () => {
    const m = work.encrypt_message;
    const encrypt = encryptMessage(m.plaintext, aesKeyFromEncodingAesKey(work.encodingAESKey), work.receive_id, Buffer.from(m.random16_fixed_by_mock));
    expect(encrypt).toBe(m.Encrypt);
    const msgSignature = computeSignature(work.token, m.timestamp, m.nonce, encrypt);
    expect(msgSignature).toBe(m.MsgSignature);
    expect(renderEncryptedReply({ encrypt, msgSignature, timestamp: m.timestamp, nonce: m.nonce })).toBe(
      withoutIndentation(loadFixture("wechat/reply-encrypted-wechatpy.xml")),
    );
  });

  it("pads a message already aligned to 32 bytes with a full block of 32", () => {
    // 20 header + 2 message + 10 appid = 32 bytes.
    const encrypt = encryptMessage("ok", pamtestKey, "wx12345678", Buffer.alloc(16, 1));
    expect(Buffer.from(encrypt, "base64")).toHaveLength(64);
    expect(decryptMessage(encrypt, pamtestKey)).toEqual({ xml: "ok", appId: "wx12345678" });
  });

  it("round-trips with a random prefix that differs on every call", () => {
    const a = encryptMessage("<xml>共青团</xml>", pamtestKey, pamtest.appid);
    const b = encryptMessage("<xml>共青团</xml>", pamtestKey, pamtest.appid);
    expect(a).not.toBe(b);
    expect(decryptMessage(a, pamtestKey)).toEqual({ xml: "<xml>共青团</xml>", appId: pamtest.appid });
  });

  // The contexts are kept open between messages (message-crypto.ts): each message must still be
  // exactly what a fresh AES-256-CBC context with WeChat's IV gives, in any order of calls.
  it("gives a fresh context's bytes for every message of a long interleaved run, errors included", () => {
    const key = aesKeyFromEncodingAesKey("abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG");
    const fresh = (plain: Buffer) => {
      const c = createDecipheriv("aes-256-cbc", key, key.subarray(0, 16));
      c.setAutoPadding(false);
      return Buffer.concat([c.update(plain), c.final()]);
    };
    for (let i = 0; i < 200; i++) {
      const xml = `<xml><Content><![CDATA[${"轮青诚聘".repeat(i % 37)}${i}]]></Content></xml>`;
      const random = randomBytes(16);
      const encrypted = encryptMessage(xml, key, "wx0123456789abcdef", random);
      // Decrypt with a context made for this message alone: the framing must be intact.
      const plain = fresh(Buffer.from(encrypted, "base64"));
      expect(plain.subarray(0, 16)).toEqual(random);
      expect(plain.toString("utf8", 20, 20 + Buffer.byteLength(xml))).toBe(xml);
      expect(decryptMessage(encrypted, key)).toEqual({ xml, appId: "wx0123456789abcdef" });
      if (i % 50 === 0) expect(() => decryptMessage("AAAA", key)).toThrow(/multiple of 16/);
    }
  });
});
