/**
 * The 图片消息 preview in a real browser (Debian's Chromium through playwright-core), at 375 px:
 * the pictures swipe sideways one at a time (CSS scroll-snap, no script: the preview's CSP allows
 * none), the counter in view is the picture's own, nothing overflows the phone, and the dark-mode
 * switch keeps the text readable. Skips when /usr/bin/chromium is missing locally.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";
import { newspicPreview, phonePreviewPage } from "../../src/posts/phone-preview";
import { renderPost } from "../../src/posts/render-post";
import { jobFair, makeContentDir, type ContentDir } from "../posts/content-dir";
import { describeWithChromium, launchChromium, type LaunchedChromium } from "./launch-chromium";

const describeBrowser = describeWithChromium("图片消息预览");

const TYPES: Record<string, string> = { ".jpg": "image/jpeg", ".png": "image/png", ".webp": "image/webp" };

describeBrowser("图片消息 preview in Chromium", () => {
  let c: ContentDir;
  let browser: LaunchedChromium | undefined;
  let page: Page;
  const problems: string[] = [];

  beforeAll(async () => {
    c = makeContentDir();
    const body =
      "![招聘会现场](images/job-fair.jpg)\n![志愿者在服务台](images/volunteers.png)\n![红枣园](images/jujube-orchard.webp)\n\n" +
      "12月5日，县人才市场冬季招聘会，46家企业带来800多个岗位。\n\n下一场在12月19日，欢迎返乡大学生参加。\n";
    c.writePost("2026-12-05-job-fair-photos.md", jobFair({ title: "冬季招聘会现场", type: "newspic", cover: "none" }, body));
    const post = c.load().posts.find((p) => p.slug === "2026-12-05-job-fair-photos")!;
    // The pictures inline, so the page needs no server.
    const imageUrl = (ref: string) => `data:${TYPES[path.extname(ref)]};base64,${readFileSync(path.join(c.postsDir, ref)).toString("base64")}`;
    const html = phonePreviewPage({
      accountName: "青春轮台",
      article: renderPost(post, { column: c.bot.columnsById.get("careers")!, issue: 4, imageUrl }),
      date: "2026年12月5日 18:00",
      coverUrl: undefined,
      newspic: newspicPreview(post, imageUrl),
    });
    browser = await launchChromium("newspic", problems);
    page = await browser.context.newPage();
    await page.setViewportSize({ width: 375, height: 740 });
    await page.setContent(html, { waitUntil: "load" });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    c?.remove();
  });

  /** The counter drawn where the first picture's counter sits, after the strip settled. */
  const counterInView = () =>
    page.evaluate<string>(`(() => {
      const strip = document.querySelector("[data-strip]").getBoundingClientRect();
      const el = document.elementFromPoint(strip.right - 24, strip.top + 18);
      return el && el.matches("[data-counter]") ? el.textContent : "";
    })()`);

  it("shows one picture at a time, full width, and swipes to the next with its own counter", async () => {
    const sizes = await page.evaluate<{ strip: number; scroll: number; slide: number; page: number; loaded: number }>(`(() => {
      const s = document.querySelector("[data-strip]");
      return { strip: s.clientWidth, scroll: s.scrollWidth, slide: document.querySelector("[data-slide]").getBoundingClientRect().width,
        page: document.documentElement.scrollWidth, loaded: [...document.querySelectorAll(".slide img")].filter((i) => i.naturalWidth > 0).length };
    })()`);
    expect(sizes.strip).toBe(375);
    expect(sizes.slide).toBe(375);
    expect(sizes.scroll).toBe(3 * 375);
    expect(sizes.page).toBeLessThanOrEqual(375);
    expect(sizes.loaded).toBe(3);
    expect(await counterInView()).toBe("1/3");
    // A swipe that stops between two pictures snaps to one of them.
    await page.evaluate(`document.querySelector("[data-strip]").scrollBy({ left: 300, behavior: "instant" })`);
    await page.waitForTimeout(400);
    expect(await page.evaluate<number>(`document.querySelector("[data-strip]").scrollLeft`)).toBe(375);
    expect(await counterInView()).toBe("2/3");
    // The strip takes focus, so the keyboard swipes too.
    await page.focus("[data-strip]");
    await page.keyboard.press("ArrowRight");
    await page.waitForTimeout(600);
    expect(await counterInView()).toBe("3/3");
    expect(problems).toEqual([]);
  });

  it("puts the title and text below the pictures and keeps them readable in dark mode", async () => {
    const box = async (sel: string) => (await page.locator(sel).first().boundingBox())!;
    expect((await box("[data-newspic-text]")).y).toBeGreaterThan((await box("[data-strip]")).y + (await box("[data-strip]")).height - 1);
    const colours = () =>
      page.evaluate<{ text: string; title: string; phone: string }>(`(() => ({
        text: getComputedStyle(document.querySelector("[data-newspic-text]")).color,
        title: getComputedStyle(document.querySelector("[data-newspic] h1")).color,
        phone: getComputedStyle(document.querySelector("[data-phone-preview]")).backgroundColor,
      }))()`);
    expect(await colours()).toEqual({ text: "rgba(0, 0, 0, 0.9)", title: "rgba(0, 0, 0, 0.9)", phone: "rgb(255, 255, 255)" });
    await page.click("[data-dark-toggle]");
    expect(await colours()).toEqual({ text: "rgba(255, 255, 255, 0.8)", title: "rgba(255, 255, 255, 0.8)", phone: "rgb(25, 25, 25)" });
    expect(problems).toEqual([]);
  });
});
