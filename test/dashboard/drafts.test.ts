/**
 * The 稿件 page (issue 15, "Editing without a terminal"): staff write a post in the browser and the
 * same file lands in content/posts/; every save runs `check`'s checks, a post with problems is
 * saved only as a draft, a save over someone else's edit shows both versions and writes nothing,
 * and every save is a login + CSRF + audit action. Against a scratch copy of the fixture content.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { hashText } from "../../src/posts/save-post";
import { loadPosts } from "../../src/posts/load-posts";
import { hiddenValue, startDashboard, type Browser, type DashboardServer } from "../http/dashboard-helpers";
import { jobFair, makeContentDir, TZ, type ContentDir } from "../posts/content-dir";

const decode = (s: string) => s.replace(/&amp;/g, "&").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&#39;/g, "'");

/** The fields of a new careers post as the editor's form sends them. */
function newPostForm(token: string, overrides: Record<string, string> = {}): Record<string, string> {
  return {
    _csrf: token,
    name: "",
    base_hash: "",
    date: "2026-12-05",
    slug: "winter-job-fair",
    title: "冬季青年就业招聘会",
    column: "careers",
    publish_at: "2026-12-05 10:00",
    mode: "mass",
    type: "",
    cover: "images/job-fair.jpg",
    author: "团县委",
    digest: "",
    comments: "",
    body: "12月5日在县人才市场举办招聘会，46家企业参会。\n\n![招聘会现场](images/job-fair.jpg)\n",
    ...overrides,
  };
}

describe("稿件: writing a post from the dashboard", () => {
  let s: DashboardServer;
  let content: ContentDir;
  let b: Browser;
  let token: string;

  beforeEach(async () => {
    content = makeContentDir();
    content.writePost("2026-12-01-county-job-fair.md", jobFair({ mode: "mass" }));
    s = await startDashboard({ CONTENT_DIR: content.dir });
    b = s.browser();
    expect((await b.login()).status).toBe(302);
    token = hiddenValue(await (await b.get("/dashboard/drafts")).text(), "_csrf");
  });
  afterEach(async () => {
    await s.close();
    content.remove();
  });
  const postFile = (name: string) => path.join(content.postsDir, `${name}.md`);
  const audit = () => s.deps.stores.audit.latest("default", 20);

  it("lists content/posts with title, column, time, state and problem count, with 稿件 in the nav", async () => {
    content.writePost("2026-12-09-broken.md", "---\ntitle: 没有栏目的稿件\npublish_at: 2026-12-09 09:00\n---\n\n正文。\n");
    const page = await (await b.get("/dashboard/drafts")).text();
    expect(page).toContain('data-nav="drafts"');
    expect(page).toMatch(/<tr data-draft="2026-12-01-county-job-fair">[\s\S]*轮台县2026年冬季青年就业招聘会[\s\S]*轮青诚聘[\s\S]*2026-12-01 09:00[\s\S]*待发布[\s\S]*data-problems="0"/);
    expect(page).toMatch(/<tr data-draft="2026-12-09-broken">[\s\S]*没有栏目的稿件[\s\S]*data-problems="[1-9]/);
    expect(page).toContain('href="/dashboard/drafts/new"');
  });

  it("creates a new post: the same file format lands in content/posts, check reads it, the page says when it goes out, an audit line", async () => {
    const res = await b.post("/dashboard/drafts/save", newPostForm(token));
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/dashboard/drafts/2026-12-05-winter-job-fair?saved=1");
    const text = readFileSync(postFile("2026-12-05-winter-job-fair"), "utf8");
    expect(text).toBe(
      "---\ntitle: 冬季青年就业招聘会\ncolumn: careers\npublish_at: 2026-12-05 10:00\nmode: mass\nauthor: 团县委\ncover: images/job-fair.jpg\n---\n\n" +
        "12月5日在县人才市场举办招聘会，46家企业参会。\n\n![招聘会现场](images/job-fair.jpg)\n",
    );
    const { posts, errors } = loadPosts(content.dir, { timezone: TZ, columns: content.bot.columnsById });
    expect(errors).toEqual([]);
    expect(posts.map((p) => p.slug)).toContain("2026-12-05-winter-job-fair");
    const page = await (await b.get(res.headers.get("location")!)).text();
    expect(page).toContain("已保存 content/posts/2026-12-05-winter-job-fair.md");
    expect(page).toMatch(/data-plan>计划：北京时间 12月5日 10:00 群发给全部关注者（当天的群发次数：0\/1）。/);
    expect(page).toContain(`name="base_hash" value="${hashText(text)}"`);
    expect(audit()[0]).toMatchObject({ staffName: "wangfang", action: "post.create", target: "2026-12-05-winter-job-fair" });
  });

  it("refuses to schedule a post with problems: nothing written, every problem beside its field or line, the text kept", async () => {
    const body = "招聘会详情见下。\n\n![现场](images/no-such-photo.jpg)\n";
    const res = await b.post("/dashboard/drafts/save", newPostForm(token, { column: "", publish_at: "12月5日上午", body }));
    expect(res.status).toBe(422);
    const page = await res.text();
    expect(existsSync(postFile("2026-12-05-winter-job-fair"))).toBe(false);
    expect(page).toContain("没有保存");
    expect(page).toMatch(/data-field="column">[\s\S]*?<ul class="field-problems"/);
    expect(page).toMatch(/data-field="publish_at">[\s\S]*?<ul class="field-problems" id="field-publish_at-problems"><li>[^<]*12月5日上午/);
    // Everything typed is still in the form.
    expect(decode(/<textarea id="draft-body"[^>]*>([\s\S]*?)<\/textarea>/.exec(page)![1]!)).toBe(body);
    expect(page).toContain('name="publish_at" value="12月5日上午"');
    expect(page).toContain('name="slug" value="winter-job-fair"');
    expect(audit().filter((a) => a.action.startsWith("post."))).toEqual([]);
  });

  it("places a body problem beside its line of the text", async () => {
    const res = await b.post("/dashboard/drafts/save", newPostForm(token, { body: "第一段。\n\n第二段。\n\n![现场](images/no-such-photo.jpg)\n" }));
    expect(res.status).toBe(422);
    expect(await res.text()).toMatch(/<li data-line="5">正文第 5 行：[^<]*no-such-photo\.jpg/);
  });

  it("saves a post with problems as a draft (draft: true), never scheduled", async () => {
    const res = await b.post("/dashboard/drafts/save", newPostForm(token, { column: "", draft: "true" }));
    expect(res.status).toBe(303);
    const text = readFileSync(postFile("2026-12-05-winter-job-fair"), "utf8");
    expect(text).toContain("draft: true\n");
    expect(text).not.toContain("column:");
    const page = await (await b.get("/dashboard/drafts/2026-12-05-winter-job-fair")).text();
    expect(page).toMatch(/data-plan>有 \d+ 个问题，改好之前不会发布/);
  });

  it("refuses a slug with Chinese or spaces and suggests an ASCII one", async () => {
    const res = await b.post("/dashboard/drafts/save", newPostForm(token, { slug: "冬季 招聘会" }));
    expect(res.status).toBe(422);
    const page = await res.text();
    expect(page).toContain("只能用小写英文字母、数字和连字符");
    expect(page).toContain('data-suggested="careers-1205"');
  });

  it("editing keeps the file's comments and fields the form does not show", async () => {
    content.writePost("2026-12-03-forum.md", "---\ntitle: 青年座谈会\ncolumn: news   # 新闻栏目\npublish_at: 2026-12-03 09:00\nmode: publish\nissue: 7\ncover: images/volunteers.png\n---\n\n座谈会在县委党校举行。\n");
    const page = await (await b.get("/dashboard/drafts/2026-12-03-forum")).text();
    const form = { _csrf: token, name: "2026-12-03-forum", base_hash: hiddenValue(page, "base_hash"), title: "青年座谈会（更新）", column: "news", publish_at: "2026-12-03 09:00", mode: "publish", type: "", cover: "images/volunteers.png", author: "", digest: "", comments: "", body: "座谈会在县委党校举行，30名青年代表参加。\n" };
    const res = await b.post("/dashboard/drafts/save", form);
    expect(res.status).toBe(303);
    expect(readFileSync(postFile("2026-12-03-forum"), "utf8")).toBe(
      "---\ntitle: 青年座谈会（更新）\ncolumn: news # 新闻栏目\npublish_at: 2026-12-03 09:00\nmode: publish\nissue: 7\ncover: images/volunteers.png\n---\n\n座谈会在县委党校举行，30名青年代表参加。\n",
    );
    expect(audit()[0]).toMatchObject({ action: "post.save", target: "2026-12-03-forum" });
  });

  it("two people editing: the second save sees a conflict with both versions, nothing overwritten, nothing lost", async () => {
    const name = "2026-12-01-county-job-fair";
    const opened = await (await b.get(`/dashboard/drafts/${name}`)).text();
    const baseHash = hiddenValue(opened, "base_hash");
    // Someone else saves first (another browser, or a file dropped into the folder).
    const theirs = jobFair({ mode: "mass", author: "县人社局" });
    writeFileSync(postFile(name), theirs);
    const mine = { _csrf: token, name, base_hash: baseHash, title: "轮台县2026年冬季青年就业招聘会", column: "careers", publish_at: "2026-12-01 09:00", mode: "mass", type: "", cover: "images/job-fair.jpg", author: "团县委宣传部", digest: "", comments: "", body: "我改过的正文。\n" };
    const res = await b.post("/dashboard/drafts/save", mine);
    expect(res.status).toBe(409);
    const page = await res.text();
    expect(readFileSync(postFile(name), "utf8")).toBe(theirs);
    expect(page).toContain("data-conflict");
    expect(decode(/<textarea readonly rows="14" data-theirs>([\s\S]*?)<\/textarea>/.exec(page)![1]!)).toBe(theirs);
    expect(decode(/<textarea readonly rows="14" data-yours>([\s\S]*?)<\/textarea>/.exec(page)![1]!)).toContain("author: 团县委宣传部");
    expect(decode(/<textarea id="draft-body"[^>]*>([\s\S]*?)<\/textarea>/.exec(page)![1]!)).toBe("我改过的正文。\n");
    expect(audit()[0]).toMatchObject({ action: "post.save_conflict", target: name });
    // Having seen theirs, saving again (the form now carries their hash) writes mine.
    expect(hiddenValue(page, "base_hash")).toBe(hashText(theirs));
    expect((await b.post("/dashboard/drafts/save", { ...mine, base_hash: hiddenValue(page, "base_hash") })).status).toBe(303);
    expect(readFileSync(postFile(name), "utf8")).toContain("author: 团县委宣传部");
  });

  it("a new post never replaces an existing file of the same name", async () => {
    content.writePost("2026-12-05-winter-job-fair.md", jobFair({ title: "别人先建的稿件" }));
    const res = await b.post("/dashboard/drafts/save", newPostForm(token));
    expect(res.status).toBe(409);
    expect(await res.text()).toContain("已经存在，没有覆盖");
    expect(readFileSync(postFile("2026-12-05-winter-job-fair"), "utf8")).toContain("别人先建的稿件");
  });

  it("refuses a save without the CSRF token or without a login, writing nothing", async () => {
    const { _csrf: _, ...noToken } = newPostForm(token);
    expect((await b.post("/dashboard/drafts/save", noToken)).status).toBe(403);
    const stranger = s.browser();
    const res = await stranger.post("/dashboard/drafts/save", newPostForm(token));
    expect([302, 303, 401, 403]).toContain(res.status);
    expect(existsSync(postFile("2026-12-05-winter-job-fair"))).toBe(false);
  });

  it("a published post: the page says it was sent and that edits are not sent again", async () => {
    const store = s.deps.stores.publications;
    const at = new Date("2026-12-01T01:00:00Z");
    const row = store.insert({ accountId: "default", slug: "2026-12-01-county-job-fair", columnId: "careers", mode: "mass", postTitle: "招聘会", scheduledAt: at }, { step: "scheduled" }, at)!;
    store.savePublished({ ...row, state: "published", issue: 3, publishedAt: at, articleUrl: "http://mp.weixin.qq.com/s/x" }, { step: "published" }, at);
    const page = await (await b.get("/dashboard/drafts/2026-12-01-county-job-fair")).text();
    expect(page).toContain("本文已于 2026年12月1日 09:00群发，修改不会再次发送");
  });

  it("previews the form as typed: a 375 px phone page with its own CSP, images served behind the login", async () => {
    const res = await b.post("/dashboard/drafts/preview", newPostForm(token, { body: "正文第一段。\n\n![现场](images/job-fair.jpg)\n\n```\nif (ok) {\n    send();\n}\n```\n" }));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-security-policy")).toContain("frame-ancestors 'self'");
    expect(res.headers.get("content-security-policy")).not.toContain("script-src");
    const page = await res.text();
    expect(page).toContain("max-width:375px");
    expect(page).toContain("【轮青诚聘】第1期 · 冬季青年就业招聘会");
    expect(page).toContain('<img src="/dashboard/drafts/images/job-fair.jpg"');
    expect(page).toContain("if (ok) {<br>&nbsp;&nbsp;&nbsp;&nbsp;send();<br>}");
    const img = await b.get("/dashboard/drafts/images/job-fair.jpg");
    expect(img.status).toBe(200);
    expect(img.headers.get("content-type")).toBe("image/jpeg");
    expect((await fetch(`${s.url}/dashboard/drafts/images/job-fair.jpg`, { redirect: "manual" })).status).toBe(302);
    expect((await b.get("/dashboard/drafts/images/..%2Fcolumns.yml")).status).toBe(404);
  });

  describe("a 图片消息 (type: newspic)", () => {
    /** Three pictures from the day and two short paragraphs, as the form sends them. */
    const photos = "![招聘会现场](images/job-fair.jpg)\n![志愿者在服务台](images/volunteers.png)\n![红枣园](images/jujube-orchard.webp)\n\n12月5日县人才市场冬季招聘会，46家企业参会。\n\n下一场在12月19日。\n";
    const newspicForm = (overrides: Record<string, string> = {}) =>
      newPostForm(token, { slug: "job-fair-photos", title: "冬季招聘会现场", type: "newspic", cover: "", body: photos, ...overrides });

    it("the editor says what the body may hold once 图片消息 is chosen", async () => {
      const fresh = await (await b.get("/dashboard/drafts/new")).text();
      // On the page from the start, shown by the stylesheet when the type select says 图片消息.
      expect(fresh).toMatch(/<small id="draft-body-hint" class="newspic-hint" data-newspic-hint>图片消息的正文只放图片和纯文字：图片 1–20 张[^<]*第一张作封面；文字最多 2048 字节[^<]*不能有标题（#）、列表、引用、链接/);
      expect(fresh).toContain('<option value="newspic">图片消息（1–20 张图片配一段纯文字）</option>');
      const css = await (await b.get(/href="(\/dashboard\/drafts\/assets\/[^"]+\.css)"/.exec(fresh)![1]!)).text();
      expect(css).toContain(".draft-form:has(#field-type option[value=newspic]:checked) .newspic-hint { display: block; }");
      // A saved newspic post opens with the hint shown and tied to the text box.
      expect((await b.post("/dashboard/drafts/save", newspicForm())).status).toBe(303);
      const page = await (await b.get("/dashboard/drafts/2026-12-05-job-fair-photos")).text();
      expect(page).toContain('class="newspic-hint" data-newspic-hint data-active>');
      expect(page).toContain('aria-describedby="draft-body-hint"');
      expect(page).toContain('<option value="newspic" selected>');
      expect(readFileSync(postFile("2026-12-05-job-fair-photos"), "utf8")).toContain("type: newspic\n");
      const list = await (await b.get("/dashboard/drafts")).text();
      expect(list).toMatch(/<tr data-draft="2026-12-05-job-fair-photos">[\s\S]*?冬季招聘会现场<\/a> <span class="tag" data-newspic>图片消息<\/span>[\s\S]*?data-problems="0"/);
    });

    it("shows a newspic post's problems beside their lines and does not schedule it", async () => {
      const body = "![招聘会现场](images/job-fair.jpg)\n\n## 现场花絮\n\n详情见[报名通知](https://www.xjlt.gov.cn/a.html)。\n\n- 退役军人专场\n";
      const res = await b.post("/dashboard/drafts/save", newspicForm({ body }));
      expect(res.status).toBe(422);
      const page = await res.text();
      expect(existsSync(postFile("2026-12-05-job-fair-photos"))).toBe(false);
      expect(page).toMatch(/<li data-line="3">正文第 3 行：图片消息的文字只能是纯文字，这里有标题（# 开头的行）：去掉格式，或把 type 改成 article（图文消息）<\/li>/);
      expect(page).toMatch(/<li data-line="5">正文第 5 行：图片消息的文字只能是纯文字，这里有链接/);
      expect(page).toMatch(/<li data-line="7">正文第 7 行：图片消息的文字只能是纯文字，这里有列表/);
      expect(page).toContain('class="newspic-hint" data-newspic-hint data-active>');
      // Too many pictures, reported at the 21st.
      const many = Array.from({ length: 21 }, (_, i) => `![第${i + 1}张](images/${["job-fair.jpg", "volunteers.png", "internship.jpg"][i % 3]}?v=${i})`).join("\n\n") + "\n\n招聘会现场。\n";
      const tooMany = await (await b.post("/dashboard/drafts/save", newspicForm({ body: many }))).text();
      expect(tooMany).toMatch(/<li data-line="41">正文第 41 行：图片消息最多 20 张图片，现在有 21 张：删掉多出的，或分成两条消息<\/li>/);
    });

    it("previews it as WeChat shows a 图片消息: the pictures in a strip with counters, then the plain text", async () => {
      const res = await b.post("/dashboard/drafts/preview", newspicForm());
      expect(res.status).toBe(200);
      expect(res.headers.get("content-security-policy")).not.toContain("script-src");
      const page = await res.text();
      expect(page).toContain("手机预览（375 px）· 图片消息 · 期数为预计");
      expect([...page.matchAll(/<figure class="slide" data-slide="\d+"><img src="([^"]+)"/g)].map((m) => m[1])).toEqual([
        "/dashboard/drafts/images/job-fair.jpg",
        "/dashboard/drafts/images/volunteers.png",
        "/dashboard/drafts/images/jujube-orchard.webp",
      ]);
      expect([...page.matchAll(/data-counter>([^<]+)</g)].map((m) => m[1])).toEqual(["1/3", "2/3", "3/3"]);
      expect(page).toContain('<img class="cover" src="/dashboard/drafts/images/job-fair.jpg" alt="封面">');
      expect(page).toContain("【轮青诚聘】第1期 · 冬季招聘会现场");
      expect(page).toContain("12月5日县人才市场冬季招聘会，46家企业参会。\n下一场在12月19日。</p>");
      expect(page).not.toContain('<div class="content">');
      expect((await b.get("/dashboard/drafts/images/volunteers.png")).headers.get("content-type")).toBe("image/png");
    });
  });

  it("the editor page lets the preview be framed and loads no inline script", async () => {
    const res = await b.get("/dashboard/drafts/new");
    expect(res.headers.get("content-security-policy")).toContain("frame-src 'self'");
    const page = await res.text();
    expect(page).toContain('<iframe name="phone-preview"');
    expect(page).not.toMatch(/<script>(?!<\/script>)/);
  });
});
