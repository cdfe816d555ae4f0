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

  it("the editor page lets the preview be framed and loads no inline script", async () => {
    const res = await b.get("/dashboard/drafts/new");
    expect(res.headers.get("content-security-policy")).toContain("frame-src 'self'");
    const page = await res.text();
    expect(page).toContain('<iframe name="phone-preview"');
    expect(page).not.toMatch(/<script>(?!<\/script>)/);
  });
});
