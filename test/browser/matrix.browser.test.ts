/**
 * 微信矩阵 in a real browser (Debian's Chromium through playwright-core; issue 14, "Done when"), in
 * sandbox mode on the three-account fixtures (青春轮台 default, 青春轮南 lunnan 轮南镇, 阳霞青年
 * yangxia 阳霞镇), at a desk (1280 px) and on a phone (375 px), with two people in two browsers:
 * - the county admin opens 矩阵 from the nav, sees the three accounts side by side with 合计,
 *   sorts by a header (on a phone: the same headers as a strip above the cards), switches to
 *   青春轮南 with 切换账号 (header, overview and 消息 are lunnan's) and back;
 * - 轮南镇's editor lands on 青春轮南's pages, enters the month on 附件3, gets a Chinese 403 on
 *   阳霞镇's row and on the county's pages (?account=default), and sees only 青春轮南 on 矩阵;
 * - the admin locks the month and downloads the .xlsx, opened here with exceljs.
 * Layout facts are checked in the DOM (nothing wider than the viewport, the switcher's list
 * on screen and on top, headers not clipped); screenshots go to /tmp/shots/matrix-*.png.
 * Skips when /usr/bin/chromium is missing locally; in CI (process.env.CI) that is a failure.
 */
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import type { BrowserContext, Page } from "playwright-core";
import { buildPush } from "../../src/wechat/build-push";
import { hashPassword } from "../../src/dashboard/middleware/auth-password";
import { createStaffUserStore } from "../../src/db/stores/staff-user-store";
import { describeWithChromium, launchChromium, type LaunchedChromium } from "./launch-chromium";
import { SANDBOX_ENV, STAFF, startDashboard, type DashboardServer } from "../http/dashboard-helpers";

const SHOTS = "/tmp/shots";
const describeBrowser = describeWithChromium("矩阵");

/** 阿依古丽, 轮南镇's 团委, editor of 青春轮南 only. */
const EDITOR = { name: "aygul", password: "Township-Youth-2026!" };

/** 轮南镇's month as its 团委 reports it; the 成员数 parts add up to 412. (发送微信数 comes from the ledger: 青春轮南 is served here.) */
const LUNNAN = {
  branches: "14", cadres: "21", youths: "356", groups: "9", members: "412",
  local_farming: "150", local_labour: "60", local_business: "22", local_public: "18", local_other: "12",
  away_labour: "80", away_study: "45", away_startup: "15", away_other: "10",
  act_policy: "3", act_skills: "2", act_culture: "1", act_dating: "1", act_other: "0",
};

const WIDTHS = [
  { shot: "desktop", width: 1280, height: 900, month: "2026-11" },
  { shot: "phone", width: 375, height: 812, month: "2026-10" },
] as const;

// Browser-side code is written as strings: the test project compiles without the DOM library.

/**
 * Elements reaching past the viewport's sides, except those inside a box that scrolls or clips
 * sideways (a wide table in its own scroller does not make the page scroll) and invisible ones.
 */
const OVERFLOWING = `(() => {
  const vw = document.documentElement.clientWidth;
  const clipped = (el) => {
    for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
      const o = getComputedStyle(p).overflowX;
      if (o !== "visible") { const r = p.getBoundingClientRect(); return r.left >= -1 && r.right <= vw + 1; }
    }
    return false;
  };
  return [...document.body.querySelectorAll("*")].filter((el) => {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0 || getComputedStyle(el).visibility === "hidden") return false;
    return (r.right > vw + 1 || r.left < -1) && !clipped(el);
  }).map((el) => el.tagName.toLowerCase() + (el.className ? "." + String(el.className).trim().replace(/\\s+/g, ".") : "") + " " + (el.textContent || "").trim().slice(0, 30));
})()`;

/** Header cells whose label does not fit (clipped or spilling), and any font under 12 px. */
const UNREADABLE_HEADERS = `(() => [...document.querySelectorAll("table.matrix thead th")].filter((th) => {
  if (th.getBoundingClientRect().width === 0) return false;
  const a = th.querySelector("a") || th;
  const size = parseFloat(getComputedStyle(a).fontSize);
  return th.scrollWidth > th.clientWidth + 1 || size < 12 || a.getBoundingClientRect().width === 0;
}).map((th) => th.textContent.trim()))()`;

/** Pairs of boxes in the red header that overlap (brand, switcher, nav links, who). */
const HEADER_OVERLAPS = `(() => {
  const boxes = [...document.querySelectorAll("header.top .brand, header.top .switcher > summary, header.top nav a, header.top .who > *")]
    .map((el) => ({ name: (el.textContent || "").trim().slice(0, 12), r: el.getBoundingClientRect() }))
    .filter((b) => b.r.width > 0);
  const out = [];
  for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
    const a = boxes[i].r, b = boxes[j].r;
    if (a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1) out.push(boxes[i].name + " / " + boxes[j].name);
  }
  return out;
})()`;

/** The opened switcher: each entry on screen, and the topmost element at its centre (not covered by the page). */
const SWITCHER_ENTRIES = `(() => [...document.querySelectorAll("header.top .switcher li a")].map((a) => {
  const r = a.getBoundingClientRect();
  const top = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
  return { name: a.textContent.trim(), onScreen: r.width > 0 && r.left >= 0 && r.right <= document.documentElement.clientWidth && r.top >= 0 && r.bottom <= innerHeight, onTop: top === a || a.contains(top) };
}))()`;

describeBrowser("矩阵 in Chromium", () => {
  let server: DashboardServer;
  let admin: LaunchedChromium | undefined;
  let editor: LaunchedChromium | undefined;
  let downloads: string;
  const problems: string[] = [];

  /** A follower writes to one account's own webhook URL, signed with that account's token. */
  async function youthSays(accountId: string, openId: string, content: string): Promise<void> {
    const account = server.deps.accounts.get(accountId)!;
    const p = buildPush({ kind: "text", content }, openId, { token: account.token, originalId: account.originalId, encrypt: false }, server.deps.clock.now());
    const path = accountId === "default" ? "/wechat" : `/wechat/${accountId}`;
    const res = await fetch(`${server.url}${path}?${p.query}`, { method: "POST", headers: { "content-type": "text/xml" }, body: p.body });
    expect(res.status).toBe(200);
  }

  async function signIn(context: BrowserContext, who: { name: string; password: string }): Promise<Page> {
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(`${server.url}/dashboard`);
    expect(new URL(page.url()).pathname).toBe("/dashboard/login");
    await page.fill('input[name="name"]', who.name);
    await page.fill('input[name="password"]', who.password);
    await Promise.all([page.waitForURL(`${server.url}/dashboard`), page.click('button[type="submit"]')]);
    return page;
  }

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    downloads = mkdtempSync(join(tmpdir(), "matrix-downloads-"));
    const hash = await hashPassword(EDITOR.password);
    server = await startDashboard(SANDBOX_ENV, (deps) => {
      createStaffUserStore(deps.db).add(EDITOR.name, hash, deps.clock.now().getTime(), { role: "editor", accountId: "lunnan" });
    });
    expect([...server.deps.matrix.keys()]).toEqual(["default", "lunnan", "yangxia"]);
    // 青春轮台 hears from three youths, 青春轮南 from one, 阳霞青年 from nobody.
    await youthSays("default", "oLuntai_youth_0001_AbCdEfGhIjKlMn", "招聘");
    await youthSays("default", "oLuntai_youth_0002_AbCdEfGhIjKlMn", "实习岗位有哪些");
    await youthSays("default", "oLuntai_youth_0003_AbCdEfGhIjKlMn", "团费怎么交");
    await youthSays("lunnan", "oLunnan_youth_0001_AbCdEfGhIjKlMn", "夜校什么时候上课");
    admin = await launchChromium("matrix-admin", problems, { dialogs: true, downloads: true });
    editor = await launchChromium("matrix-editor", problems, { dialogs: true });
    await signIn(admin.context, STAFF);
    await signIn(editor.context, EDITOR);
  }, 90_000);

  afterAll(async () => {
    await admin?.close();
    await editor?.close();
    await server?.close();
    rmSync(downloads, { recursive: true, force: true });
  });

  /** The refusals answer 403, which Chromium logs once per page; nothing else may show. */
  const unexpected = () => problems.filter((p) => p !== "console: Failed to load resource: the server responded with a status of 403 (Forbidden)");

  async function layoutIsSound(page: Page, what: string): Promise<void> {
    expect({ what, sideScroll: await page.evaluate<boolean>("document.documentElement.scrollWidth > document.documentElement.clientWidth") }).toEqual({ what, sideScroll: false });
    expect({ what, overflowing: await page.evaluate<string[]>(OVERFLOWING) }).toEqual({ what, overflowing: [] });
    expect({ what, headerOverlaps: await page.evaluate<string[]>(HEADER_OVERLAPS) }).toEqual({ what, headerOverlaps: [] });
    // The red header leaves the screen to the page (a nav squeezed into a one-link column made it 600 of 812 px on a phone).
    expect({ what, headerTall: await page.evaluate<boolean>(`document.querySelector("header.top").getBoundingClientRect().height > innerHeight * 0.35`) }).toEqual({ what, headerTall: false });
  }

  const rowIds = (page: Page) => page.evaluate<string[]>(`[...document.querySelectorAll("table.matrix tbody tr[data-account]")].map((r) => r.dataset.account)`);
  const cell = (page: Page, account: string, key: string) => page.locator(`table.matrix tr[data-account="${account}"] .c-${key}`).innerText();
  const kpi = (page: Page, label: string) => page.locator(`.kpi:has(> .label:text-is("${label}")) > .value`).innerText();
  const brand = (page: Page) => page.locator("header.top .brand").innerText();

  async function adminSeesMatrixAndSwitches(page: Page, shot: string, width: number): Promise<void> {
    await page.goto(`${server.url}/dashboard`);
    await Promise.all([page.waitForURL(`${server.url}/dashboard/matrix`), page.click('header.top a[data-nav="matrix"]')]);
    await expect(page.locator('a[data-nav="matrix"]').getAttribute("aria-current")).resolves.toBe("page");
    await expect(page.locator("main h1").innerText()).resolves.toBe("矩阵 · 2026年11月");
    expect(await rowIds(page)).toEqual(["default", "lunnan", "yangxia"]);
    await expect(page.locator('tr[data-account="lunnan"] .c-name').innerText()).resolves.toContain("青春轮南");
    await expect(page.locator('tr[data-account="lunnan"] .c-name .township').innerText()).resolves.toBe("轮南镇");
    expect([await cell(page, "default", "messages"), await cell(page, "lunnan", "messages"), await cell(page, "yangxia", "messages")].map((t) => t.replace(/^收到消息\s*/, ""))).toEqual(["3", "1", "0"]);
    await expect(page.locator("tr[data-totals] .c-name").innerText()).resolves.toBe("合计（3 个账号）");
    await expect(page.locator("tr[data-totals] .c-messages").innerText()).resolves.toMatch(/(^|\s)4$/);
    await layoutIsSound(page, `矩阵 ${shot}`);
    expect(await page.evaluate<string[]>(UNREADABLE_HEADERS)).toEqual([]);
    if (width <= 640) {
      // Cards: one box per account, each figure with its label.
      await expect(page.evaluate<string>(`getComputedStyle(document.querySelector('tr[data-account="lunnan"]')).display`)).resolves.toBe("grid");
      await expect(page.evaluate<string>(`getComputedStyle(document.querySelector('tr[data-account="lunnan"] .c-messages'), "::before").content`)).resolves.toBe('"收到消息"');
      const cards = await page.evaluate<Array<{ left: number; right: number }>>(
        `[...document.querySelectorAll("table.matrix tbody tr")].map((r) => { const b = r.getBoundingClientRect(); return { left: b.left, right: b.right }; })`,
      );
      for (const c of cards) expect(c.left >= 0 && c.right <= width).toBe(true);
    }
    await page.screenshot({ path: join(SHOTS, `matrix-overview-${shot}.png`), fullPage: true });

    // Sort by 收到消息: the first tap is the biggest first, the second the smallest first.
    const sortBy = page.locator('table.matrix thead a[data-sort="messages"]');
    await expect(sortBy.isVisible()).resolves.toBe(true);
    await Promise.all([page.waitForURL(/sort=messages&dir=desc/), sortBy.click()]);
    await expect(page.locator('table.matrix thead th:has(a[data-sort="messages"])').getAttribute("aria-sort")).resolves.toBe("descending");
    expect(await rowIds(page)).toEqual(["default", "lunnan", "yangxia"]);
    await Promise.all([page.waitForURL(/sort=messages&dir=asc/), page.click('table.matrix thead a[data-sort="messages"]')]);
    await expect(page.locator('table.matrix thead th:has(a[data-sort="messages"])').getAttribute("aria-sort")).resolves.toBe("ascending");
    expect(await rowIds(page)).toEqual(["yangxia", "lunnan", "default"]);
    await expect(page.locator("tr[data-totals] .c-name").innerText()).resolves.toBe("合计（3 个账号）");
    await layoutIsSound(page, `矩阵 sorted ${shot}`);
    await page.screenshot({ path: join(SHOTS, `matrix-sorted-${shot}.png`), fullPage: true });

    // 切换账号 → 青春轮南: the list opens on screen, on top of the page, every entry readable.
    await page.click("header.top .switcher > summary");
    await expect(page.locator("header.top .switcher ul").isVisible()).resolves.toBe(true);
    const entries = await page.evaluate<Array<{ name: string; onScreen: boolean; onTop: boolean }>>(SWITCHER_ENTRIES);
    expect(entries).toEqual(["青春轮台", "青春轮南", "阳霞青年"].map((name) => ({ name, onScreen: true, onTop: true })));
    await layoutIsSound(page, `switcher open ${shot}`);
    await page.screenshot({ path: join(SHOTS, `matrix-switcher-${shot}.png`) });
    await Promise.all([page.waitForURL(`${server.url}/dashboard?account=lunnan`), page.click('header.top .switcher a[data-account="lunnan"]')]);
    await expect(brand(page)).resolves.toBe("青春轮南 · 后台");
    await expect(page.title()).resolves.toBe("概览 · 青春轮南 后台");
    await expect(kpi(page, "收到消息")).resolves.toBe("1");
    await layoutIsSound(page, `青春轮南 overview ${shot}`);
    // 消息 from the nav stays on 青春轮南 (remembered): its own columns, its one message.
    await Promise.all([page.waitForURL(/\/dashboard\/messages/), page.click('header.top nav a[href^="/dashboard/messages"]')]);
    await expect(brand(page)).resolves.toBe("青春轮南 · 后台");
    await expect(kpi(page, "收到消息")).resolves.toBe("1");
    await expect(page.locator("#chart-data-column-hits").textContent()).resolves.toContain('"labels":["轮南动态","轮南就业"]');
    await expect(page.locator('header.top .switcher a[aria-current="true"]').getAttribute("data-account")).resolves.toBe("lunnan");
    await layoutIsSound(page, `青春轮南 消息 ${shot}`);
    await page.screenshot({ path: join(SHOTS, `matrix-lunnan-messages-${shot}.png`), fullPage: true });

    // And back to the county's.
    await page.click("header.top .switcher > summary");
    await Promise.all([page.waitForURL(`${server.url}/dashboard?account=default`), page.click('header.top .switcher a[data-account="default"]')]);
    await expect(brand(page)).resolves.toBe("青春轮台 · 后台");
    await expect(kpi(page, "收到消息")).resolves.toBe("3");
  }

  async function editorEntersMonth(page: Page, shot: string, month: string): Promise<void> {
    await page.goto(`${server.url}/dashboard`);
    // Their front door is their own account's: no switcher (one account), no county figures.
    await expect(brand(page)).resolves.toBe("青春轮南 · 后台");
    await expect(kpi(page, "收到消息")).resolves.toBe("1");
    await expect(page.locator("header.top .switcher").count()).resolves.toBe(0);
    await layoutIsSound(page, `editor overview ${shot}`);

    // 附件3 leads straight to their township's row.
    const unitUrl = `${server.url}/dashboard/township-report/${month}/unit/${encodeURIComponent("轮南镇")}`;
    await Promise.all([page.waitForURL(unitUrl), page.goto(`${server.url}/dashboard/township-report?month=${month}`)]);
    for (const [name, value] of Object.entries(LUNNAN)) await page.fill(`input[name="${name}"]`, value);
    // 发送微信数 is the ledger's here, not typed.
    await expect(page.locator('input[name="sent_1"]').count()).resolves.toBe(0);
    await expect(page.locator('[data-ledger="sent_1"]').innerText()).resolves.toBe("0");
    await layoutIsSound(page, `附件3 form ${shot}`);
    await page.screenshot({ path: join(SHOTS, `matrix-editor-form-${shot}.png`), fullPage: true });
    await Promise.all([page.waitForURL(unitUrl), page.click("button[data-save]")]);
    await expect(page.locator('input[name="branches"]').inputValue()).resolves.toBe("14");
    await expect(page.locator('input[name="members"]').inputValue()).resolves.toBe("412");
    await expect(page.locator("[data-audit]").innerText()).resolves.toContain(EDITOR.name);
    expect(server.deps.stores.townshipFigures.get(month, "轮南镇")?.savedBy).toBe(EDITOR.name);

    // 阳霞镇's row: a 403 page in Chinese, naming the township and what they may do.
    const other = await page.goto(`${server.url}/dashboard/township-report/${month}/unit/${encodeURIComponent("阳霞镇")}`);
    expect(other?.status()).toBe(403);
    await expect(page.locator("main").innerText()).resolves.toContain("你的账号没有权限查看或操作 阳霞镇 的内容，请联系县团委管理员");
    await expect(page.locator("main").innerText()).resolves.toContain("青春轮南（lunnan） 编辑");
    await layoutIsSound(page, `403 阳霞镇 ${shot}`);
    await page.screenshot({ path: join(SHOTS, `matrix-editor-403-${shot}.png`), fullPage: true });
    // The county's pages by the switcher's parameter: refused, not quietly answered with 青春轮南's.
    for (const path of ["/dashboard?account=default", "/dashboard/messages?account=default"]) {
      const county = await page.goto(`${server.url}${path}`);
      expect({ path, status: county?.status() }).toEqual({ path, status: 403 });
      await expect(page.locator("main").innerText()).resolves.toContain("你的账号没有权限查看或操作 青春轮台 的内容，请联系县团委管理员");
    }
    expect(server.deps.stores.townshipFigures.get(month, "阳霞镇")).toBeUndefined();

    // 矩阵: their account alone, its 合计 of one.
    await page.goto(`${server.url}/dashboard`);
    await Promise.all([page.waitForURL(`${server.url}/dashboard/matrix`), page.click('header.top a[data-nav="matrix"]')]);
    expect(await rowIds(page)).toEqual(["lunnan"]);
    await expect(page.locator("tr[data-totals] .c-name").innerText()).resolves.toBe("合计（1 个账号）");
    const main = await page.locator("main").innerText();
    for (const leak of ["阳霞", "青春轮台"]) expect(main).not.toContain(leak);
    await layoutIsSound(page, `editor 矩阵 ${shot}`);
    await page.screenshot({ path: join(SHOTS, `matrix-editor-matrix-${shot}.png`), fullPage: true });
  }

  async function adminLocksAndDownloads(page: Page, shot: string, month: string): Promise<void> {
    await page.goto(`${server.url}/dashboard/township-report?month=${month}`);
    await expect(page.locator('tr[data-unit="轮南镇"]').getAttribute("data-state")).resolves.toBe("entered");
    await expect(page.locator('tr[data-unit="阳霞镇"]').getAttribute("data-state")).resolves.toBe("blank");
    await page.fill('form.lock-form input[name="filler"]', "王芳");
    await page.fill('form.lock-form input[name="phone"]', "0996-4621234");
    await Promise.all([page.waitForURL(/done=locked/), page.click("button[data-lock]")]);
    await expect(page.locator("[data-locked]").innerText()).resolves.toContain("填表人 王芳");
    await layoutIsSound(page, `附件3 locked ${shot}`);
    await page.screenshot({ path: join(SHOTS, `matrix-locked-${shot}.png`), fullPage: true });

    const [download] = await Promise.all([page.waitForEvent("download"), page.click('a[data-download="xlsx"]')]);
    const [year, mm] = month.split("-").map(Number);
    expect(download.suggestedFilename()).toBe(`附件3_农村共青团微信体系建设工作推进情况跟踪摸底表_${year}年${mm}月.xlsx`);
    const saved = join(downloads, `${shot}.xlsx`);
    await download.saveAs(saved);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(saved);
    const sheet = book.worksheets[0]!;
    let row = 0;
    sheet.eachRow((r, n) => {
      if (r.getCell("B").value === "轮南镇") row = n;
    });
    expect(row).toBeGreaterThan(0);
    // 团支部数, 团干部数, 团员青年数, 微信群数, 成员数 合计, then 在乡·务农 as typed.
    expect(["C", "D", "E", "F", "G", "H"].map((c) => sheet.getCell(`${c}${row}`).value)).toEqual([14, 21, 356, 9, 412, 150]);
    expect(sheet.getCell("T3").value).toBe("填表人：王芳");
  }

  for (const w of WIDTHS) {
    it(`at ${w.width} px: the admin's 矩阵 and switcher, the 轮南 editor's month and refusals, the admin's lock and .xlsx`, async () => {
      const adminPage = admin!.context.pages()[0]!;
      const editorPage = editor!.context.pages()[0]!;
      await adminPage.setViewportSize({ width: w.width, height: w.height });
      await editorPage.setViewportSize({ width: w.width, height: w.height });
      await adminSeesMatrixAndSwitches(adminPage, w.shot, w.width);
      await editorEntersMonth(editorPage, w.shot, w.month);
      await adminLocksAndDownloads(adminPage, w.shot, w.month);
      expect(unexpected()).toEqual([]);
    }, 120_000);
  }
});
