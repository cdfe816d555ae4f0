/**
 * 私信 on the dashboard (issue 13), in sandbox mode on a fixed clock (2026-11-23 10:00 Beijing):
 * youths push signed messages to /wechat as WeChat would, staff reply through the dashboard's
 * forms, and the simulator's outbox (sandbox_custom_messages) shows what reached the youth.
 */
import { buildPush } from "../../src/wechat/build-push";
import { parseReply } from "../../src/wechat/parse-reply";
import type { fixedClock } from "../../src/time";
import { hiddenValue, SANDBOX_ENV, startDashboard, type Browser, type DashboardServer } from "../http/dashboard-helpers";

const YOUTH = "oLuntai_youth_0001_AbCdEfGhIjKlMn";
const OTHER = "oLuntai_youth_0002_ZyXwVuTsRqPoNm";
const ASKER = "oLuntai_youth_0003_QqWwEeRrTtYyUu";
const HOSTILE_SCRIPT = "<script>alert(1)</script>";
const HOSTILE_ATTR = '"><img src=x onerror=alert(1)>';
const HOUR = 3600_000;

/** A 1×1 PNG (what a phone's screenshot starts with). */
const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==", "base64");

async function youthSays(s: DashboardServer, openId: string, content: string): Promise<string> {
  const account = s.deps.accounts.get("default")!;
  const p = buildPush({ kind: "text", content }, openId, { token: account.token, originalId: account.originalId, encrypt: false }, s.deps.clock.now());
  const res = await fetch(`${s.url}/wechat?${p.query}`, { method: "POST", headers: { "content-type": "text/xml" }, body: p.body });
  expect(res.status).toBe(200);
  const reply = parseReply(await res.text());
  return reply?.type === "text" ? reply.content : "";
}

const advance = (s: DashboardServer, ms: number) => (s.clock as ReturnType<typeof fixedClock>).advance(ms);
const thread = (openId: string) => `/dashboard/inbox/${openId}`;

/** Text contents the simulated WeChat accepted as customer-service messages for the youth. */
const outbox = (s: DashboardServer, openId = YOUTH) =>
  (s.deps.db.prepare("SELECT request_json FROM sandbox_custom_messages WHERE open_id = ? ORDER BY id").all(openId) as { request_json: string }[]).map(
    (r) => JSON.parse(r.request_json) as { msgtype: string; text?: { content: string }; image?: { media_id: string } },
  );

const deliveries = (s: DashboardServer, openId = YOUTH) =>
  (s.deps.db.prepare("SELECT delivery, created_by FROM staff_replies WHERE open_id = ? ORDER BY id").all(openId) as { delivery: string; created_by: string }[]).map(
    (r) => r.delivery,
  );

async function signedIn(s: DashboardServer): Promise<{ b: Browser; csrf: string }> {
  const b = s.browser();
  await b.login();
  const csrf = hiddenValue(await (await b.get("/dashboard/inbox")).text(), "_csrf");
  return { b, csrf };
}

/** The thread list's rows (their openids) for a query. */
async function listed(b: Browser, query = ""): Promise<string[]> {
  const page = await (await b.get(`/dashboard/inbox${query}`)).text();
  return [...page.matchAll(/<tr data-thread="([^"]+)"/g)].map((m) => m[1]!);
}

describe("dashboard 私信 (mountInboxRoutes; sandbox mode)", () => {
  let s: DashboardServer;
  beforeEach(async () => {
    s = await startDashboard(SANDBOX_ENV);
  });
  afterEach(() => s.close());

  it("needs a login: pages redirect to the login, posts get 401 and change nothing", async () => {
    await youthSays(s, YOUTH, "你好");
    const b = s.browser();
    const list = await b.get("/dashboard/inbox");
    expect(list.status).toBe(302);
    expect(list.headers.get("location")).toBe("/dashboard/login?next=%2Fdashboard%2Finbox");
    expect((await b.get(thread(YOUTH))).status).toBe(302);
    expect((await b.post(`${thread(YOUTH)}/reply`, { _csrf: "x", kind: "text", content: "不该成功" })).status).toBe(401);
    expect((await b.post(`${thread(YOUTH)}/remark`, { _csrf: "x", remark: "不该成功" })).status).toBe(401);
    expect(deliveries(s)).toEqual([]);
  });

  it("refuses a reply or a remark without the session's CSRF token (form or multipart)", async () => {
    await youthSays(s, YOUTH, "你好");
    const { b } = await signedIn(s);
    expect((await b.post(`${thread(YOUTH)}/reply`, { kind: "text", content: "没有令牌" })).status).toBe(403);
    expect((await b.post(`${thread(YOUTH)}/reply`, { _csrf: "wrong", kind: "text", content: "错的令牌" })).status).toBe(403);
    const form = new FormData();
    form.set("_csrf", "wrong");
    form.set("kind", "image");
    form.set("image", new Blob([PNG], { type: "image/png" }), "a.png");
    expect((await b.fetch(`${thread(YOUTH)}/reply`, { method: "POST", body: form })).status).toBe(403);
    expect((await b.post(`${thread(YOUTH)}/remark`, { remark: "张同学" })).status).toBe(403);
    // A cross-site request is refused even with the right token.
    const csrf = hiddenValue(await (await b.get(thread(YOUTH))).text(), "_csrf");
    const cross = await b.fetch(`${thread(YOUTH)}/reply`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", "sec-fetch-site": "cross-site" },
      body: new URLSearchParams({ _csrf: csrf, kind: "text", content: "跨站" }).toString(),
    });
    expect(cross.status).toBe(403);
    expect(deliveries(s)).toEqual([]);
    expect(outbox(s)).toEqual([]);
    expect(s.deps.inbox.thread(YOUTH).follower.remark).toBeNull();
  });

  it("lists followers newest first with badges, and filters: 未回复, 青年之声, 无匹配关键词", async () => {
    await youthSays(s, YOUTH, "诚聘"); // a column keyword: answered by the bot
    advance(s, 60_000);
    await youthSays(s, OTHER, "请问团费怎么交"); // no keyword: waits for a person
    advance(s, 60_000);
    await youthSays(s, ASKER, "提问 返乡创业有哪些扶持政策？"); // a 青年之声 ticket
    const { b } = await signedIn(s);

    const page = await (await b.get("/dashboard/inbox")).text();
    expect(await listed(b)).toEqual([ASKER, OTHER, YOUTH]);
    expect(page).toContain("2026-11-23 10:02"); // Beijing time
    expect(page).toContain(`<a href="/dashboard/inbox/${YOUTH}">oLun…KlMn</a>`); // shown masked (the link carries it)
    const row = (openId: string) => new RegExp(`<tr data-thread="${openId}"[\\s\\S]*?</tr>`).exec(page)![0];
    expect(row(OTHER)).toContain('data-badge="unanswered">未回复');
    expect(row(OTHER)).toContain('data-badge="unmatched">无匹配关键词');
    expect(row(ASKER)).toContain('data-badge="tickets">青年之声 1');
    expect(row(ASKER)).not.toContain("未回复");
    expect(row(YOUTH)).not.toContain("data-badge");

    expect(await listed(b, "?filter=unanswered")).toEqual([OTHER]);
    expect(await listed(b, "?filter=tickets")).toEqual([ASKER]);
    expect(await listed(b, "?filter=unmatched")).toEqual([OTHER]);
    expect(page).toContain("有 1 位关注者在等回复");
  });

  it("searches by text, by follower (remark or openid) and by date range, with pages of 20", async () => {
    await youthSays(s, YOUTH, "寒假实习有补贴吗");
    advance(s, 2 * 24 * HOUR);
    await youthSays(s, OTHER, "团员证丢了怎么补办");
    const { b, csrf } = await signedIn(s);
    await b.post(`${thread(OTHER)}/remark`, { _csrf: csrf, remark: "李同学" });

    expect(await listed(b, "?q=实习")).toEqual([YOUTH]);
    expect(await listed(b, "?q=李同学")).toEqual([OTHER]);
    expect(await listed(b, `?q=${YOUTH.slice(-8)}`)).toEqual([YOUTH]);
    expect(await listed(b, "?from=2026-11-25&to=2026-11-25")).toEqual([OTHER]);
    expect(await listed(b, "?to=2026-11-24")).toEqual([YOUTH]);
    expect(await (await b.get("/dashboard/inbox?q=%E6%B2%A1%E6%9C%89%E8%BF%99%E4%B8%AA")).text()).toContain("没有找到符合条件的消息。");
    expect((await b.get("/dashboard/inbox?from=yesterday")).status).toBe(400);

    for (let i = 0; i < 22; i++) {
      advance(s, 60_000);
      await youthSays(s, `oLuntai_many_${String(i).padStart(4, "0")}_xxxxxxxxxxxx`, `消息 ${i}`);
    }
    const first = await listed(b);
    const second = await listed(b, "?page=2");
    expect(first).toHaveLength(20);
    expect(first[0]).toBe("oLuntai_many_0021_xxxxxxxxxxxx");
    expect(second).toEqual(["oLuntai_many_0001_xxxxxxxxxxxx", "oLuntai_many_0000_xxxxxxxxxxxx", OTHER, YOUTH]);
    expect(await (await b.get("/dashboard/inbox")).text()).toContain("第 1 / 2 页");
  });

  it("escapes follower text everywhere: list, thread, remark, and the bot's and staff's words", async () => {
    await youthSays(s, YOUTH, HOSTILE_SCRIPT);
    await youthSays(s, OTHER, HOSTILE_ATTR);
    const { b, csrf } = await signedIn(s);
    await b.post(`${thread(YOUTH)}/remark`, { _csrf: csrf, remark: '"><b>x' });
    await b.post(`${thread(YOUTH)}/reply`, { _csrf: csrf, kind: "text", content: `回复 ${HOSTILE_ATTR}` });
    const pages = [
      await (await b.get("/dashboard/inbox")).text(),
      await (await b.get(thread(YOUTH))).text(),
      await (await b.get(thread(OTHER))).text(),
      await (await b.get(`/dashboard/inbox?q=${encodeURIComponent(HOSTILE_ATTR)}`)).text(),
    ];
    for (const page of pages) {
      expect(page).not.toContain(HOSTILE_SCRIPT);
      expect(page).not.toContain("<img src=x");
      expect(page).not.toContain('"><b>');
    }
    expect(pages[0]).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(pages[1]).toContain("回复 &quot;&gt;&lt;img src=x onerror=alert(1)&gt;");
    expect(pages[1]).toContain('value="&quot;&gt;&lt;b&gt;x"');
    expect(pages[2]).toContain("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;");
    expect(pages[3]).toContain(`value="&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"`);
  });

  it("sends a reply at once while the window is open: in the simulator's outbox, in the thread with who sent it", async () => {
    await youthSays(s, OTHER, "请问团费怎么交");
    advance(s, 2 * HOUR);
    const { b, csrf } = await signedIn(s);
    const before = await (await b.get("/dashboard")).text();
    expect(before).toContain('data-unanswered-count="1">1 · 最久 2小时</span>'); // on every page, in the nav

    const page = await (await b.get(thread(OTHER))).text();
    expect(page).toContain('data-window-state="open"');
    expect(page).toContain("46小时0分 · 还可发 5 条");
    const res = await b.post(`${thread(OTHER)}/reply`, { _csrf: csrf, kind: "text", content: "团费可在“智慧团建”里交。" });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toMatch(/^\/dashboard\/inbox\/oLuntai_youth_0002_ZyXwVuTsRqPoNm\?done=sent&reply=\d+#inbox-reply$/);
    expect(outbox(s, OTHER).map((m) => m.text?.content)).toEqual(["团费可在“智慧团建”里交。"]);

    const after = await (await b.get(res.headers.get("location")!)).text();
    expect(after).toContain("回复已发送到青年的微信。");
    expect(after).toMatch(/data-state="sent"><div class="meta"><span>wangfang<\/span> · <span class="tag ok">已发送<\/span> <time>2026-11-23 12:00<\/time>/);
    expect(after).toContain("46小时0分 · 还可发 4 条");
    expect(after).not.toContain("data-unanswered-count"); // answered: the nav counter is gone
    expect(await listed(b, "?filter=unanswered")).toEqual([]);
  });

  it("six staff replies to one message: five sent, the sixth held, and delivered with the reply to the youth's next message", async () => {
    await youthSays(s, YOUTH, "请问县里有没有青年志愿者活动");
    advance(s, HOUR);
    const { b, csrf } = await signedIn(s);
    for (let i = 1; i <= 6; i++) {
      const res = await b.post(`${thread(YOUTH)}/reply`, { _csrf: csrf, kind: "text", content: `第${i}条回复` });
      expect(res.status).toBe(303);
      expect(res.headers.get("location")).toContain(i <= 5 ? "done=sent" : "done=held");
    }
    expect(outbox(s).map((m) => m.text?.content)).toEqual(["第1条回复", "第2条回复", "第3条回复", "第4条回复", "第5条回复"]);
    expect(deliveries(s)).toEqual(["sent", "sent", "sent", "sent", "sent", "held"]);
    const held = await (await b.get(`${thread(YOUTH)}?done=held&reply=6`)).text();
    expect(held).toContain('data-state="held"');
    expect(held).toContain("待送达");
    expect(held).toContain("客服消息条数已用完");
    expect(held).toContain('data-window-state="closed"');
    expect(held).toContain("本次可发的客服消息已用完");

    // The youth writes again: the held reply rides on the bot's passive reply.
    advance(s, HOUR);
    const reply = await youthSays(s, YOUTH, "谢谢");
    expect(reply).toContain("第6条回复");
    expect(deliveries(s)).toEqual(["sent", "sent", "sent", "sent", "sent", "delivered_passive"]);
    expect(outbox(s)).toHaveLength(5); // not sent a second time
    const after = await (await b.get(thread(YOUTH))).text();
    expect(after).toContain('data-state="delivered_passive"');
    expect(after).toContain("已随回复送达");
    // …and the next message opened a new window.
    expect(after).toContain('data-window-state="open"');
  });

  it("holds a text when the 48 h window has closed, and says so before and after", async () => {
    await youthSays(s, YOUTH, "你好");
    advance(s, 49 * HOUR);
    const { b, csrf } = await signedIn(s);
    const page = await (await b.get(thread(YOUTH))).text();
    expect(page).toContain('data-window-state="closed"');
    expect(page).toContain("距青年最后一条消息已超过 48 小时（2026-11-25 10:00 关闭）");
    expect(page).toContain("图片不能这样留存");
    const res = await b.post(`${thread(YOUTH)}/reply`, { _csrf: csrf, kind: "text", content: "抱歉回复晚了" });
    const after = await (await b.get(res.headers.get("location")!)).text();
    expect(after).toContain("回复已保存为“待送达”：距青年最后一条消息已超过 48 小时，等青年下次发消息时送达。");
    expect(outbox(s)).toEqual([]);
  });

  it("refuses a too-long text with the limit named, and keeps what was typed", async () => {
    await youthSays(s, YOUTH, "你好");
    const { b, csrf } = await signedIn(s);
    const long = "长".repeat(700);
    const res = await b.post(`${thread(YOUTH)}/reply`, { _csrf: csrf, kind: "text", content: long });
    expect(res.status).toBe(422);
    const page = await res.text();
    expect(page).toContain("回复有 2100 字节，微信一条文字消息最多 2048 字节（约 682 个汉字）");
    expect(page).toContain(`>${long}</textarea>`);
    expect(deliveries(s)).toEqual([]);
  });

  it("refuses a file that is not an image (by content, not name), and sends a real picture", async () => {
    await youthSays(s, YOUTH, "你好");
    const { b, csrf } = await signedIn(s);
    const upload = (data: Buffer, name: string, type: string) => {
      const form = new FormData();
      form.set("_csrf", csrf);
      form.set("kind", "image");
      form.set("image", new Blob([data], { type }), name);
      return b.fetch(`${thread(YOUTH)}/reply`, { method: "POST", body: form });
    };
    const fake = await upload(Buffer.from("MZ\x90\x00 not a picture"), "photo.png", "image/png");
    expect(fake.status).toBe(422);
    expect(await fake.text()).toContain("只能发送 jpg、png 或 gif 图片（按文件内容判断，不按文件名）");
    const none = await upload(Buffer.alloc(0), "", "application/octet-stream");
    expect(none.status).toBe(422);
    expect(deliveries(s)).toEqual([]);

    const ok = await upload(PNG, "screenshot.png", "image/png");
    expect(ok.status).toBe(303);
    expect(ok.headers.get("location")).toContain("done=sent");
    expect(outbox(s).map((m) => m.msgtype)).toEqual(["image"]);
    expect(await (await b.get(thread(YOUTH))).text()).toContain("[图片]");
  });

  it("refuses a picture when the window is closed (it cannot be held)", async () => {
    await youthSays(s, YOUTH, "你好");
    advance(s, 49 * HOUR);
    const { b, csrf } = await signedIn(s);
    const form = new FormData();
    form.set("_csrf", csrf);
    form.set("kind", "image");
    form.set("image", new Blob([PNG], { type: "image/png" }), "a.png");
    const res = await b.fetch(`${thread(YOUTH)}/reply`, { method: "POST", body: form });
    expect(res.status).toBe(422);
    expect(await res.text()).toContain("现在不能发图片");
    expect(deliveries(s)).toEqual([]);
  });

  it("keeps a remark with who changed it and when, and shows it instead of the openid", async () => {
    await youthSays(s, YOUTH, "你好");
    const { b, csrf } = await signedIn(s);
    advance(s, 5 * 60_000);
    const res = await b.post(`${thread(YOUTH)}/remark`, { _csrf: csrf, remark: "张同学 二中" });
    expect(res.status).toBe(303);
    const row = s.deps.db.prepare("SELECT remark, remark_updated_at, remark_updated_by FROM youths WHERE open_id = ?").get(YOUTH);
    expect(row).toEqual({ remark: "张同学 二中", remark_updated_at: Date.parse("2026-11-23T02:05:00Z"), remark_updated_by: "wangfang" });
    const page = await (await b.get(res.headers.get("location")!)).text();
    expect(page).toContain("备注已保存");
    expect(page).toContain("wangfang 于 2026-11-23 10:05 修改");
    expect(await (await b.get("/dashboard/inbox")).text()).toContain(">张同学 二中</a>");
    const long = await b.post(`${thread(YOUTH)}/remark`, { _csrf: csrf, remark: "一二三四五六七八九十一" });
    expect(long.status).toBe(422);
    expect(await long.text()).toContain("备注要少于 30 字节");
  });

  it("shows a thread oldest first, each message followed by the bot's answer, with rules in words staff know", async () => {
    await youthSays(s, YOUTH, "第一条：你好");
    await youthSays(s, YOUTH, "第二条：还在吗"); // the same millisecond on the fixed clock
    await youthSays(s, YOUTH, "提问 团员证丢了怎么补办？");
    await youthSays(s, YOUTH, "诚聘");
    const { b } = await signedIn(s);
    const page = await (await b.get(thread(YOUTH))).text();
    const at = (text: string) => page.indexOf(text);
    expect(at("第一条：你好")).toBeGreaterThan(0);
    expect(at("第一条：你好")).toBeLessThan(at("第二条：还在吗"));
    expect(at("第二条：还在吗")).toBeLessThan(at("青年之声问题"));
    expect(page).toContain("青年之声：收到问题");
    expect(page).toMatch(/自动回复<\/span> · 招聘|自动回复<\/span> · 诚聘/);
    expect(page).not.toMatch(/qa:ask|default-suppressed|match_mode|>default</);
  });

  it("sends only the account's own published articles", async () => {
    await youthSays(s, YOUTH, "你好");
    const { b, csrf } = await signedIn(s);
    expect(await (await b.get(thread(YOUTH))).text()).toContain("本公众号还没有已发布的文章。");
    const res = await b.post(`${thread(YOUTH)}/reply`, { _csrf: csrf, kind: "article", url: "https://evil.example/phish" });
    expect(res.status).toBe(422);
    expect(await res.text()).toContain("只能发送本公众号已发布的文章");
    expect(deliveries(s)).toEqual([]);
  });

  it("answers 404 for a follower who never wrote", async () => {
    const { b, csrf } = await signedIn(s);
    expect((await b.get(thread("oNobody_at_all_000000000000"))).status).toBe(404);
    expect((await b.get("/dashboard/inbox/..%2F..%2Fetc")).status).toBe(404);
    expect((await b.post(`${thread("oNobody_at_all_000000000000")}/reply`, { _csrf: csrf, kind: "text", content: "你好" })).status).toBe(404);
  });
});
