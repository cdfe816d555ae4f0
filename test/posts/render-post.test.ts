import { renderPost, articleTitle, plainText, parseBody } from "../../src/posts/render-post";
import type { Post } from "../../src/posts/post";
import { jobFair, makeContentDir, type ContentDir } from "./content-dir";

let c: ContentDir;
beforeAll(() => {
  c = makeContentDir();
});
afterAll(() => c.remove());

const URL = "http://mmbiz.qpic.cn/sz_mmbiz_jpg/abc/0?wx_fmt=jpeg";

function post(body: string, fields: Record<string, string> = {}): Post {
  c.writePost("2026-12-01-job-fair.md", jobFair(fields, body));
  const { posts, errors } = c.load();
  if (errors.length) throw new Error(errors.map((e) => e.message).join("\n"));
  return posts[0]!;
}
const render = (body: string, fields: Record<string, string> = {}) =>
  renderPost(post(body, fields), { column: c.bot.columnsById.get("careers")!, issue: 12, imageUrl: () => URL });

describe("renderPost", () => {
  it("fills the column's title template with the issue number", () => {
    expect(render("正文").title).toBe("【轮青诚聘】第12期 · 轮台县2026年冬季青年就业招聘会");
    expect(articleTitle(c.bot.columnsById.get("students")!, "寒假实习", 3)).toBe("【轮青大学生】第3期 · 寒假实习");
  });

  it("inlines every style and leaves no <style>, class or newline between tags", () => {
    const { html } = render("## 一、时间地点\n\n- 时间：12月5日\n- 地点：县人才市场\n\n> 请携带身份证\n\n**46 家企业**参会。");
    expect(html).not.toMatch(/<style|class=|>\n</);
    expect(html.startsWith('<section style="font-size:16px;line-height:1.75')).toBe(true);
    expect(html).toContain('<h2 style="font-size:18px;font-weight:bold;margin:24px 0 12px;padding-left:8px;border-left:4px solid #c8161d">一、时间地点</h2>');
    expect(html).toContain('<strong style="color:#c8161d">46 家企业</strong>');
    expect(html).toContain('<blockquote style="margin:0 0 16px;padding:8px 12px;border-left:3px solid #c8161d;background:rgba(200,22,29,.06)"><p style="margin:4px 0">请携带身份证</p></blockquote>');
  });

  it("wraps list item content in <section> (WeChat re-flows bare <li>)", () => {
    const { html } = render("1. 第一项\n2. 第二项\n   - 子项");
    expect(html).toMatch(/<ol[^>]*><li[^>]*><section>第一项<\/section><\/li><li[^>]*><section>第二项<ul[^>]*><li[^>]*><section>子项<\/section><\/li><\/ul><\/section><\/li><\/ol>/);
  });

  it("turns external links into text with [n] and lists them at the end, one number per URL", () => {
    const a = render("见[县人社局通知](https://www.xjlt.gov.cn/rsj/1201.html)和[通知原文](https://www.xjlt.gov.cn/rsj/1201.html)，以及[志愿汇](https://www.zyh365.com/)。");
    expect(a.html).not.toContain("<a ");
    expect(a.html).toContain('县人社局通知<sup style="color:#576b95;font-size:12px">[1]</sup>和通知原文<sup style="color:#576b95;font-size:12px">[1]</sup>');
    expect(a.html).toContain('志愿汇<sup style="color:#576b95;font-size:12px">[2]</sup>');
    expect(a.footnotes).toEqual([
      { n: 1, text: "县人社局通知", url: "https://www.xjlt.gov.cn/rsj/1201.html" },
      { n: 2, text: "志愿汇", url: "https://www.zyh365.com/" },
    ]);
    expect(a.html).toMatch(/参考链接<\/p><p[^>]*>\[1\] 县人社局通知：<span>https:\/\/www\.xjlt\.gov\.cn\/rsj\/1201\.html<\/span><\/p><p[^>]*>\[2\] 志愿汇：<span>https:\/\/www\.zyh365\.com\/<\/span><\/p><\/section><\/section>$/);
  });

  it("keeps links to mp.weixin.qq.com articles as links", () => {
    const a = render("往期见[轮青诚聘合集](https://mp.weixin.qq.com/s/AbC123)。");
    expect(a.html).toContain('<a href="https://mp.weixin.qq.com/s/AbC123" style="color:#576b95;text-decoration:none">轮青诚聘合集</a>');
    expect(a.footnotes).toEqual([]);
  });

  it("leaves autolinks and links whose text is the address as plain text, without a footnote", () => {
    const a = render("邮箱 <ltxsb@example.org>，网址 <https://www.gqt.org.cn/>，[https://www.gqt.org.cn/](https://www.gqt.org.cn/)");
    expect(a.html).toContain("邮箱 ltxsb@example.org，网址 https://www.gqt.org.cn/，https://www.gqt.org.cn/");
    expect(a.footnotes).toEqual([]);
  });

  it("keeps newlines and indentation of code as <br> and &nbsp; (WeChat's draft API eats them)", () => {
    const a = render("```\n寒假实习报名\n姓名：\n  学校：\n\tx  y\n```");
    expect(a.html).toContain("<code");
    expect(a.html).toMatch(/>寒假实习报名<br>姓名：<br>&nbsp;&nbsp;学校：<br>&nbsp;&nbsp;&nbsp;&nbsp;x&nbsp;&nbsp;y<\/code><\/pre>/);
    expect(a.html).not.toContain("\n");
  });

  it("escapes code and text", () => {
    const a = render("`<script>` 和 1 < 2 & 3\n\n    <b>indented</b>");
    expect(a.html).toContain("&lt;script&gt;</code> 和 1 &lt; 2 &amp; 3");
    expect(a.html).toContain("&lt;b&gt;indented&lt;/b&gt;");
    expect(a.html).not.toMatch(/<script|<b>/);
  });

  it("wraps tables for horizontal scrolling and styles every cell, keeping alignment", () => {
    const a = render("| 单位 | 人数 |\n|:---|---:|\n| 红枣加工厂 | 5 |");
    expect(a.html).toMatch(/<section style="margin:0 0 16px;overflow-x:auto"><table style="border-collapse:collapse;width:100%;font-size:14px">/);
    expect(a.html).toContain('<td style="border:1px solid #ddd;padding:6px 8px;text-align:right">5</td>');
  });

  it("puts uploaded image URLs in <img> with the title (or alt) as a caption", () => {
    const seen: string[] = [];
    const p = post('![招聘会现场](images/job-fair.jpg "现场照片")\n\n![](images/volunteers.png)\n\n![job-fair.jpg](images/job-fair.jpg)');
    const a = renderPost(p, { column: c.bot.columnsById.get("careers")!, issue: 1, imageUrl: (ref) => (seen.push(ref), `${URL}#${ref}`) });
    expect(seen).toEqual(["images/job-fair.jpg", "images/volunteers.png", "images/job-fair.jpg"]);
    expect(a.html).toContain(`<img src="${URL}#images/job-fair.jpg" alt="招聘会现场" style="max-width:100%;height:auto;display:block;margin:8px auto"><span style="display:block;text-align:center;font-size:13px;color:#888">现场照片</span>`);
    expect(a.html).toContain(`<img src="${URL}#images/volunteers.png" alt style="max-width:100%;height:auto;display:block;margin:8px auto"></p>`);
    expect(a.html).toContain(`alt="job-fair.jpg" style="max-width:100%;height:auto;display:block;margin:8px auto"></p>`);
  });

  it("joins lines of a Chinese paragraph without a space, and other lines with one", () => {
    const a = render("团县委联合县人社局\n举办招聘会，\n**46 家企业**参会。\nMore\ntext");
    expect(a.html).toContain("团县委联合县人社局举办招聘会， <strong");
    expect(a.html).toContain("参会。 More text");
  });

  it("allows <br>, <u>, <sup>, <sub> and comments; reports other raw HTML with its line and sends it as text", () => {
    const a = render("第一行<br>第二行 <u>下划线</u> H<sub>2</sub>O <!-- 编辑备注 -->\n\n<div align=center>居中</div>\n\n<span style=\"color:red\">红</span>");
    expect(a.html).toContain("第一行<br>第二行 <u>下划线</u> H<sub>2</sub>O ");
    expect(a.html).not.toContain("编辑备注");
    expect(a.html).toContain("&lt;div align=center&gt;居中&lt;/div&gt;");
    expect(a.html).toContain("&lt;span style=&quot;color:red&quot;&gt;红&lt;/span&gt;");
    expect(a.problems.map((e) => [e.line, e.field, e.message.replace(/^.*?body: /, "")])).toEqual([
      [11, "body", "正文里有 HTML 标签 <div>，微信会把它去掉（微信会删掉脚本、样式和大部分标签）：改用 Markdown 写；只能用 <br>、<u>、<sup> 和 <sub>"],
      [13, "body", "正文里有 HTML 标签 <span>，微信会把它去掉（微信会删掉脚本、样式和大部分标签）：改用 Markdown 写；只能用 <br>、<u>、<sup> 和 <sub>"],
    ]);
  });

  it("uses the editor's digest, else the first 54 characters of the text (as WeChat would)", () => {
    expect(render("正文", { digest: "本周五举办" })).toMatchObject({ digest: "本周五举办", digestGiven: true });
    const long = "为帮助高校毕业生、返乡青年在家门口就业，团县委联合县人力资源和社会保障局，定于12月5日（周五）在县人才市场举办招聘会。";
    const a = render(`## 通知\n\n${long}`);
    expect(a.digestGiven).toBe(false);
    expect([...a.digest]).toHaveLength(54);
    expect(a.digest.startsWith("通知 为帮助高校毕业生")).toBe(true);
  });

  it("derives the digest from text only (no markup, no URLs of links)", () => {
    expect(plainText(parseBody(post("**加粗** [链接](https://x.org) `代码`")))).toBe("加粗 链接 代码");
  });

  it("renders every demo post of the repository well under WeChat's 20 000 characters", () => {
    const { posts } = require("../../src/posts/load-posts").loadPosts(require("node:path").join(__dirname, "../fixtures/content"), {
      timezone: "Asia/Shanghai",
      columns: c.bot.columnsById,
    }) as { posts: Post[] };
    for (const p of posts) {
      const a = renderPost(p, { column: c.bot.columnsById.get(p.columnId)!, issue: 100, imageUrl: () => URL });
      expect([...a.html].length).toBeLessThan(10_000);
      expect(a.problems).toEqual([]);
    }
  });
});
