/**
 * 稿件 in a real browser (Debian's Chromium through playwright-core), at desk width (1280 px) and
 * on a phone (375 px): log in, create a post, drop in a picture (drag and drop on the desk, the
 * album picker on the phone), see it in the phone preview, get the problem `check` flags beside
 * its line, fix it, save, and find the file in content/posts/; then see it on the 发布 page and watch
 * it go out on the sandbox: at its time on the desk, by 立即发布 with its confirmation on the phone.
 * The two screenshots are the README's
 * (docs/images/editor-desktop.png, docs/images/editor-phone.png).
 * Skips when /usr/bin/chromium is missing locally; in CI (process.env.CI) that is a failure.
 */
import { mkdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { BrowserContext, Frame, Page } from "playwright-core";
import { loadPosts } from "../../src/posts/load-posts";
import { publisherFor } from "../../src/publisher/publisher";
import { runPublisher } from "../../src/publisher/run-publisher";
import { withWeChat } from "../../src/cli/cli-wechat";
import { describeWithChromium, launchChromium, type LaunchedChromium } from "./launch-chromium";
import { SANDBOX_ENV, STAFF, startDashboard, type DashboardServer } from "../http/dashboard-helpers";
import { FIXTURE_CONTENT, makeContentDir, TZ, type ContentDir } from "../posts/content-dir";

/**
 * The README's two screenshots: written to docs/images with UPDATE_SCREENSHOTS=1 (then commit them),
 * else to a temporary folder, so that `npm test` leaves the checkout as it was.
 */
const DOCS_IMAGES = process.env["UPDATE_SCREENSHOTS"] ? path.join(__dirname, "../../docs/images") : path.join(tmpdir(), "youth-league-screenshots");
const PHOTO = readFileSync(path.join(FIXTURE_CONTENT, "posts/images/job-fair.jpg"));

const describeBrowser = describeWithChromium("稿件");

describeBrowser("稿件 editor in Chromium", () => {
  let server: DashboardServer;
  let content: ContentDir;
  let context: BrowserContext;
  let browser: LaunchedChromium | undefined;
  const problems: string[] = [];

  beforeAll(async () => {
    mkdirSync(DOCS_IMAGES, { recursive: true });
    content = makeContentDir();
    server = await startDashboard({ ...SANDBOX_ENV, CONTENT_DIR: content.dir });
    browser = await launchChromium("drafts", problems, { dialogs: true });
    context = browser.context;
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    content?.remove();
  });

  /** Script errors, alerts and failed loads, except the 422 of the save refused on purpose (Chromium logs every 4xx page). */
  const unexpected = () => problems.filter((p) => !/status of 422/.test(p));
  const noSideScroll = (page: Page) => page.evaluate<boolean>("document.documentElement.scrollWidth <= window.innerWidth + 1");
  const preview = (page: Page): Frame => page.frame({ name: "phone-preview" })!;

  /** Reads until `ok` (the preview reloads 0.7 s after the last keystroke; a read during its reload may fail). */
  async function poll<T>(what: string, read: () => Promise<T>, ok: (v: T) => boolean, timeoutMs = 10_000): Promise<T> {
    const end = Date.now() + timeoutMs;
    let last: T | undefined;
    for (;;) {
      try {
        last = await read();
        if (ok(last)) return last;
      } catch {
        // The frame was navigating: read again.
      }
      if (Date.now() > end) throw new Error(`timed out waiting for ${what}; last seen: ${String(last)}`);
      await new Promise((r) => setTimeout(r, 150));
    }
  }
  const previewShows = (page: Page, text: string) =>
    poll(`the preview to show ${text}`, async () => (await preview(page).evaluate<string>("document.body ? document.body.textContent : ''")) ?? "", (t) => t.includes(text));
  /** The natural width of the preview's first picture in the article (0 while it is not loaded). */
  const previewPictureWidth = (page: Page) =>
    preview(page).evaluate<number>("(() => { const img = document.querySelector('.content img'); return img && img.complete ? img.naturalWidth : 0; })()");

  async function writePost(page: Page, o: { slug: string; title: string; time: string; body: string }): Promise<void> {
    await page.goto(`${server.url}/dashboard/drafts`);
    await Promise.all([page.waitForURL(`${server.url}/dashboard/drafts/new`), page.click("a[data-new-draft]")]);
    await page.fill("#field-title", o.title);
    await page.selectOption("#field-column", "careers");
    await page.fill("#field-publish_at", o.time);
    await page.selectOption("#field-mode", "publish");
    await page.fill("#field-author", "团县委");
    await page.fill("#field-slug", o.slug);
    await page.fill("#draft-body", o.body);
    // Scheduled, not a draft: the save must refuse it while `check` finds a problem.
    await page.uncheck("#field-draft");
  }

  async function saveExpectingProblem(page: Page): Promise<void> {
    await Promise.all([page.waitForLoadState("load"), page.click("button[data-save]")]);
    await expect(page.locator("[data-notice=warn]").first().textContent()).resolves.toContain("没有保存");
    // The placeholder is flagged beside its line, and the text typed is all still there.
    await expect(page.locator("[data-line-problems] li").first().textContent()).resolves.toMatch(/正文第 \d+ 行：.*待补充/);
    await expect(page.inputValue("#draft-body")).resolves.toContain("报名电话：待补充");
  }

  async function fixAndSave(page: Page, name: string): Promise<void> {
    const body = await page.inputValue("#draft-body");
    await page.fill("#draft-body", body.replace("报名电话：待补充", "报名电话：0996-4621234"));
    await Promise.all([page.waitForURL(`${server.url}/dashboard/drafts/${name}?saved=1`), page.click("button[data-save]")]);
    await expect(page.locator("[data-notice=info]").first().textContent()).resolves.toContain(`已保存 content/posts/${name}.md`);
    await expect(page.locator("[data-plan]").textContent()).resolves.toContain("发布（不推送给关注者");
    const { posts, errors } = loadPosts(content.dir, { timezone: TZ, columns: content.bot.columnsById });
    expect(errors.filter((e) => e.file.includes(name))).toEqual([]);
    expect(posts.find((p) => p.slug === name)?.body).toContain("0996-4621234");
  }

  async function pictureShowsInPreview(page: Page): Promise<string> {
    const body = await poll("the picture's Markdown in the text", () => page.inputValue("#draft-body"), (t) => /!\[[^\]]*\]\(images\/[a-z0-9-]+\.jpg\)/.test(t));
    await poll("the picture in the preview", () => previewPictureWidth(page), (w) => w > 0);
    return /\]\((images\/[a-z0-9-]+\.jpg)\)/.exec(body)![1]!;
  }

  it("at desktop width: create a post, drop in a picture, see the preview, fix what check flags, save", async () => {
    // The profile's first page, as the other browser tests: it also takes Chromium's favicon.ico request (a 404 here).
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(`${server.url}/dashboard/drafts`);
    await page.fill('input[name="name"]', STAFF.name);
    await page.fill('input[name="password"]', STAFF.password);
    await Promise.all([page.waitForURL(`${server.url}/dashboard/drafts`), page.click('button[type="submit"]')]);
    await expect(page.locator('a[data-nav="drafts"]').getAttribute("aria-current")).resolves.toBe("page");

    await writePost(page, {
      slug: "winter-job-fair",
      title: "冬季青年就业招聘会",
      time: "2026-12-05 10:00",
      body: "12月5日（周五）在县人才市场举办招聘会，**46家企业**参会。\n\n报名电话：待补充\n\n",
    });
    await previewShows(page, "【轮青诚聘】第1期 · 冬季青年就业招聘会");
    await previewShows(page, "46家企业");

    // Drag a photo from the desktop onto the drop zone.
    await page.evaluate(`(() => {
      const bytes = Uint8Array.from(atob(${JSON.stringify(PHOTO.toString("base64"))}), (ch) => ch.charCodeAt(0));
      const dt = new DataTransfer();
      dt.items.add(new File([bytes], "微信图片_IMG_0042.JPG", { type: "image/jpeg" }));
      const zone = document.querySelector("[data-drop]");
      zone.dispatchEvent(new DragEvent("dragover", { dataTransfer: dt, bubbles: true, cancelable: true }));
      zone.dispatchEvent(new DragEvent("drop", { dataTransfer: dt, bubbles: true, cancelable: true }));
    })()`);
    const ref = await pictureShowsInPreview(page);
    expect(ref).toBe("images/img-0042.jpg");
    await expect(page.locator("[data-picture-status]").textContent()).resolves.toContain("已插入 images/img-0042.jpg");

    // Dark mode in the preview keeps the text readable (it follows the page's light colour).
    await preview(page).click("[data-dark-toggle]");
    const darkText = await preview(page).evaluate<string>("getComputedStyle(document.querySelector('.content p')).color");
    expect(darkText).toBe("rgba(255, 255, 255, 0.8)");
    await preview(page).click("[data-dark-toggle]");

    await saveExpectingProblem(page);
    await fixAndSave(page, "2026-12-05-winter-job-fair");
    await previewShows(page, "0996-4621234");
    await poll("the picture in the preview after saving", () => previewPictureWidth(page), (w) => w > 0);
    expect(await noSideScroll(page)).toBe(true);
    await page.screenshot({ path: path.join(DOCS_IMAGES, "editor-desktop.png") });

    // Scheduled: the 发布 page lists it in the next 14 days, in words, with its 期数 forecast.
    const name = "2026-12-05-winter-job-fair";
    await page.goto(`${server.url}/dashboard/publications`);
    const upcoming = page.locator(`#upcoming [data-slug="${name}"]`);
    await expect(upcoming.textContent()).resolves.toMatch(/轮青诚聘 · 第1期（预计）[\s\S]*北京时间 12月5日 10:00 发布（不推送给关注者/);
    // Its time comes: the scheduler's run sends it to the (simulated) WeChat, and follows it to the end.
    server.clock.set("2026-12-05T02:01:00Z");
    for (let i = 0; i < 5 && server.deps.stores.publications.find("default", name)?.state !== "published"; i++) {
      await withWeChat(server.deps, (wechat) => runPublisher(publisherFor(server.deps, { wechat })));
    }
    expect(server.deps.stores.publications.find("default", name)).toMatchObject({ state: "published", issue: 1, articleTitle: "【轮青诚聘】第1期 · 冬季青年就业招聘会" });
    // Twelve days on, the session has expired: sign in again, as staff would.
    await page.goto(`${server.url}/dashboard/publications?from=2026-12-01&to=2026-12-05`);
    await page.fill('input[name="name"]', STAFF.name);
    await page.fill('input[name="password"]', STAFF.password);
    await Promise.all([page.waitForURL(/\/dashboard\/publications/), page.click('button[type="submit"]')]);
    const record = page.locator(`#recent [data-slug="${name}"]`);
    await expect(record.getAttribute("data-state")).resolves.toBe("published");
    await expect(record.textContent()).resolves.toContain("【轮青诚聘】第1期 · 冬季青年就业招聘会");
    expect(unexpected()).toEqual([]);
  }, 90_000);

  it("at 375 px: the form is stacked, the preview below it, no sideways scroll; a photo from the album", async () => {
    // 1 December, Beijing morning: the post written below (10 December) falls in the 发布 page's next 14 days.
    server.clock.set("2026-12-01T02:00:00Z");
    const page = await context.newPage();
    await page.setViewportSize({ width: 375, height: 812 });
    await writePost(page, {
      slug: "volunteer-signup",
      title: "寒假志愿者招募",
      time: "2026-12-10 20:00",
      body: "寒假“温暖回家路”志愿服务开始招募。\n\n报名电话：待补充\n\n",
    });
    expect(await noSideScroll(page)).toBe(true);
    await page.setInputFiles("[data-picture-input]", { name: "IMG_20261201_093000.jpg", mimeType: "image/jpeg", buffer: PHOTO });
    await pictureShowsInPreview(page);
    await previewShows(page, "寒假志愿者招募");
    const textarea = await page.locator("#draft-body").boundingBox();
    const frame = await page.locator("iframe[data-preview]").boundingBox();
    expect(frame!.y).toBeGreaterThan(textarea!.y + textarea!.height);
    expect(frame!.width).toBeLessThanOrEqual(375);
    await saveExpectingProblem(page);
    expect(await noSideScroll(page)).toBe(true);
    await fixAndSave(page, "2026-12-10-volunteer-signup");
    expect(await noSideScroll(page)).toBe(true);
    // The end of the text with its picture, the picture drop, and the phone preview below them.
    await page.evaluate("document.querySelector('[data-picture-status]').scrollIntoView({ block: 'start' })");
    await page.screenshot({ path: path.join(DOCS_IMAGES, "editor-phone.png") });
    await page.goto(`${server.url}/dashboard/drafts`);
    expect(await noSideScroll(page)).toBe(true);
    await expect(page.locator('tr[data-draft="2026-12-10-volunteer-signup"]').textContent()).resolves.toContain("寒假志愿者招募");

    // On the 发布 page (cards on a phone): 立即发布, a confirmation that says what will happen, then it goes out.
    const name = "2026-12-10-volunteer-signup";
    await page.goto(`${server.url}/dashboard/publications`);
    expect(await noSideScroll(page)).toBe(true);
    await Promise.all([page.waitForURL(`${server.url}/dashboard/publications/${name}/publish`), page.click(`#upcoming [data-slug="${name}"] a[data-action="publish"]`)]);
    await expect(page.locator("[data-will]").first().textContent()).resolves.toContain("现在 发布（不推送给关注者");
    await Promise.all([page.waitForURL(/\/dashboard\/publications(\?|$)/), page.click("button[data-confirm-button]")]);
    await expect(page.locator("[data-notice]").textContent()).resolves.toContain("寒假志愿者招募");
    for (let i = 0; i < 5 && server.deps.stores.publications.find("default", name)?.state !== "published"; i++) {
      await withWeChat(server.deps, (wechat) => runPublisher(publisherFor(server.deps, { wechat })));
    }
    expect(server.deps.stores.publications.find("default", name)?.state).toBe("published");
    await page.reload();
    await expect(page.locator(`#recent [data-slug="${name}"]`).getAttribute("data-state")).resolves.toBe("published");
    expect(await noSideScroll(page)).toBe(true);
    expect(unexpected()).toEqual([]);
  }, 90_000);
});
