import { renderEncryptedReply, renderReply } from "../../src/wechat/render-reply";
import { parseMessage } from "../../src/wechat/parse-message";
import type { Reply, ReplyEnvelope } from "../../src/wechat/types";
import { loadFixture } from "../helpers/load-fixture";
import { withoutIndentation } from "./expect-request-error";

const envelope = (to: string, from: string, createTime: number): ReplyEnvelope => ({
  toOpenId: to,
  fromOriginalId: from,
  createdAt: new Date(createTime * 1000),
});

const vectors: Array<[string, Reply, ReplyEnvelope]> = [
  ["reply-text.xml", { type: "text", content: "content" }, envelope("to", "from", 1122)],
  ["reply-image.xml", { type: "image", mediaId: "ddfefesfsdfef" }, envelope("to", "from", 1122)],
  ["reply-voice.xml", { type: "voice", mediaId: "ddfefesfsdfef" }, envelope("to", "from", 1122)],
  ["reply-video.xml", { type: "video", mediaId: "media_id", title: "title", description: "ddfff" }, envelope("toUser", "fromUser", 1122)],
  [
    "reply-music.xml",
    { type: "music", title: "title", description: "ddfff", thumbMediaId: "thumbMediaId", musicUrl: "musicUrl", hqMusicUrl: "hQMusicUrl" },
    envelope("toUser", "fromUser", 1122),
  ],
  [
    "reply-news-1item.xml",
    { type: "news", articles: [{ title: "title1", description: "description1", picUrl: "picurl", url: "url" }] },
    envelope("toUser", "fromUser", 12345678),
  ],
  [
    "reply-news-2items.xml",
    {
      type: "news",
      articles: [
        { title: "title", description: "description", picUrl: "picUrl", url: "url" },
        { title: "title", description: "description", picUrl: "picUrl", url: "url" },
      ],
    },
    envelope("toUser", "fromUser", 1122),
  ],
  ["reply-transfer-customer-service.xml", { type: "transfer_customer_service" }, envelope("touser", "fromuser", 1399197672)],
  ["reply-transfer-customer-service-kf.xml", { type: "transfer_customer_service", kfAccount: "test1@test" }, envelope("touser", "fromuser", 1399197672)],
];

describe("renderReply", () => {
  it.each(vectors)("reproduces %s", (file, reply, env) => {
    expect(renderReply(reply, env)).toBe(withoutIndentation(loadFixture(`wechat/${file}`)));
  });

  it("writes CreateTime in seconds, flooring milliseconds", () => {
    const xml = renderReply({ type: "text", content: "hi" }, { toOpenId: "o1", fromOriginalId: "gh_1", createdAt: new Date("2026-12-01T01:00:00.999Z") });
    expect(xml).toContain("<CreateTime>1796086800</CreateTime>");
  });

  it("leaves out ThumbMediaId of a music reply when unset, and renders unset fields empty", () => {
    const xml = renderReply({ type: "music", title: "团歌", musicUrl: "https://example.org/a.mp3" }, envelope("o1", "gh_1", 1));
    expect(xml).toContain(
      "<Music><Title><![CDATA[团歌]]></Title><Description><![CDATA[]]></Description><MusicUrl><![CDATA[https://example.org/a.mp3]]></MusicUrl><HQMusicUrl><![CDATA[]]></HQMusicUrl></Music>",
    );
  });

  it("leaves out the optional Title and Description of a video reply", () => {
    expect(renderReply({ type: "video", mediaId: "m1" }, envelope("o1", "gh_1", 1))).toContain("<Video><MediaId><![CDATA[m1]]></MediaId></Video>");
  });

  it("splits ]]> inside a value so the CDATA section cannot be closed early", () => {
    const xml = renderReply({ type: "text", content: "a]]>b]]>" }, envelope("o1", "gh_1", 1));
    expect(xml).toContain("<Content><![CDATA[a]]]]><![CDATA[>b]]]]><![CDATA[>]]></Content>");
  });

  it("escapes ]]> in addressing and article fields too", () => {
    const xml = renderReply(
      { type: "news", articles: [{ title: "x]]><y/>", description: "", picUrl: "", url: "https://mp.weixin.qq.com/s/a" }] },
      envelope("o]]>1", "gh_1", 1),
    );
    expect(xml).toContain("<ToUserName><![CDATA[o]]]]><![CDATA[>1]]></ToUserName>");
    expect(xml).toContain("<Title><![CDATA[x]]]]><![CDATA[><y/>]]></Title>");
  });

  it("produces XML that reads back with the same values (our own parser as a check)", () => {
    const content = "青年之声]]>回复 <b>&amp;</b>\n第二行";
    const xml = renderReply({ type: "text", content }, envelope("oYouth", "gh_league", 1796086800)).replace("</xml>", "<MsgId>1</MsgId></xml>");
    expect(parseMessage(xml)).toMatchObject({ type: "text", content, accountOriginalId: "oYouth", openId: "gh_league" });
  });

  it("drops control characters that XML 1.0 cannot carry", () => {
    expect(renderReply({ type: "text", content: "a\u0000b\u0007c\td" }, envelope("o1", "gh_1", 1))).toContain("<![CDATA[abc\td]]>");
  });
});

describe("renderReply with long texts (built once, then remembered)", () => {
  it("renders the same long text identically every time and escapes a long one with ]]>", () => {
    const env = { toOpenId: "o1", fromOriginalId: "gh_1", createdAt: new Date("2026-12-01T01:00:00Z") };
    const long = "【轮青诚聘】".repeat(20);
    const first = renderReply({ type: "text", content: long }, env);
    expect(renderReply({ type: "text", content: long }, env)).toBe(first);
    expect(first).toContain(`<Content><![CDATA[${long}]]></Content>`);
    const tricky = `${"团县委".repeat(30)}]]>\u0001尾`;
    const xml = renderReply({ type: "text", content: tricky }, { ...env, toOpenId: "o2" });
    expect(xml).toContain(`<Content><![CDATA[${"团县委".repeat(30)}]]]]><![CDATA[>尾]]></Content>`);
    expect(xml).toContain("<ToUserName><![CDATA[o2]]></ToUserName>");
    // Many distinct long texts: the cache is dropped when full, the output never changes.
    for (let i = 0; i < 1200; i++) {
      const text = `${"第".repeat(70)}${i}`;
      expect(renderReply({ type: "text", content: text }, env)).toContain(`<![CDATA[${text}]]>`);
    }
  });
});

describe("renderEncryptedReply", () => {
  it("reproduces wechatpy's expected envelope", () => {
    const xml = renderEncryptedReply({
      encrypt:
        "9s4gMv99m88kKTh/H8IdkOiMg6bisoy3ypwy9H4hvSPe9nsGaqyw5hhSjdYbcrKk+j3nba4HMOTzHrluLBYqxgNcBqGsL8GqxlhZgURnAtObvesEl5nZ+uBE8bviY0LWke8Zy9V/QYKxNV2FqllNXcfmstttyIkMKCCmVbCFM2JTF5wY0nFhHZSjPUL2Q1qvSUCUld+/WIXrx0oyKQmpB6o8NRrrNrsDf03oxI1p9FxUgMnwKKZeOA/uu+2IEvEBtb7muXsVbwbgX05UPPJvFurDXafG0RQyPR+mf1nDnAtQmmNOuiR5MIkdQ39xn1vWwi1O5oazPoQJz0nTYjxxEE8kv3kFxtAGVRe3ypD3WeK2XeFYFMNMpatF9XiKzHo3",
      msgSignature: "407518b7649e86ef23978113f92d27afa9296533",
      timestamp: "1411525903",
      nonce: "461056294",
    });
    expect(xml).toBe(withoutIndentation(loadFixture("wechat/reply-encrypted-wechatpy.xml")));
  });
});
