import { WeChatApiError } from "../../src/errors";
import { createApiClient, type ApiClient } from "../../src/wechat/api-client";
import { APP_ID, fakeJpeg, fakePng, makeDraft, startHarness, type Harness } from "../sandbox/harness";

/** The client against the sandbox over real HTTP on loopback: every call, and every error path. */

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(() => h.close());

const YOUTH = "oV5CrjpxgaGXNHIQigzNlgLTnwic";
const range = { beginDate: "2026-11-24", endDate: "2026-11-30" };

/** One call per endpoint, each able to succeed on a fresh sandbox (with the setup it needs). */
const CALLS: [string, (c: ApiClient, h: Harness) => Promise<unknown>][] = [
  ["media/uploadimg", (c) => c.media.uploadImage({ data: fakePng(), filename: "banner.png" })],
  ["material/add_material", (c) => c.material.add("image", { data: fakeJpeg(), filename: "cover.jpg" })],
  ["draft/add", (c) => makeDraft(c)],
  ["freepublish/submit", async (c) => c.freepublish.submit(await makeDraft(c))],
  ["freepublish/get", async (c) => c.freepublish.get((await c.freepublish.submit(await makeDraft(c))).publishId)],
  ["message/mass/sendall", async (c) => c.mass.sendAll({ message: { type: "mpnews", mediaId: await makeDraft(c) }, clientMsgId: "post-1" })],
  ["message/mass/preview", async (c) => c.mass.preview({ toOpenId: YOUTH, message: { type: "mpnews", mediaId: await makeDraft(c) } })],
  ["message/mass/get", async (c) => c.mass.get((await c.mass.sendAll({ message: { type: "text", content: "团员大会通知" } })).msgId)],
  [
    "message/custom/send",
    (c, h) => {
      h.sandbox.recordInteraction(YOUTH, "message");
      return c.custom.send(YOUTH, { type: "text", content: "您的问题已转交团县委" });
    },
  ],
  ["menu/create", (c) => c.menu.create({ buttons: [{ type: "click", name: "轮青诚聘", key: "careers" }] })],
  ["menu/get", async (c) => (await c.menu.create({ buttons: [{ type: "view", name: "官网", url: "https://example.org/" }] }), c.menu.get())],
  ["datacube/getusersummary", (c) => c.datacube.getUserSummary(range)],
  ["datacube/getusercumulate", (c) => c.datacube.getUserCumulate(range)],
  ["datacube/getarticlesummary", (c) => c.datacube.getArticleSummary({ beginDate: "2026-11-30", endDate: "2026-11-30" })],
  ["datacube/getarticletotal", (c) => c.datacube.getArticleTotal({ beginDate: "2026-11-30", endDate: "2026-11-30" })],
  ["user/get", (c) => c.user.get()],
];

describe("createApiClient against the sandbox", () => {
  it.each(CALLS)("%s: 40001 then success after exactly one token refresh", async (endpoint, run) => {
    await h.client.getAccessToken();
    h.sandbox.injectError(endpoint, 40001, 1);
    const before = h.sandbox.countCalls("stable_token");
    await run(h.client, h);
    expect(h.sandbox.countCalls("stable_token")).toBe(before + 1);
    expect(h.sleeps).toEqual([]);
  });

  it.each(CALLS.filter(([e]) => !["freepublish/submit", "message/mass/preview", "message/custom/send"].includes(e)))(
    "%s: -1 backs off, then succeeds",
    async (endpoint, run) => {
      h.sandbox.injectError(endpoint, -1, 2);
      await run(h.client, h);
      expect(h.sleeps).toEqual([1000, 2000]);
    },
  );

  it.each([
    ["freepublish/submit", 45009],
    ["message/mass/sendall", 45009],
    ["user/get", 45009],
    ["datacube/getusersummary", 48001],
    ["message/custom/send", 45047],
  ] as const)("%s: %i surfaces as WeChatApiError with no retry", async (endpoint, errcode) => {
    const run = CALLS.find(([e]) => e === endpoint)![1];
    h.sandbox.injectError(endpoint, errcode, 1);
    const err = await run(h.client, h).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WeChatApiError);
    expect(err).toMatchObject({ endpoint: `/${endpoint.startsWith("datacube") ? "" : "cgi-bin/"}${endpoint}`, errcode });
    expect(h.sandbox.countCalls(endpoint)).toBe(1);
    expect(h.sleeps).toEqual([]);
  });

  it("gives up on -1 after the bounded number of retries", async () => {
    h.sandbox.injectError("user/get", -1, 10);
    await expect(h.client.user.get()).rejects.toMatchObject({ errcode: -1, endpoint: "/cgi-bin/user/get" });
    expect(h.sandbox.countCalls("user/get")).toBe(4);
    expect(h.sleeps).toEqual([1000, 2000, 4000]);
  });

  it("refreshes only once: a second token rejection in a row surfaces", async () => {
    h.sandbox.injectError("menu/create", 40014, 2);
    await expect(h.client.menu.create({ buttons: [{ type: "click", name: "菜单", key: "k" }] })).rejects.toMatchObject({ errcode: 40014 });
    expect(h.sandbox.countCalls("menu/create")).toBe(2);
    expect(h.sandbox.countCalls("stable_token")).toBe(2);
  });

  it("treats 42001 (expired) like 40001", async () => {
    h.sandbox.injectError("user/get", 42001, 1);
    await h.client.user.get();
    expect(h.sandbox.countCalls("stable_token")).toBe(2);
  });

  it("refreshes after a token revoked elsewhere (40001 for real, not injected)", async () => {
    const first = await h.client.getAccessToken();
    h.sandbox.revokeTokens();
    await h.client.user.get();
    expect(await h.client.getAccessToken()).not.toBe(first);
    expect(h.sandbox.countCalls("stable_token")).toBe(2);
  });

  it("caches the token until expires_in − 300 s, then refreshes", async () => {
    const first = await h.client.getAccessToken();
    h.clock.advance(6899_000);
    expect(await h.client.getAccessToken()).toBe(first);
    expect(h.sandbox.countCalls("stable_token")).toBe(1);
    h.clock.advance(2_000);
    expect(await h.client.getAccessToken()).not.toBe(first);
    expect(h.sandbox.countCalls("stable_token")).toBe(2);
  });

  it("backs off on stable_token -1 and fails fast on its 45009, then recovers", async () => {
    h.sandbox.injectError("stable_token", -1, 1);
    await h.client.getAccessToken();
    expect(h.sleeps).toEqual([1000]);
    h.sandbox.revokeTokens();
    h.sandbox.injectError("stable_token", 45009, 1);
    await expect(h.client.user.get()).rejects.toMatchObject({ endpoint: "/cgi-bin/stable_token", errcode: 45009 });
    // The failed refresh released its lease: the next call refreshes at once.
    await expect(h.client.user.get()).resolves.toMatchObject({ count: expect.any(Number) });
  });

  it("names a wrong AppSecret (40125) without retrying", async () => {
    const wrong = createApiClient({ baseUrl: h.baseUrl, appId: APP_ID, appSecret: "wrong", db: h.db, clock: h.clock, log: h.log });
    await expect(wrong.user.get()).rejects.toMatchObject({ endpoint: "/cgi-bin/stable_token", errcode: 40125 });
    expect(h.sandbox.countCalls("stable_token")).toBe(1);
  });
});

describe("publishing through the sandbox", () => {
  it("uploads, drafts, publishes and reads the job's result", async () => {
    const img = await h.client.media.uploadImage({ data: fakeJpeg(), filename: "fair.jpg" });
    expect(img.url).toMatch(/^http:\/\/mmbiz\.qpic\.cn\//);
    const mediaId = await makeDraft(h.client, "轮台县2026年秋季青年就业招聘会", 2);
    const { publishId } = await h.client.freepublish.submit(mediaId);
    await h.sandbox.idle();
    const state = await h.client.freepublish.get(publishId);
    expect(state).toMatchObject({ publishId, status: 0, failIdx: [] });
    expect(state.articleUrls.map((u) => u.idx)).toEqual([1, 2]);
    expect(state.articleId).toEqual(expect.any(String));
    // The draft left the box: publishing it again is 40007.
    await expect(h.client.freepublish.submit(mediaId)).rejects.toMatchObject({ errcode: 40007 });
  });

  it("reports a failed publish job with fail_idx", async () => {
    h.sandbox.configure({ publishOutcome: { status: 2, failIdx: [1] } });
    const { publishId } = await h.client.freepublish.submit(await makeDraft(h.client));
    await h.sandbox.idle();
    expect(await h.client.freepublish.get(publishId)).toEqual({ publishId, status: 2, articleUrls: [], failIdx: [1] });
  });

  it("mass-sends with msg_data_id and reports SEND_SUCCESS once the job ends", async () => {
    const sent = await h.client.mass.sendAll({ message: { type: "mpnews", mediaId: await makeDraft(h.client) }, clientMsgId: "issue-7" });
    expect(sent).toMatchObject({ msgId: expect.stringMatching(/^\d+$/), msgDataId: expect.stringMatching(/^\d+$/), alreadySent: false });
    await h.sandbox.idle();
    expect(await h.client.mass.get(sent.msgId)).toEqual({ msgId: sent.msgId, status: "SEND_SUCCESS" });
  });

  it("a sendall that went out before -1: the retry is refused as too fast, a later one is 'already sent'", async () => {
    const mediaId = await makeDraft(h.client);
    h.sandbox.injectError("message/mass/sendall", -1, 1, { afterProcessing: true });
    await expect(h.client.mass.sendAll({ message: { type: "mpnews", mediaId }, clientMsgId: "issue-8" })).rejects.toMatchObject({
      errcode: 45066,
    });
    expect(h.sleeps).toEqual([1000]);
    h.clock.advance(61_000);
    const again = await h.client.mass.sendAll({ message: { type: "mpnews", mediaId }, clientMsgId: "issue-8" });
    expect(again.alreadySent).toBe(true);
    expect(again.msgId).toBe(h.sandbox.inspect().massSends[0]!.msgId);
    expect(h.sandbox.inspect().massSends).toHaveLength(1);
  });

  it("runs out of the 订阅号 daily quota: 45028, not retried", async () => {
    await h.client.mass.sendAll({ message: { type: "text", content: "第一条" } });
    await expect(h.client.mass.sendAll({ message: { type: "text", content: "第二条" } })).rejects.toMatchObject({
      errcode: 45028,
      endpoint: "/cgi-bin/message/mass/sendall",
    });
    expect(h.sandbox.countCalls("message/mass/sendall")).toBe(2);
  });

  it("gets 48001 on the verified-only APIs of an unverified account, without retry", async () => {
    const mediaId = await makeDraft(h.client);
    h.sandbox.configure({ verified: false });
    h.sandbox.recordInteraction(YOUTH, "message");
    const calls = [
      h.client.freepublish.submit(mediaId),
      h.client.mass.sendAll({ message: { type: "mpnews", mediaId } }),
      h.client.custom.send(YOUTH, { type: "text", content: "你好" }),
      h.client.datacube.getUserCumulate(range),
    ];
    for (const call of calls) await expect(call).rejects.toMatchObject({ errcode: 48001 });
    expect(h.sleeps).toEqual([]);
  });
});

describe("customer-service messages through the sandbox", () => {
  it("needs the youth's recent message (45015), then allows 5 in 48 h (45047)", async () => {
    const text = { type: "text" as const, content: "关于就业补贴的问题，答复如下……" };
    await expect(h.client.custom.send(YOUTH, text)).rejects.toMatchObject({ errcode: 45015 });
    h.sandbox.recordInteraction(YOUTH, "message");
    for (let i = 0; i < 5; i++) await h.client.custom.send(YOUTH, text);
    await expect(h.client.custom.send(YOUTH, text)).rejects.toMatchObject({ errcode: 45047 });
    h.clock.advance(48 * 3600_000);
    await expect(h.client.custom.send(YOUTH, text)).rejects.toMatchObject({ errcode: 45015 });
    expect(h.sandbox.inspect().customMessages).toHaveLength(5);
  });

  it("a menu click opens 3 messages for one minute only", async () => {
    h.sandbox.recordInteraction(YOUTH, "click");
    for (let i = 0; i < 3; i++) await h.client.custom.send(YOUTH, { type: "mpnewsarticle", articleId: "ARTICLE" });
    await expect(h.client.custom.send(YOUTH, { type: "text", content: "x" })).rejects.toMatchObject({ errcode: 45047 });
    h.sandbox.recordInteraction(YOUTH, "click");
    h.clock.advance(61_000);
    await expect(h.client.custom.send(YOUTH, { type: "text", content: "x" })).rejects.toMatchObject({ errcode: 45015 });
  });
});

describe("menu through the sandbox", () => {
  it("has no menu at first (null), then returns what was created", async () => {
    expect(await h.client.menu.get()).toBeNull();
    const menu = {
      buttons: [
        { type: "click" as const, name: "轮青诚聘", key: "careers" },
        { name: "青年之声", subButtons: [{ type: "view" as const, name: "我要提问", url: "https://example.org/ask" }] },
      ],
    };
    await h.client.menu.create(menu);
    expect(await h.client.menu.get()).toEqual(menu);
  });
});
