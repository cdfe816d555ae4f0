/**
 * The 发布 page (issue 15): the next 14 days first, in words; recent publications with their state
 * and reason in Chinese; publish now, retry, skip and reschedule, each behind a confirmation page,
 * the CSRF token and an audit line. Sandbox mode, a scratch content/ (never the live one).
 */
import { readFileSync } from "node:fs";
import type { Deps } from "../../src/deps";
import type { Publication, PublicationState } from "../../src/db/stores/publication-store";
import { jobFair, makeContentDir, type ContentDir } from "../posts/content-dir";
import { hiddenValue, SANDBOX_ENV, STAFF, startDashboard, type Browser, type DashboardServer } from "../http/dashboard-helpers";

/** A ledger row as the publisher leaves it. */
function ledgerRow(deps: Deps, slug: string, columnId: string, scheduledAt: string, state: PublicationState, extra: Partial<Publication> = {}): void {
  const store = deps.stores.publications;
  const now = deps.clock.now();
  const row = store.insert({ accountId: "default", slug, columnId, mode: "mass", postTitle: extra.postTitle ?? slug, scheduledAt: new Date(scheduledAt) }, { step: "track" }, now)!;
  // A published row commits its 期数 (as the publisher does), so the forecast continues after it.
  const save = state === "published" ? store.savePublished : store.save;
  expect(save({ ...row, state, ...extra }, { step: state }, now)).toBeDefined();
}

describe("the 发布 page", () => {
  let c: ContentDir;
  let server: DashboardServer;
  let browser: Browser;
  let upcomingFile: string;

  beforeEach(async () => {
    c = makeContentDir();
    // Now is 2026-11-23 10:00 Beijing time (startDashboard's clock).
    upcomingFile = c.writePost("2026-11-25-winter-jobs.md", jobFair({ title: "冬季岗位速递", publish_at: "2026-11-25 20:00   # 晚饭后推送", mode: "mass" }));
    c.writePost("2026-11-28-volunteers.md", jobFair({ title: "志愿者招募进行中", publish_at: "2026-11-28 12:00", mode: "publish" }));
    c.writePost("2026-12-20-later.md", jobFair({ title: "十五天以后的文章", publish_at: "2026-12-20 12:00" }));
    c.writePost("2026-11-22-job-fair.md", jobFair({ title: "县城招聘会", publish_at: "2026-11-22 09:00", mode: "publish" }));
    c.writePost("2026-11-26-broken.md", jobFair({ title: "联系团县委XXX", column: "no-such-column", publish_at: "2026-11-26 09:00" }));
    server = await startDashboard({ ...SANDBOX_ENV, CONTENT_DIR: c.dir, WECHAT_ACCOUNT_TYPE: "subscription" }, (deps) => {
      ledgerRow(deps, "2026-11-22-job-fair", "careers", "2026-11-22T01:00:00Z", "failed", {
        postTitle: "县城招聘会",
        failureCode: "wechat_45009",
        failureReason: "接口调用次数已用完（45009）：明天 0 点后点“重试”",
        attempts: 3,
      });
      ledgerRow(deps, "2026-11-20-old-news", "careers", "2026-11-20T01:00:00Z", "missed", { postTitle: "过期的消息", failureReason: "service was down at publish time" });
      ledgerRow(deps, "2026-11-23-approval", "inspiration", "2026-11-23T01:50:00Z", "awaiting_approval", { postTitle: "等待确认的群发", submittedAt: new Date("2026-11-23T01:55:00Z") });
      ledgerRow(deps, "2026-11-21-sent", "careers", "2026-11-21T12:00:00Z", "published", { postTitle: "已经发出的文章", issue: 7, articleTitle: "【轮青诚聘】第7期 · 已经发出的文章", publishedAt: new Date("2026-11-21T12:01:00Z"), sentCount: 12290 });
    });
    browser = server.browser();
    await browser.login();
  });
  afterEach(async () => {
    await server.close();
    c.remove();
  });

  const rowOf = (page: string, slug: string) => {
    const m = new RegExp(`<tr id="post-${slug}"[\\s\\S]*?</tr>`).exec(page);
    if (!m) throw new Error(`no row for ${slug}`);
    return m[0];
  };
  const audit = () => server.deps.stores.audit.latest("default", 10).map((e) => `${e.staffName} ${e.action} ${e.target}: ${e.detail ?? ""}`);

  it("shows the next 14 days first, in words, then recent publications with Chinese states, reasons and buttons", async () => {
    const page = await (await browser.get("/dashboard/publications")).text();
    const upcoming = page.slice(page.indexOf('id="upcoming"'), page.indexOf('id="recent"'));
    expect(upcoming.indexOf("2026-11-25-winter-jobs")).toBeLessThan(upcoming.indexOf("2026-11-28-volunteers"));
    expect(upcoming).not.toContain("2026-12-20-later");
    const winter = rowOf(page, "2026-11-25-winter-jobs");
    expect(winter).toContain("北京时间 11月25日 20:00 群发给全部关注者（当天的群发次数：0/1）");
    // 第7期 went out; the failed 11月22日 post takes no number until staff send it.
    expect(winter).toContain("轮青诚聘 · 第8期（预计）");
    expect(winter).toContain('data-action="publish"');
    expect(winter).toContain('data-action="reschedule"');
    expect(rowOf(page, "2026-11-28-volunteers")).toContain("北京时间 11月28日 12:00 发布（不推送给关注者，在公众号主页和搜索中可见）");
    // The broken post is named with its problems.
    expect(page).toContain("有问题的文章（改好前不会发布）");
    expect(page).toContain("2026-11-26-broken.md");

    const failed = rowOf(page, "2026-11-22-job-fair");
    expect(failed).toContain("失败");
    expect(failed).toContain("接口调用次数已用完（45009）：明天 0 点后点“重试”");
    expect(failed).toContain("看原因改好后点“重试”");
    expect(failed).toContain('data-action="retry"');
    expect(failed).toContain('data-action="skip"');
    // An old English reason is shown as it is.
    expect(rowOf(page, "2026-11-20-old-news")).toContain("service was down at publish time");
    expect(rowOf(page, "2026-11-20-old-news")).toContain("错过时间");
    const approval = rowOf(page, "2026-11-23-approval");
    expect(approval).toContain("等待管理员确认（截止 10:25）");
    expect(approval).not.toContain("data-action");
    const sent = rowOf(page, "2026-11-21-sent");
    expect(sent).toContain("已群发");
    expect(sent).toContain("第7期");
    expect(sent).toContain("送达 12,290 人");
    expect(sent).not.toContain("data-action");

    // The CSV export of the ledger still works.
    const csv = await browser.get("/dashboard/export/publications/ledger.csv?from=2026-11-01&to=2026-11-23");
    expect(csv.status).toBe(200);
    const text = await csv.text();
    expect(text).toContain("已经发出的文章");
    expect(text).toContain("等待管理员确认");
  });

  it("retry: a confirmation that says what will happen, then the post goes out, with an audit line", async () => {
    const confirm = await browser.get("/dashboard/publications/2026-11-22-job-fair/retry");
    expect(confirm.status).toBe(200);
    const page = await confirm.text();
    expect(page).toContain("确认后将会：");
    expect(page).toContain("重新排版、上传图片并提交给微信：现在 发布（不推送给关注者，在公众号主页和搜索中可见）");
    expect(page).toContain("上次的原因：接口调用次数已用完（45009）");

    // No token, no retry.
    expect((await browser.post("/dashboard/publications/2026-11-22-job-fair/retry", {})).status).toBe(403);
    expect(server.deps.stores.publications.find("default", "2026-11-22-job-fair")!.state).toBe("failed");

    const res = await browser.post("/dashboard/publications/2026-11-22-job-fair/retry", { _csrf: hiddenValue(page, "_csrf") });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/dashboard/publications?done=2026-11-22-job-fair#post-2026-11-22-job-fair");
    await server.deps.sandbox!.idle();
    expect(["submitted", "published"]).toContain(server.deps.stores.publications.find("default", "2026-11-22-job-fair")!.state);
    expect(audit()[0]).toMatch(new RegExp(`^${STAFF.name} publication.retry 2026-11-22-job-fair: 重试：《县城招聘会》已开始发布`));
    const after = await (await browser.get("/dashboard/publications?done=2026-11-22-job-fair")).text();
    expect(after).toMatch(/data-notice>重试：《县城招聘会》已开始发布/);
  });

  it("refuses what does not apply: retrying a published post, an unknown post or action", async () => {
    const confirm = await browser.get("/dashboard/publications/2026-11-21-sent/retry");
    expect(confirm.status).toBe(409);
    const page = await confirm.text();
    expect(page).toContain("现在不能重试：这篇文章的状态是“已群发”");
    const res = await browser.post("/dashboard/publications/2026-11-21-sent/retry", { _csrf: hiddenValue(page, "_csrf") });
    expect(res.status).toBe(409);
    expect(audit()).toEqual([]);
    expect((await browser.get("/dashboard/publications/2026-11-21-sent/delete")).status).toBe(404);
    expect((await browser.get("/dashboard/publications/no-such-post/retry")).status).toBe(404);
    expect((await server.browser().post("/dashboard/publications/2026-11-22-job-fair/retry", {})).status).toBe(401);
  });

  it("skip: a missed post is marked 已跳过 and never sent, with an audit line", async () => {
    const page = await (await browser.get("/dashboard/publications/2026-11-20-old-news/skip")).text();
    expect(page).toContain("这篇文章不再自动发布，状态记为“已跳过”。");
    const res = await browser.post("/dashboard/publications/2026-11-20-old-news/skip", { _csrf: hiddenValue(page, "_csrf") });
    expect(res.status).toBe(303);
    expect(server.deps.stores.publications.find("default", "2026-11-20-old-news")!.state).toBe("skipped");
    expect(audit()[0]).toContain(`${STAFF.name} publication.skip 2026-11-20-old-news: 《过期的消息》已跳过`);
    const after = await (await browser.get("/dashboard/publications")).text();
    expect(rowOf(after, "2026-11-20-old-news")).toContain("已跳过");
  });

  it("publish now: an upcoming 发布 post goes out now, after saying so", async () => {
    const page = await (await browser.get("/dashboard/publications/2026-11-28-volunteers/publish")).text();
    expect(page).toContain("现在 发布（不推送给关注者，在公众号主页和搜索中可见）");
    expect(page).toContain("原定时间：北京时间 11月28日 12:00。");
    const res = await browser.post("/dashboard/publications/2026-11-28-volunteers/publish", { _csrf: hiddenValue(page, "_csrf") });
    expect(res.status).toBe(303);
    await server.deps.sandbox!.idle();
    expect(server.deps.stores.publications.find("default", "2026-11-28-volunteers")?.state).toMatch(/submitted|published/);
    expect(audit()[0]).toContain("publication.publish_now 2026-11-28-volunteers");
  });

  it("reschedule: rewrites only the publish_at line, and refuses a stale page or a past time", async () => {
    const before = readFileSync(upcomingFile, "utf8");
    const page = await (await browser.get("/dashboard/publications/2026-11-25-winter-jobs/reschedule")).text();
    expect(page).toContain("只改文件 content/posts/2026-11-25-winter-jobs.md 里 publish_at 这一行");
    expect(page).toContain('value="2026-11-25T20:00"');
    const csrf = hiddenValue(page, "_csrf");
    const hash = hiddenValue(page, "hash");

    const past = await browser.post("/dashboard/publications/2026-11-25-winter-jobs/reschedule", { _csrf: csrf, hash, publish_at: "2026-11-23T09:00" });
    expect(past.status).toBe(422);
    expect(await past.text()).toContain("新的发布时间 2026-11-23 09:00 已经过去");

    const res = await browser.post("/dashboard/publications/2026-11-25-winter-jobs/reschedule", { _csrf: csrf, hash, publish_at: "2026-11-26T08:30" });
    expect(res.status).toBe(303);
    const after = readFileSync(upcomingFile, "utf8");
    expect(after).toBe(before.replace("publish_at: 2026-11-25 20:00   # 晚饭后推送", "publish_at: 2026-11-26 08:30   # 晚饭后推送"));
    expect(audit()[0]).toBe(`${STAFF.name} publication.reschedule 2026-11-25-winter-jobs: 已改时间：2026-11-25-winter-jobs.md 的 publish_at: 2026-11-25 20:00   # 晚饭后推送 → publish_at: 2026-11-26 08:30   # 晚饭后推送。到时按新的时间发出。`);
    const list = await (await browser.get("/dashboard/publications")).text();
    expect(rowOf(list, "2026-11-25-winter-jobs")).toContain("北京时间 11月26日 08:30 群发给全部关注者");

    // The page shown before the change is stale now: refused, and the file stays as it is.
    const stale = await browser.post("/dashboard/publications/2026-11-25-winter-jobs/reschedule", { _csrf: csrf, hash, publish_at: "2026-11-27T08:30" });
    expect(stale.status).toBe(409);
    expect(await stale.text()).toContain("在页面打开后被修改过：请刷新发布页面");
    expect(readFileSync(upcomingFile, "utf8")).toBe(after);
  });
});
