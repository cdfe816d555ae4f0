import { hiddenValue, SANDBOX_ENV, startDashboard, type DashboardServer } from "../http/dashboard-helpers";
import { MSG_DATA_ID, SLUG, seedPublishedArticle } from "./comment-fixture";

const HOSTILE = '<img src=x onerror="alert(1)">报名链接在哪？';
const PAGE = `/dashboard/comments/${SLUG}`;

describe("dashboard 留言 page (mountCommentRoutes; sandbox mode)", () => {
  let s: DashboardServer;
  let hostileId: string;
  beforeEach(async () => {
    s = await startDashboard(SANDBOX_ENV, (deps) => seedPublishedArticle(deps.db, { at: deps.clock.now().getTime() - 86_400_000 }));
    hostileId = s.deps.sandbox!.addComment({ msgDataId: MSG_DATA_ID, content: HOSTILE, openId: "oHostileYouth" });
  });
  afterEach(() => s.close());

  const actions = () => s.deps.db.prepare("SELECT staff_name, action, user_comment_id, detail, outcome, errcode FROM comment_actions ORDER BY id").all();

  it("needs a login: pages redirect, actions get 401 and reach neither WeChat nor the audit log", async () => {
    const b = s.browser();
    const list = await b.get("/dashboard/comments");
    expect(list.status).toBe(302);
    expect(list.headers.get("location")).toBe("/dashboard/login?next=%2Fdashboard%2Fcomments");
    expect((await b.get(PAGE)).status).toBe(302);
    expect((await b.post(`${PAGE}/${hostileId}/delete`, { _csrf: "x" })).status).toBe(401);
    expect(actions()).toEqual([]);
  });

  it("shows the article's comments newest first with hostile text escaped, in the nav, with comment counts on the 文章 page", async () => {
    const b = s.browser();
    await b.login();
    const html = await (await b.get("/dashboard/comments")).text();
    expect(html).toContain('aria-current="page">留言</a>');
    expect(html).toContain(`data-article="${SLUG}"`);
    expect(html).toContain("&lt;img src=x onerror=&quot;alert(1)&quot;&gt;报名链接在哪？");
    expect(html).not.toContain(HOSTILE);
    expect(html).not.toContain("oHostileYouth"); // openids are shown hashed
    // The newest (just added) comment comes first.
    const ids = [...html.matchAll(/<li data-comment="(\d+)">/g)].map((m) => m[1]);
    expect(ids[0]).toBe(hostileId);
    const total = ids.length;

    const articles = await (await b.get("/dashboard/articles?from=2026-11-01&to=2026-11-23")).text();
    expect(articles).toContain(">留言</th>");
    expect(articles).toContain(`<td class="num">${total}</td>`);
  });

  it("refuses actions without the CSRF token; with it, features, replies, deletes — each audit-logged", async () => {
    const b = s.browser();
    await b.login();
    const page = await (await b.get(PAGE)).text();
    const csrf = hiddenValue(page, "_csrf");

    const forged = await b.post(`${PAGE}/${hostileId}/elect`, { back: PAGE });
    expect(forged.status).toBe(403);
    expect(await b.post(`${PAGE}/${hostileId}/elect`, { _csrf: "wrong", back: PAGE }).then((r) => r.status)).toBe(403);
    expect(actions()).toEqual([]);

    const elect = await b.post(`${PAGE}/${hostileId}/elect`, { _csrf: csrf, back: PAGE });
    expect(elect.status).toBe(303);
    expect(elect.headers.get("location")).toBe(`${PAGE}?done=elect`);
    const reply = await b.post(`${PAGE}/${hostileId}/reply`, { _csrf: csrf, back: PAGE, text: "<b>报名</b>请点菜单“轮青诚聘”" });
    expect(reply.headers.get("location")).toBe(`${PAGE}?done=reply`);
    const again = await b.post(`${PAGE}/${hostileId}/reply`, { _csrf: csrf, back: PAGE, text: "再回复一次" });
    expect(again.headers.get("location")).toBe(`${PAGE}?refused=already_replied`);

    const after = await (await b.get(`${PAGE}?done=reply`)).text();
    expect(after).toContain("回复已发布。");
    expect(after).toContain("&lt;b&gt;报名&lt;/b&gt;请点菜单“轮青诚聘”");
    expect(after).toContain('<span class="elected">精选</span>');
    expect(after).toContain("<td>wangfang</td>");

    await b.post(`${PAGE}/${hostileId}/delete-reply`, { _csrf: csrf, back: PAGE });
    await b.post(`${PAGE}/${hostileId}/unelect`, { _csrf: csrf, back: PAGE });
    const del = await b.post(`${PAGE}/${hostileId}/delete`, { _csrf: csrf, back: "https://evil.example/", text: HOSTILE });
    expect(del.headers.get("location")).toBe(`${PAGE}?done=delete`); // a foreign `back` is ignored
    expect(await (await b.get(PAGE)).text()).not.toContain(`data-comment="${hostileId}"`);

    expect(actions()).toEqual([
      { staff_name: "wangfang", action: "elect", user_comment_id: hostileId, detail: null, outcome: "ok", errcode: null },
      { staff_name: "wangfang", action: "reply", user_comment_id: hostileId, detail: "<b>报名</b>请点菜单“轮青诚聘”", outcome: "ok", errcode: null },
      { staff_name: "wangfang", action: "reply", user_comment_id: hostileId, detail: "再回复一次", outcome: "wechat_88005", errcode: 88005 },
      { staff_name: "wangfang", action: "delete_reply", user_comment_id: hostileId, detail: null, outcome: "ok", errcode: null },
      { staff_name: "wangfang", action: "unelect", user_comment_id: hostileId, detail: null, outcome: "ok", errcode: null },
      { staff_name: "wangfang", action: "delete", user_comment_id: hostileId, detail: HOSTILE, outcome: "ok", errcode: null },
    ]);
  });

  it("says so in Chinese on an account without the permission (48001), and the other pages keep working", async () => {
    const b = s.browser();
    await b.login();
    s.deps.sandbox!.configure({ verified: false });
    const res = await b.get("/dashboard/comments");
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("data-comments-permission");
    expect(html).toContain("本公众号没有留言管理权限（微信返回 48001 或 88000）");
    expect(html).not.toContain("<li data-comment=");
    const one = await (await b.get(PAGE)).text();
    expect(one).toContain('data-comments-refused="no_permission"');
    expect((await b.get("/dashboard/publications")).status).toBe(200);
    expect((await b.get("/dashboard/articles")).status).toBe(200);

    s.deps.sandbox!.configure({ verified: true });
    s.deps.sandbox!.injectError("comment/list", 88000);
    expect(await (await b.get("/dashboard/comments")).text()).toContain("本公众号没有留言管理权限");
  });

  it("lets staff simulate a youth's comment in sandbox mode (CSRF too)", async () => {
    const b = s.browser();
    await b.login();
    const csrf = hiddenValue(await (await b.get(PAGE)).text(), "_csrf");
    expect((await b.post(`${PAGE}/simulate`, { text: "没有令牌" })).status).toBe(403);
    const res = await b.post(`${PAGE}/simulate`, { _csrf: csrf, back: PAGE, text: "明年还办吗？" });
    expect(res.headers.get("location")).toBe(`${PAGE}?done=simulate`);
    expect(await (await b.get(PAGE)).text()).toContain("明年还办吗？");
  });
});
