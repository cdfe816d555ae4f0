import type { fixedClock } from "../../src/time";
import { buildPush } from "../../src/wechat/build-push";
import { parseReply } from "../../src/wechat/parse-reply";
import { hiddenValue, SANDBOX_ENV, startDashboard, type DashboardServer } from "../http/dashboard-helpers";

const YOUTH = "oLuntai_youth_0001_AbCdEfGhIjKlMn";
const HOSTILE = '<script>alert("x")</script>怎么申请助学贷款？';

/** A youth's text pushed to the server's webhook as WeChat would; returns the reply text. */
async function youthSays(s: DashboardServer, content: string): Promise<string> {
  const account = s.deps.accounts.get("default")!;
  const p = buildPush({ kind: "text", content }, YOUTH, { token: account.token, originalId: account.originalId, encrypt: false }, s.deps.clock.now());
  const res = await fetch(`${s.url}/wechat?${p.query}`, { method: "POST", headers: { "content-type": "text/xml" }, body: p.body });
  const reply = parseReply(await res.text());
  return reply?.type === "text" ? reply.content : "";
}

const advance = (s: DashboardServer, ms: number) => (s.clock as ReturnType<typeof fixedClock>).advance(ms);
const lastTicket = (s: DashboardServer) => (s.deps.db.prepare("SELECT max(id) AS id FROM qa_tickets").get() as { id: number }).id;

describe("dashboard 青年之声 page (mountQaRoutes; sandbox mode, clock 2026-11-23 10:00 Beijing)", () => {
  let s: DashboardServer;
  beforeEach(async () => {
    s = await startDashboard(SANDBOX_ENV);
  });
  afterEach(() => s.close());

  it("is never reachable logged out: pages redirect to the login, posts get 401", async () => {
    await youthSays(s, "提问 团费怎么交？");
    const id = lastTicket(s);
    const b = s.browser();
    const list = await b.get("/dashboard/qa");
    expect(list.status).toBe(302);
    expect(list.headers.get("location")).toBe("/dashboard/login?next=%2Fdashboard%2Fqa");
    expect((await b.get(`/dashboard/qa/${id}`)).status).toBe(302);
    expect((await b.post(`/dashboard/qa/${id}/answer`, { _csrf: "x", answer: "不该成功" })).status).toBe(401);
    expect((await b.get("/dashboard/export/qa/weekly.csv")).status).toBe(401);
    expect(s.deps.qa.service.get(id).state).toBe("open");
  });

  it("lists open tickets with the window left, escaped, and finds them by number or words", async () => {
    await youthSays(s, `提问 ${HOSTILE}`);
    const id = lastTicket(s);
    const b = s.browser();
    await b.login();
    const html = await (await b.get("/dashboard/qa")).text();
    expect(html).toContain('aria-current="page">青年之声</a>');
    expect(html).toContain(`<tr data-ticket="${id}">`);
    expect(html).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;怎么申请助学贷款？");
    expect(html).not.toContain(HOSTILE);
    expect(html).toContain("<td>48小时0分 · 还可发 5 条</td>"); // asked just now on the fixed clock: the whole window left
    expect(html).toContain("王芳");
    expect(await (await b.get(`/dashboard/qa?q=%23${id}`)).text()).toContain(`data-ticket="${id}"`);
    expect(await (await b.get("/dashboard/qa?q=%E5%9B%A2%E8%B4%B9")).text()).toContain("没有找到。");
  });

  it("refuses an answer without the CSRF token, and delivers one with it at once inside the window", async () => {
    await youthSays(s, "提问 返乡创业有哪些扶持政策？");
    const id = lastTicket(s);
    const b = s.browser();
    await b.login();
    const page = await (await b.get(`/dashboard/qa/${id}`)).text();
    const csrf = hiddenValue(page, "_csrf");
    expect((await b.post(`/dashboard/qa/${id}/answer`, { answer: "没有令牌" })).status).toBe(403);
    expect((await b.post(`/dashboard/qa/${id}/answer`, { _csrf: "wrong", answer: "错的令牌" })).status).toBe(403);
    expect(s.deps.qa.service.get(id).answer).toBeNull();

    const res = await b.post(`/dashboard/qa/${id}/answer`, { _csrf: csrf, answer: "可申请创业担保贷款和一次性创业补贴。" });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe(`/dashboard/qa/${id}?done=delivered`);
    const after = await (await b.get(res.headers.get("location")!)).text();
    expect(after).toContain("答复已通过客服消息送达青年。");
    expect(after).toContain("已答复 · 客服消息已送达");
    expect(after).toContain('<tr data-event="delivered">');
    const sent = s.deps.db.prepare("SELECT request_json FROM sandbox_custom_messages WHERE open_id = ?").all(YOUTH) as { request_json: string }[];
    expect(sent.map((r) => JSON.parse(r.request_json).text.content)).toEqual([
      `【青年之声】你的问题 #${id} 有了答复：\n问：返乡创业有哪些扶持政策？\n答：可申请创业担保贷款和一次性创业补贴。`,
    ]);
  });

  it("answers after the window closed: the page says it waits, and the youth's next message carries it", async () => {
    await youthSays(s, "提问 寒假实习有补贴吗？");
    const id = lastTicket(s);
    advance(s, 49 * 3600_000);
    const b = s.browser();
    await b.login();
    const page = await (await b.get(`/dashboard/qa/${id}`)).text();
    expect(page).toContain("已于 2026-11-25 10:00 关闭");
    const res = await b.post(`/dashboard/qa/${id}/answer`, { _csrf: hiddenValue(page, "_csrf"), answer: "每人每月1500元。" });
    expect(res.headers.get("location")).toBe(`/dashboard/qa/${id}?done=window_closed`);
    expect(await (await b.get(`/dashboard/qa/${id}?done=window_closed`)).text()).toContain("待青年下次发消息时送达");
    expect(await youthSays(s, "你好")).toContain("每人每月1500元。");
    expect(await (await b.get(`/dashboard/qa/${id}`)).text()).toContain("已答复 · 已随回复送达");
  });

  it("shows a refused answer's error on the ticket page and keeps what staff typed", async () => {
    await youthSays(s, "提问 志愿者证书怎么开？");
    const id = lastTicket(s);
    const b = s.browser();
    await b.login();
    const csrf = hiddenValue(await (await b.get(`/dashboard/qa/${id}`)).text(), "_csrf");
    const long = "长".repeat(700);
    const res = await b.post(`/dashboard/qa/${id}/answer`, { _csrf: csrf, answer: long });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain("最多 1800 字节（约 600 个汉字）");
    expect(html).toContain(long);
  });

  it("reassigns, marks not-a-question and picks for the roundup through CSRF-protected forms", async () => {
    await youthSays(s, "提问 你们几点下班");
    const a = lastTicket(s);
    await youthSays(s, "提问 团员证丢了怎么补办？");
    const q = lastTicket(s);
    const b = s.browser();
    await b.login();
    const csrf = hiddenValue(await (await b.get(`/dashboard/qa/${a}`)).text(), "_csrf");
    expect((await b.post(`/dashboard/qa/${a}/assign`, { _csrf: csrf, assignee: "张伟" })).headers.get("location")).toBe(`/dashboard/qa/${a}?done=assigned`);
    expect(s.deps.qa.service.get(a).assignee).toBe("张伟");
    await b.post(`/dashboard/qa/${a}/not-question`, { _csrf: csrf });
    expect(s.deps.qa.service.get(a).state).toBe("not_question");
    expect((await b.post(`/dashboard/qa/${q}/pick`, { _csrf: csrf, picked: "1" })).status).toBe(409);
    await b.post(`/dashboard/qa/${q}/answer`, { _csrf: csrf, answer: "请到所在团支部申请补办。" });
    await b.post(`/dashboard/qa/${q}/pick`, { _csrf: csrf, picked: "1" });
    expect(s.deps.qa.service.get(q).picked).toBe(true);
    const list = await (await b.get("/dashboard/qa")).text();
    expect(list).not.toContain(`data-ticket="${a}"`);
    expect(await (await b.get("/dashboard/qa?all=1")).text()).toContain(`data-ticket="${a}"`);
  });

  it("exports the weekly and monthly figures as CSV", async () => {
    await youthSays(s, "提问 问题一");
    await youthSays(s, "提问 问题二");
    const b = s.browser();
    await b.login();
    const csv = await (await b.get("/dashboard/export/qa/weekly.csv?from=2026-11-23&to=2026-11-29")).text();
    expect(csv.trim().split("\r\n")).toEqual(["周,起,止,提问,已答复,已送达,48小时内答复,答复用时中位数（小时）", "2026-W48,2026-11-23,2026-11-29,2,0,0,0,"]);
  });
});
