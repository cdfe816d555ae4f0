/**
 * The phone preview (issue 15, "Preview as a phone shows it"): a 375 px page with account name,
 * title, author, date, cover and padding; code keeps its lines and indentation, nested lists to 4
 * levels and ordered-list start numbers survive; and in dark mode every colour the article sets
 * still reads on WeChat's dark background (and on white).
 */
import { newspicPreview, phonePreviewPage, PHONE_PREVIEW_CSP } from "../../src/posts/phone-preview";
import { renderPost } from "../../src/posts/render-post";
import { jobFair, makeContentDir, type ContentDir } from "./content-dir";

let c: ContentDir;
beforeAll(() => {
  c = makeContentDir();
});
afterAll(() => c.remove());

function preview(body: string) {
  c.writePost("2026-12-01-job-fair.md", jobFair({}, body));
  const post = c.load().posts.find((p) => p.slug === "2026-12-01-job-fair")!;
  const article = renderPost(post, { column: c.bot.columnsById.get("careers")!, issue: 3, imageUrl: (ref) => `/dashboard/drafts/${ref}` });
  return { article, page: phonePreviewPage({ accountName: "青春轮台", article, date: "2026年12月1日 09:00", coverUrl: "/dashboard/drafts/images/job-fair.jpg" }) };
}

/** WCAG relative luminance and contrast. */
function luminance(hex: string): number {
  const n = hex.replace("#", "");
  const full = n.length === 3 ? [...n].map((x) => x + x).join("") : n;
  const [r, g, b] = [0, 2, 4].map((i) => parseInt(full.slice(i, i + 2), 16) / 255).map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}
const contrast = (a: string, b: string) => {
  const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p);
  return (x! + 0.05) / (y! + 0.05);
};

describe("phonePreviewPage", () => {
  it("frames the article as WeChat does at 375 px: account name, title with 期数, author, date, cover, padding", () => {
    const { page } = preview("正文。\n");
    expect(page).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
    expect(page).toContain("max-width:375px");
    expect(page).toContain(".area{padding:20px 16px 32px}");
    expect(page).toContain('<h1 class="title">【轮青诚聘】第3期 · 轮台县2026年冬季青年就业招聘会</h1>');
    expect(page).toContain('<span class="author">团县委</span><span class="account">青春轮台</span><time>2026年12月1日 09:00</time>');
    expect(page).toContain('<img class="cover" src="/dashboard/drafts/images/job-fair.jpg" alt="封面">');
    expect(page).toContain('<label for="dark-mode" data-dark-toggle>深色模式</label>');
    expect(page).not.toMatch(/<script/);
    expect(PHONE_PREVIEW_CSP).toContain("default-src 'none'");
    expect(PHONE_PREVIEW_CSP).not.toContain("script-src");
  });

  it("keeps code blocks' newlines and indentation as <br> and &nbsp;", () => {
    const { page } = preview("```\nfunction apply() {\n    if (ok) {\n        send();\n    }\n}\n```\n");
    expect(page).toContain("function apply() {<br>&nbsp;&nbsp;&nbsp;&nbsp;if (ok) {<br>&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;send();<br>&nbsp;&nbsp;&nbsp;&nbsp;}<br>}");
  });

  it("keeps lists nested four levels deep", () => {
    const { page } = preview("- 一级\n  - 二级\n    - 三级\n      - 四级\n");
    expect(page).toMatch(/<ul[^>]*><li[^>]*><section>一级<ul[^>]*><li[^>]*><section>二级<ul[^>]*><li[^>]*><section>三级<ul[^>]*><li[^>]*><section>四级<\/section>/);
  });

  it("keeps an ordered list's start number", () => {
    const { page } = preview("3. 第三步\n4. 第四步\n");
    expect(page).toMatch(/<ol start="3"[^>]*><li[^>]*><section>第三步/);
  });

  it("lists external links as numbered footnotes at the end", () => {
    const { page } = preview("见[县人社局通知](https://www.xjlt.gov.cn/rsj/1201.html)。\n");
    expect(page).toMatch(/县人社局通知<sup[^>]*>\[1\]<\/sup>/);
    expect(page).toMatch(/参考链接<\/p><p[^>]*>\[1\] 县人社局通知：<span>https:\/\/www\.xjlt\.gov\.cn\/rsj\/1201\.html<\/span>/);
  });

  it("dark mode: the article sets no text colour that vanishes on WeChat's dark background or on white", () => {
    const { article } = preview(
      "## 小标题\n\n### 三级标题\n\n**加粗**和`代码`，[链接](https://example.com)。\n\n> 引用\n\n| 单位 | 人数 |\n|---|---|\n| 油田 | 20 |\n\n![现场](images/job-fair.jpg \"说明\")\n",
    );
    const colours = [...article.html.matchAll(/(?:^|[;"])color:(#[0-9a-f]{3,6})/gi)].map((m) => m[1]!.toLowerCase());
    expect(colours.length).toBeGreaterThan(0);
    for (const colour of new Set(colours)) {
      expect(contrast(colour, "#191919")).toBeGreaterThanOrEqual(3);
      expect(contrast(colour, "#ffffff")).toBeGreaterThanOrEqual(3);
    }
    // No opaque light background behind text that follows the reader's theme.
    for (const m of article.html.matchAll(/background:(#[0-9a-f]{3,6})/gi)) expect(luminance(m[1]!)).toBeLessThan(0.5);
    expect(article.html.startsWith('<section style="font-size:16px;line-height:1.75')).toBe(true);
  });
});

/** A 图片消息 as an editor writes it: three pictures from the day, then two short paragraphs. */
const NEWSPIC_BODY =
  "![招聘会现场](images/job-fair.jpg)\n![志愿者在服务台](images/volunteers.png)\n![红枣园的返乡青年](images/jujube-orchard.webp)\n\n" +
  "12月5日，县人才市场冬季招聘会，46家企业带来800多个岗位。\n\n下一场在12月19日，欢迎返乡大学生参加。\n";

function newspicPage(body: string, options: { dark?: boolean } = {}) {
  c.writePost("2026-12-05-job-fair-photos.md", jobFair({ title: "冬季招聘会现场", publish_at: "2026-12-05 18:00", type: "newspic", cover: "none" }, body));
  const { posts, errors } = c.load();
  const post = posts.find((p) => p.slug === "2026-12-05-job-fair-photos");
  expect(errors.map((e) => e.message)).toEqual([]);
  const imageUrl = (ref: string) => `/dashboard/drafts/${ref}`;
  const article = renderPost(post!, { column: c.bot.columnsById.get("careers")!, issue: 4, imageUrl });
  const newspic = newspicPreview(post!, imageUrl);
  return phonePreviewPage({ accountName: "青春轮台", article, date: "2026年12月5日 18:00", coverUrl: undefined, newspic, ...options });
}

/** The part of the page below the chat-list card: what the reader sees after tapping. */
const opened = (page: string) => /<article class="area newspic" data-newspic>([\s\S]*?)<\/article>/.exec(page)![1]!;

describe("phonePreviewPage: a 图片消息 (type: newspic)", () => {
  it("shows the pictures as a swipeable strip, each with its counter, then title, plain text, account and date", () => {
    const page = newspicPage(NEWSPIC_BODY);
    const area = opened(page);
    const slides = [...area.matchAll(/<figure class="slide" data-slide="(\d+)"><img src="([^"]+)"/g)].map((m) => [m[1], m[2]]);
    expect(slides).toEqual([
      ["1", "/dashboard/drafts/images/job-fair.jpg"],
      ["2", "/dashboard/drafts/images/volunteers.png"],
      ["3", "/dashboard/drafts/images/jujube-orchard.webp"],
    ]);
    expect([...area.matchAll(/<span class="counter" data-counter>([^<]+)<\/span>/g)].map((m) => m[1])).toEqual(["1/3", "2/3", "3/3"]);
    expect(area).toContain('aria-label="3 张图片，左右滑动查看"');
    expect(page).toContain("scroll-snap-type:x mandatory");
    expect(page).toMatch(/\.slide\{[^}]*scroll-snap-align:center/);
    // Pictures first, then the title with its 期数, the text with its paragraph break, then account and date.
    expect(area.indexOf("data-strip")).toBeLessThan(area.indexOf('<h1 class="title">'));
    expect(area).toContain('<h1 class="title">【轮青诚聘】第4期 · 冬季招聘会现场</h1>');
    expect(area).toContain('<p class="np-text" data-newspic-text>12月5日，县人才市场冬季招聘会，46家企业带来800多个岗位。\n下一场在12月19日，欢迎返乡大学生参加。</p>');
    expect(area).toMatch(/<span class="account">青春轮台<\/span><time>2026年12月5日 18:00<\/time>/);
    // The chat-list card: the first picture is the cover.
    expect(page).toContain('<img class="cover" src="/dashboard/drafts/images/job-fair.jpg" alt="封面">');
    expect(page).not.toMatch(/<script/);
  });

  it("shows the text as WeChat gets it: no headings, links, lists or bold from the Markdown", () => {
    // check refuses these (check-newspic.ts); the preview still shows only what would be sent.
    const post = "![现场](images/job-fair.jpg)\n![志愿者](images/volunteers.png)\n\n## 现场花絮\n\n见[报名通知](https://www.xjlt.gov.cn/a.html)，**带好简历**。\n\n- 退役军人专场\n";
    c.writePost("2026-12-05-job-fair-photos.md", jobFair({ title: "冬季招聘会现场", type: "newspic", cover: "none" }, post));
    const loaded = c.load();
    expect(loaded.errors.length).toBeGreaterThan(0);
    // The same file as a valid article, read as newspic: the preview takes the post as parsed.
    c.writePost("2026-12-05-job-fair-photos.md", jobFair({ title: "冬季招聘会现场", cover: "none" }, post));
    const article = c.load().posts.find((p) => p.slug === "2026-12-05-job-fair-photos")!;
    const asNewspic = { ...article, type: "newspic" as const };
    const imageUrl = (ref: string) => `/dashboard/drafts/${ref}`;
    const rendered = renderPost(asNewspic, { column: c.bot.columnsById.get("careers")!, issue: 4, imageUrl });
    const page = phonePreviewPage({ accountName: "青春轮台", article: rendered, date: "", coverUrl: undefined, newspic: newspicPreview(asNewspic, imageUrl) });
    const area = opened(page);
    expect(area).not.toMatch(/<(h2|h3|a|strong|ul|li)[\s>]/);
    expect(area).toContain("现场花絮\n见报名通知，带好简历。\n退役军人专场</p>");
    // The chat-list card's digest is the start of that same text.
    expect(page).toContain('<div class="digest">现场花絮 见报名通知，带好简历。 退役军人专场</div>');
    expect([...area.matchAll(/data-slide="/g)]).toHaveLength(2);
  });

  it("one picture: no counter, as WeChat shows it", () => {
    const area = opened(newspicPage("![招聘会现场](images/job-fair.jpg)\n\n招聘会现场。\n"));
    expect([...area.matchAll(/data-slide="/g)]).toHaveLength(1);
    expect(area).not.toContain("data-counter");
    expect(area).toContain('aria-label="1 张图片，左右滑动查看"');
  });

  it("dark mode: starts dark when asked, text follows the phone's colour, the counter reads on any picture", () => {
    const page = newspicPage(NEWSPIC_BODY, { dark: true });
    expect(page).toContain('<input type="checkbox" class="switch" id="dark-mode" checked>');
    const css = /<style>([\s\S]*?)<\/style>/.exec(page)![1]!;
    // The text sets no colour of its own: it takes the phone's (rgba(255,255,255,.8) on #191919 when dark).
    for (const rule of css.matchAll(/\.(np-text|np-body[^{]*)\{([^}]*)\}/g)) expect(rule[2]).not.toMatch(/(^|;)color:/);
    expect(css).toContain(".switch:checked~.phone{background:#191919;color:rgba(255,255,255,.8)}");
    expect(css).toContain(".switch:checked~.phone .strip{background:#000}");
    // The counter: white on 55 % black, over the lightest picture (white) that is #737373.
    expect(css).toMatch(/\.counter\{[^}]*background:rgba\(0,0,0,\.55\);color:#fff/);
    expect(contrast("#ffffff", "#737373")).toBeGreaterThanOrEqual(4.5);
  });
});
