import { ConfigError } from "../../src/errors";
import { decodePush, type WebhookSettings } from "../../src/wechat/decode-push";
import { aesKeyFromEncodingAesKey, encryptMessage } from "../../src/wechat/message-crypto";
import { computeSignature } from "../../src/wechat/verify-signature";
import { loadFixture, loadJsonFixture } from "../helpers/load-fixture";
import { expectRequestError } from "./expect-request-error";

interface Pamtest { token: string; encodingAESKey: string; appid: string; timestamp: string; nonce: string; msg_signature: string; Encrypt: string }
interface OfficialDemo {
  token: string;
  encodingAESKey: string;
  appid: string;
  inbound: { query: Record<string, string>; body: { ToUserName: string; Encrypt: string } };
}
interface WechatpyWork {
  token: string;
  encodingAESKey: string;
  receive_id: string;
  decrypt_message: { msg_signature: string; timestamp: string; nonce: string; Encrypt: string };
}

const pamtest = loadJsonFixture<Pamtest>("wechat/crypto-pamtest-easywechat-decrypt.json");
const official = loadJsonFixture<OfficialDemo>("wechat/crypto-official-debug-demo.json");
const work = loadJsonFixture<WechatpyWork>("wechat/crypto-wechatpy-work.json");
const plainCase = loadJsonFixture<{ cases: Array<{ token: string; timestamp: string; nonce: string; signature: string }> }>(
  "wechat/sig-plain-official.json",
).cases[1]!;

const pamtestKey = aesKeyFromEncodingAesKey(pamtest.encodingAESKey);
const otherKey = aesKeyFromEncodingAesKey("kWxPEV2UEDyxWpmPdKC3F4dgPDmOvfKX1HGnEUDS1aR");
const seconds = (s: string | number, offset = 0) => new Date((Number(s) + offset) * 1000);

const plainSettings: WebhookSettings = { token: plainCase.token, encryptMode: "plain", appId: undefined, aesKeys: [], replayWindowSeconds: 300 };
/** The official doc's plain-mode POST: token AAAAA, its timestamp, nonce and signature. */
const plainQuery = { signature: plainCase.signature, timestamp: plainCase.timestamp, nonce: plainCase.nonce, openid: "fromUser" };
const plainBody = loadFixture("wechat/in-text.xml");
const plainNow = seconds(plainCase.timestamp, 2);

const safeSettings: WebhookSettings = { token: pamtest.token, encryptMode: "safe", appId: pamtest.appid, aesKeys: [pamtestKey], replayWindowSeconds: 300 };
/** EasyWeChat's pamtest push: msg_signature only, as in its test. */
const safeQuery = { timestamp: pamtest.timestamp, nonce: pamtest.nonce, encrypt_type: "aes", msg_signature: pamtest.msg_signature };
const safeBody = loadFixture("wechat/in-encrypted-safe-mode.xml");
const safeNow = seconds(pamtest.timestamp, 5);

function refusal(fn: () => unknown): { code: string; status: number } {
  const err = expectRequestError(fn);
  return { code: err.code, status: err.status };
}

describe("decodePush", () => {
  describe("plain mode", () => {
    it("verifies the official signature and parses the body", () => {
      const push = decodePush(plainQuery, plainBody, plainSettings, plainNow);
      expect(push).toEqual({
        message: expect.objectContaining({ type: "text", content: "this is a test", msgId: "1234567890123456" }),
        encrypted: false,
        timestamp: plainCase.timestamp,
        nonce: plainCase.nonce,
      });
      expect(push.aesKey).toBeUndefined();
    });

    it("refuses a bad signature with 401 bad_signature", () => {
      expect(refusal(() => decodePush({ ...plainQuery, signature: "0".repeat(40) }, plainBody, plainSettings, plainNow))).toEqual({ code: "bad_signature", status: 401 });
    });

    it("refuses a missing signature or nonce with 401 bad_signature", () => {
      const { signature: _s, ...unsigned } = plainQuery;
      expect(refusal(() => decodePush(unsigned, plainBody, plainSettings, plainNow))).toEqual({ code: "bad_signature", status: 401 });
      const { nonce: _n, ...noNonce } = plainQuery;
      expect(refusal(() => decodePush(noNonce, plainBody, plainSettings, plainNow))).toEqual({ code: "bad_signature", status: 401 });
    });

    it("refuses an empty body with 400 empty_body, after the signature", () => {
      expect(refusal(() => decodePush(plainQuery, "", plainSettings, plainNow))).toEqual({ code: "empty_body", status: 400 });
      expect(refusal(() => decodePush({ ...plainQuery, signature: undefined }, "", plainSettings, plainNow)).code).toBe("bad_signature");
    });

    it("refuses a non-XML body with 400 malformed_xml", () => {
      expect(refusal(() => decodePush(plainQuery, '{"MsgType":"text"}', plainSettings, plainNow))).toEqual({ code: "malformed_xml", status: 400 });
    });

    it("explains an encrypted body received while configured for plain mode", () => {
      const err = expectRequestError(() => decodePush(plainQuery, safeBody, plainSettings, plainNow));
      expect(err.code).toBe("malformed_xml");
      expect(err.message).toContain("encrypted");
    });
  });

  describe("timestamp window", () => {
    it.each([
      ["301 s old", 301],
      ["301 s in the future", -301],
    ])("refuses a timestamp %s with 401 stale_timestamp", (_what, offset) => {
      expect(refusal(() => decodePush(plainQuery, plainBody, plainSettings, seconds(plainCase.timestamp, offset)))).toEqual({ code: "stale_timestamp", status: 401 });
    });

    it("accepts a timestamp exactly at the edge of the window", () => {
      expect(decodePush(plainQuery, plainBody, plainSettings, seconds(plainCase.timestamp, 300)).message.type).toBe("text");
      expect(decodePush(plainQuery, plainBody, plainSettings, seconds(plainCase.timestamp, -300)).message.type).toBe("text");
    });

    it("refuses a missing or non-numeric timestamp", () => {
      expect(refusal(() => decodePush({ ...plainQuery, timestamp: undefined }, plainBody, plainSettings, plainNow)).code).toBe("stale_timestamp");
      expect(refusal(() => decodePush({ ...plainQuery, timestamp: "1714037059.5" }, plainBody, plainSettings, plainNow)).code).toBe("stale_timestamp");
    });

    it("checks the timestamp before the signature and the body", () => {
      const late = seconds(plainCase.timestamp, 3600);
      expect(refusal(() => decodePush({ ...plainQuery, signature: "bad" }, "garbage", plainSettings, late)).code).toBe("stale_timestamp");
      expect(refusal(() => decodePush(safeQuery, "garbage", safeSettings, seconds(pamtest.timestamp, -3600))).code).toBe("stale_timestamp");
    });

    it("does not depend on the process time zone", () => {
      // A Beijing wall-clock instant written with its offset: the same Unix second in any TZ.
      const now = new Date("2024-04-25T17:24:21+08:00"); // plainCase.timestamp + 2 s
      expect(now.getTime()).toBe(plainNow.getTime());
      expect(decodePush(plainQuery, plainBody, plainSettings, now).message.type).toBe("text");
    });
  });

  describe("safe mode", () => {
    it("verifies msg_signature, decrypts, checks the AppId and parses the inner XML (pamtest)", () => {
      const push = decodePush(safeQuery, safeBody, safeSettings, safeNow);
      expect(push.encrypted).toBe(true);
      expect(push.aesKey?.equals(pamtestKey)).toBe(true);
      expect(push.message).toEqual({
        type: "text",
        accountOriginalId: "asdasdasd",
        openId: "asdasdasdsadasd",
        createdAt: new Date(1234567898 * 1000),
        msgId: "12345",
        dedupKey: "m:12345",
        content: "hello",
      });
      expect({ timestamp: push.timestamp, nonce: push.nonce }).toEqual({ timestamp: pamtest.timestamp, nonce: pamtest.nonce });
    });

    it("decodes wechatpy's encrypted push with its 64-bit MsgId intact", () => {
      const body = `<xml><ToUserName><![CDATA[${work.receive_id}]]></ToUserName><Encrypt><![CDATA[${work.decrypt_message.Encrypt}]]></Encrypt><AgentID><![CDATA[1]]></AgentID></xml>`;
      const m = work.decrypt_message;
      const settings: WebhookSettings = { token: work.token, encryptMode: "safe", appId: work.receive_id, aesKeys: [aesKeyFromEncodingAesKey(work.encodingAESKey)], replayWindowSeconds: 300 };
      const push = decodePush({ timestamp: m.timestamp, nonce: m.nonce, encrypt_type: "aes", msg_signature: m.msg_signature }, body, settings, seconds(m.timestamp));
      expect(push.message).toMatchObject({ type: "text", msgId: "4363689963896700987", content: "test", openId: "messense" });
    });

    it("checks both signatures of the official demo before decrypting (its inner body is JSON, so 400)", () => {
      const body = `<xml><ToUserName><![CDATA[${official.inbound.body.ToUserName}]]></ToUserName><Encrypt><![CDATA[${official.inbound.body.Encrypt}]]></Encrypt></xml>`;
      const settings: WebhookSettings = { token: official.token, encryptMode: "safe", appId: official.appid, aesKeys: [aesKeyFromEncodingAesKey(official.encodingAESKey)], replayWindowSeconds: 300 };
      const now = seconds(official.inbound.query["timestamp"]!);
      expect(refusal(() => decodePush(official.inbound.query, body, settings, now))).toEqual({ code: "malformed_xml", status: 400 });
      const forged = { ...official.inbound.query, signature: "6c5c811b55cc85e0e1b54100749188c20beb3f5e" };
      expect(refusal(() => decodePush(forged, body, settings, now))).toEqual({ code: "bad_signature", status: 401 });
    });

    it("refuses a bad msg_signature (EasyWeChat's 'invalid-signature') with 401", () => {
      expect(refusal(() => decodePush({ ...safeQuery, msg_signature: "invalid-signature" }, safeBody, safeSettings, safeNow))).toEqual({ code: "bad_signature", status: 401 });
    });

    it("refuses a missing msg_signature with 401, even with a valid URL signature", () => {
      const signature = computeSignature(pamtest.token, pamtest.timestamp, pamtest.nonce);
      const query = { timestamp: pamtest.timestamp, nonce: pamtest.nonce, encrypt_type: "aes", signature };
      expect(refusal(() => decodePush(query, safeBody, safeSettings, safeNow))).toEqual({ code: "bad_signature", status: 401 });
    });

    it("refuses a plaintext push (no encrypt_type) with a valid signature: no downgrade", () => {
      const query = { timestamp: pamtest.timestamp, nonce: pamtest.nonce, signature: computeSignature(pamtest.token, pamtest.timestamp, pamtest.nonce) };
      expect(refusal(() => decodePush(query, plainBody, safeSettings, safeNow))).toEqual({ code: "encryption_required", status: 401 });
      expect(refusal(() => decodePush({ ...query, encrypt_type: "raw" }, plainBody, safeSettings, safeNow)).code).toBe("encryption_required");
    });

    it("refuses a plaintext body sent with encrypt_type=aes", () => {
      expect(refusal(() => decodePush(safeQuery, plainBody, safeSettings, safeNow))).toEqual({ code: "encryption_required", status: 401 });
    });

    it("refuses an AppId other than ours (EasyWeChat's negative case) exactly as bad padding, echoing nothing decrypted (issue 12, defect 6)", () => {
      const wrongAppId = expectRequestError(() => decodePush(safeQuery, safeBody, { ...safeSettings, appId: "invalid appid" }, safeNow));
      // A correctly signed Encrypt whose last byte is not valid padding.
      const padded = Buffer.from(pamtest.Encrypt, "base64");
      padded[padded.length - 1] = padded[padded.length - 1]! ^ 0x55;
      const encrypt = padded.toString("base64");
      const query = { ...safeQuery, msg_signature: computeSignature(pamtest.token, pamtest.timestamp, pamtest.nonce, encrypt) };
      const badPadding = expectRequestError(() => decodePush(query, safeBody.replace(pamtest.Encrypt, encrypt), safeSettings, safeNow));
      expect([wrongAppId.code, wrongAppId.status, wrongAppId.message]).toEqual([badPadding.code, badPadding.status, badPadding.message]);
      expect(wrongAppId.message).toBe("wechat: cannot decrypt Encrypt");
      expect(wrongAppId.message).not.toContain(pamtest.appid);
    });

    it("accepts the previous AES key and reports which key worked", () => {
      const push = decodePush(safeQuery, safeBody, { ...safeSettings, aesKeys: [otherKey, pamtestKey] }, safeNow);
      expect(push.message.type).toBe("text");
      expect(push.aesKey?.equals(pamtestKey)).toBe(true);
    });

    it("refuses a push neither key decrypts with 400 bad_ciphertext", () => {
      expect(refusal(() => decodePush(safeQuery, safeBody, { ...safeSettings, aesKeys: [otherKey] }, safeNow))).toEqual({ code: "bad_ciphertext", status: 400 });
    });

    it.each([
      ["random bytes", Buffer.alloc(64, 7).toString("base64")],
      ["text that is not base64", "这不是密文!!"],
      ["base64 of an odd length", Buffer.alloc(21, 1).toString("base64")],
    ])("answers a correctly signed Encrypt of %s with 400 bad_ciphertext, not a 500", (_what, encrypt) => {
      const body = `<xml><ToUserName><![CDATA[gh_1]]></ToUserName><Encrypt><![CDATA[${encrypt}]]></Encrypt></xml>`;
      const query = { ...safeQuery, msg_signature: computeSignature(pamtest.token, pamtest.timestamp, pamtest.nonce, encrypt) };
      expect(refusal(() => decodePush(query, body, safeSettings, safeNow))).toEqual({ code: "bad_ciphertext", status: 400 });
    });

    it("answers a correctly encrypted body that is not a push with 400 malformed_xml", () => {
      const encrypt = encryptMessage("not xml at all", pamtestKey, pamtest.appid);
      const body = `<xml><Encrypt><![CDATA[${encrypt}]]></Encrypt></xml>`;
      const query = { ...safeQuery, msg_signature: computeSignature(pamtest.token, pamtest.timestamp, pamtest.nonce, encrypt) };
      expect(refusal(() => decodePush(query, body, safeSettings, safeNow))).toEqual({ code: "malformed_xml", status: 400 });
    });

    it("reads an Encrypt written without CDATA or spread over lines (XML parser path)", () => {
      const body = `<?xml version="1.0"?>\n<xml>\n  <ToUserName>asdasdasd</ToUserName>\n  <Encrypt>\n${pamtest.Encrypt}</Encrypt>\n</xml>`;
      // The signature covers the text as sent, here with its leading newline.
      const query = { ...safeQuery, msg_signature: computeSignature(pamtest.token, pamtest.timestamp, pamtest.nonce, `\n${pamtest.Encrypt}`) };
      expect(refusal(() => decodePush(query, body, safeSettings, safeNow)).code).toBe("bad_ciphertext");
      const cleanBody = body.replace(`\n${pamtest.Encrypt}`, pamtest.Encrypt);
      expect(decodePush(safeQuery, cleanBody, safeSettings, safeNow).message).toMatchObject({ content: "hello" });
    });

    it("refuses an empty or non-XML body with 400", () => {
      expect(refusal(() => decodePush(safeQuery, "", safeSettings, safeNow))).toEqual({ code: "empty_body", status: 400 });
      expect(refusal(() => decodePush(safeQuery, "Encrypt=abc", safeSettings, safeNow))).toEqual({ code: "malformed_xml", status: 400 });
    });

    it("fails loudly when the AppID or key is not configured", () => {
      expect(() => decodePush(safeQuery, safeBody, { ...safeSettings, appId: undefined }, safeNow)).toThrow(ConfigError);
      expect(() => decodePush(safeQuery, safeBody, { ...safeSettings, aesKeys: [] }, safeNow)).toThrow(ConfigError);
    });
  });

  describe("compat mode", () => {
    const compatSettings: WebhookSettings = { ...safeSettings, encryptMode: "compat" };

    it("accepts a plaintext push verified by signature", () => {
      const query = { timestamp: pamtest.timestamp, nonce: pamtest.nonce, signature: computeSignature(pamtest.token, pamtest.timestamp, pamtest.nonce) };
      const push = decodePush(query, plainBody, compatSettings, safeNow);
      expect(push.encrypted).toBe(false);
      expect(push.message.type).toBe("text");
    });

    it("accepts an encrypted push and marks it encrypted", () => {
      const push = decodePush(safeQuery, safeBody, compatSettings, safeNow);
      expect(push.encrypted).toBe(true);
      expect(push.message).toMatchObject({ type: "text", content: "hello" });
    });

    it("decrypts the Encrypt of a compat body that also carries plaintext fields", () => {
      // 兼容模式 sends both: the plaintext must not be trusted over what msg_signature covers.
      const body = plainBody.replace("</xml>", `<Encrypt><![CDATA[${pamtest.Encrypt}]]></Encrypt></xml>`);
      expect(decodePush(safeQuery, body, compatSettings, safeNow).message).toMatchObject({ content: "hello", openId: "asdasdasdsadasd" });
    });

    it("refuses a plaintext push with a bad signature and an encrypted one with a bad msg_signature", () => {
      const query = { timestamp: pamtest.timestamp, nonce: pamtest.nonce, signature: "f".repeat(40) };
      expect(refusal(() => decodePush(query, plainBody, compatSettings, safeNow)).code).toBe("bad_signature");
      expect(refusal(() => decodePush({ ...safeQuery, msg_signature: "f".repeat(40) }, safeBody, compatSettings, safeNow)).code).toBe("bad_signature");
    });
  });
});
