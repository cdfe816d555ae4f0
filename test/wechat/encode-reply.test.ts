import { decodePush, type DecodedPush, type WebhookSettings } from "../../src/wechat/decode-push";
import { encodeReply, verifyEcho } from "../../src/wechat/encode-reply";
import { aesKeyFromEncodingAesKey, decryptMessage } from "../../src/wechat/message-crypto";
import { parseMessage } from "../../src/wechat/parse-message";
import { readXml, childText } from "../../src/wechat/read-xml";
import { computeSignature, verifyMsgSignature } from "../../src/wechat/verify-signature";
import { loadFixture, loadJsonFixture } from "../helpers/load-fixture";
import { expectRequestError } from "./expect-request-error";

interface Pamtest { token: string; encodingAESKey: string; appid: string; timestamp: string; nonce: string; msg_signature: string }
interface WechatpyWork {
  token: string;
  encodingAESKey: string;
  receive_id: string;
  echostr_check: { msg_signature: string; timestamp: string; nonce: string; echostr: string; echostr_plain_recovered: string };
}

const pamtest = loadJsonFixture<Pamtest>("wechat/crypto-pamtest-easywechat-decrypt.json");
const work = loadJsonFixture<WechatpyWork>("wechat/crypto-wechatpy-work.json");
const pamtestKey = aesKeyFromEncodingAesKey(pamtest.encodingAESKey);
const otherKey = aesKeyFromEncodingAesKey("kWxPEV2UEDyxWpmPdKC3F4dgPDmOvfKX1HGnEUDS1aR");

const safeSettings: WebhookSettings = { token: pamtest.token, encryptMode: "safe", appId: pamtest.appid, aesKeys: [pamtestKey], replayWindowSeconds: 300 };
const safeQuery = { timestamp: pamtest.timestamp, nonce: pamtest.nonce, encrypt_type: "aes", msg_signature: pamtest.msg_signature };
const pushedAt = new Date((Number(pamtest.timestamp) + 1) * 1000);
/** Reply time: 1.5 s after the push, so CreateTime must floor the milliseconds. */
const repliedAt = new Date((Number(pamtest.timestamp) + 2) * 1000 + 500);
const repliedAtSeconds = String(Number(pamtest.timestamp) + 2);

const encryptedPush = (settings: WebhookSettings = safeSettings): DecodedPush =>
  decodePush(safeQuery, loadFixture("wechat/in-encrypted-safe-mode.xml"), settings, pushedAt);

const plainSettings: WebhookSettings = { token: "AAAAA", encryptMode: "plain", appId: undefined, aesKeys: [], replayWindowSeconds: 300 };
const plainPush = (): DecodedPush =>
  decodePush(
    { signature: "899cf89e464efb63f54ddac96b0a0a235f53aa78", timestamp: "1714037059", nonce: "486452656" },
    loadFixture("wechat/in-text.xml"),
    plainSettings,
    new Date(1714037060 * 1000),
  );

describe("encodeReply", () => {
  it("answers null with the bare string success, unencrypted even in safe mode", () => {
    expect(encodeReply(null, encryptedPush(), safeSettings, repliedAt)).toBe("success");
    expect(encodeReply(null, plainPush(), plainSettings, repliedAt)).toBe("success");
  });

  it("answers a plain push with the reply addressed back to the sender, CreateTime in seconds", () => {
    const xml = encodeReply({ type: "text", content: "欢迎关注轮台团县委" }, plainPush(), plainSettings, new Date(1714037061 * 1000 + 999));
    expect(xml).toBe(
      "<xml><ToUserName><![CDATA[fromUser]]></ToUserName><FromUserName><![CDATA[toUser]]></FromUserName>" +
        "<CreateTime>1714037061</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[欢迎关注轮台团县委]]></Content></xml>",
    );
  });

  it("encrypts the reply to an encrypted push: signed envelope, our TimeStamp, the request's Nonce", () => {
    const envelope = readXml(encodeReply({ type: "text", content: "收到" }, encryptedPush(), safeSettings, repliedAt));
    const [encrypt, msgSignature, timestamp, nonce] = ["Encrypt", "MsgSignature", "TimeStamp", "Nonce"].map((n) => childText(envelope, n) ?? "");
    expect(timestamp).toBe(repliedAtSeconds);
    expect(nonce).toBe(pamtest.nonce);
    expect(verifyMsgSignature(pamtest.token, timestamp!, nonce!, encrypt!, msgSignature)).toBe(true);

    const inner = decryptMessage(encrypt!, pamtestKey);
    expect(inner.appId).toBe(pamtest.appid);
    const reply = readXml(inner.xml);
    expect(childText(reply, "ToUserName")).toBe("asdasdasdsadasd"); // the youth's OpenID (push FromUserName)
    expect(childText(reply, "FromUserName")).toBe("asdasdasd"); // the account (push ToUserName)
    expect(childText(reply, "CreateTime")).toBe(repliedAtSeconds);
    expect(childText(reply, "Content")).toBe("收到");
  });

  it("is deterministic with a fixed random prefix", () => {
    const random16 = Buffer.from("aaaabbbbccccdddd");
    const a = encodeReply({ type: "image", mediaId: "m1" }, encryptedPush(), safeSettings, repliedAt, random16);
    const b = encodeReply({ type: "image", mediaId: "m1" }, encryptedPush(), safeSettings, repliedAt, random16);
    expect(a).toBe(b);
    expect(a).toMatch(/^<xml><Encrypt><!\[CDATA\[[A-Za-z0-9+/=]+\]\]><\/Encrypt><MsgSignature><!\[CDATA\[[0-9a-f]{40}\]\]><\/MsgSignature><TimeStamp>\d+<\/TimeStamp><Nonce><!\[CDATA\[260774613\]\]><\/Nonce><\/xml>$/);
  });

  it("encrypts with the previous key when that is the one that decrypted the push", () => {
    const settings = { ...safeSettings, aesKeys: [otherKey, pamtestKey] };
    const envelope = readXml(encodeReply({ type: "text", content: "ok" }, encryptedPush(settings), settings, repliedAt));
    expect(decryptMessage(childText(envelope, "Encrypt")!, pamtestKey).xml).toContain("<Content><![CDATA[ok]]></Content>");
  });

  it("produces an envelope that decodePush itself accepts back (round trip through the public API)", () => {
    const body = encodeReply({ type: "text", content: "第1期 ]]> 轮青诚聘" }, encryptedPush(), safeSettings, repliedAt);
    const envelope = readXml(body);
    const query = { timestamp: childText(envelope, "TimeStamp"), nonce: childText(envelope, "Nonce"), encrypt_type: "aes", msg_signature: childText(envelope, "MsgSignature") };
    const back = decodePush(query, body, safeSettings, repliedAt);
    // A reply has no MsgId, so it reads back as an unknown text message with its fields.
    expect(back.message).toMatchObject({ type: "unknown", msgType: "text", openId: "asdasdasd", accountOriginalId: "asdasdasdsadasd", fields: { Content: "第1期 ]]> 轮青诚聘" } });
    expect(back.message.createdAt).toEqual(new Date(Number(repliedAtSeconds) * 1000));
  });

  it("answers an encrypted push in compat mode encrypted, and a plain one in plain XML", () => {
    const compat = { ...safeSettings, encryptMode: "compat" as const };
    expect(encodeReply({ type: "text", content: "a" }, encryptedPush(compat), compat, repliedAt)).toContain("<Encrypt>");
    const plainQuery = { timestamp: pamtest.timestamp, nonce: pamtest.nonce, signature: computeSignature(pamtest.token, pamtest.timestamp, pamtest.nonce) };
    const push = decodePush(plainQuery, loadFixture("wechat/in-text.xml"), compat, pushedAt);
    const xml = encodeReply({ type: "text", content: "a" }, push, compat, repliedAt);
    expect(parseMessage(xml.replace("</xml>", "<MsgId>1</MsgId></xml>"))).toMatchObject({ type: "text", content: "a", accountOriginalId: "fromUser" });
  });
});

describe("verifyEcho", () => {
  const official = loadJsonFixture<{ cases: Array<{ token: string; timestamp: string; nonce: string; signature: string; echostr?: string; response_body?: string }> }>(
    "wechat/sig-plain-official.json",
  ).cases[0]!;
  const query = { signature: official.signature, timestamp: official.timestamp, nonce: official.nonce, echostr: official.echostr };

  it("echoes echostr verbatim for the official GET example", () => {
    expect(verifyEcho(query, { ...plainSettings, token: official.token })).toBe(official.response_body);
  });

  it("echoes verbatim in safe mode too (Official Accounts sign the handshake in plain)", () => {
    expect(verifyEcho(query, { ...safeSettings, token: official.token })).toBe(official.response_body);
  });

  it("ignores the timestamp window: the console may repeat the check much later", () => {
    // The signed timestamp is from 2024; no `now` is involved at all.
    expect(verifyEcho(query, { ...plainSettings, token: official.token, replayWindowSeconds: 10 })).toBe(official.response_body);
  });

  it("refuses a wrong, missing or foreign signature with 401 bad_signature", () => {
    for (const q of [{ ...query, signature: "0".repeat(40) }, { ...query, signature: undefined }, query]) {
      const err = expectRequestError(() => verifyEcho(q, { ...plainSettings, token: q === query ? "other" : official.token }));
      expect({ code: err.code, status: err.status }).toEqual({ code: "bad_signature", status: 401 });
    }
  });

  describe("WeCom-style encrypted echostr (wechatpy vector)", () => {
    const e = work.echostr_check;
    const settings: WebhookSettings = { token: work.token, encryptMode: "safe", appId: work.receive_id, aesKeys: [aesKeyFromEncodingAesKey(work.encodingAESKey)], replayWindowSeconds: 300 };
    const weComQuery = { msg_signature: e.msg_signature, timestamp: e.timestamp, nonce: e.nonce, echostr: e.echostr };

    it("verifies msg_signature over echostr and returns the decrypted value", () => {
      expect(verifyEcho(weComQuery, settings)).toBe(e.echostr_plain_recovered);
    });

    it("recovers when the query decoder turned the base64 '+' into spaces", () => {
      expect(e.echostr).toContain("+");
      expect(verifyEcho({ ...weComQuery, echostr: e.echostr.replaceAll("+", " ") }, settings)).toBe(e.echostr_plain_recovered);
    });

    it("refuses wechatpy's negative case (nonce 437374424) with 401", () => {
      const err = expectRequestError(() => verifyEcho({ ...weComQuery, nonce: "437374424" }, settings));
      expect({ code: err.code, status: err.status }).toEqual({ code: "bad_signature", status: 401 });
    });

    it("refuses an echostr encrypted for another AppId with 401 wrong_appid", () => {
      expect(expectRequestError(() => verifyEcho(weComQuery, { ...settings, appId: "wx0000000000000000" })).code).toBe("wrong_appid");
    });

    it("refuses it with 401 when no AES key is configured", () => {
      expect(expectRequestError(() => verifyEcho(weComQuery, { ...settings, aesKeys: [] })).code).toBe("bad_signature");
    });
  });
});
