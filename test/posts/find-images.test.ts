import { rmSync } from "node:fs";
import path from "node:path";
import { findImages, resolveImagePath } from "../../src/posts/find-images";
import type { Column } from "../../src/bot/bot-content";
import { jobFair, makeContentDir, type ContentDir } from "./content-dir";

let c: ContentDir;
beforeEach(() => {
  c = makeContentDir();
});
afterEach(() => c.remove());

function imagesOf(body: string, fields: Record<string, string> = {}, column?: Column) {
  c.writePost("2026-12-01-job-fair.md", jobFair(fields, body));
  const { posts, errors } = c.load();
  if (errors.length) throw new Error(errors.map((e) => e.message).join("\n"));
  const post = posts[0]!;
  const found = findImages(post, column ?? c.bot.columnsById.get("careers")!, c.dir);
  return { ...found, messages: found.problems.map((e) => e.message.replace(c.dir + path.sep, "<content>/")) };
}

describe("findImages", () => {
  it("lists each local body image once, with its file line, and the front matter cover", () => {
    const r = imagesOf("第一段\n\n![现场](images/job-fair.jpg)\n\n![枣园](images/jujube-orchard.webp)\n\n![again](images/job-fair.jpg)");
    expect(r.problems).toEqual([]);
    expect(r.body.map((i) => [i.ref, path.relative(c.dir, i.path!), i.line])).toEqual([
      ["images/job-fair.jpg", "posts/images/job-fair.jpg", 11],
      ["images/jujube-orchard.webp", "posts/images/jujube-orchard.webp", 13],
    ]);
    expect(r.cover).toMatchObject({ ref: "images/job-fair.jpg", line: 6 });
  });

  it("keeps pictures already on WeChat's servers (mmbiz) as they are", () => {
    const r = imagesOf("![旧图](http://mmbiz.qpic.cn/sz_mmbiz_jpg/abc/0?wx_fmt=jpeg)");
    expect(r.problems).toEqual([]);
    expect(r.body).toEqual([{ ref: "http://mmbiz.qpic.cn/sz_mmbiz_jpg/abc/0?wx_fmt=jpeg", path: undefined, line: 9 }]);
  });

  it("resolves /paths from content/ and relative paths from the post", () => {
    expect(resolveImagePath("/images/covers/news.jpg", "/c/posts", "/c")).toBe(path.join("/c", "images/covers/news.jpg"));
    expect(resolveImagePath("images/a%20b.jpg", "/c/posts", "/c")).toBe(path.resolve("/c/posts", "images/a b.jpg"));
    expect(resolveImagePath("../shared/a.png", "/c/posts", "/c")).toBe(path.resolve("/c/shared/a.png"));
  });

  it("refuses images on other websites, missing files, unsupported types and empty paths, each with its line", () => {
    const r = imagesOf("![外链](https://example.org/a.jpg)\n\n![缺](images/missing.jpg)\n\n![表](images/table.xlsx)\n\n![]()");
    expect(r.messages).toEqual([
      "<content>/posts/2026-12-01-job-fair.md:9: body: 图片「https://example.org/a.jpg」在别的网站上，微信会把它删掉：把图片存到 content/posts/images/，写成 ![说明](images/文件名.jpg)",
      `<content>/posts/2026-12-01-job-fair.md:11: body: 找不到图片「images/missing.jpg」（找的是 ${path.join(c.postsDir, "images/missing.jpg")}）：检查文件名和文件夹，图片放在 content/posts/images/ 下`,
      "<content>/posts/2026-12-01-job-fair.md:13: body: 图片「images/table.xlsx」是 .xlsx 文件：请用 jpg、png、webp 或 gif 图片",
      "<content>/posts/2026-12-01-job-fair.md:15: body: 有一张图片没写路径：写成 ![说明](images/照片.jpg)",
    ]);
  });

  it("checks the front matter cover file", () => {
    const r = imagesOf("正文", { cover: "images/cover.jpg" });
    expect(r.messages).toEqual([
      `<content>/posts/2026-12-01-job-fair.md:6: cover: 找不到图片「images/cover.jpg」（找的是 ${path.join(c.postsDir, "images/cover.jpg")}）：检查文件名和文件夹，图片放在 content/posts/images/ 下`,
    ]);
  });

  it("without a cover takes the first local body image", () => {
    const r = imagesOf("![旧图](http://mmbiz.qpic.cn/x/0)\n\n![枣园](images/jujube-orchard.webp)", { cover: "none" });
    expect(r.cover?.ref).toBe("images/jujube-orchard.webp");
  });

  it("else the column's default_cover, looked up like post pictures: relative to content/posts/ (issue 15)", () => {
    const r = imagesOf("只有文字。", { cover: "none" });
    expect(r.problems).toEqual([]);
    expect(r.cover).toEqual({ ref: "images/covers/careers.jpg", path: path.join(c.postsDir, "images/covers/careers.jpg"), line: undefined });
  });

  it("reports a default_cover that does not exist against columns.yml, at the default_cover line", () => {
    rmSync(path.join(c.postsDir, "images/covers/careers.jpg"));
    const column = c.bot.columnsById.get("careers")!;
    const r = imagesOf("只有文字。", { cover: "none" });
    expect(column.defaultCoverLine).toBeGreaterThan(column.line);
    expect(r.messages).toEqual([
      `<content>/columns.yml:${column.defaultCoverLine}: columns[careers].default_cover: 栏目 careers 的默认封面：找不到图片「images/covers/careers.jpg」（找的是 ${path.join(c.postsDir, "images/covers/careers.jpg")}）：检查文件名和文件夹，图片放在 content/posts/images/ 下`,
    ]);
  });

  it("says how to give a post a cover when there is none at all", () => {
    const column = { ...c.bot.columnsById.get("careers")! };
    delete column.defaultCover;
    const r = imagesOf("只有文字。", { cover: "none" }, column);
    expect(r.messages).toEqual([
      "<content>/posts/2026-12-01-job-fair.md: cover: 没有封面图：微信的图文消息必须有封面。写 cover: images/图片.jpg，或在正文里放一张图片，或在 columns.yml 给栏目写 default_cover",
    ]);
  });
});
