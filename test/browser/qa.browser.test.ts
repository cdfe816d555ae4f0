/**
 * 青年之声 in a real browser (Debian's Chromium through playwright-core), in sandbox mode: a youth
 * asks through the "try the bot" panel, staff answer on the Q&A page, and the answer is seen
 * delivered — at once by the simulated customer-service API (GET /dashboard/sandbox/inspect, with the staff login), and, once the
 * 48 h window has closed, with the youth's next message. Screenshots go to test-results/.
 * Skips when /usr/bin/chromium is missing locally; in CI (process.env.CI) that is a failure.
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { type BrowserContext, type Page } from "playwright-core";
import { TRY_OPENID } from "../../src/dashboard/routes/dashboard-try-routes";
import type { fixedClock } from "../../src/time";
import { describeWithChromium, launchChromium, type LaunchedChromium } from "./launch-chromium";
import { SANDBOX_ENV, STAFF, startDashboard, type DashboardServer } from "../http/dashboard-helpers";

const RESULTS = join(__dirname, "../../test-results");

const describeBrowser = describeWithChromium("青年之声");

describeBrowser("青年之声 in Chromium", () => {
  let server: DashboardServer;
  let context: BrowserContext;
  let browser: LaunchedChromium | undefined;
  const problems: string[] = [];

  beforeAll(async () => {
    mkdirSync(RESULTS, { recursive: true });
    server = await startDashboard(SANDBOX_ENV);
    browser = await launchChromium("qa", problems);
    context = browser.context;
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function logIn(page: Page, to: string): Promise<void> {
    await page.goto(`${server.url}${to}`);
    await page.fill('input[name="name"]', STAFF.name);
    await page.fill('input[name="password"]', STAFF.password);
    await Promise.all([page.waitForURL(`${server.url}${to}`), page.click('button[type="submit"]')]);
  }

  /** The youth's side: the sandbox's "try the bot" panel; returns the reply bubble's text. */
  async function youthSends(page: Page, text: string): Promise<string> {
    await page.goto(`${server.url}/dashboard/messages`);
    await page.fill('form.try input[name="text"]', text);
    await Promise.all([page.waitForURL(`${server.url}/dashboard/messages/try`), page.click('form.try button[type="submit"]')]);
    return (await page.locator(".bubble.account").textContent()) ?? "";
  }

  /** Staff open the ticket from the Q&A page's list and answer it; returns the notice shown after. */
  async function staffAnswers(page: Page, id: number, answer: string): Promise<string> {
    await page.goto(`${server.url}/dashboard/qa`);
    await page.click(`tr[data-ticket="${id}"] a >> nth=0`);
    await page.waitForURL(`${server.url}/dashboard/qa/${id}`);
    await page.fill('#qa-answer textarea[name="answer"]', answer);
    await Promise.all([page.waitForURL(new RegExp(`/dashboard/qa/${id}\\?done=`)), page.click('#qa-answer button[type="submit"]')]);
    return (await page.locator("[data-qa-done]").textContent()) ?? "";
  }

  it("answers a question and sees it delivered in the sandbox", async () => {
    const page = context.pages()[0] ?? (await context.newPage());
    await logIn(page, "/dashboard/qa");

    const receipt = await youthSends(page, "提问 返乡创业有哪些扶持政策？");
    const id = Number(/已收到你的问题 #(\d+)/.exec(receipt)?.[1]);
    expect(id).toBeGreaterThan(0);

    await page.goto(`${server.url}/dashboard/qa`);
    await expect(page.locator(`tr[data-ticket="${id}"]`).textContent()).resolves.toContain("返乡创业有哪些扶持政策？");
    await page.screenshot({ path: join(RESULTS, "qa-list.png"), fullPage: true });

    const notice = await staffAnswers(page, id, "可申请创业担保贷款（最高30万元）和一次性创业补贴。");
    expect(notice).toBe("答复已通过客服消息送达青年。");
    await expect(page.locator("h1").textContent()).resolves.toContain("客服消息已送达");
    await page.screenshot({ path: join(RESULTS, "qa-ticket-delivered.png"), fullPage: true });

    // What the simulated WeChat received for the youth.
    const inspect = await page.request.get(`${server.url}/dashboard/sandbox/inspect`);
    const seen = (await inspect.json()) as { customMessages: { openId: string; request: { text?: { content?: string } } }[] };
    expect(seen.customMessages.filter((m) => m.openId === TRY_OPENID).map((m) => m.request.text?.content)).toEqual([
      `【青年之声】你的问题 #${id} 有了答复：\n问：返乡创业有哪些扶持政策？\n答：可申请创业担保贷款（最高30万元）和一次性创业补贴。`,
    ]);
    expect(problems).toEqual([]);
  }, 90_000);

  it("after the 48 h window closed, the answer reaches the youth with their next message", async () => {
    const page = await context.newPage();
    await page.setViewportSize({ width: 390, height: 844 });
    const receipt = await youthSends(page, "提问 寒假实习有补贴吗？");
    const id = Number(/#(\d+)/.exec(receipt)?.[1]);
    (server.clock as ReturnType<typeof fixedClock>).advance(49 * 3600_000);
    await logIn(page, "/dashboard/qa"); // two days later: the session (12 h) has ended

    const notice = await staffAnswers(page, id, "每人每月1500元。");
    expect(notice).toContain("答复将在青年下次给公众号发消息时，随回复一起送达");
    expect(await page.evaluate<boolean>("document.documentElement.scrollWidth <= window.innerWidth + 1")).toBe(true);
    await page.screenshot({ path: join(RESULTS, "qa-ticket-waiting-phone.png"), fullPage: true });

    const reply = await youthSends(page, "你好");
    expect(reply).toContain(`你的问题 #${id} 有了答复`);
    expect(reply).toContain("每人每月1500元。");
    await page.goto(`${server.url}/dashboard/qa/${id}`);
    await expect(page.locator("h1").textContent()).resolves.toContain("已随回复送达");
    await page.close();
    expect(problems).toEqual([]);
  }, 90_000);
});
