/**
 * The dashboard in a real browser (Debian's Chromium through playwright-core): log in, open every
 * page, check the charts are drawn, download a CSV, try the bot, save screenshots to
 * test-results/, and prove a logged-out request and a POST without the CSRF token are refused.
 * Skips when /usr/bin/chromium is missing locally; in CI (process.env.CI) that is a failure.
 */
import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { request, type BrowserContext, type Page } from "playwright-core";
import { PAGES } from "../../src/dashboard/presenters/pages";
import { describeWithChromium, launchChromium, type LaunchedChromium } from "./launch-chromium";
import { SANDBOX_ENV, STAFF, startDashboard, type DashboardServer } from "../http/dashboard-helpers";
import { seedDashboard } from "../http/dashboard-seed";

const RESULTS = join(__dirname, "../../test-results");

const describeBrowser = describeWithChromium("dashboard");

// Browser-side code is written as strings: the test project compiles without the DOM library.
const CHARTS_READY = `(window.__dashboardCharts || { length: -1 }).length === document.querySelectorAll("canvas[data-chart]").length`;
const COUNT_PAINTED = `(() => {
  const canvases = [...document.querySelectorAll("canvas[data-chart]")];
  const painted = canvases.filter((c) => {
    const ctx = c.getContext("2d");
    if (!ctx || c.width === 0 || c.height === 0) return false;
    const data = ctx.getImageData(0, 0, c.width, c.height).data;
    for (let i = 3; i < data.length; i += 4) if (data[i] !== 0) return true;
    return false;
  }).length;
  return { canvases: canvases.length, charts: (window.__dashboardCharts || []).length, painted };
})()`;

/** Every chart on the page exists as a Chart instance and has painted non-blank pixels. */
async function chartsDrawn(page: Page): Promise<{ canvases: number; charts: number; painted: number }> {
  await page.waitForFunction(CHARTS_READY);
  return page.evaluate<{ canvases: number; charts: number; painted: number }>(COUNT_PAINTED);
}

describeBrowser("dashboard in Chromium", () => {
  let server: DashboardServer;
  let context: BrowserContext;
  let browser: LaunchedChromium | undefined;
  const problems: string[] = [];

  beforeAll(async () => {
    mkdirSync(RESULTS, { recursive: true });
    server = await startDashboard(SANDBOX_ENV, (deps) => seedDashboard(deps));
    browser = await launchChromium("dashboard", problems, { downloads: true });
    context = browser.context;
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("logs in, shows every page with drawn charts, and downloads a CSV", async () => {
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(`${server.url}/dashboard/followers`);
    expect(new URL(page.url()).pathname).toBe("/dashboard/login");
    await page.fill('input[name="name"]', STAFF.name);
    await page.fill('input[name="password"]', STAFF.password);
    await Promise.all([page.waitForURL(`${server.url}/dashboard/followers`), page.click('button[type="submit"]')]);

    for (const spec of PAGES) {
      await page.goto(`${server.url}/dashboard${spec.path ? `/${spec.path}` : ""}`);
      await expect(page.locator("h1").first().textContent()).resolves.toContain(spec.nav);
      const drawn = await chartsDrawn(page);
      expect(drawn.canvases).toBeGreaterThan(0);
      expect(drawn).toEqual({ canvases: drawn.canvases, charts: drawn.canvases, painted: drawn.canvases });
      await page.screenshot({ path: join(RESULTS, `dashboard-${spec.id}.png`), fullPage: true });
    }

    await page.goto(`${server.url}/dashboard`);
    const [download] = await Promise.all([page.waitForEvent("download"), page.click('a[data-csv="daily"]')]);
    expect(download.suggestedFilename()).toMatch(/^overview-daily-\d{4}-\d{2}-\d{2}_\d{4}-\d{2}-\d{2}\.csv$/);
    const saved = join(RESULTS, download.suggestedFilename());
    await download.saveAs(saved);
    const bytes = readFileSync(saved);
    expect(bytes.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(bytes.toString("utf8")).toContain("日期,新关注,取消关注,净增,累计关注");

    expect(problems).toEqual([]);
  }, 90_000);

  it("lays out on a phone and answers through the try-the-bot panel", async () => {
    const page = await context.newPage();
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${server.url}/dashboard/messages`);
    expect(await page.evaluate<boolean>("document.documentElement.scrollWidth <= window.innerWidth + 1")).toBe(true);
    await page.fill('form.try input[name="text"]', "招聘");
    await Promise.all([page.waitForURL(`${server.url}/dashboard/messages/try`), page.click('form.try button[type="submit"]')]);
    await expect(page.locator(".bubble.account").textContent()).resolves.toContain("轮青诚聘");
    await chartsDrawn(page);
    await page.screenshot({ path: join(RESULTS, "dashboard-messages-phone.png"), fullPage: true });
    await page.close();
    expect(problems).toEqual([]);
  }, 60_000);

  it("refuses a logged-out request and a POST without the CSRF token", async () => {
    const anonymous = await request.newContext({ baseURL: server.url });
    try {
      const page = await anonymous.get("/dashboard/report", { maxRedirects: 0 });
      expect(page.status()).toBe(302);
      expect(page.headers()["location"]).toMatch(/^\/dashboard\/login\?next=/);
      expect((await anonymous.get("/dashboard/export/report/system.csv", { maxRedirects: 0 })).status()).toBe(401);
    } finally {
      await anonymous.dispose();
    }
    // The signed-in browser's own cookies, but no token: refused, and the session survives.
    const forged = await context.request.post(`${server.url}/dashboard/logout`, { form: { next: "/dashboard" }, maxRedirects: 0 });
    expect(forged.status()).toBe(403);
    const still = await context.request.get(`${server.url}/dashboard`, { maxRedirects: 0 });
    expect(still.status()).toBe(200);
  }, 30_000);
});
