import { makeDraft, startHarness, type Harness } from "../sandbox/harness";

/** The two listings the publisher reads after an interrupted call, as the client and the sandbox speak them. */
let h: Harness;
afterEach(async () => {
  h.sandbox.close();
  await h.close();
});

describe("draft.batchGet", () => {
  it("lists the drafts still in the box, newest first, without their content", async () => {
    h = await startHarness();
    const first = await makeDraft(h.client, "团县委开展“冬日暖阳”志愿服务活动");
    h.clock.advance(60_000);
    const second = await makeDraft(h.client, "轮台县2026年冬季青年就业招聘会");
    await h.client.mass.sendAll({ message: { type: "mpnews", mediaId: first }, clientMsgId: "x1" });
    const { totalCount, drafts } = await h.client.draft.batchGet();
    expect(totalCount).toBe(1);
    expect(drafts).toEqual([{ mediaId: second, updatedAt: new Date(h.clock.now().getTime()), articles: [{ title: "轮台县2026年冬季青年就业招聘会", digest: "本周五在县人才市场举办" }] }]);
  });

  it("pages with offset and count, and refuses a count over 20", async () => {
    h = await startHarness();
    for (let i = 0; i < 3; i++) await makeDraft(h.client, `草稿${i}`);
    expect((await h.client.draft.batchGet(1, 1)).drafts.map((d) => d.articles[0]!.title)).toEqual(["草稿1"]);
    await expect(h.client.draft.batchGet(0, 21)).rejects.toMatchObject({ errcode: 47001 });
  });
});

describe("freepublish.batchGet", () => {
  it("lists successful publications with their article URLs, finishing jobs that are due", async () => {
    h = await startHarness({ jobDelayMs: 600_000 });
    const mediaId = await makeDraft(h.client, "寒假返乡实习岗位开始报名啦");
    await h.client.freepublish.submit(mediaId);
    expect((await h.client.freepublish.batchGet()).published).toEqual([]);
    h.clock.advance(600_000);
    const { totalCount, published } = await h.client.freepublish.batchGet();
    expect(totalCount).toBe(1);
    expect(published).toEqual([
      { articleId: expect.any(String), updatedAt: new Date(Math.floor(h.clock.now().getTime() / 1000) * 1000), articles: [{ title: "寒假返乡实习岗位开始报名啦", url: expect.stringMatching(/^http:\/\/mp\.weixin\.qq\.com\/s\//) }] },
    ]);
    // The draft left the box when it was published.
    expect((await h.client.draft.batchGet()).drafts).toEqual([]);
    h.sandbox.configure({ verified: false });
    await expect(h.client.freepublish.batchGet()).rejects.toMatchObject({ errcode: 48001 });
  });
});
