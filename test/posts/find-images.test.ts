import { mkdirSync, writeFileSync } from "node:fs";
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
  return { ...found, messages: found.problems.map((e) => e.message.replace(c.dir + path.sep, "content/")) };
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
      'content/posts/2026-12-01-job-fair.md:9: body: image "https://example.org/a.jpg" is on another website; WeChat removes such images: save it under content/posts/images/ and link it as images/<name>',
      `content/posts/2026-12-01-job-fair.md:11: body: image "images/missing.jpg" not found (looked for ${path.join(c.postsDir, "images/missing.jpg")})`,
      'content/posts/2026-12-01-job-fair.md:13: body: image "images/table.xlsx" is a .xlsx file; use jpg, png, webp or gif',
      "content/posts/2026-12-01-job-fair.md:15: body: an image has no path: write ![description](images/photo.jpg)",
    ]);
  });

  it("checks the front matter cover file", () => {
    const r = imagesOf("正文", { cover: "images/cover.jpg" });
    expect(r.messages).toEqual([`content/posts/2026-12-01-job-fair.md:6: cover: image "images/cover.jpg" not found (looked for ${path.join(c.postsDir, "images/cover.jpg")})`]);
  });

  it("without a cover takes the first local body image", () => {
    const r = imagesOf("![旧图](http://mmbiz.qpic.cn/x/0)\n\n![枣园](images/jujube-orchard.webp)", { cover: "none" });
    expect(r.cover?.ref).toBe("images/jujube-orchard.webp");
  });

  it("else the column's default_cover (relative to content/)", () => {
    mkdirSync(path.join(c.dir, "images/covers"), { recursive: true });
    writeFileSync(path.join(c.dir, "images/covers/careers.jpg"), Buffer.from([0xff, 0xd8, 0xff, 0xe0]));
    const r = imagesOf("只有文字。", { cover: "none" });
    expect(r.problems).toEqual([]);
    expect(r.cover).toEqual({ ref: "images/covers/careers.jpg", path: path.join(c.dir, "images/covers/careers.jpg"), line: undefined });
  });

  it("reports a default_cover that does not exist against columns.yml", () => {
    const column = c.bot.columnsById.get("careers")!;
    const r = imagesOf("只有文字。", { cover: "none" });
    expect(r.messages).toEqual([
      `content/columns.yml:${column.line}: columns[careers].default_cover: image "images/covers/careers.jpg" not found (looked for ${path.join(c.dir, "images/covers/careers.jpg")})`,
    ]);
  });

  it("says how to give a post a cover when there is none at all", () => {
    const column = { ...c.bot.columnsById.get("careers")! };
    delete column.defaultCover;
    const r = imagesOf("只有文字。", { cover: "none" }, column);
    expect(r.messages).toEqual([
      "content/posts/2026-12-01-job-fair.md: cover: no cover image: WeChat needs one for every article; add cover: images/<name>.jpg, put an image in the text, or give the column a default_cover in columns.yml",
    ]);
  });
});
