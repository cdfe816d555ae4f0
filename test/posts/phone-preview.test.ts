/**
 * The phone preview (issue 15, "Preview as a phone shows it"): a 375 px page with account name,
 * title, author, date, cover and padding; code keeps its lines and indentation, nested lists to 4
 * levels and ordered-list start numbers survive; and in dark mode every colour the article sets
 * still reads on WeChat's dark background (and on white).
 */
import { phonePreviewPage, PHONE_PREVIEW_CSP } from "../../src/posts/phone-preview";
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
