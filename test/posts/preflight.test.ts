import { preflightArticle } from "../../src/posts/preflight";
import { renderPost, type RenderedArticle } from "../../src/posts/render-post";
import type { Post } from "../../src/posts/post";
import { jobFair, makeContentDir, type ContentDir } from "./content-dir";

let c: ContentDir;
beforeAll(() => {
  c = makeContentDir();
});
afterAll(() => c.remove());

const URL = "http://mmbiz.qpic.cn/sz_mmbiz_jpg/abc/0?wx_fmt=jpeg";
const careers = () => c.bot.columnsById.get("careers")!;

function post(fields: Record<string, string> = {}, body?: string): Post {
  c.writePost("2026-12-01-job-fair.md", jobFair(fields, body));
  const { posts, errors } = c.load();
  if (errors.length) throw new Error(errors.map((e) => e.message).join("\n"));
  return posts[0]!;
}
const messages = (p: Post, a: RenderedArticle) => preflightArticle(p, careers(), a).map((e) => e.message.replace(/^.*?\.md(:\d+)?: /, ""));
const rendered = (p: Post, issue = 12) => renderPost(p, { column: careers(), issue, imageUrl: () => URL });

describe("preflightArticle", () => {
  it("passes a normal post", () => {
    const p = post({}, "正文。![现场](images/job-fair.jpg)");
    expect(messages(p, rendered(p))).toEqual([]);
  });

  it("counts the column's template and the issue number into the 32-character title", () => {
    const p = post({ title: "轮台县二〇二六年冬季青年就业招聘会暨实习双选会" });
    expect(messages(p, rendered(p, 125))).toEqual([
      "title: 发出去的标题「【轮青诚聘】第125期 · 轮台县二〇二六年冬季青年就业招聘会暨实习双选会」有 37 个字，微信最多 32 个；栏目的 title_template 占了 14 个字，所以 title 最多写 18 个字：请改短",
    ]);
  });

  it("names the plain limit when the template adds nothing", () => {
    const p = post({ title: "招" });
    const a = { ...rendered(p), title: "招".repeat(33) };
    expect(messages({ ...p, title: "招".repeat(33) }, a)).toEqual(["title: 有 33 个字，微信最多 32 个：请改短"]);
  });

  it("checks author, digest and 阅读原文 lengths of what is sent", () => {
    const p = post();
    const a: RenderedArticle = { ...rendered(p), author: "作".repeat(17), digest: "摘".repeat(129), digestGiven: true };
    expect(messages({ ...p, sourceUrl: `https://x.org/${"a".repeat(1020)}` }, a)).toEqual([
      "author: 有 17 个字，微信最多 16 个：请改短，例如 团县委",
      "digest: 有 129 个字，微信最多 128 个：请改短",
      "source_url: 有 1034 字节，微信最多 1024 字节：换一个短一些的网址",
    ]);
  });

  it("does not limit a derived digest (WeChat derives its own from the text)", () => {
    const p = post();
    expect(messages(p, { ...rendered(p), digest: "摘".repeat(200), digestGiven: false })).toEqual([]);
  });

  it("refuses an article of 20 000 characters or more, tags and inline styles included", () => {
    const body = Array.from({ length: 400 }, (_, i) => `第${i}段：全县青年就业招聘会岗位信息。`).join("\n\n");
    const p = post({}, body);
    const a = rendered(p);
    const chars = [...a.html].length;
    expect(chars).toBeGreaterThan(20_000);
    expect(messages(p, a)).toEqual([
      `body: 文章排版后有 ${chars} 个字符（排版用的标签和样式也算在内），微信要求少于 20000 个：请删短一些，或拆成两篇`,
    ]);
  });

  it("refuses an article of 1 MB or more", () => {
    const p = post();
    const html = "<p>" + "招".repeat(350_000) + "</p>";
    const m = messages(p, { ...rendered(p), html });
    expect(m).toContain(`body: 文章排版后有 ${Buffer.byteLength(html)} 字节，微信要求小于 1 MB：请删短一些，或拆成两篇`);
  });

  it("catches scripts, external links and images not on WeChat's servers that would reach draft/add", () => {
    const p = post();
    const html = '<section><script>x</script><a href="https://example.org/">x</a><a href="https://mp.weixin.qq.com/s/ok">ok</a><img src="images/job-fair.jpg"><img src=""></section>';
    expect(messages(p, { ...rendered(p), html })).toEqual([
      "body: 正文里有脚本（<script>），微信会把它删掉：请删掉这段代码",
      "body: 链接 https://example.org/ 会被微信拒绝（正文里只有 mp.weixin.qq.com 的文章能做成链接）：改成普通文字，或写到 source_url（阅读原文）",
      "body: 图片 images/job-fair.jpg 不在微信的服务器上，微信会把它去掉：把图片存到 content/posts/images/，写成 ![说明](images/文件名.jpg)",
      "body: 图片 （没写地址） 不在微信的服务器上，微信会把它去掉：把图片存到 content/posts/images/，写成 ![说明](images/文件名.jpg)",
    ]);
  });

  it("includes the renderer's raw-HTML problems and a column mismatch", () => {
    const p = post({}, "<div>x</div>");
    const m = preflightArticle(p, c.bot.columnsById.get("news")!, rendered(p)).map((e) => e.message.replace(/^.*?\.md(:\d+)?: /, ""));
    expect(m).toEqual([
      "body: 正文里有 HTML 标签 <div>，微信会把它去掉（微信会删掉脚本、样式和大部分标签）：改用 Markdown 写；只能用 <br>、<u>、<sup> 和 <sub>",
      "column: 稿件写的栏目是 careers，却按栏目 news 排版了：这是程序的问题，请把这条消息发给技术同事",
    ]);
  });
});
