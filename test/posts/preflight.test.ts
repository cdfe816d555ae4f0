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
      'title: the title as sent, "【轮青诚聘】第125期 · 轮台县二〇二六年冬季青年就业招聘会暨实习双选会", has 37 characters; WeChat allows 32. The column\'s title_template adds 14, so keep the title to 18 characters',
    ]);
  });

  it("names the plain limit when the template adds nothing", () => {
    const p = post({ title: "招" });
    const a = { ...rendered(p), title: "招".repeat(33) };
    expect(messages({ ...p, title: "招".repeat(33) }, a)).toEqual(["title: 33 characters; WeChat allows 32"]);
  });

  it("checks author, digest and 阅读原文 lengths of what is sent", () => {
    const p = post();
    const a: RenderedArticle = { ...rendered(p), author: "作".repeat(17), digest: "摘".repeat(129), digestGiven: true };
    expect(messages({ ...p, sourceUrl: `https://x.org/${"a".repeat(1020)}` }, a)).toEqual([
      "author: 17 characters; WeChat allows 16",
      "digest: 129 characters; WeChat allows 128",
      "source_url: 1034 bytes; WeChat allows 1024",
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
      `body: the article is ${chars} characters once rendered (tags and inline styles count); WeChat accepts fewer than 20000: shorten it or split it into two posts`,
    ]);
  });

  it("refuses an article of 1 MB or more", () => {
    const p = post();
    const html = "<p>" + "招".repeat(350_000) + "</p>";
    const m = messages(p, { ...rendered(p), html });
    expect(m).toContain(`body: the article is ${Buffer.byteLength(html)} bytes once rendered; WeChat accepts less than 1 MB`);
  });

  it("catches scripts, external links and images not on WeChat's servers that would reach draft/add", () => {
    const p = post();
    const html = '<section><script>x</script><a href="https://example.org/">x</a><a href="https://mp.weixin.qq.com/s/ok">ok</a><img src="images/job-fair.jpg"><img src=""></section>';
    expect(messages(p, { ...rendered(p), html })).toEqual([
      "body: the article contains a script; WeChat removes scripts",
      "body: link https://example.org/ would be refused by WeChat (only mp.weixin.qq.com links may stay links)",
      "body: image images/job-fair.jpg is not on WeChat's servers; WeChat would drop it",
      "body: image (empty) is not on WeChat's servers; WeChat would drop it",
    ]);
  });

  it("includes the renderer's raw-HTML problems and a column mismatch", () => {
    const p = post({}, "<div>x</div>");
    const m = preflightArticle(p, c.bot.columnsById.get("news")!, rendered(p)).map((e) => e.message.replace(/^.*?\.md(:\d+)?: /, ""));
    expect(m).toEqual([
      "body: raw HTML <div> cannot be sent to WeChat (it strips scripts, styles and most tags): write it in Markdown; only <br>, <u>, <sup> and <sub> are allowed",
      "column: rendered with column news, but the post names careers",
    ]);
  });
});
