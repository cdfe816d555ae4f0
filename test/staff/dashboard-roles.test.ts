import { dashboardRoutes } from "../../src/dashboard/routes/dashboard-routes";
import { hashPassword } from "../../src/dashboard/middleware/auth-password";
import { createStaffUserStore } from "../../src/db/stores/staff-user-store";
import type { StaffGrant } from "../../src/db/stores/staff-role-store";
import { hiddenValue, SANDBOX_ENV, startDashboard, type Browser, type DashboardServer } from "../http/dashboard-helpers";

const PASSWORD = "Township-Youth-2026!";
const REFUSED = "你的账号没有权限查看或操作";
const MONTH = "2026-11";
/** Anyone may reach these: the login form, logging out, the static files. */
const PUBLIC = [/^\/dashboard\/login$/, /^\/dashboard\/logout$/, /\/assets\/:file$/];
/** 附件3: checked per row, tested on its own below. */
const REPORT = /^\/dashboard\/(township-report|matrix)/;
/** The county admin's alone, GET too: 人员 and the simulator's controls. */
const ADMIN_ONLY = /^\/dashboard\/(staff|sandbox)\b/;

const LUNNAN_OCTOBER = {
  branches: "14", cadres: "21", youths: "356", groups: "9", members: "412",
  local_farming: "150", local_labour: "60", local_business: "22", local_public: "18", local_other: "12",
  away_labour: "80", away_study: "45", away_startup: "15", away_other: "10",
  sent_1: "3", sent_2: "5", sent_3: "4", sent_4: "6", sent_5: "1",
  act_policy: "3", act_skills: "2", act_culture: "1", act_dating: "1", act_other: "0",
};

let server: DashboardServer;
/** Every route the dashboard registers, with sample values for its parameters. */
let routes: Array<{ method: string; path: string; template: string }>;

beforeAll(async () => {
  const seeds: Array<[string, StaffGrant]> = [
    ["aygul", { role: "editor", accountId: "lunnan" }],
    ["zhaolei", { role: "viewer", accountId: "default" }],
  ];
  const hashes = await Promise.all(seeds.map(() => hashPassword(PASSWORD)));
  server = await startDashboard(SANDBOX_ENV, (deps) => {
    const users = createStaffUserStore(deps.db);
    seeds.forEach(([name, grant], i) => users.add(name, hashes[i]!, deps.clock.now().getTime(), grant));
  });
  // The router's own list: a route added later without a role check fails here.
  const dashboard = dashboardRoutes(server.deps);
  // The shared pages and one account's pages (every account's router has the same routes).
  routes = [...dashboard.stack, ...dashboard.accountRouters.get("default")!.stack]
    .filter((layer) => !String(layer.path).includes("{*rest}") && !(String(layer.path) === "/dashboard" && layer.methods.length > 5))
    .flatMap((layer) => layer.methods.filter((m) => m !== "HEAD").map((method) => ({ method, template: String(layer.path) })))
    .filter((r) => !PUBLIC.some((p) => p.test(r.template)))
    .map((r) => ({ ...r, path: r.template.replace(/:(\w+)/g, (_: string, name: string) => (name === "month" ? MONTH : name === "page" ? "messages" : name === "unit" ? encodeURIComponent("轮南镇") : "x")) }));
  expect(routes.length).toBeGreaterThan(30);
});
afterAll(() => server.close());

async function signIn(name: string): Promise<{ b: Browser; csrf: string }> {
  const b = server.browser();
  expect((await b.login(name, name === "wangfang" ? "Luntai-Youth-2026!" : PASSWORD)).status).toBe(302);
  const page = await (await b.get("/dashboard/phone")).text();
  const csrf = /name="_csrf" value="([^"]+)"/.exec(page)?.[1] ?? "";
  expect(csrf).not.toBe("");
  return { b, csrf };
}

/** A request as the route expects it, with a valid CSRF token, so only the role can refuse it. */
const call = (b: Browser, csrf: string, r: { method: string; path: string }, account?: string) =>
  r.method === "GET" ? b.get(`${r.path}${account ? `?account=${account}` : ""}`) : b.fetch(`${r.path}?_csrf=${csrf}${account ? `&account=${account}` : ""}`, { method: r.method, headers: { "content-type": "application/x-www-form-urlencoded", "x-csrf-token": csrf }, body: new URLSearchParams({ _csrf: csrf }).toString() });

describe("roles on the dashboard (issue 14)", () => {
  it("refuses a township editor every page, export and action of the county account, in Chinese", async () => {
    const { b, csrf } = await signIn("aygul");
    // The front door is their own account's overview (青春轮南 is served here)…
    const front = await b.get("/dashboard");
    expect(front.status).toBe(200);
    expect(await front.text()).toContain("青春轮南 · 后台");
    // …and asking for the county's pages by the switcher's link is refused, not silently answered with another account's.
    expect((await b.get("/dashboard?account=default")).status).toBe(403);
    for (const r of routes.filter((x) => !REPORT.test(x.template) && !(x.method === "GET" && x.template === "/dashboard"))) {
      const res = await call(b, csrf, r, "default");
      const text = await res.text();
      expect({ route: `${r.method} ${r.template}`, status: res.status, refused: text.includes(`${REFUSED} `) }).toEqual({ route: `${r.method} ${r.template}`, status: 403, refused: true });
    }
    const page = await (await b.get("/dashboard/messages?account=default")).text();
    expect(page).toContain("你的账号没有权限查看或操作 青春轮台 的内容，请联系县团委管理员");
    expect(page).toContain("你现在的权限：青春轮南（lunnan） 编辑");
    // On the county's pages the nav offers only what opens for them: their 附件3 row and the 矩阵 (their account's row).
    const nav = /<nav[^>]*>([\s\S]*?)<\/nav>/.exec(page)?.[1] ?? "";
    expect([...nav.matchAll(/href="([^"]+)"/g)].map((m) => m[1]).sort()).toEqual(["/dashboard/matrix", "/dashboard/township-report"]);
    expect(page).not.toContain("我的手机");
  });

  it("lets a township editor enter their township's 附件3 figures and not another's, nor the county report", async () => {
    const { b, csrf } = await signIn("aygul");
    const lunnan = `/dashboard/township-report/${MONTH}/unit/${encodeURIComponent("轮南镇")}`;
    const yangxia = `/dashboard/township-report/${MONTH}/unit/${encodeURIComponent("阳霞镇")}`;
    const start = await b.get("/dashboard/township-report");
    expect(start.status).toBe(302);
    expect(start.headers.get("location")).toBe(lunnan);
    const form = await (await b.get(lunnan)).text();
    expect(form).toContain("轮南镇");
    expect(form).not.toContain("阳霞镇");
    const saved = await b.post(lunnan, { _csrf: hiddenValue(form, "_csrf"), ...LUNNAN_OCTOBER });
    expect(saved.status).toBe(303);
    expect(server.deps.stores.townshipFigures.get(MONTH, "轮南镇")?.savedBy).toBe("aygul");

    const other = await b.get(yangxia);
    expect(other.status).toBe(403);
    expect(await other.text()).toContain("你的账号没有权限查看或操作 阳霞镇 的内容，请联系县团委管理员");
    expect((await b.post(yangxia, { _csrf: csrf, ...LUNNAN_OCTOBER })).status).toBe(403);
    expect(server.deps.stores.townshipFigures.get(MONTH, "阳霞镇")).toBeUndefined();
    for (const path of [`/dashboard/township-report/${MONTH}/attachment3.csv`, `/dashboard/township-report/${MONTH}/attachment3.xlsx`, "/dashboard/township-report/attachment2.csv"]) {
      const res = await b.get(path);
      expect(res.status).toBe(403);
      expect(await res.text()).toContain(REFUSED);
    }
    expect((await b.post(`/dashboard/township-report/${MONTH}/lock`, { _csrf: csrf, filler: "阿依古丽", phone: "139 0996 0001" })).status).toBe(403);
    expect(server.deps.stores.townshipFigures.lock(MONTH)).toBeUndefined();
  });

  it("lets a viewer GET every page and export, and refuses every POST (and the admin's pages)", async () => {
    const { b, csrf } = await signIn("zhaolei");
    for (const r of routes) {
      const res = await call(b, csrf, r);
      const text = await res.text();
      const refused = res.status === 403 && text.includes(REFUSED);
      expect({ route: `${r.method} ${r.template}`, refused }).toEqual({ route: `${r.method} ${r.template}`, refused: r.method !== "GET" || ADMIN_ONLY.test(r.template) });
    }
    const csv = await b.get(`/dashboard/township-report/${MONTH}/attachment3.csv`);
    expect(csv.status).toBe(200);
    expect(await csv.text()).toContain("轮南镇");
    const page = await (await b.get("/dashboard")).text();
    expect(page).not.toContain('href="/dashboard/staff"');
  });

  it("lets the county admin do everything, and manage grants on the 人员 page with an audit line", async () => {
    const { b, csrf } = await signIn("wangfang");
    for (const r of routes) {
      const res = await call(b, csrf, r);
      expect({ route: `${r.method} ${r.template}`, refused: (await res.text()).includes(REFUSED) }).toEqual({ route: `${r.method} ${r.template}`, refused: false });
    }
    const page = await (await b.get("/dashboard/staff")).text();
    expect(page).toContain('href="/dashboard/staff"');
    expect(page).toMatch(/data-user="aygul"[\s\S]*?青春轮南（lunnan） · 编辑/);

    const granted = await b.post("/dashboard/staff/grant", { _csrf: csrf, user: "aygul", role: "editor", account: "yangxia" });
    expect(granted.headers.get("location")).toBe("/dashboard/staff?done=granted");
    expect(server.deps.stores.audit.latest("default", 1)[0]).toMatchObject({ staffName: "wangfang", action: "staff.grant", target: "人员/aygul", detail: "阳霞青年（yangxia） · 编辑" });
    const { b: aygul } = await signIn("aygul");
    expect((await aygul.get(`/dashboard/township-report/${MONTH}/unit/${encodeURIComponent("阳霞镇")}`)).status).toBe(200);

    await b.post("/dashboard/staff/revoke", { _csrf: csrf, user: "aygul", role: "editor", account: "yangxia" });
    expect(server.deps.stores.audit.latest("default", 1)[0]).toMatchObject({ action: "staff.revoke", target: "人员/aygul" });
    expect((await aygul.get(`/dashboard/township-report/${MONTH}/unit/${encodeURIComponent("阳霞镇")}`)).status).toBe(403);

    const bad = await b.post("/dashboard/staff/grant", { _csrf: csrf, user: "aygul", role: "editor", account: "tiergen" });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain("字段 account：没有「tiergen」这个账号");
    // The last county admin cannot remove themselves: nobody could manage staff afterwards.
    const last = await b.post("/dashboard/staff/revoke", { _csrf: csrf, user: "wangfang", role: "admin", account: "*" });
    expect(last.headers.get("location")).toBe("/dashboard/staff?done=last_admin");
    expect((await b.post("/dashboard/staff/grant", { user: "aygul", role: "admin", account: "*" })).status).toBe(403);
  });
});
