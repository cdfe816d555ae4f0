/**
 * The 发布 page in a real browser (Debian's Chromium through playwright-core), sandbox mode: on a
 * desk (1280 px) a table, on a phone (375 px) cards with no sideways scroll; a failed post is
 * retried through its confirmation page and goes out on the simulated WeChat.
 * Skips when /usr/bin/chromium is missing locally; in CI (process.env.CI) that is a failure.
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import type { Deps } from "../../src/deps";
import { jobFair, makeContentDir, type ContentDir } from "../posts/content-dir";
import { describeWithChromium, launchChromium, type LaunchedChromium } from "./launch-chromium";
import { SANDBOX_ENV, STAFF, startDashboard, type DashboardServer } from "../http/dashboard-helpers";

const SCREENSHOTS = join(__dirname, "../../data/screenshots");

function failedRow(deps: Deps): void {
  const store = deps.stores.publications;
  const now = deps.clock.now();
  const row = store.insert({ accountId: "default", slug: "2026-11-22-job-fair", columnId: "careers", mode: "publish", postTitle: "县城青年招聘会", scheduledAt: new Date("2026-11-22T01:00:00Z") }, { step: "track" }, now)!;
  store.save({ ...row, state: "failed", attempts: 3, failureCode: "wechat_45009", failureReason: "接口调用次数已用完（45009）：明天 0 点后点“重试”" }, { step: "failed" }, now);
}

describeWithChromium("发布")("发布 in Chromium", () => {
  let c: ContentDir;
  let server: DashboardServer;
  let browser: LaunchedChromium | undefined;
  const problems: string[] = [];

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    c = makeContentDir();
    c.writePost("2026-11-22-job-fair.md", jobFair({ title: "县城青年招聘会", publish_at: "2026-11-22 09:00", mode: "publish" }));
    c.writePost("2026-11-25-winter-jobs.md", jobFair({ title: "冬季岗位速递：县城十二家单位招聘寒假实习生", publish_at: "2026-11-25 20:00", mode: "mass" }));
    c.writePost("2026-11-28-volunteers.md", jobFair({ title: "志愿者招募进行中", publish_at: "2026-11-28 12:00", mode: "publish" }));
    server = await startDashboard({ ...SANDBOX_ENV, CONTENT_DIR: c.dir }, failedRow);
    server.deps.sandbox!.configure({ jobDelayMs: 50 });
    browser = await launchChromium("publish", problems, { dialogs: true });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    c?.remove();
  });

  const noSideScroll = (page: Page) => page.evaluate<boolean>("document.documentElement.scrollWidth <= window.innerWidth + 1");

  async function signIn(page: Page): Promise<void> {
    await page.goto(`${server.url}/dashboard/publications`);
    await page.fill('input[name="name"]', STAFF.name);
    await page.fill('input[name="password"]', STAFF.password);
    await Promise.all([page.waitForURL(`${server.url}/dashboard/publications`), page.click('button[type="submit"]')]);
  }

  it("at 1280 px: a table, upcoming first with what will happen", async () => {
    const page = browser!.context.pages()[0] ?? (await browser!.context.newPage());
    await signIn(page);
    await expect(page.locator(".pub-table thead").first().isVisible()).resolves.toBe(true);
    const first = page.locator("#upcoming tr[data-slug]").first();
    await expect(first.getAttribute("data-slug")).resolves.toBe("2026-11-25-winter-jobs");
    await expect(first.locator("[data-plan]").textContent()).resolves.toBe("北京时间 11月25日 20:00 群发给全部关注者（当天的群发次数：0/1）");
    await expect(noSideScroll(page)).resolves.toBe(true);
    await page.screenshot({ path: join(SCREENSHOTS, "publish-1280.png"), fullPage: true });
  });

  it("at 375 px: cards with labels and no sideways scroll; retry a failed post after confirming", async () => {
    const page = await browser!.context.newPage();
    await page.setViewportSize({ width: 375, height: 812 });
    await page.goto(`${server.url}/dashboard/publications`);
    await expect(page.locator(".pub-table thead").first().isVisible()).resolves.toBe(false);
    const card = page.locator('tr[data-slug="2026-11-22-job-fair"]');
    const cardStyle = (what: string) => page.evaluate<string>(`(() => { const tr = document.querySelector('tr[data-slug="2026-11-22-job-fair"]'); return ${what}; })()`);
    await expect(cardStyle("getComputedStyle(tr).display")).resolves.toBe("block");
    // Each cell says what it is, as the table's header would.
    await expect(cardStyle(`getComputedStyle(tr.querySelector('td[data-label="状态"]'), "::before").content`)).resolves.toBe('"状态"');
    await expect(card.locator("[data-reason]").textContent()).resolves.toContain("接口调用次数已用完（45009）");
    await expect(noSideScroll(page)).resolves.toBe(true);
    const box = await card.locator('[data-action="retry"]').boundingBox();
    expect(box!.height).toBeGreaterThanOrEqual(44);
    await page.screenshot({ path: join(SCREENSHOTS, "publish-375.png"), fullPage: true });

    await Promise.all([page.waitForURL(/\/2026-11-22-job-fair\/retry$/), card.locator('[data-action="retry"]').click()]);
    await expect(page.locator("[data-will]").first().textContent()).resolves.toBe("重新排版、上传图片并提交给微信：现在 发布（不推送给关注者，在公众号主页和搜索中可见）");
    await expect(noSideScroll(page)).resolves.toBe(true);
    await Promise.all([page.waitForURL(/done=2026-11-22-job-fair/), page.click("[data-confirm-button]")]);
    await expect(page.locator("[data-notice]").textContent()).resolves.toMatch(/^重试：《县城青年招聘会》已开始发布/);
    await server.deps.sandbox!.idle();
    expect(server.deps.sandbox!.inspect().drafts.length).toBeGreaterThanOrEqual(1);
    expect(server.deps.stores.audit.latest("default", 1)[0]).toMatchObject({ staffName: STAFF.name, action: "publication.retry", target: "2026-11-22-job-fair" });
    expect(problems).toEqual([]);
  });
});
