import { WeChatApiError } from "../../src/errors";
import { commentRefusal } from "../../src/wechat/api-errcodes";
import type { ArticleRef } from "../../src/wechat/endpoints/comment";
import { startHarness, type Harness } from "../sandbox/harness";
import { MSG_DATA_ID, seedPublishedArticle } from "./comment-fixture";

const ref: ArticleRef = { msgDataId: MSG_DATA_ID, index: 0 };

async function errcodeOf(p: Promise<unknown>): Promise<number> {
  try {
    await p;
  } catch (err) {
    if (err instanceof WeChatApiError) return err.errcode;
    throw err;
  }
  throw new Error("expected a WeChat error");
}

describe("comment API client against the sandbox (留言管理, /cgi-bin/comment/…)", () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
    seedPublishedArticle(h.db, { at: h.clock.now().getTime() - 3 * 3600_000 });
  });
  afterEach(() => h.close());

  it("lists an open article's simulated comments, newest first, with total and openid", async () => {
    const page = await h.client.comment.list(ref);
    expect(page.total).toBeGreaterThanOrEqual(2);
    expect(page.comments).toHaveLength(page.total);
    const times = page.comments.map((c) => c.createdAt.getTime());
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    expect(page.comments[0]).toMatchObject({ id: expect.stringMatching(/^\d+$/), elected: false });
    // Seeded once: a second read gives the same comments.
    expect((await h.client.comment.list(ref)).comments.map((c) => c.id)).toEqual(page.comments.map((c) => c.id));
  });

  it("adds a youth's comment, features, replies, deletes the reply and the comment", async () => {
    const id = h.sandbox.addComment({ msgDataId: MSG_DATA_ID, content: "<b>请问</b>几点开始？", openId: "oYouth1" });
    await h.client.comment.markElect(ref, id);
    expect((await h.client.comment.list(ref, { filter: "elected" })).comments.map((c) => c.id)).toEqual([id]);
    await h.client.comment.unmarkElect(ref, id);
    expect((await h.client.comment.list(ref, { filter: "elected" })).total).toBe(0);

    await h.client.comment.addReply(ref, id, "上午10点，欢迎参加！");
    let mine = (await h.client.comment.list(ref)).comments.find((c) => c.id === id)!;
    expect(mine).toMatchObject({ content: "<b>请问</b>几点开始？", openId: "oYouth1", reply: { content: "上午10点，欢迎参加！" } });
    expect(await errcodeOf(h.client.comment.addReply(ref, id, "第二次"))).toBe(88005);
    await h.client.comment.deleteReply(ref, id);
    mine = (await h.client.comment.list(ref)).comments.find((c) => c.id === id)!;
    expect(mine.reply).toBeUndefined();
    expect(await errcodeOf(h.client.comment.deleteReply(ref, id))).toBe(88009);

    const before = (await h.client.comment.list(ref)).total;
    await h.client.comment.delete(ref, id);
    expect((await h.client.comment.list(ref)).total).toBe(before - 1);
    expect(await errcodeOf(h.client.comment.markElect(ref, id))).toBe(88008);
    expect(await errcodeOf(h.client.comment.delete(ref, id))).toBe(88008);
  });

  it("opens and closes comments, and answers WeChat's errcodes", async () => {
    await h.client.comment.close(ref);
    await h.client.comment.open(ref);
    expect(await errcodeOf(h.client.comment.list({ msgDataId: "999", index: 0 }))).toBe(88001);
    expect(await errcodeOf(h.client.comment.list({ msgDataId: MSG_DATA_ID, index: 1 }))).toBe(88001);
    expect(await errcodeOf(h.client.comment.addReply(ref, "1", "   "))).toBe(88007);
    expect(await errcodeOf(h.client.comment.addReply(ref, "1", "长".repeat(601)))).toBe(88007);
    expect(await errcodeOf(h.client.comment.unmarkElect(ref, "12345"))).toBe(88008);

    h.sandbox.injectError("comment/list", 88000);
    const e88000 = await errcodeOf(h.client.comment.list(ref));
    expect(e88000).toBe(88000);
    expect(commentRefusal(e88000)).toBe("no_permission");
    expect(h.sandbox.countCalls("comment/list")).toBeGreaterThan(0);

    h.sandbox.configure({ verified: false });
    expect(await errcodeOf(h.client.comment.list(ref))).toBe(48001);
    expect(commentRefusal(48001)).toBe("no_permission");
  });

  it("refuses count ≥ 50 with 88010 (raw call), and an article whose draft kept comments off starts empty", async () => {
    const token = await h.client.getAccessToken();
    const res = await fetch(`${h.baseUrl}/cgi-bin/comment/list?access_token=${token}`, {
      method: "POST",
      body: JSON.stringify({ msg_data_id: Number(MSG_DATA_ID), index: 0, begin: 0, count: 50, type: 0 }),
    });
    expect(((await res.json()) as { errcode: number }).errcode).toBe(88010);

    seedPublishedArticle(h.db, { at: h.clock.now().getTime(), openComments: false, slug: "2026-11-21-quiet", msgDataId: "2247500002" });
    expect(await h.client.comment.list({ msgDataId: "2247500002", index: 0 })).toEqual({ total: 0, comments: [] });
  });
});
