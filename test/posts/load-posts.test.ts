import { rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { loadPosts, suggestField } from "../../src/posts/load-posts";
import { jobFair, makeContentDir, postText, TZ, type ContentDir } from "./content-dir";

let c: ContentDir;
beforeEach(() => {
  c = makeContentDir();
});
afterEach(() => c.remove());

/** The messages of the problems, with the scratch directory shortened to "posts/". */
function problemsOf(name: string, text: string): string[] {
  c.writePost(name, text);
  return c.load().errors.map((e) => e.message.replace(c.postsDir + path.sep, "posts/"));
}

const NAME = "2026-12-01-job-fair.md";

describe("loadPosts", () => {
  it("reads a valid post with every field", () => {
    c.writePost(
      NAME,
      postText(
        {
          title: "轮台县2026年冬季青年就业招聘会",
          column: "careers",
          publish_at: "2026-12-01 09:00",
          author: "团县委",
          digest: "本周五在县人才市场举办",
          cover: "images/job-fair.jpg",
          mode: "publish",
          draft: "false",
          issue: "38",
          source_url: "https://www.xjlt.gov.cn/rsj/2026/1201.html",
          comments: "fans",
        },
        "第一段。\n",
      ),
    );
    const { posts, errors } = c.load();
    expect(errors).toEqual([]);
    expect(posts).toHaveLength(1);
    expect(posts[0]).toMatchObject({
      slug: "2026-12-01-job-fair",
      title: "轮台县2026年冬季青年就业招聘会",
      columnId: "careers",
      publishAt: new Date("2026-12-01T01:00:00Z"),
      publishAtText: "2026-12-01 09:00",
      author: "团县委",
      digest: "本周五在县人才市场举办",
      cover: { kind: "file", ref: "images/job-fair.jpg", line: 7 },
      mode: "publish",
      draft: false,
      issue: 38,
      sourceUrl: "https://www.xjlt.gov.cn/rsj/2026/1201.html",
      comments: "fans",
      body: "\n第一段。\n",
      bodyLine: 14,
    });
    expect(posts[0]!.sourceHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it("defaults: the column's mode (careers: mass in columns.yml), not a draft, not a demo, comments off, cover chosen automatically", () => {
    c.writePost(NAME, postText({ title: "招聘会", column: "careers", publish_at: "2026-12-01 09:00" }));
    expect(c.load().posts[0]).toMatchObject({ mode: "mass", type: "article", draft: false, demo: false, comments: "off", cover: { kind: "auto" }, author: undefined, issue: undefined });
    c.writePost(NAME, postText({ title: "县团委工作动态", column: "news", publish_at: "2026-12-01 09:00" }));
    expect(c.load().posts[0]!.mode).toBe("publish");
  });

  it("tolerates a BOM and Windows line endings, and reports lines as the editor sees them", () => {
    c.writePost(NAME, "\uFEFF---\r\ntitle: 招聘会\r\ncolumn: careers\r\npublish_at: 2026-12-01 09:00\r\nmode: push\r\n---\r\n\r\n正文\r\n");
    const { errors } = c.load();
    expect(errors.map((e) => [e.line, e.field])).toEqual([[5, "mode"]]);
  });

  it("reads the demo posts of the repository without problems, each marked demo", () => {
    const { posts, errors } = loadPosts(path.join(__dirname, "../fixtures/content"), { timezone: TZ, columns: c.bot.columnsById });
    expect(errors).toEqual([]);
    expect(posts.map((p) => p.columnId).sort()).toEqual(["careers", "inspiration", "news", "students"]);
    expect(posts.every((p) => p.demo)).toBe(true);
  });

  it("ignores README.md, files starting with _ or ., and other file types; a missing posts/ folder is no posts", () => {
    c.writePost("README.md", "# how to write posts");
    c.writePost("_template.md", "---\n---\n");
    c.writePost("notes.txt", "x");
    expect(c.load()).toEqual({ posts: [], errors: [], warnings: [] });
    rmSync(c.postsDir, { recursive: true });
    expect(c.load()).toEqual({ posts: [], errors: [], warnings: [] });
  });

  it("says when content/posts cannot be read", () => {
    rmSync(c.postsDir, { recursive: true });
    writeFileSync(c.postsDir, "not a folder");
    const { errors } = c.load();
    expect(errors[0]!.message).toMatch(/posts: 读不出这个文件夹：/);
  });

  it("reports every problem of every file at once, and leaves those posts out", () => {
    c.writePost("2026-12-01-a.md", jobFair({ mode: "push" }));
    c.writePost("2026-12-02-b.md", jobFair({ column: "jobs", author: "轮台县共青团委员会宣传部青年工作办公室" }));
    c.writePost("2026-12-03-c.md", jobFair());
    const { posts, errors } = c.load();
    expect(posts.map((p) => p.slug)).toEqual(["2026-12-03-c"]);
    expect(errors.map((e) => [path.basename(e.file), e.field])).toEqual([
      ["2026-12-01-a.md", "mode"],
      ["2026-12-02-b.md", "column"],
      ["2026-12-02-b.md", "author"],
    ]);
  });

  it("reports the front matter, the text and a bad file name of one post in the same pass", () => {
    const errors = problemsOf("2026-12-1-招聘会.md", postText({ title: "招聘会", column: "jobs", publish_at: "明天" }, "联系团县委XXX。\n"));
    expect(errors).toEqual([
      "posts/2026-12-1-招聘会.md: 文件名要写成“日期-英文短名.md”，短名只用小写字母、数字和连字符，例如 2026-12-01-job-fair.md（发出后文件名就是这篇稿件的身份，不要再改名）",
      "posts/2026-12-1-招聘会.md:3: column: 「jobs」不是 columns.yml 里的栏目；请写 news、careers、inspiration、students 中的一个",
      "posts/2026-12-1-招聘会.md:4: publish_at: 「明天」不是日期和时间：写成 2026-12-08 20:00 这样的格式（北京时间；新疆时间写 2026-12-08 20:00 +06:00）",
      "posts/2026-12-1-招聘会.md:7: body: 还有没填的占位文字「XXX」（XXX）：「联系团县委XXX。」。请换成真实内容再发送（清单见 content/checks.yml）",
    ]);
  });

  describe("file names", () => {
    it.each(["2026-12-01 job fair.md", "20261201-job-fair.md", "2026-12-01-招聘会.md", "2026-12-01-Job-Fair.md", "2026-12-01-.md"])("refuses %s", (name) => {
      expect(problemsOf(name, jobFair())).toEqual([
        `posts/${name}: 文件名要写成“日期-英文短名.md”，短名只用小写字母、数字和连字符，例如 2026-12-01-job-fair.md（发出后文件名就是这篇稿件的身份，不要再改名）`,
      ]);
    });

    it("refuses a date that does not exist", () => {
      expect(problemsOf("2026-02-30-job-fair.md", jobFair())).toEqual(["posts/2026-02-30-job-fair.md: 文件名里的日期 2026-02-30 不存在：改成真实的日期"]);
    });
  });

  describe("front matter", () => {
    it("is required", () => {
      expect(problemsOf(NAME, "# 招聘会\n\n正文")).toEqual([
        `posts/${NAME}: 没有 front matter：文件第一行要是 ---，然后逐行写字段（title、column、publish_at…），再用一行 --- 结束，下面才是正文`,
      ]);
    });

    it("reports YAML syntax errors with their line", () => {
      const errors = problemsOf(NAME, "---\ntitle: 招聘会\ncolumn: [careers\npublish_at: 2026-12-01 09:00\n---\n正文");
      expect(errors.length).toBeGreaterThan(0);
      expect(errors[0]).toMatch(new RegExp(`^posts/${NAME}:\\d+: front matter 的 YAML 格式错误：`));
    });

    it("must be name: value fields", () => {
      expect(problemsOf(NAME, "---\n- title\n- column\n---\n正文")).toEqual([`posts/${NAME}:2: front matter 要一行一个字段，写成 \`字段: 值\`，例如 title: 招聘会`]);
    });

    it("names unknown fields, with the field probably meant, beside the other fields' problems", () => {
      const errors = problemsOf(NAME, postText({ title: "招聘会", column: "careers", publish_time: "2026-12-01 09:00", summry: "x", tags: "招聘" }));
      const fields = "title、column、publish_at、mode、type、author、digest、cover、comments、source_url、issue、draft、demo";
      expect(errors).toEqual([
        `posts/${NAME}:4: publish_time: 不认识的字段「publish_time」；是不是想写 publish_at（发布时间）？（可用的字段：${fields}）`,
        `posts/${NAME}:5: summry: 不认识的字段「summry」；是不是想写 digest（摘要）？（可用的字段：${fields}）`,
        `posts/${NAME}:6: tags: 不认识的字段「tags」（可用的字段：${fields}）`,
        `posts/${NAME}: publish_at: 必须填写发布时间，写成 2026-12-01 20:00 这样的格式（北京时间；新疆时间写 2026-12-01 20:00 +06:00）`,
      ]);
    });

    it("suggests fields for common aliases and typos", () => {
      expect(suggestField("date")).toBe("publish_at");
      expect(suggestField("publishAt")).toBe("publish_at");
      expect(suggestField("category")).toBe("column");
      expect(suggestField("thumb")).toBe("cover");
      expect(suggestField("titel")).toBe("title");
      expect(suggestField("article_type")).toBe("type");
      expect(suggestField("colour")).toBeUndefined();
    });
  });

  describe("fields", () => {
    const errorsFor = (fields: Record<string, string>, body?: string) =>
      problemsOf(NAME, postText({ title: "招聘会", column: "careers", publish_at: "2026-12-01 09:00", ...fields }, body));

    it("title is required and must be one line of text", () => {
      expect(problemsOf(NAME, postText({ column: "careers", publish_at: "2026-12-01 09:00" }))).toEqual([
        `posts/${NAME}: title: 必须填写，例如 title: 轮台县2026年冬季青年就业招聘会`,
      ]);
      expect(errorsFor({ title: "[招聘, 会]" })).toContain(`posts/${NAME}:2: title: 要写成一行文字（不是列表，也不是多行）`);
    });

    it("title at most 32 characters", () => {
      const long = "轮台县2026年冬季青年就业招聘会暨返乡大学生实习双选会隆重开幕啦";
      expect(errorsFor({ title: long })).toEqual([
        `posts/${NAME}:2: title: 现在 ${[...long].length} 个字，微信最多允许 32 个字（连同栏目的【…】第N期前缀），请删短`,
      ]);
    });

    it("column is required, must be an id of columns.yml, and the name is recognised", () => {
      expect(problemsOf(NAME, postText({ title: "招聘会", publish_at: "2026-12-01 09:00" }))).toEqual([
        `posts/${NAME}: column: 必须填写 columns.yml 里一个栏目的 id（news、careers、inspiration、students），例如 column: news`,
      ]);
      expect(errorsFor({ column: "jobs" })).toEqual([`posts/${NAME}:3: column: 「jobs」不是 columns.yml 里的栏目；请写 news、careers、inspiration、students 中的一个`]);
      expect(errorsFor({ column: "轮青诚聘" })).toEqual([`posts/${NAME}:3: column: 这里写栏目的 id，不是栏目名：改成 column: careers`]);
    });

    it("publish_at is required and must be a date and time", () => {
      expect(problemsOf(NAME, postText({ title: "招聘会", column: "careers" }))).toEqual([
        `posts/${NAME}: publish_at: 必须填写发布时间，写成 2026-12-01 20:00 这样的格式（北京时间；新疆时间写 2026-12-01 20:00 +06:00）`,
      ]);
      expect(errorsFor({ publish_at: "2026-12-01" })).toEqual([
        `posts/${NAME}:4: publish_at: 「2026-12-01」只有日期，没有几点几分：写成 2026-12-08 20:00 这样的格式（北京时间；新疆时间写 2026-12-08 20:00 +06:00）`,
      ]);
    });

    it("author at most 16 and digest at most 128 characters", () => {
      const digest = "本".repeat(129);
      expect(errorsFor({ author: "轮台县共青团委员会宣传部青年工作办公室", digest })).toEqual([
        `posts/${NAME}:5: author: 现在 19 个字，微信最多允许 16 个字，请删短`,
        `posts/${NAME}:6: digest: 现在 129 个字，微信最多允许 128 个字，请删短`,
      ]);
    });

    it("cover must be a local file (or none)", () => {
      expect(errorsFor({ cover: "https://example.org/a.jpg" })).toEqual([
        `posts/${NAME}:5: cover: 「https://example.org/a.jpg」是网址；封面要用 content/posts/ 下的图片文件，例如 cover: images/job-fair.jpg`,
      ]);
      c.writePost(NAME, postText({ title: "招聘会", column: "careers", publish_at: "2026-12-01 09:00", cover: "none" }));
      expect(c.load().posts[0]!.cover).toEqual({ kind: "auto" });
    });

    it("mode is mass or publish", () => {
      expect(errorsFor({ mode: "push" })).toEqual([`posts/${NAME}:5: mode: 「push」不对：写 publish（发布，不推送给关注者）或 mass（群发，推送给全部关注者）`]);
    });

    it("type is article or newspic", () => {
      expect(errorsFor({ type: "video" })).toEqual([`posts/${NAME}:5: type: 「video」不对：写 article（图文消息，默认）或 newspic（图片消息）`]);
    });

    it("draft and demo are true or false", () => {
      expect(errorsFor({ draft: "maybe", demo: "1" })).toEqual([
        `posts/${NAME}:5: draft: 只能写 true（草稿：只保存，不发送）或 false`,
        `posts/${NAME}:6: demo: 只能写 true（系统自带的示例稿件）或 false`,
      ]);
      c.writePost(NAME, postText({ title: "招聘会", column: "careers", publish_at: "2026-12-01 09:00", draft: "true", demo: "true" }));
      expect(c.load().posts[0]).toMatchObject({ draft: true, demo: true });
    });

    it("issue is a whole number from 1", () => {
      const msg = (v: string) => `posts/${NAME}:5: issue: 「${v}」不对：期数写从 1 开始的整数；一般不写，自动接着栏目的上一期`;
      expect(errorsFor({ issue: "0" })).toEqual([msg("0")]);
      expect(errorsFor({ issue: "第3期" })).toEqual([msg("第3期")]);
    });

    it("no two posts of a column force the same issue", () => {
      c.writePost("2026-12-01-a.md", jobFair({ issue: "40" }));
      c.writePost("2026-12-08-b.md", jobFair({ issue: "40" }));
      c.writePost("2026-12-09-c.md", jobFair({ column: "news", issue: "40" }));
      const { posts, errors } = c.load();
      expect(errors.map((e) => e.message.replace(c.postsDir + path.sep, "posts/"))).toEqual([
        "posts/2026-12-08-b.md: issue: 栏目 careers 的第 40 期已经由 2026-12-01-a.md 使用：改一个期数，或删掉 issue 这一行",
      ]);
      expect(posts.map((p) => p.slug)).toEqual(["2026-12-01-a", "2026-12-09-c"]);
    });

    it("source_url is an http(s) address of at most 1 KB", () => {
      expect(errorsFor({ source_url: "www.example.org" })).toEqual([`posts/${NAME}:5: source_url: 「www.example.org」不是网址：要以 http:// 或 https:// 开头`]);
      const long = `https://example.org/${"a".repeat(1010)}`;
      expect(errorsFor({ source_url: long })).toEqual([`posts/${NAME}:5: source_url: 现在 1030 字节，微信最多允许 1024 字节`]);
    });

    it("comments is off, open or fans", () => {
      expect(errorsFor({ comments: "everyone" })).toEqual([`posts/${NAME}:5: comments: 「everyone」不对：写 off（关闭留言）、open（所有人可留言）或 fans（仅关注者可留言）`]);
      c.writePost(NAME, postText({ title: "招聘会", column: "careers", publish_at: "2026-12-01 09:00", comments: "true" }));
      expect(c.load().posts[0]!.comments).toBe("open");
    });

    it("the body must have text", () => {
      expect(errorsFor({}, "\n  \n")).toEqual([`posts/${NAME}:6: body: 正文是空的：在第二个 --- 下面写正文`]);
    });
  });

  it("does not check column ids when columns.yml could not be read, but cannot guess a missing mode", () => {
    c.writePost(NAME, jobFair({ column: "anything", mode: "publish" }));
    const { posts, errors } = loadPosts(c.dir, { timezone: TZ, columns: null });
    expect(errors).toEqual([]);
    expect(posts[0]!.columnId).toBe("anything");
    c.writePost(NAME, jobFair({ column: "anything" }));
    expect(loadPosts(c.dir, { timezone: TZ, columns: null }).errors.map((e) => e.problem)).toEqual([
      "没有写；默认值要看栏目在 columns.yml 里的 mode，但栏目文件（columns.yml、replies.yml、menu.yml）现在有错：先改好它们，或在这里写 mode: publish / mode: mass",
    ]);
  });
});
