/**
 * 附件3 in a real browser (Debian's Chromium through playwright-core), at a desk (1280 px) and on
 * a phone (375 px): a township's 团委 opens its month, types a 成员数 total that its parts do not
 * add up to, sees the error beside the field, fixes it and saves; the admin locks the month (the
 * form then refuses edits) and downloads the .xlsx, which is opened with exceljs and checked.
 * Screenshots go to data/screenshots/ (git-ignored).
 * Skips when /usr/bin/chromium is missing locally; in CI (process.env.CI) that is a failure.
 */
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import type { BrowserContext, Page } from "playwright-core";
import { describeWithChromium, launchChromium, type LaunchedChromium } from "./launch-chromium";
import { STAFF, startDashboard, type DashboardServer } from "../http/dashboard-helpers";

const SCREENSHOTS = join(__dirname, "../../data/screenshots");
const describeBrowser = describeWithChromium("附件3");

/** 轮南镇 as its 团委 reports the month; the 成员数 parts add up to 412. */
const LUNNAN = {
  branches: "14", cadres: "21", youths: "356", groups: "9", members: "400",
  local_farming: "150", local_labour: "60", local_business: "22", local_public: "18", local_other: "12",
  away_labour: "80", away_study: "45", away_startup: "15", away_other: "10",
  sent_1: "3", sent_2: "5", sent_3: "4", sent_4: "6", sent_5: "1",
  act_policy: "3", act_skills: "2", act_culture: "1", act_dating: "1", act_other: "0",
};

describeBrowser("附件3 in Chromium", () => {
  let server: DashboardServer;
  let context: BrowserContext;
  let browser: LaunchedChromium | undefined;
  let downloads: string;
  const problems: string[] = [];

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    downloads = mkdtempSync(join(tmpdir(), "report-downloads-"));
    server = await startDashboard();
    browser = await launchChromium("report", problems, { dialogs: true, downloads: true });
    context = browser.context;
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(`${server.url}/dashboard/township-report`);
    await page.fill('input[name="name"]', STAFF.name);
    await page.fill('input[name="password"]', STAFF.password);
    await Promise.all([page.waitForURL(`${server.url}/dashboard/township-report`), page.click('button[type="submit"]')]);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    rmSync(downloads, { recursive: true, force: true });
  });

  /** The refused save answers 400 (with the form and its errors), which Chromium logs once; nothing else may show. */
  const unexpected = () => problems.filter((p) => p !== "console: Failed to load resource: the server responded with a status of 400 (Bad Request)");

  const noSideScroll = (page: Page) => page.evaluate<boolean>("document.documentElement.scrollWidth <= window.innerWidth + 1");

  async function enterFixLockDownload(page: Page, month: string, shot: string): Promise<void> {
    await page.goto(`${server.url}/dashboard/township-report?month=${month}`);
    await expect(page.locator('a[data-nav="township-report"]').getAttribute("aria-current")).resolves.toBe("page");
    await expect(page.locator('tr[data-unit="轮南镇"]').getAttribute("data-state")).resolves.toBe("blank");
    // The county row's 发送微信数 comes from this install's ledger; 轮南镇's account is not served here.
    await expect(page.locator(".notice.info").allTextContents()).resolves.toEqual(
      expect.arrayContaining([expect.stringContaining("轮南镇（青春轮南）、阳霞镇（阳霞青年） 的公众号还不在本系统发布")]),
    );
    expect(await noSideScroll(page)).toBe(true);

    await Promise.all([page.waitForURL(/\/unit\//), page.click('tr[data-unit="轮南镇"] a')]);
    for (const [name, value] of Object.entries(LUNNAN)) await page.fill(`input[name="${name}"]`, value);
    await Promise.all([page.waitForLoadState("load"), page.click("button[data-save]")]);
    await expect(page.locator("[data-form-errors]").textContent()).resolves.toContain("有 1 处需要修改");
    const error = page.locator('[data-error="members"]');
    await expect(error.textContent()).resolves.toContain("在乡和外出各项之和为 412，与填写的合计 400 不符");
    await expect(page.locator('input[name="members"]').getAttribute("aria-invalid")).resolves.toBe("true");
    // What was typed stays in the form.
    await expect(page.locator('input[name="branches"]').inputValue()).resolves.toBe("14");
    // The message sits right under its field, not at the top of the page.
    const input = (await page.locator('input[name="members"]').boundingBox())!;
    const message = (await error.boundingBox())!;
    expect(message.y).toBeGreaterThan(input.y);
    expect(message.y - (input.y + input.height)).toBeLessThan(40);
    expect(await noSideScroll(page)).toBe(true);
    await page.screenshot({ path: join(SCREENSHOTS, `report-error-${shot}.png`), fullPage: true });

    await page.fill('input[name="members"]', "412");
    await Promise.all([page.waitForURL(/saved=/), page.click("button[data-save]")]);
    await expect(page.locator("[data-notice]").textContent()).resolves.toContain("已保存 轮南镇");
    await expect(page.locator('tr[data-unit="轮南镇"]').getAttribute("data-state")).resolves.toBe("entered");

    await page.fill('form.lock-form input[name="filler"]', "王芳");
    await page.fill('form.lock-form input[name="phone"]', "0996-4621234");
    await Promise.all([page.waitForURL(/done=locked/), page.click("button[data-lock]")]);
    await expect(page.locator("[data-locked]").textContent()).resolves.toContain("填表人 王芳");
    await expect(page.locator("[data-audit]").textContent()).resolves.toContain("锁定（已上报）");

    await Promise.all([page.waitForURL(/\/unit\//), page.click('tr[data-unit="轮南镇"] a')]);
    await expect(page.locator('input[name="branches"]').isDisabled()).resolves.toBe(true);
    await expect(page.locator("button[data-save]").count()).resolves.toBe(0);
    await page.goBack();

    const [download] = await Promise.all([page.waitForEvent("download"), page.click('a[data-download="xlsx"]')]);
    expect(download.suggestedFilename()).toMatch(new RegExp(`^附件3_农村共青团微信体系建设工作推进情况跟踪摸底表_\\d{4}年\\d{1,2}月\\.xlsx$`));
    const saved = join(downloads, `${shot}.xlsx`);
    await download.saveAs(saved);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(saved);
    const sheet = book.worksheets[0]!;
    expect(sheet.getCell("B8").value).toBe("轮南镇");
    expect(sheet.getCell("C8").value).toBe(14);
    expect(sheet.getCell("G8").value).toBe(412);
    expect(sheet.getCell("T3").value).toBe("填表人：王芳");
    expect(sheet.model.merges).toContain("G4:P4");
    await page.screenshot({ path: join(SCREENSHOTS, `report-locked-${shot}.png`), fullPage: true });
  }

  it("at 1280 px: enter 轮南镇's month, see the error, fix it, lock, download the .xlsx", async () => {
    const page = context.pages()[0]!;
    await enterFixLockDownload(page, "2026-11", "desktop");
    expect(unexpected()).toEqual([]);
  }, 90_000);

  it("at 375 px: the same on a phone, without sideways scrolling", async () => {
    const page = await context.newPage();
    await page.setViewportSize({ width: 375, height: 812 });
    await enterFixLockDownload(page, "2026-10", "phone");
    await page.close();
    expect(unexpected()).toEqual([]);
  }, 90_000);
});
