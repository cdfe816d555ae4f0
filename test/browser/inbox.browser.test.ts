/**
 * 私信 in a real browser (Debian's Chromium through playwright-core), in sandbox mode: youths write
 * through the signed webhook, staff log in, open 私信, search, open the thread, reply, and see the
 * reply in the thread and in what the simulated WeChat received — on a desk (1280 px) and on a
 * phone (375 px). Screenshots go to data/screenshots/ (git-ignored).
 * Skips when /usr/bin/chromium is missing locally; in CI (process.env.CI) that is a failure.
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { type BrowserContext, type Page } from "playwright-core";
import { buildPush } from "../../src/wechat/build-push";
import { describeWithChromium, launchChromium, type LaunchedChromium } from "./launch-chromium";
import { SANDBOX_ENV, STAFF, startDashboard, type DashboardServer } from "../http/dashboard-helpers";

const SCREENSHOTS = join(__dirname, "../../data/screenshots");

const YOUTH = "oLuntai_youth_0001_AbCdEfGhIjKlMn";
const HOSTILE = "oLuntai_youth_0002_ZyXwVuTsRqPoNm";

const describeBrowser = describeWithChromium("私信");

describeBrowser("私信 in Chromium", () => {
  let server: DashboardServer;
  let context: BrowserContext;
  let browser: LaunchedChromium | undefined;
  const problems: string[] = [];

  async function youthSays(openId: string, content: string): Promise<void> {
    const account = server.deps.accounts.get("default")!;
    const p = buildPush({ kind: "text", content }, openId, { token: account.token, originalId: account.originalId, encrypt: false }, server.deps.clock.now());
    const res = await fetch(`${server.url}/wechat?${p.query}`, { method: "POST", headers: { "content-type": "text/xml" }, body: p.body });
    expect(res.status).toBe(200);
  }

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    server = await startDashboard(SANDBOX_ENV);
    await youthSays(HOSTILE, '<script>alert(1)</script>"><img src=x onerror=alert(1)>');
    await youthSays(YOUTH, "请问团费怎么交？");
    await youthSays(YOUTH, "我在二中读高二");
    browser = await launchChromium("inbox", problems, { dialogs: true });
    context = browser.context;
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const noSideScroll = (page: Page) => page.evaluate<boolean>("document.documentElement.scrollWidth <= window.innerWidth + 1");

  /** Search 私信, open the youth's thread, send a reply; returns the notice shown after. */
  async function searchOpenReply(page: Page, words: string, reply: string): Promise<string> {
    await page.goto(`${server.url}/dashboard/inbox`);
    await page.fill('form.inbox-search input[name="q"]', words);
    await Promise.all([page.waitForURL(/\/dashboard\/inbox\?q=/), page.click('form.inbox-search button[type="submit"]')]);
    await expect(page.locator("tr[data-thread]").count()).resolves.toBe(1);
    await Promise.all([page.waitForURL(`${server.url}/dashboard/inbox/${YOUTH}`), page.click(`tr[data-thread="${YOUTH}"] td.who a`)]);
    await expect(page.locator("[data-window-state]").getAttribute("data-window-state")).resolves.toBe("open");
    await page.fill("#reply-text", reply);
    await Promise.all([page.waitForURL(/done=sent/), page.click('#inbox-reply form:has(#reply-text) button[type="submit"]')]);
    await expect(page.locator(`li[data-line="staff"]:has-text("${reply}")`).textContent()).resolves.toContain("已发送");
    return (await page.locator("[data-inbox-notice]").textContent()) ?? "";
  }

  async function outboxTexts(page: Page): Promise<string[]> {
    const inspect = await page.request.get(`${server.url}/dashboard/sandbox/inspect`);
    const seen = (await inspect.json()) as { customMessages: { openId: string; request: { text?: { content?: string } } }[] };
    return seen.customMessages.filter((m) => m.openId === YOUTH).map((m) => m.request.text?.content ?? "");
  }

  it("at desktop width: log in, see the unanswered count, search, open the thread, reply, see it sent", async () => {
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(`${server.url}/dashboard/inbox`);
    await page.fill('input[name="name"]', STAFF.name);
    await page.fill('input[name="password"]', STAFF.password);
    await Promise.all([page.waitForURL(`${server.url}/dashboard/inbox`), page.click('button[type="submit"]')]);
    await expect(page.locator('a[data-nav="inbox"]').textContent()).resolves.toMatch(/私信\s*2 · 最久 (不到1分钟|\d+分钟)/);
    // Hostile follower text is shown as text.
    await expect(page.locator(`tr[data-thread="${HOSTILE}"] .gist`).textContent()).resolves.toContain("<script>alert(1)</script>");
    await expect(page.locator("thead").isVisible()).resolves.toBe(true);

    const notice = await searchOpenReply(page, "团费", "可以在“智慧团建”小程序里交团费。");
    expect(notice).toBe("回复已发送到青年的微信。");
    await expect(page.locator("[data-window]").textContent()).resolves.toContain("还可发 4 条");
    expect(await outboxTexts(page)).toEqual(["可以在“智慧团建”小程序里交团费。"]);
    expect(await noSideScroll(page)).toBe(true);
    await page.screenshot({ path: join(SCREENSHOTS, "inbox-thread-desktop.png"), fullPage: true });
    expect(problems).toEqual([]);
  }, 90_000);

  it("at 375 px: the list is cards, the reply form fits the thumb, and the reply is sent", async () => {
    const page = await context.newPage();
    await page.setViewportSize({ width: 375, height: 812 });
    await page.goto(`${server.url}/dashboard/inbox`);
    await expect(page.locator("thead").isVisible()).resolves.toBe(false);
    const card = await page.locator(`tr[data-thread="${HOSTILE}"]`).boundingBox();
    expect(card!.width).toBeGreaterThan(300);
    expect(await noSideScroll(page)).toBe(true);
    await page.screenshot({ path: join(SCREENSHOTS, "inbox-list-phone.png"), fullPage: true });

    const notice = await searchOpenReply(page, "二中", "收到，我们周一联系你。");
    expect(notice).toBe("回复已发送到青年的微信。");
    const textarea = await page.locator("#reply-text").boundingBox();
    const send = await page.locator('#inbox-reply form:has(#reply-text) button[type="submit"]').boundingBox();
    expect(textarea!.width).toBeGreaterThan(300);
    expect(send!.height).toBeGreaterThanOrEqual(44);
    expect(await noSideScroll(page)).toBe(true);
    expect((await outboxTexts(page)).sort()).toEqual(["可以在“智慧团建”小程序里交团费。", "收到，我们周一联系你。"].sort());
    await page.screenshot({ path: join(SCREENSHOTS, "inbox-thread-phone.png"), fullPage: true });
    await page.close();
    expect(problems).toEqual([]);
  }, 90_000);
});
