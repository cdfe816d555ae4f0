import Koa from "koa";
import { createServer } from "node:http";
import { fakeJpeg, fakePng, makeDraft, startHarness, APP_ID, APP_SECRET, type Harness } from "./harness";

/** The simulator's documented shapes, limits and errcodes, spoken to on the wire. */

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(() => h.close());

type Json = Record<string, unknown>;

async function call(path: string, body?: unknown, query: Record<string, string> = {}): Promise<{ json: Json; contentType: string | null }> {
  const url = new URL(h.baseUrl + path);
  if (!path.includes("stable_token")) url.searchParams.set("access_token", await h.client.getAccessToken());
  for (const [k, v] of Object.entries(query)) url.searchParams.set(k, v);
  const res = await fetch(url, body === undefined ? {} : { method: "POST", body: JSON.stringify(body) });
  return { json: (await res.json()) as Json, contentType: res.headers.get("content-type") };
}
const errcode = async (path: string, body?: unknown, query?: Record<string, string>) => (await call(path, body, query)).json.errcode;

async function upload(path: string, data: Buffer, filename: string, query: Record<string, string> = {}): Promise<{ json: Json; contentType: string | null }> {
  const url = new URL(h.baseUrl + path);
  url.searchParams.set("access_token", await h.client.getAccessToken());
  for (const [k, v] of Object.entries(query)) url.searchParams.set(k, v);
  const form = new FormData();
  form.append("media", new Blob([data]), filename);
  const res = await fetch(url, { method: "POST", body: form });
  return { json: JSON.parse(await res.text()) as Json, contentType: res.headers.get("content-type") };
}

describe("stable_token", () => {
  const body = { grant_type: "client_credential", appid: APP_ID, secret: APP_SECRET };

  it("gives every caller the same token with its remaining lifetime (normal mode)", async () => {
    const a = (await call("/cgi-bin/stable_token", body)).json;
    h.clock.advance(600_000);
    const b = (await call("/cgi-bin/stable_token", { ...body, force_refresh: false })).json;
    expect(a).toMatchObject({ access_token: expect.any(String), expires_in: 7200 });
    expect(b).toEqual({ access_token: a.access_token, expires_in: 6600 });
  });

  it("force_refresh revokes the old token (40001) and is limited to one per 30 s (45009)", async () => {
    const old = (await call("/cgi-bin/stable_token", body)).json.access_token as string;
    const forced = (await call("/cgi-bin/stable_token", { ...body, force_refresh: true })).json;
    expect(forced.access_token).not.toBe(old);
    const res = await fetch(`${h.baseUrl}/cgi-bin/user/get?access_token=${old}`);
    expect(await res.json()).toMatchObject({ errcode: 40001, errmsg: expect.stringMatching(/^invalid credential, access_token is invalid or not latest rid: /) });
    expect(await errcode("/cgi-bin/stable_token", { ...body, force_refresh: true })).toBe(45009);
  });

  it("checks grant_type, appid and secret", async () => {
    expect(await errcode("/cgi-bin/stable_token", { ...body, grant_type: "password" })).toBe(40002);
    expect(await errcode("/cgi-bin/stable_token", { ...body, appid: "wx0000000000000000" })).toBe(40013);
    expect(await errcode("/cgi-bin/stable_token", { ...body, secret: "nope" })).toBe(40125);
  });

  it("refuses calls without a token (41001), with an unknown one (40001) and an expired one (42001)", async () => {
    expect(await (await fetch(`${h.baseUrl}/cgi-bin/user/get`)).json()).toMatchObject({ errcode: 41001 });
    expect(await (await fetch(`${h.baseUrl}/cgi-bin/user/get?access_token=forged`)).json()).toMatchObject({ errcode: 40001 });
    const token = await h.client.getAccessToken();
    h.clock.advance(7201_000);
    expect(await (await fetch(`${h.baseUrl}/cgi-bin/user/get?access_token=${token}`)).json()).toMatchObject({ errcode: 42001 });
  });
});

describe("uploads", () => {
  it("uploadimg takes jpg/png under 1 MB and answers JSON as text/plain", async () => {
    const ok = await upload("/cgi-bin/media/uploadimg", fakePng(), "a.png");
    expect(ok.contentType).toMatch(/^text\/plain/);
    expect(ok.json).toMatchObject({ errcode: 0, errmsg: "ok", url: expect.stringMatching(/^http:\/\/mmbiz\.qpic\.cn\/sz_mmbiz_png\//) });
    expect((await upload("/cgi-bin/media/uploadimg", fakeJpeg(1024 * 1024), "big.jpg")).json.errcode).toBe(40009);
    expect((await upload("/cgi-bin/media/uploadimg", Buffer.from("GIF89a........"), "a.gif")).json.errcode).toBe(40005);
    expect((await upload("/cgi-bin/media/uploadimg", fakePng(), "a.jpg")).json.errcode).toBe(40005);
  });

  it("thumb material is a jpg of at most 64 KB", async () => {
    expect((await upload("/cgi-bin/material/add_material", fakeJpeg(64 * 1024), "c.jpg", { type: "thumb" })).json).toEqual({
      media_id: expect.any(String),
    });
    expect((await upload("/cgi-bin/material/add_material", fakeJpeg(64 * 1024 + 1), "c.jpg", { type: "thumb" })).json.errcode).toBe(40012);
    expect((await upload("/cgi-bin/material/add_material", fakePng(), "c.png", { type: "thumb" })).json.errcode).toBe(40005);
  });

  it("answers 41005 when the media part is missing", async () => {
    const url = `${h.baseUrl}/cgi-bin/media/uploadimg?access_token=${await h.client.getAccessToken()}`;
    const form = new FormData();
    form.append("file", new Blob([fakeJpeg()]), "a.jpg");
    expect(await (await fetch(url, { method: "POST", body: form })).json()).toMatchObject({ errcode: 41005 });
    expect(await (await fetch(url, { method: "POST", body: "{}" })).json()).toMatchObject({ errcode: 41005 });
  });
});

describe("draft/add limits", () => {
  async function draftWith(article: Json): Promise<unknown> {
    const thumb = await h.client.material.add("thumb", { data: fakeJpeg(), filename: "c.jpg" });
    return errcode("/cgi-bin/draft/add", { articles: [{ title: "标题", content: "<p>正文</p>", thumb_media_id: thumb.mediaId, ...article }] });
  }

  it.each([
    ["a 32-character title", "ok", { title: "青".repeat(32) }, undefined],
    ["a 33-character title", 45003, { title: "青".repeat(33) }, 45003],
    ["a 17-character author", 45110, { author: "团".repeat(17) }, 45110],
    ["a 129-character digest", 45004, { digest: "摘".repeat(129) }, 45004],
    ["content of 19 999 characters", "ok", { content: "x".repeat(19_999) }, undefined],
    ["content of 20 000 characters", 45002, { content: "x".repeat(20_000) }, 45002],
    ["content of 1 MB in fewer characters", 45002, { content: "𠀀".repeat(262_144) }, 45002],
    ["no title", 44003, { title: "" }, 44003],
    ["an unknown thumb_media_id", 40007, { thumb_media_id: "nope" }, 40007],
    ["a newspic without its pictures (image_info)", 44003, { article_type: "newspic", content: "正文", thumb_media_id: undefined }, 44003],
  ])("%s → %s", async (_what, _label, article, code) => {
    const result = await draftWith(article);
    expect(result).toBe(code);
  });

  it("refuses more than 8 articles (45008) and bad JSON (47001)", async () => {
    const articles = Array.from({ length: 9 }, () => ({ title: "t", content: "c", article_type: "newspic" }));
    expect(await errcode("/cgi-bin/draft/add", { articles })).toBe(45008);
    const url = `${h.baseUrl}/cgi-bin/draft/add?access_token=${await h.client.getAccessToken()}`;
    expect(await (await fetch(url, { method: "POST", body: "{not json" })).json()).toMatchObject({ errcode: 47001 });
  });
});

describe("mass send", () => {
  const sendall = (mediaId: string, extra: Json = {}) => ({
    filter: { is_to_all: true },
    mpnews: { media_id: mediaId },
    msgtype: "mpnews",
    send_ignore_reprint: 0,
    ...extra,
  });

  it("answers like the vector and dedups clientmsgid within 24 h with 45065 + msg_id", async () => {
    const first = (await call("/cgi-bin/message/mass/sendall", sendall(await makeDraft(h.client), { clientmsgid: "issue-1" }))).json;
    expect(first).toEqual({ errcode: 0, errmsg: "send job submission success", msg_id: expect.any(Number), msg_data_id: expect.any(Number) });
    h.clock.advance(2 * 60_000);
    const again = (await call("/cgi-bin/message/mass/sendall", sendall("whatever", { clientmsgid: "issue-1" }))).json;
    expect(again).toMatchObject({ errcode: 45065, errmsg: expect.stringContaining("clientmsgid exist"), msg_id: first.msg_id });
    h.clock.advance(24 * 3600_000);
    // After 24 h the id is free again (and this 订阅号's daily quota is back).
    expect(await errcode("/cgi-bin/message/mass/sendall", sendall(await makeDraft(h.client), { clientmsgid: "issue-1" }))).toBe(0);
  });

  it("refuses a clientmsgid over 64 bytes (45067)", async () => {
    expect(await errcode("/cgi-bin/message/mass/sendall", sendall(await makeDraft(h.client), { clientmsgid: "x".repeat(65) }))).toBe(45067);
  });

  it("订阅号: one sendall a day, counted by Beijing day (45028)", async () => {
    // 2026-12-01 23:30 Beijing = 15:30 UTC.
    h.clock.set("2026-12-01T15:30:00Z");
    expect(await errcode("/cgi-bin/message/mass/sendall", sendall(await makeDraft(h.client)))).toBe(0);
    expect(await errcode("/cgi-bin/message/mass/sendall", sendall(await makeDraft(h.client)))).toBe(45028);
    h.clock.set("2026-12-01T16:05:00Z"); // 00:05 on 12-02 in Beijing, still 12-01 in UTC
    expect(await errcode("/cgi-bin/message/mass/sendall", sendall(await makeDraft(h.client)))).toBe(0);
  });

  it("服务号: to-all once a day, four a month (45028)", async () => {
    h.sandbox.configure({ accountType: "service" });
    h.clock.set("2026-12-01T02:00:00Z");
    expect(await errcode("/cgi-bin/message/mass/sendall", sendall(await makeDraft(h.client)))).toBe(0);
    expect(await errcode("/cgi-bin/message/mass/sendall", sendall(await makeDraft(h.client)))).toBe(45028);
    const toTag = (id: string) => ({ ...sendall(id), filter: { is_to_all: false, tag_id: 2 } });
    expect(await errcode("/cgi-bin/message/mass/sendall", toTag(await makeDraft(h.client)))).toBe(0);
    h.clock.set("2026-12-05T02:00:00Z");
    expect(await errcode("/cgi-bin/message/mass/sendall", sendall(await makeDraft(h.client)))).toBe(0);
    h.clock.set("2026-12-09T02:00:00Z");
    expect(await errcode("/cgi-bin/message/mass/sendall", sendall(await makeDraft(h.client)))).toBe(0);
    h.clock.set("2026-12-12T02:00:00Z");
    expect(await errcode("/cgi-bin/message/mass/sendall", sendall(await makeDraft(h.client)))).toBe(45028);
    h.clock.set("2026-12-31T17:00:00Z"); // 2027-01-01 01:00 in Beijing: a new month
    expect(await errcode("/cgi-bin/message/mass/sendall", sendall(await makeDraft(h.client)))).toBe(0);
  });

  it("needs a draft still in the box (40007) and a known msg_id for mass/get (40059)", async () => {
    expect(await errcode("/cgi-bin/message/mass/sendall", sendall("no-such-draft"))).toBe(40007);
    expect(await errcode("/cgi-bin/message/mass/get", { msg_id: "1" })).toBe(40059);
  });

  it("previews to one follower without using the draft up or the quota", async () => {
    const mediaId = await makeDraft(h.client);
    const preview = (await call("/cgi-bin/message/mass/preview", { touser: "oPreviewEditor", msgtype: "mpnews", mpnews: { media_id: mediaId } })).json;
    expect(preview).toMatchObject({ errcode: 0, errmsg: "preview success", msg_id: expect.any(Number) });
    expect(await errcode("/cgi-bin/message/mass/sendall", sendall(mediaId))).toBe(0);
  });
});

describe("menu/create limits", () => {
  it.each([
    ["no buttons", { button: [] }, 40016],
    ["four buttons", { button: Array.from({ length: 4 }, (_, i) => ({ type: "click", name: `b${i}`, key: `k${i}` })) }, 40016],
    ["an 18-byte name", { button: [{ type: "click", name: "轮青诚聘团委", key: "k" }] }, 40018],
    ["six sub-buttons", { button: [{ name: "更多", sub_button: Array.from({ length: 6 }, (_, i) => ({ type: "click", name: `s${i}`, key: `k${i}` })) }] }, 40023],
    ["a 61-byte sub name", { button: [{ name: "更多", sub_button: [{ type: "click", name: "青".repeat(20) + "a", key: "k" }] }] }, 40025],
    ["a 129-byte key", { button: [{ type: "click", name: "a", key: "k".repeat(129) }] }, 40019],
    ["an unknown type", { button: [{ type: "tap", name: "a", key: "k" }] }, 40017],
    ["a view without url", { button: [{ type: "view", name: "a" }] }, 40020],
  ])("refuses %s", async (_what, menu, code) => {
    expect(await errcode("/cgi-bin/menu/create", menu)).toBe(code);
  });
});

describe("datacube and user/get", () => {
  it("checks the date span per endpoint (61501) and the format (61500)", async () => {
    expect(await errcode("/datacube/getusersummary", { begin_date: "2026-11-24", end_date: "2026-11-30" })).toBeUndefined();
    expect(await errcode("/datacube/getusersummary", { begin_date: "2026-11-23", end_date: "2026-11-30" })).toBe(61501);
    expect(await errcode("/datacube/getarticlesummary", { begin_date: "2026-11-29", end_date: "2026-11-30" })).toBe(61501);
    expect(await errcode("/datacube/getusercumulate", { begin_date: "2026-12-01", end_date: "2026-12-01" })).toBe(61501);
    expect(await errcode("/datacube/getusercumulate", { begin_date: "2026/11/30", end_date: "2026-11-30" })).toBe(61500);
  });

  it("pages followers 10 000 at a time, ending with an empty next_openid", async () => {
    const first = await h.client.user.get();
    expect(first.openIds[0]).toMatch(/^o[A-Za-z0-9_-]{27}$/);
    let seen = first.count;
    let next = first.nextOpenId;
    while (next) {
      const page = await h.client.user.get(next);
      seen += page.count;
      next = page.count === 0 ? undefined : page.nextOpenId;
    }
    expect(seen).toBe(first.total);
    expect(first.count).toBe(Math.min(10_000, first.total));
  });
});

describe("inspection and control", () => {
  it("inspect() shows drafts, publications, mass sends, custom messages and menus", async () => {
    const mediaId = await makeDraft(h.client, "团县委召开青年座谈会");
    await h.client.freepublish.submit(mediaId);
    await h.client.mass.sendAll({ message: { type: "mpnews", mediaId: await makeDraft(h.client) } });
    h.sandbox.recordInteraction("oYouth", "message");
    await h.client.custom.send("oYouth", { type: "text", content: "收到，谢谢！" });
    await h.client.menu.create({ buttons: [{ type: "click", name: "轮青诚聘", key: "careers" }] });
    await h.sandbox.idle();
    const view = h.sandbox.inspect();
    expect(view.account).toMatchObject({ appId: APP_ID, accountType: "subscription", verified: true });
    expect(view.drafts.map((d) => d.status).sort()).toEqual(["mass_sent", "published"]);
    expect(view.drafts.find((d) => d.mediaId === mediaId)!.articles).toEqual([expect.objectContaining({ title: "团县委召开青年座谈会" })]);
    expect(view.publications).toEqual([expect.objectContaining({ mediaId, status: 0 })]);
    expect(view.massSends).toEqual([expect.objectContaining({ status: "SEND_SUCCESS", isToAll: true })]);
    expect(view.customMessages).toEqual([expect.objectContaining({ openId: "oYouth", msgtype: "text" })]);
    expect(view.menus[0]!.menu).toEqual({ button: [{ type: "click", name: "轮青诚聘", key: "careers" }] });
    expect(view.uploads.length).toBeGreaterThanOrEqual(2);
    expect(JSON.stringify(view)).not.toContain(APP_SECRET);
  });

  it("serves no control route next to the simulated API (the dashboard mounts them behind its login)", async () => {
    // test/http/dashboard-sandbox.test.ts covers them under /dashboard/sandbox.
    expect((await fetch(`${h.baseUrl}/inspect`)).status).toBe(404);
    for (const path of ["/faults", "/interactions", "/settings"]) {
      const res = await fetch(`${h.baseUrl}${path}`, { method: "POST", headers: { "content-type": "text/plain" }, body: JSON.stringify({ verified: false }) });
      expect(res.status).toBe(404);
    }
    expect(h.sandbox.inspect(1).account.verified).toBe(true);
  });

  it("mounts under a prefix in another Koa app", async () => {
    const app = new Koa();
    app.use(async (ctx, next) => {
      if (ctx.path === "/healthz") ctx.body = "ok";
      else await next();
    });
    app.use(h.sandbox.router.routes()).use(h.sandbox.router.allowedMethods());
    const server = createServer(app.callback()).listen(0, "127.0.0.1");
    await new Promise((resolve) => server.once("listening", resolve));
    const { port } = server.address() as { port: number };
    try {
      const base = h.sandbox.apiBase(`http://127.0.0.1:${port}`);
      expect(base).toBe(`http://127.0.0.1:${port}/sandbox`);
      const res = await fetch(`${base}/cgi-bin/stable_token`, {
        method: "POST",
        body: JSON.stringify({ grant_type: "client_credential", appid: APP_ID, secret: APP_SECRET }),
      });
      expect(await res.json()).toMatchObject({ expires_in: expect.any(Number) });
      expect(await (await fetch(`http://127.0.0.1:${port}/healthz`)).text()).toBe("ok");
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
