/**
 * Issue 14, "Done when": a township editor can neither see nor act on another township (nor the
 * county). Three served accounts; 阿依古丽 edits 青春轮南 only. Messages reach all three accounts
 * through their webhooks; 青年之声 tickets and a published county article are on record. Every
 * page, thread, ticket, action and CSV a 轮南 editor can reach is checked for other accounts' rows,
 * and every other account's URL answers 404 (on her account) or 403 (when she asks for it).
 */
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { closeDeps } from "../../src/build-deps";
import type { Deps } from "../../src/deps";
import { hashPassword } from "../../src/dashboard/middleware/auth-password";
import { dashboardRoutes } from "../../src/dashboard/routes/dashboard-routes";
import { createStaffUserStore } from "../../src/db/stores/staff-user-store";
import { createApp } from "../../src/http/create-app";
import { buildPush } from "../../src/wechat/build-push";
import { buildTestDeps, FIXTURE_CONTENT, listen } from "../helpers/build-test-deps";
import { Browser, hiddenValue, SANDBOX_ENV } from "../http/dashboard-helpers";

const PASSWORD = "Township-Youth-2026!";

/** One youth per account, each with words only that account's youth would write. */
const YOUTHS = {
  default: { openId: "oLuntai_youth_0001_AbCdEfGhIjKlMn", says: "县城冬季招聘会在哪里报名", ask: "大学生返乡创业有补贴吗？" },
  lunnan: { openId: "oLunnan_youth_0001_AbCdEfGhIjKlM", says: "轮南夜校什么时候开课", ask: "轮南镇有没有电工培训？" },
  yangxia: { openId: "oYangxia_youth_0001_AbCdEfGhIjK", says: "阳霞杏树怎么修剪", ask: "阳霞镇有免费的电商培训吗？" },
} as const;
type AccountId = keyof typeof YOUTHS;
/** What must never appear on a 轮南 editor's screen or in her files: the other accounts' youths and words. */
const FOREIGN: string[] = [YOUTHS.default, YOUTHS.yangxia].flatMap((y): string[] => [y.openId, y.says, y.ask]).concat(["冬季用工信息汇总", "county-winter-jobs"]);

let dir: string;
let deps: Deps;
let server: { url: string; close(): Promise<void> };
const tickets = new Map<AccountId, number>();

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "matrix-roles-"));
  cpSync(FIXTURE_CONTENT, dir, { recursive: true });
  deps = buildTestDeps({ ...SANDBOX_ENV, CONTENT_DIR: dir }, { logLevel: "silent" }).deps;
  const users = createStaffUserStore(deps.db);
  const now = deps.clock.now().getTime();
  users.add("wangfang", await hashPassword(PASSWORD), now, { role: "admin", accountId: "*" });
  users.add("aygul", await hashPassword(PASSWORD), now, { role: "editor", accountId: "lunnan" });
  const simulators = [...deps.matrix.values()].flatMap((d) => (d.sandbox ? [d.sandbox.router] : []));
  server = await listen(createApp(deps, [dashboardRoutes(deps), ...simulators]));

  // Each youth writes to their own account, through its webhook, signed with its token.
  let msgId = 24419870512350000n;
  for (const id of Object.keys(YOUTHS) as AccountId[]) {
    const { secrets } = deps.matrix.get(id)!.account;
    const youth = YOUTHS[id];
    for (const content of [youth.says, youth.ask]) {
      const p = buildPush({ kind: "text", content, msgId: String(++msgId) }, youth.openId, { token: secrets.token, originalId: secrets.originalId, encrypt: false }, deps.clock.now());
      const res = await fetch(`${server.url}${id === "default" ? "/wechat" : `/wechat/${id}`}?${p.query}`, { method: "POST", body: p.body });
      expect(res.status).toBe(200);
    }
    // 青年之声: the question on record as the webhook's intake would file it.
    const ticket = deps.matrix.get(id)!.qa.store.create({ accountId: id, openId: youth.openId, question: youth.ask, askedAt: deps.clock.now(), dedupKey: `roles-${id}`, now: deps.clock.now() });
    tickets.set(id, ticket.id);
  }
  // A county article published a week ago (it has comments to moderate on the 留言 page).
  const at = deps.clock.now().getTime() - 7 * 86_400_000;
  deps.db
    .prepare(
      `INSERT INTO publications (account_id, post_slug, column_id, mode, post_title, scheduled_at, state, article_title, msg_id, msg_data_id, article_url, published_at, created_at, updated_at)
       VALUES ('default', 'county-winter-jobs', 'careers', 'publish', '冬季用工信息汇总', @at, 'published', '【轮青诚聘】第13期 · 冬季用工信息汇总', '2247483801', '2247483801', 'https://mp.weixin.qq.com/s/county-winter-jobs', @at, @at, @at)`,
    )
    .run({ at });
});

afterAll(async () => {
  await server.close();
  await closeDeps(deps);
  rmSync(dir, { recursive: true, force: true });
});

async function signIn(name: string): Promise<Browser> {
  const b = new Browser(server.url);
  expect((await b.login(name, PASSWORD)).status).toBe(302);
  return b;
}

const expectNoForeign = (text: string, where: string) => {
  for (const leak of FOREIGN) {
    if (text.includes(leak)) throw new Error(`${where} shows another account's data: ${leak}`);
  }
};

describe("a 轮南 editor sees only 青春轮南 (issue 14, Roles)", () => {
  it("the inbox lists 轮南's youth only, and its search finds no other account's youth", async () => {
    const b = await signIn("aygul");
    const inbox = await (await b.get("/dashboard/inbox")).text();
    expect(inbox).toContain(YOUTHS.lunnan.openId.slice(0, 12));
    expectNoForeign(inbox, "/dashboard/inbox");
    for (const q of ["招聘", "修剪", "oLuntai", "oYangxia", "培训"]) {
      const found = await (await b.get(`/dashboard/inbox?q=${encodeURIComponent(q)}`)).text();
      expectNoForeign(found, `/dashboard/inbox?q=${q}`);
    }
    // The admin, on the county, sees the county's youth: the seed reached the right inbox.
    const admin = await signIn("wangfang");
    expect(await (await admin.get("/dashboard/inbox?account=default")).text()).toContain(`data-thread="${YOUTHS.default.openId}"`);
  });

  it("another account's thread: 404 on 轮南, 403 when she asks for that account; no reply or remark goes through", async () => {
    const b = await signIn("aygul");
    const own = await b.get(`/dashboard/inbox/${YOUTHS.lunnan.openId}`);
    expect(own.status).toBe(200);
    const page = await own.text();
    expect(page).toContain(YOUTHS.lunnan.says);
    const csrf = hiddenValue(page, "_csrf");

    for (const other of ["default", "yangxia"] as const) {
      const url = `/dashboard/inbox/${YOUTHS[other].openId}`;
      const onMine = await b.get(url);
      expect(onMine.status).toBe(404);
      expectNoForeign(await onMine.text(), url);
      const asked = await b.get(`${url}?account=${other}`);
      expect(asked.status).toBe(403);
      expectNoForeign(await asked.text(), `${url}?account=${other}`);
      // Back on her own account for the next request (the switcher remembers the last ?account=).
      expect((await b.get("/dashboard/inbox?account=lunnan")).status).toBe(200);

      const remark = await b.post(`${url}/remark`, { _csrf: csrf, remark: "已联系" });
      expect(remark.status).toBe(404);
      const reply = await b.post(`${url}/reply?account=${other}`, { _csrf: csrf, kind: "text", content: "你好" });
      expect(reply.status).toBe(403);
      expect((await b.get("/dashboard/inbox?account=lunnan")).status).toBe(200);
    }
    const replies = deps.db.prepare("SELECT count(*) FROM staff_replies").pluck().get() as number;
    expect(replies).toBe(0);
    const remarks = deps.db.prepare("SELECT count(*) FROM youths WHERE remark IS NOT NULL").pluck().get() as number;
    expect(remarks).toBe(0);
  });

  it("青年之声: her list has 轮南's question only; another account's ticket is 404 by id, 403 with ?account=, and cannot be answered", async () => {
    const b = await signIn("aygul");
    const list = await (await b.get("/dashboard/qa?all=1")).text();
    expect(list).toContain(YOUTHS.lunnan.ask);
    expectNoForeign(list, "/dashboard/qa");
    for (const q of ["培训", "创业"]) expectNoForeign(await (await b.get(`/dashboard/qa?all=1&q=${encodeURIComponent(q)}`)).text(), `/dashboard/qa?q=${q}`);

    const own = await b.get(`/dashboard/qa/${tickets.get("lunnan")}`);
    expect(own.status).toBe(200);
    const csrf = hiddenValue(await own.text(), "_csrf");

    for (const other of ["default", "yangxia"] as const) {
      const id = tickets.get(other)!;
      const onMine = await b.get(`/dashboard/qa/${id}`);
      expect(onMine.status).toBe(404);
      expectNoForeign(await onMine.text(), `/dashboard/qa/${id}`);
      expect((await b.get(`/dashboard/qa/${id}?account=${other}`)).status).toBe(403);
      expect((await b.get("/dashboard/qa?account=lunnan")).status).toBe(200);
      for (const action of ["answer", "assign", "not-question", "pick"]) {
        const res = await b.post(`/dashboard/qa/${id}/${action}`, { _csrf: csrf, answer: "可以到镇政府报名", assignee: "阿依古丽", picked: "1" });
        expect(res.status).toBe(404);
      }
      const t = deps.stores.qaTickets.get(id)!;
      expect([t.state, t.answer, t.assignee]).toEqual(["open", null, null]);
    }
  });

  it("留言: another account's published article is 404 on 轮南 and 403 with ?account=", async () => {
    const b = await signIn("aygul");
    const list = await b.get("/dashboard/comments");
    expect(list.status).toBe(200);
    expectNoForeign(await list.text(), "/dashboard/comments");
    const onMine = await b.get("/dashboard/comments/county-winter-jobs");
    expect(onMine.status).toBe(404);
    expect((await b.get("/dashboard/comments/county-winter-jobs?account=default")).status).toBe(403);
    expect((await b.get("/dashboard/comments?account=lunnan")).status).toBe(200);
    const page = await (await b.get("/dashboard/inbox")).text();
    const res = await b.post("/dashboard/comments/county-winter-jobs/1/delete", { _csrf: hiddenValue(page, "_csrf") });
    expect(res.status).toBe(404);
  });

  it("发布: another account's post slug answers 404 on 轮南 and 403 with ?account=; nothing is changed", async () => {
    const b = await signIn("aygul");
    const publications = await (await b.get("/dashboard/publications")).text();
    expectNoForeign(publications, "/dashboard/publications");
    expect(publications).not.toContain("county-job-fair");
    expect(publications).not.toContain("jujube-summer-care");
    const csrf = hiddenValue(publications, "_csrf");
    for (const [other, slug] of [
      ["default", "2026-12-01-county-job-fair"],
      ["yangxia", "2027-06-01-jujube-summer-care"],
      ["default", "county-winter-jobs"],
    ] as const) {
      for (const action of ["publish", "retry", "skip", "reschedule"]) {
        const page = await b.get(`/dashboard/publications/${slug}/${action}`);
        expect(page.status).toBe(404);
        expect((await b.post(`/dashboard/publications/${slug}/${action}`, { _csrf: csrf })).status).toBe(404);
        expect((await b.post(`/dashboard/publications/${slug}/${action}?account=${other}`, { _csrf: csrf })).status).toBe(403);
        expect((await b.get("/dashboard/publications?account=lunnan")).status).toBe(200);
      }
    }
    const audit = deps.db.prepare("SELECT count(*) FROM audit_log WHERE account_id <> 'lunnan'").pluck().get() as number;
    expect(audit).toBe(0);
  });

  it("every page and CSV export she can reach carries 轮南's rows only", async () => {
    const b = await signIn("aygul");
    const visited = new Set<string>();
    const exports = new Set<string>();
    for (const path of ["/dashboard/", "/dashboard/followers", "/dashboard/articles", "/dashboard/messages", "/dashboard/publications", "/dashboard/qa", "/dashboard/report", "/dashboard/content", "/dashboard/drafts", "/dashboard/matrix"]) {
      const res = await b.get(path);
      expect(res.status).toBe(200);
      const html = await res.text();
      expectNoForeign(html, path);
      visited.add(path);
      for (const m of html.matchAll(/href="(\/dashboard\/[^"]+\.csv[^"]*)"/g)) exports.add(m[1]!.replace(/&amp;/g, "&"));
    }
    expect(exports.size).toBeGreaterThan(3);
    for (const url of exports) {
      const res = await b.get(url);
      expect(res.status).toBe(200);
      expectNoForeign(await res.text(), url);
    }
    // The messages export has her youth's words: proof the check looked at real rows.
    const messages = [...exports].filter((u) => u.includes("/export/messages/"));
    const texts = await Promise.all(messages.map(async (u) => (await b.get(u)).text()));
    expect(texts.join("\n")).toMatch(/轮南|oLunnan/);
  });

  it("another account's pages and exports with ?account= answer 403, in Chinese, without its data", async () => {
    const b = await signIn("aygul");
    for (const other of ["default", "yangxia"]) {
      for (const path of ["/dashboard/", "/dashboard/messages", "/dashboard/inbox", "/dashboard/qa", "/dashboard/publications", "/dashboard/comments", "/dashboard/export/messages/keywords.csv"]) {
        const res = await b.get(`${path}?account=${other}`);
        expect(res.status).toBe(403);
        const text = await res.text();
        expect(text).toContain("没有权限");
        expectNoForeign(text, `${path}?account=${other}`);
      }
    }
  });
});
