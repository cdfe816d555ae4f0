/**
 * GET /dashboard/matrix and /dashboard/matrix.csv on deps that serve three accounts (the county,
 * 青春轮南, 阳霞青年) from a temp copy of the fixture content, with figures written through the
 * stores as the webhook, the publisher, the stats job and the token refresher write them.
 */
import { appendFileSync, cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Router from "@koa/router";
import { createApp } from "../../src/http/create-app";
import { closeDeps } from "../../src/build-deps";
import type { Deps } from "../../src/deps";
import { createSessionAuth } from "../../src/dashboard/middleware/auth-session";
import { hashPassword } from "../../src/dashboard/middleware/auth-password";
import { createLoginRateLimit } from "../../src/dashboard/middleware/login-rate-limit";
import { mountAuthRoutes } from "../../src/dashboard/routes/dashboard-auth-routes";
import { mountMatrixRoutes } from "../../src/dashboard/routes/dashboard-matrix-routes";
import { staffOf } from "../../src/dashboard/middleware/auth-session";
import { layout } from "../../src/dashboard/views/layout";
import { createSessionStore } from "../../src/db/stores/session-store";
import { createStaffLoginFailureStore } from "../../src/db/stores/staff-login-failure-store";
import { createStaffUserStore } from "../../src/db/stores/staff-user-store";
import { createStaffRoleStore, type StaffGrant } from "../../src/db/stores/staff-role-store";
import { createAccessTokenStore } from "../../src/db/stores/access-token-store";
import { createMessageStore } from "../../src/db/stores/message-store";
import { createStatsStores } from "../../src/stats/stats-stores";
import { buildTestDeps, FIXTURE_CONTENT, listen } from "../helpers/build-test-deps";
import { Browser, SANDBOX_ENV } from "../http/dashboard-helpers";
import { inbound } from "../helpers/inbound";

const PASSWORD = "Township-Youth-2026!";
/** Beijing wall-clock time (Asia/Shanghai has no DST: a fixed +08:00). */
const bj = (s: string) => new Date(`${s.replace(" ", "T")}:00+08:00`);

let tmp: string;
let deps: Deps;
let server: { url: string; close(): Promise<void> };

/** content/ with two township folders laid out like it, plus a paused and an unserved township. */
function matrixContent(): string {
  const dir = mkdtempSync(join(tmpdir(), "matrix-page-"));
  cpSync(FIXTURE_CONTENT, dir, { recursive: true });
  for (const id of ["lunnan", "yangxia"]) {
    const folder = join(dir, "accounts", id);
    rmSync(folder, { recursive: true, force: true });
    for (const f of ["columns.yml", "replies.yml", "qa.yml", "menu.yml", "posts"]) cpSync(join(FIXTURE_CONTENT, f), join(folder, f), { recursive: true });
  }
  appendFileSync(
    join(dir, "accounts.yml"),
    `
  - id: tarlak
    name: 塔尔拉克青年
    township: 塔尔拉克乡
    type: 订阅号
    verified: false
    admin: { name: 艾力, phone: "139 0996 0003" }
    env: { app_id: WECHAT_TARLAK_APP_ID, app_secret: WECHAT_TARLAK_APP_SECRET, token: WECHAT_TARLAK_TOKEN, aes_key: WECHAT_TARLAK_AES_KEY }
    paused: true

  - id: qunbake
    name: 青春群巴克
    township: 群巴克镇
    type: 订阅号
    verified: false
    admin: { name: 张伟, phone: "139 0996 0004" }
`,
  );
  return dir;
}

function seed(d: Deps): void {
  const at = d.clock.now().getTime();
  const stats = createStatsStores(d.db);
  // 青春轮台: datacube figures for 1–22 November; 10 new and 2 cancelled a day.
  let total = 12000;
  for (let day = 1; day <= 22; day++) {
    const date = `2026-11-${String(day).padStart(2, "0")}`;
    stats.snapshots.upsertFollowerSummary("default", date, [{ userSource: 30, newUser: 10, cancelUser: 2 }], at);
    total += 8;
    stats.snapshots.upsertFollowerCumulate("default", date, total, at);
  }
  stats.sync.record("default", "followers", { status: "ok", syncedThrough: "2026-11-22" }, at);
  stats.articles.upsertReads("default", "2026-11-20", [{ msgId: "2247483700_1", msgDataId: "2247483700", articleIdx: 1, readUser: 640 }], false, at);
  stats.sync.record("default", "article_reads", { status: "ok", syncedThrough: "2026-11-22" }, at);
  // 阳霞青年: user/get counted 431 on the 22nd; the datacube part of the stats job failed on its last run.
  stats.snapshots.upsertFollowerCount("yangxia", "2026-11-22", 431, at);
  stats.sync.record("yangxia", "followers", { status: "error", errcode: -1, detail: "微信系统繁忙（-1）" }, at);

  const ledger = d.db.prepare(`
    INSERT INTO publications (account_id, post_slug, column_id, mode, post_title, scheduled_at, state, article_title, published_at, failure_reason, created_at, updated_at)
    VALUES (@account, @slug, @column, 'mass', @title, @at, @state, @title, @published, @reason, @at, @at)`);
  const post = (account: string, slug: string, column: string, title: string, when: string, state = "published", reason: string | null = null) =>
    ledger.run({ account, slug, column, title, at: bj(when).getTime(), state, published: state === "published" ? bj(when).getTime() + 60_000 : null, reason });
  post("default", "2026-11-05-job-fair", "careers", "【轮青诚聘】第12期 · 冬季招聘会岗位一览", "2026-11-05 09:00");
  post("default", "2026-11-12-policy", "news", "【轮青关注】县青年创业扶持政策解读", "2026-11-12 09:00");
  post("lunnan", "2026-11-08-night-school", "careers", "轮南镇青年夜校开课", "2026-11-08 09:00");
  post("lunnan", "2026-11-20-cotton", "news", "轮南镇棉花采收志愿服务", "2026-11-20 09:00", "failed", "图片太大（40009）：请把图片压缩到 1 MB 以内后重新发布");
  post("yangxia", "2026-11-15-farming", "careers", "阳霞镇农技培训报名", "2026-11-15 09:00");
  post("yangxia", "2026-11-16-apricot", "careers", "阳霞镇杏园管护招工", "2026-11-16 09:00");

  const messages = createMessageStore(d.db);
  const say = (account: string, text: string, when: string, openId: string) => {
    const m = inbound.text(text, { createdAt: bj(when), openId });
    messages.recordMany([{ accountId: account, message: m, receivedAt: m.createdAt, outcome: { status: "replied", reply: null } }]);
  };
  say("default", "招聘", "2026-11-21 10:15", "oLuntai_youth_0001_AbCdEfGhIjKlMn");
  say("default", "实习", "2026-11-23 09:40", "oLuntai_youth_0002_AbCdEfGhIjKlMn");
  say("lunnan", "夜校什么时候上课", "2026-11-22 20:05", "oLunnan_youth_0001_AbCdEfGhIjKlM");
  for (let i = 0; i < 3; i++) say("yangxia", "杏树怎么剪枝", `2026-11-1${i} 18:30`, `oYangxia_youth_000${i}_AbCdEfGhIjK`);

  // 青年之声: 阳霞 has a question asked on the 19th that nobody answered (past 48 h).
  const yangxiaQa = d.matrix.get("yangxia")!.qa.store;
  yangxiaQa.create({ accountId: "yangxia", openId: "oYangxia_youth_0000_AbCdEfGhIjK", question: "镇上有没有免费的电商培训？", askedAt: bj("2026-11-19 18:31"), dedupKey: "yx-1", now: bj("2026-11-19 18:31") });
  d.stores.qaTickets.create({ accountId: "default", openId: "oLuntai_youth_0002_AbCdEfGhIjKlMn", question: "大学生返乡创业有补贴吗？", askedAt: bj("2026-11-23 09:41"), dedupKey: "lt-1", now: bj("2026-11-23 09:41") });

  // Tokens: the county's fine; 阳霞's refused, its server IP not whitelisted.
  const tokens = createAccessTokenStore(d.db);
  tokens.save({ accountId: "default", token: "ACCESS_TOKEN_county", expiresAt: at + 6_900_000, now: bj("2026-11-23 08:00").getTime() });
  tokens.recordFailure("yangxia", { at: bj("2026-11-23 08:40").getTime(), errcode: 40164, detail: "invalid ip 47.92.1.8 ipv6 ::ffff:47.92.1.8, not in whitelist" });
}

beforeAll(async () => {
  tmp = matrixContent();
  deps = buildTestDeps({ ...SANDBOX_ENV, CONTENT_DIR: tmp }, { logLevel: "silent" }).deps;
  seed(deps);
  const users = createStaffUserStore(deps.db);
  const staff: Array<[string, StaffGrant]> = [
    ["wangfang", { role: "admin", accountId: "*" }],
    ["aygul", { role: "editor", accountId: "lunnan" }],
    // A grant on an account since removed from accounts.yml: nothing left to view.
    ["tursun", { role: "viewer", accountId: "tiereke" }],
  ];
  for (const [name, grant] of staff) users.add(name, await hashPassword(PASSWORD), deps.clock.now().getTime(), grant);

  const router = new Router({ prefix: "/dashboard" });
  const auth = createSessionAuth({ sessions: createSessionStore(deps.db), roles: createStaffRoleStore(deps.db), clock: deps.clock, sessionHours: 8, secureCookie: false });
  const assets = { css: "/dashboard/assets/dashboard.css", chart: "/dashboard/assets/chart.js", script: "/dashboard/assets/dashboard.js" };
  mountAuthRoutes(router, {
    users,
    auth,
    rateLimit: createLoginRateLimit({ failures: createStaffLoginFailureStore(deps.db), clock: deps.clock }),
    clock: deps.clock,
    log: deps.log,
    secureCookie: false,
    trustProxy: false,
    page: (title, body) => layout({ title, accountName: "青春轮台", assets }, body).value,
  });
  mountMatrixRoutes(router, deps, {
    requireStaff: auth.requireStaff,
    page: (ctx, title, body, options) => {
      const s = staffOf(ctx);
      return layout({ title, accountName: "青春轮台", assets, staff: { name: s.name, csrfToken: s.csrfToken, active: options.active, sandbox: true, nav: new Set(["matrix"]) } }, body).value;
    },
  });
  server = await listen(createApp(deps, [router]));
});

afterAll(async () => {
  await server.close();
  await closeDeps(deps);
  rmSync(tmp, { recursive: true, force: true });
});

async function signIn(name: string): Promise<Browser> {
  const b = new Browser(server.url);
  expect((await b.login(name, PASSWORD)).status).toBe(302);
  return b;
}

/** The table's body rows: account id → the text of each cell, tags stripped. */
function rowsOf(page: string): Map<string, string> {
  const body = /<tbody>([\s\S]*?)<\/tbody>/.exec(page)?.[1] ?? "";
  return new Map([...body.matchAll(/<tr data-account="([^"]+)"[^>]*>([\s\S]*?)<\/tr>/g)].map((m) => [m[1]!, m[2]!.replace(/<[^>]+>/g, " ").replace(/\s+/g, " ")]));
}

const cellOf = (page: string, account: string, key: string) =>
  new RegExp(`<tr data-account="${account}"[\\s\\S]*?class="[^"]*c-${key}[^"]*"[^>]*>([^<]*)<`).exec(page)?.[1];

describe("the 矩阵 page (issue 14)", () => {
  it("serves three accounts from the temp content", () => {
    expect([...deps.matrix.keys()]).toEqual(["default", "lunnan", "yangxia"]);
  });

  it("shows the admin every declared account with the month's figures, health and the 合计 row", async () => {
    const b = await signIn("wangfang");
    const res = await b.get("/dashboard/matrix");
    expect(res.status).toBe(200);
    const page = await res.text();
    expect(page).toContain("<h1>矩阵 · 2026年11月</h1>");
    expect(page).toContain('<input type="month" name="month" value="2026-11">');
    const rows = rowsOf(page);
    expect([...rows.keys()]).toEqual(["default", "lunnan", "yangxia", "tarlak", "qunbake"]);
    expect(page).toContain('<a href="/dashboard/?account=lunnan" data-account-link="lunnan">青春轮南</a>');

    // 青春轮台: 12,176 at the 22nd (datacube), 220 new and 44 cancelled; 2 posts (致富信息 1, 新闻娱乐 1); 640 readers; 2 messages.
    expect(cellOf(page, "default", "followers")).toBe("12,176");
    expect(cellOf(page, "default", "newFollowers")).toBe("220");
    expect(cellOf(page, "default", "net")).toBe("176");
    expect(cellOf(page, "default", "sentWealth")).toBe("1");
    expect(cellOf(page, "default", "sentTotal")).toBe("2");
    expect(cellOf(page, "default", "reads")).toBe("640");
    expect(cellOf(page, "default", "messages")).toBe("2");
    expect(cellOf(page, "default", "token")).toBe("正常");
    expect(cellOf(page, "default", "lastPush")).toBe("2026-11-23 09:40");
    expect(cellOf(page, "default", "lastPublication")).toBe("【轮青关注】县青年创业扶持政策解读 · 2026-11-12 09:01");
    // 青春轮南: the failed post is newer than its last publication.
    expect(cellOf(page, "lunnan", "lastFailure")).toBe("2026-11-20 09:00 发布失败：《轮南镇棉花采收志愿服务》 图片太大（40009）：请把图片压缩到 1 MB 以内后重新发布");
    expect(cellOf(page, "lunnan", "messages")).toBe("1");
    // 阳霞青年: 40164 on its token, an unanswered question past 48 h, 2 job posts.
    expect(cellOf(page, "yangxia", "token")).toMatch(/^令牌获取失败：服务器 IP 不在白名单（40164）/);
    expect(cellOf(page, "yangxia", "health")).toMatch(/^令牌获取失败：服务器 IP 不在白名单（40164）/);
    expect(cellOf(page, "yangxia", "qaAsked")).toBe("1");
    expect(cellOf(page, "yangxia", "qaOverdue")).toBe("1");
    expect(cellOf(page, "yangxia", "sentWealth")).toBe("2");
    expect(cellOf(page, "yangxia", "messages")).toBe("3");
    expect(cellOf(page, "yangxia", "followers")).toBe("431");
    // Not served here: said, with what to do.
    expect(rows.get("tarlak")).toContain("已暂停");
    expect(rows.get("tarlak")).toContain("paused: true");
    expect(rows.get("qunbake")).toContain("不由本系统收发");

    const totals = /<tr class="sum" data-totals>([\s\S]*?)<\/tr>/.exec(page)?.[1] ?? "";
    expect(totals).toContain("合计（5 个账号）");
    expect(/c-sentTotal[^>]*>([^<]*)</.exec(totals)?.[1]).toBe("5");
    expect(/c-messages[^>]*>([^<]*)</.exec(totals)?.[1]).toBe("6");
    expect(/c-qaAsked[^>]*>([^<]*)</.exec(totals)?.[1]).toBe("2");
  });

  it("sorts server-side by the column in the query, and links each header to its sort", async () => {
    const b = await signIn("wangfang");
    const page = await (await b.get("/dashboard/matrix?month=2026-11&sort=messages&dir=asc")).text();
    expect([...rowsOf(page).keys()]).toEqual(["lunnan", "default", "yangxia", "tarlak", "qunbake"]);
    expect(page).toContain('href="/dashboard/matrix?month=2026-11&amp;sort=messages&amp;dir=desc"');
    expect(page).toMatch(/<th scope="col" rowspan="2" aria-sort="ascending" class="num"><a href="[^"]*" data-sort="messages"/);
    const desc = await (await b.get("/dashboard/matrix?month=2026-11&sort=sentWealth&dir=desc")).text();
    expect([...rowsOf(desc).keys()].slice(0, 3)).toEqual(["yangxia", "default", "lunnan"]);
  });

  it("exports the same rows as CSV, 合计 last", async () => {
    const b = await signIn("wangfang");
    const res = await b.get("/dashboard/matrix.csv?month=2026-11&sort=followers&dir=desc");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toContain('filename="matrix-2026-11.csv"');
    const lines = (await res.text()).replace(/^\uFEFF/, "").trim().split("\r\n");
    expect(lines[0]).toMatch(/^账号ID,乡镇,账号,状态,关注·关注总数,关注·新关注/);
    expect(lines.slice(1).map((l) => l.split(",")[0])).toEqual(["default", "yangxia", "lunnan", "tarlak", "qunbake", ""]);
    expect(lines[lines.length - 1]).toMatch(/^,,合计（5 个账号）,/);
  });

  it("shows a 轮南 editor only 青春轮南: not 阳霞's name or figures, on the page or in the CSV", async () => {
    const b = await signIn("aygul");
    const page = await (await b.get("/dashboard/matrix")).text();
    expect([...rowsOf(page).keys()]).toEqual(["lunnan"]);
    // (青春轮台 stays in the page's shell: the layout's brand, not a row.)
    const main = /<main>([\s\S]*)<\/main>/.exec(page)?.[1] ?? "";
    for (const leak of ["阳霞", "yangxia", "青春轮台", "塔尔拉克", "群巴克", "40164", "农技", "12,176"]) expect(main).not.toContain(leak);
    expect(page).toContain("合计（1 个账号）");
    const csv = await (await b.get("/dashboard/matrix.csv?sort=followers")).text();
    for (const leak of ["阳霞", "yangxia", "青春轮台", "40164", "农技"]) expect(csv).not.toContain(leak);
    expect(csv).toContain("青春轮南");
  });

  it("refuses someone who may view no account, in Chinese, and a month that is not a month", async () => {
    const b = await signIn("tursun");
    const res = await b.get("/dashboard/matrix");
    expect(res.status).toBe(403);
    expect(await res.text()).toContain("你的账号没有权限查看或操作 矩阵里的任何一个公众号 的内容，请联系县团委管理员");
    const csv = await b.get("/dashboard/matrix.csv");
    expect(csv.status).toBe(403);
    expect(await csv.text()).toContain("你现在的权限：tiereke 只读");

    const admin = await signIn("wangfang");
    for (const month of ["2026-13", "2026-12", "十一月"]) {
      const bad = await admin.get(`/dashboard/matrix?month=${encodeURIComponent(month)}`);
      expect(bad.status).toBe(404);
      expect(await bad.text()).toContain("请写成 YYYY-MM（例如 2026-11），且不能晚于本月");
    }
    const october = await (await admin.get("/dashboard/matrix?month=2026-10")).text();
    expect(october).toContain("矩阵 · 2026年10月");
    expect(cellOf(october, "default", "sentTotal")).toBe("0");
  });

  it("is not signed in: no figures", async () => {
    const res = await fetch(`${server.url}/dashboard/matrix.csv`, { redirect: "manual" });
    expect([302, 401]).toContain(res.status);
  });
});
