import { parseMessage } from "../../src/wechat/parse-message";
import type { InboundMessage } from "../../src/wechat/types";
import { loadFixture, loadJsonFixture } from "../helpers/load-fixture";
import { expectRequestError } from "./expect-request-error";

const at = (seconds: number) => new Date(seconds * 1000);
const user = (to: string, from: string, createTime: number) => ({ accountOriginalId: to, openId: from, createdAt: at(createTime) });

const expected: Array<[string, InboundMessage]> = [
  ["in-text.xml", { type: "text", ...user("toUser", "fromUser", 1348831860), msgId: "1234567890123456", dedupKey: "m:1234567890123456", content: "this is a test" }],
  ["in-text-real-msgid.xml", { type: "text", ...user("gh_848b8d1809b5", "otDwO5EckxVWz0ItSW8XeWxknXAk", 1597893922), msgId: "22876340532172986", dedupKey: "m:22876340532172986", content: "亲" }],
  ["in-image.xml", { type: "image", ...user("toUser", "fromUser", 1348831860), msgId: "1234567890123456", dedupKey: "m:1234567890123456", picUrl: "this is a url", mediaId: "media_id" }],
  ["in-voice.xml", { type: "voice", ...user("toUser", "fromUser", 1357290913), msgId: "1234567890123456", dedupKey: "m:1234567890123456", mediaId: "media_id", format: "Format" }],
  ["in-voice-recognition.xml", { type: "voice", ...user("toUser", "fromUser", 1357290913), msgId: "1234567890123456", dedupKey: "m:1234567890123456", mediaId: "media_id", format: "Format", recognition: "腾讯微信团队" }],
  ["in-video.xml", { type: "video", ...user("toUser", "fromUser", 1357290913), msgId: "1234567890123456", dedupKey: "m:1234567890123456", mediaId: "media_id", thumbMediaId: "thumb_media_id" }],
  ["in-shortvideo.xml", { type: "shortvideo", ...user("toUser", "fromUser", 1357290913), msgId: "1234567890123456", dedupKey: "m:1234567890123456", mediaId: "media_id", thumbMediaId: "thumb_media_id" }],
  ["in-location.xml", { type: "location", ...user("toUser", "fromUser", 1351776360), msgId: "1234567890123456", dedupKey: "m:1234567890123456", latitude: 23.134521, longitude: 113.358803, scale: 20, label: "位置信息" }],
  ["in-link.xml", { type: "link", ...user("toUser", "fromUser", 1351776360), msgId: "1234567890123456", dedupKey: "m:1234567890123456", title: "公众平台官网链接", description: "公众平台官网链接", url: "url" }],
  ["ev-subscribe.xml", { type: "subscribe", ...user("toUser", "FromUser", 123456789), dedupKey: "e:FromUser:123456789:subscribe:" }],
  ["ev-subscribe-qrscene.xml", { type: "subscribe", ...user("toUser", "FromUser", 123456789), dedupKey: "e:FromUser:123456789:subscribe:qrscene_123123", sceneId: "123123", ticket: "TICKET" }],
  ["ev-unsubscribe.xml", { type: "unsubscribe", ...user("toUser", "FromUser", 123456789), dedupKey: "e:FromUser:123456789:unsubscribe:" }],
  ["ev-scan.xml", { type: "scan", ...user("toUser", "FromUser", 123456789), dedupKey: "e:FromUser:123456789:SCAN:SCENE_VALUE", sceneId: "SCENE_VALUE", ticket: "TICKET" }],
  ["ev-location.xml", { type: "location_report", ...user("toUser", "fromUser", 123456789), dedupKey: "e:fromUser:123456789:LOCATION:", latitude: 23.137466, longitude: 113.352425, precision: 119.38504 }],
  ["ev-click.xml", { type: "click", ...user("toUser", "FromUser", 123456789), dedupKey: "e:FromUser:123456789:CLICK:EVENTKEY", key: "EVENTKEY" }],
  ["ev-view.xml", { type: "view", ...user("toUser", "FromUser", 123456789), dedupKey: "e:FromUser:123456789:VIEW:www.qq.com", url: "www.qq.com", menuId: "MENUID" }],
  [
    "ev-masssendjobfinish-err.xml",
    {
      type: "mass_send_finished", ...user("gh_4d00ed8d6399", "oV5CrjpxgaGXNHIQigzNlgLTnwic", 1481013459), dedupKey: "e:MASSSENDJOBFINISH:1000001625",
      msgId: "1000001625", status: "err(30003)", totalCount: 0, filterCount: 0, sentCount: 0, errorCount: 0, articleUrls: ["Url"],
    },
  ],
  [
    "ev-masssendjobfinish-success.xml",
    {
      type: "mass_send_finished", ...user("gh_796313d723bb", "oDfOv1VV2t0MvjIXRO906uPhyw-I", 1601126291), dedupKey: "e:MASSSENDJOBFINISH:3147483661",
      msgId: "3147483661", status: "send success", totalCount: 8, filterCount: 0, sentCount: 0, errorCount: 0,
      articleUrls: ["http://mp.weixin.qq.com/s/VgyFDJOHQCyBecF4PYqLjA"],
    },
  ],
  [
    "ev-publishjobfinish.xml",
    {
      type: "publish_finished", ...user("gh_4d00ed8d6399", "oV5CrjpxgaGXNHIQigzNlgLTnwic", 1481013459), dedupKey: "e:PUBLISHJOBFINISH:2247503051",
      publishId: "2247503051", publishStatus: 0, articleId: "b5O2OUs25HBxRceL7hfReg-U9QGeq9zQjiDvy WP4Hq4", articleUrls: ["ARTICLE_URL", "ARTICLE_URL_2"], failIdx: [],
    },
  ],
  [
    "ev-publishjobfinish-fail.xml",
    {
      type: "publish_finished", ...user("gh_4d00ed8d6399", "oV5CrjpxgaGXNHIQigzNlgLTnwic", 1481013459), dedupKey: "e:PUBLISHJOBFINISH:2247503051",
      publishId: "2247503051", publishStatus: 2, articleUrls: [], failIdx: [1, 2],
    },
  ],
  [
    "ev-publishjobfinish-observed.xml",
    {
      type: "publish_finished", ...user("ID", "ID", 1636448595), dedupKey: "e:PUBLISHJOBFINISH:1234567890",
      publishId: "1234567890", publishStatus: 0, articleId: "ArticleID", articleUrls: ["ArticleURL"], failIdx: [],
    },
  ],
  [
    "ev-templatesendjobfinish.xml",
    { type: "template_send_finished", ...user("touser", "fromuser", 1395658920), dedupKey: "e:TEMPLATESENDJOBFINISH:200163836", msgId: "200163836", status: "success" },
  ],
];

const vector = (name: string) => loadFixture(`wechat/${name}`);

describe("parseMessage", () => {
  it.each(expected)("parses %s into its variant", (file, message) => {
    expect(parseMessage(vector(file))).toEqual(message);
  });

  it("keeps a MsgId beyond 2^53 exact, as a string", () => {
    const m = parseMessage(vector("in-text-real-msgid.xml"));
    expect(m.type === "text" && m.msgId).toBe("22876340532172986");
    expect(Number("22876340532172986") > Number.MAX_SAFE_INTEGER).toBe(true);
  });

  it("keeps wechatpy's 4363689963896700987 exact and ignores WeCom's AgentID", () => {
    const work = loadJsonFixture<{ decrypt_message: { plaintext_recovered: string } }>("wechat/crypto-wechatpy-work.json");
    const m = parseMessage(work.decrypt_message.plaintext_recovered);
    expect(m).toMatchObject({ type: "text", msgId: "4363689963896700987", dedupKey: "m:4363689963896700987", content: "test", openId: "messense" });
  });

  it("ignores the <URL> element of the decrypted pamtest push", () => {
    const pamtest = loadJsonFixture<{ plaintext_full_recovered: string }>("wechat/crypto-pamtest-easywechat-decrypt.json");
    expect(parseMessage(pamtest.plaintext_full_recovered)).toEqual({
      type: "text",
      ...user("asdasdasd", "asdasdasdsadasd", 1234567898),
      msgId: "12345",
      dedupKey: "m:12345",
      content: "hello",
    });
  });

  it("accepts the publish event under the doc's FREEPUBLISHJOBFINISH name", () => {
    const xml = vector("ev-publishjobfinish.xml").replace("PUBLISHJOBFINISH", "FREEPUBLISHJOBFINISH");
    expect(parseMessage(xml)).toMatchObject({ type: "publish_finished", publishId: "2247503051", dedupKey: "e:PUBLISHJOBFINISH:2247503051" });
  });

  it("reads a publish result sent as MASSSENDJOBFINISH (the old doc prose) from its PublishEventInfo", () => {
    const xml = vector("ev-publishjobfinish-fail.xml").replace("PUBLISHJOBFINISH", "MASSSENDJOBFINISH");
    expect(parseMessage(xml)).toMatchObject({ type: "publish_finished", publishStatus: 2, failIdx: [1, 2] });
  });

  it("accepts MsgId (lower-case d) on MASSSENDJOBFINISH", () => {
    const xml = vector("ev-masssendjobfinish-success.xml").replace(/MsgID>/g, "MsgId>");
    expect(parseMessage(xml)).toMatchObject({ type: "mass_send_finished", msgId: "3147483661" });
  });

  it("compares event names case-insensitively", () => {
    expect(parseMessage(vector("ev-click.xml").replace("CLICK", "click")).type).toBe("click");
    expect(parseMessage(vector("ev-subscribe.xml").replace("subscribe", "SUBSCRIBE")).type).toBe("subscribe");
  });

  it("maps an unknown MsgType to unknown with its fields and MsgId", () => {
    const xml =
      "<xml><ToUserName><![CDATA[gh_1]]></ToUserName><FromUserName><![CDATA[o1]]></FromUserName><CreateTime>1700000000</CreateTime>" +
      "<MsgType><![CDATA[miniprogrampage]]></MsgType><Title><![CDATA[小程序]]></Title><AppId><![CDATA[wx1]]></AppId><MsgId>9223372036854775807</MsgId></xml>";
    expect(parseMessage(xml)).toEqual({
      type: "unknown",
      ...user("gh_1", "o1", 1700000000),
      dedupKey: "m:9223372036854775807",
      msgType: "miniprogrampage",
      msgId: "9223372036854775807",
      fields: { ToUserName: "gh_1", FromUserName: "o1", CreateTime: "1700000000", MsgType: "miniprogrampage", Title: "小程序", AppId: "wx1", MsgId: "9223372036854775807" },
    });
  });

  it("maps an unknown Event to unknown keyed by FromUserName+CreateTime+Event+EventKey", () => {
    const xml = vector("ev-click.xml").replace("CLICK", "scancode_push").replace("</xml>", "<ScanCodeInfo><ScanType>qrcode</ScanType></ScanCodeInfo></xml>");
    expect(parseMessage(xml)).toEqual({
      type: "unknown",
      ...user("toUser", "FromUser", 123456789),
      dedupKey: "e:FromUser:123456789:scancode_push:EVENTKEY",
      msgType: "event",
      event: "scancode_push",
      fields: { ToUserName: "toUser", FromUserName: "FromUser", CreateTime: "123456789", MsgType: "event", Event: "scancode_push", EventKey: "EVENTKEY" },
    });
  });

  it("maps a modelled type that lacks its MsgId to unknown instead of inventing one", () => {
    const xml = vector("in-text.xml").replace("<MsgId>1234567890123456</MsgId>", "");
    expect(parseMessage(xml)).toMatchObject({ type: "unknown", msgType: "text", dedupKey: "e:fromUser:1348831860:text:" });
  });

  it("maps an event without an Event element to unknown", () => {
    const xml = vector("ev-subscribe.xml").replace("<Event><![CDATA[subscribe]]></Event>", "");
    expect(parseMessage(xml)).toMatchObject({ type: "unknown", msgType: "event" });
  });

  it("tolerates whitespace around ids and numbers, entities and an XML declaration", () => {
    const xml =
      '<?xml version="1.0" encoding="UTF-8"?>\n<xml>\n  <ToUserName>gh_1</ToUserName>\n  <FromUserName><![CDATA[o1]]></FromUserName>\n' +
      "  <CreateTime>\n 1700000000 \n</CreateTime>\n  <MsgType>text</MsgType>\n  <Content>a &amp; b &lt;c&gt;</Content>\n  <MsgId> 42 </MsgId>\n</xml>\n";
    expect(parseMessage(xml)).toEqual({ type: "text", ...user("gh_1", "o1", 1700000000), msgId: "42", dedupKey: "m:42", content: "a & b <c>" });
  });

  it("keeps the spaces a user typed inside CDATA", () => {
    const xml = vector("in-text.xml").replace("this is a test", "  团委 \n 你好  ");
    expect(parseMessage(xml)).toMatchObject({ content: "  团委 \n 你好  " });
  });

  it.each([
    ["an empty body", ""],
    ["a blank body", " \n\t"],
    ["plain text", "success"],
    ["JSON", '{"ToUserName":"gh_1"}'],
    ["truncated XML", "<xml><ToUserName><![CDATA[gh_1]]></ToUserName>"],
    ["a DOCTYPE with an entity", '<!DOCTYPE xml [<!ENTITY x "boom">]><xml><Content>&x;</Content></xml>'],
  ])("throws malformed_xml 400 for %s", (_what, body) => {
    const err = expectRequestError(() => parseMessage(body));
    expect({ code: err.code, status: err.status }).toEqual({ code: "malformed_xml", status: 400 });
  });

  it("throws malformed_xml for a root other than <xml>, naming it", () => {
    const err = expectRequestError(() => parseMessage(vector("in-text.xml").replace(/xml>/g, "message>")));
    expect(err.code).toBe("malformed_xml");
    expect(err.message).toContain("<message>");
  });

  it("names every missing required element", () => {
    const xml = "<xml><ToUserName><![CDATA[gh_1]]></ToUserName><CreateTime>1700000000</CreateTime><Content>hi</Content></xml>";
    const err = expectRequestError(() => parseMessage(xml));
    expect({ code: err.code, status: err.status }).toEqual({ code: "malformed_xml", status: 400 });
    expect(err.message).toContain("missing FromUserName, MsgType");
  });

  it("throws malformed_xml for <xml/> and for a CreateTime that is not Unix seconds", () => {
    expect(expectRequestError(() => parseMessage("<xml/>")).message).toContain("missing ToUserName, FromUserName, CreateTime, MsgType");
    const err = expectRequestError(() => parseMessage(vector("in-text.xml").replace("1348831860", "2012-09-28")));
    expect(err.code).toBe("malformed_xml");
    expect(err.message).toContain("CreateTime");
  });

  it.each([
    ["beyond 64 bits", "99999999999999999999"],
    ["beyond 32 bits", "4294967296"],
    ["negative", "-1"],
    ["fractional", "1348831860.5"],
    ["not a number", "NaN"],
  ])("refuses a CreateTime %s before anything is stored (issue 12, defect 2)", (_what, createTime) => {
    const err = expectRequestError(() => parseMessage(vector("in-text.xml").replace("1348831860", createTime)));
    expect([err.code, err.status]).toEqual(["malformed_xml", 400]);
    expect(err.message).toContain("CreateTime");
  });

  it("refuses a MsgId over 64 characters and an over-long FromUserName, naming the field", () => {
    const longId = expectRequestError(() => parseMessage(vector("in-text.xml").replace(/<MsgId>\d+<\/MsgId>/, `<MsgId>${"9".repeat(65)}</MsgId>`)));
    expect(longId.message).toContain("MsgId is longer than 64");
    const longFrom = expectRequestError(() => parseMessage(vector("in-text.xml").replace("fromUser", "o".repeat(129))));
    expect(longFrom.message).toContain("FromUserName is longer than 128");
  });

  it("throws malformed_xml for the encrypted envelope, which has no FromUserName", () => {
    expect(expectRequestError(() => parseMessage(vector("in-encrypted-safe-mode.xml"))).message).toContain("FromUserName");
  });
});
