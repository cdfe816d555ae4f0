import { createApiClient } from "../../src/wechat/api-client";
import { APP_ID, APP_SECRET, fakeJpeg, makeDraft, startHarness, type Harness } from "./harness";

/**
 * WeChat's 2025 publishing rules as the sandbox simulates them (platform-2025.md §1a–c; protocol
 * §5.3, §5.5): newspic drafts, API 群发保护 (approve, refuse, time out after 30 minutes of the
 * sandbox's clock), 60 sendall requests a minute, clientmsgid deduplication within 24 h, and
 * freepublish refused (48001) for an unverified account.
 */
let h: Harness;
afterEach(() => h.close());

type Json = Record<string, unknown>;
async function raw(path: string, body: Json): Promise<Json> {
  const url = `${h.baseUrl}${path}?access_token=${await h.client.getAccessToken()}`;
  return (await (await fetch(url, { method: "POST", body: JSON.stringify(body) })).json()) as Json;
}
const sendall = (mediaId: string, clientmsgid: string) => ({ filter: { is_to_all: true }, msgtype: "mpnews", mpnews: { media_id: mediaId }, send_ignore_reprint: 0, clientmsgid });

describe("newspic (图片消息) drafts", () => {
  beforeEach(async () => {
    h = await startHarness();
  });
  const picture = async () => (await h.client.material.add("image", { data: fakeJpeg(), filename: "lanterns.jpg" })).mediaId;
  const newspic = (extra: Json) => ({ article_type: "newspic", title: "元宵节灯会", content: "县城广场的花灯今晚点亮。\n欢迎青年朋友来看。", ...extra });

  it("accepts plain text with permanent images in image_info.image_list, and needs no thumb", async () => {
    const ids = [await picture(), await picture()];
    const body = await raw("/cgi-bin/draft/add", { articles: [newspic({ image_info: { image_list: ids.map((id) => ({ image_media_id: id })) } })] });
    expect(body.media_id).toEqual(expect.any(String));
    expect(h.sandbox.inspect().drafts[0]!.articles[0]).toMatchObject({ article_type: "newspic", image_info: { image_list: [{ image_media_id: ids[0] }, { image_media_id: ids[1] }] } });
  });

  it("refuses an uploadimg URL or unknown id as a picture (40007), HTML or over 2 KB of text (45166), and more than 20 pictures", async () => {
    const body = await h.client.media.uploadImage({ data: fakeJpeg(), filename: "a.jpg" });
    expect((await raw("/cgi-bin/draft/add", { articles: [newspic({ image_info: { image_list: [{ image_media_id: body.url }] } })] })).errcode).toBe(40007);
    const id = await picture();
    const one = { image_list: [{ image_media_id: id }] };
    expect((await raw("/cgi-bin/draft/add", { articles: [newspic({ content: "<p>灯会</p>", image_info: one })] })).errcode).toBe(45166);
    expect((await raw("/cgi-bin/draft/add", { articles: [newspic({ content: "灯".repeat(683), image_info: one })] })).errcode).toBe(45166);
    expect((await raw("/cgi-bin/draft/add", { articles: [newspic({ image_info: { image_list: Array.from({ length: 21 }, () => ({ image_media_id: id })) } })] })).errcode).toBe(47001);
  });
});

describe("API 群发保护", () => {
  beforeEach(async () => {
    h = await startHarness();
    h.sandbox.configure({ massProtection: true });
  });

  it("holds a send to all followers (89503), says 89501 while waiting, and sends it once approved (45065 + msg_id after)", async () => {
    const mediaId = await makeDraft(h.client);
    expect(await raw("/cgi-bin/message/mass/sendall", sendall(mediaId, "ql-approve"))).toMatchObject({ errcode: 89503, errmsg: expect.stringContaining("管理员确认") });
    expect(h.sandbox.inspect().massSends).toHaveLength(0);
    h.clock.advance(5 * 60_000);
    expect((await raw("/cgi-bin/message/mass/sendall", sendall(mediaId, "ql-approve"))).errcode).toBe(89501);
    const msgId = h.sandbox.approveMassSend("ql-approve");
    expect(h.sandbox.inspect().massSends).toEqual([expect.objectContaining({ msgId, clientMsgId: "ql-approve", mediaId, isToAll: true })]);
    expect(h.sandbox.inspect().approvals[0]).toMatchObject({ status: "approved", msgId });
    h.clock.advance(2 * 60_000);
    expect(await raw("/cgi-bin/message/mass/sendall", sendall(mediaId, "ql-approve"))).toMatchObject({ errcode: 45065, msg_id: Number(msgId) });
  });

  it("a refusal answers 89507 for the hour; an unanswered request cannot be approved after 30 minutes", async () => {
    const mediaId = await makeDraft(h.client);
    await raw("/cgi-bin/message/mass/sendall", sendall(mediaId, "ql-refuse"));
    h.sandbox.refuseMassSend("ql-refuse");
    expect((await raw("/cgi-bin/message/mass/sendall", sendall(mediaId, "ql-refuse"))).errcode).toBe(89507);

    const other = await makeDraft(h.client, "第二篇");
    await raw("/cgi-bin/message/mass/sendall", sendall(other, "ql-timeout"));
    h.clock.advance(30 * 60_000);
    expect(() => h.sandbox.approveMassSend("ql-timeout")).toThrow(/已超过 30 分钟/);
    expect(h.sandbox.inspect().massSends).toHaveLength(0);
  });

  it("leaves sends to a tag alone", async () => {
    const mediaId = await makeDraft(h.client);
    const body = { filter: { is_to_all: false, tag_id: 2 }, msgtype: "mpnews", mpnews: { media_id: mediaId }, clientmsgid: "ql-tag" };
    expect((await raw("/cgi-bin/message/mass/sendall", body)).errcode).toBe(0);
  });
});

describe("mass-send limits", () => {
  it("the sandbox refuses a 61st sendall within a minute (45011); the client waits instead of failing", async () => {
    h = await startHarness({ accountType: "service" });
    const mediaId = await makeDraft(h.client);
    const text = (i: number) => ({ filter: { is_to_all: false, tag_id: 2 }, msgtype: "text", text: { content: `通知 ${i}` } });
    for (let i = 0; i < 60; i++) expect([0, 45028]).toContain((await raw("/cgi-bin/message/mass/sendall", text(i))).errcode);
    expect((await raw("/cgi-bin/message/mass/sendall", text(60))).errcode).toBe(45011);
    h.clock.advance(60_000);
    // Through the client: 60 go at once, the 61st waits out the minute (its sleep moves the clock) and goes.
    const slept: number[] = [];
    const client = createApiClient({ baseUrl: h.baseUrl, appId: APP_ID, appSecret: APP_SECRET, db: h.db, clock: h.clock, log: h.log, sleep: async (ms) => {
      slept.push(ms);
      h.clock.advance(ms);
    } });
    const refusals = new Set<number>();
    for (let i = 0; i < 61; i++) {
      // A 服务号's 4 sends a month run out first (45028); the minute limit (45011) must never be met.
      await client.mass.sendAll({ message: { type: "text", content: `通知 ${i}` }, toAll: false, tagId: 2 }).catch((e: { errcode: number }) => refusals.add(e.errcode));
    }
    expect(slept).toEqual([60_000]);
    expect([...refusals]).toEqual([45028]);
    expect(mediaId).toEqual(expect.any(String));
  });

  it("clientmsgid: a repeat within a minute is 45066, within 24 h 45065 with the msg_id, later a new send", async () => {
    h = await startHarness({ accountType: "service" });
    const mediaId = await makeDraft(h.client);
    const first = await raw("/cgi-bin/message/mass/sendall", sendall(mediaId, "ql-dedup"));
    expect(first.errcode).toBe(0);
    h.clock.advance(30_000);
    expect((await raw("/cgi-bin/message/mass/sendall", sendall(mediaId, "ql-dedup"))).errcode).toBe(45066);
    h.clock.advance(23 * 3600_000);
    const again = await h.client.mass.sendAll({ message: { type: "mpnews", mediaId }, clientMsgId: "ql-dedup" });
    expect(again).toEqual({ msgId: String(first.msg_id), alreadySent: true });
    expect(h.sandbox.inspect().massSends).toHaveLength(1);
  });
});

describe("an unverified account (WECHAT_VERIFIED=false)", () => {
  it("may still make drafts, but freepublish answers 48001", async () => {
    h = await startHarness({ verified: false });
    const mediaId = await makeDraft(h.client);
    await expect(h.client.freepublish.submit(mediaId)).rejects.toMatchObject({ errcode: 48001 });
    expect(h.sandbox.inspect().drafts).toHaveLength(1);
  });
});
