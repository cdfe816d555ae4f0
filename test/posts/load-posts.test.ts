import { mkdirSync, rmSync, writeFileSync } from "node:fs";
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

  it("defaults: mass send, not a draft, comments off, cover chosen automatically", () => {
    c.writePost(NAME, postText({ title: "招聘会", column: "careers", publish_at: "2026-12-01 09:00" }));
    expect(c.load().posts[0]).toMatchObject({ mode: "mass", draft: false, comments: "off", cover: { kind: "auto" }, author: undefined, issue: undefined });
  });

  it("tolerates a BOM and Windows line endings, and reports lines as the editor sees them", () => {
    c.writePost(NAME, "\uFEFF---\r\ntitle: 招聘会\r\ncolumn: careers\r\npublish_at: 2026-12-01 09:00\r\nmode: push\r\n---\r\n\r\n正文\r\n");
    const { errors } = c.load();
    expect(errors.map((e) => [e.line, e.field])).toEqual([[5, "mode"]]);
  });

  it("reads the demo posts of the repository without problems", () => {
    const { posts, errors } = loadPosts(path.join(__dirname, "../fixtures/content"), { timezone: TZ, columns: c.bot.columnsById });
    expect(errors).toEqual([]);
    expect(posts.map((p) => p.columnId).sort()).toEqual(["careers", "inspiration", "news", "students"]);
  });

  it("ignores README.md, files starting with _ or ., and other file types; a missing posts/ folder is no posts", () => {
    c.writePost("README.md", "# how to write posts");
    c.writePost("_template.md", "---\n---\n");
    c.writePost("notes.txt", "x");
    expect(c.load()).toEqual({ posts: [], errors: [] });
    rmSync(c.postsDir, { recursive: true });
    expect(c.load()).toEqual({ posts: [], errors: [] });
  });

  it("says when content/posts cannot be read", () => {
    rmSync(c.postsDir, { recursive: true });
    writeFileSync(c.postsDir, "not a folder");
    const { errors } = c.load();
    expect(errors[0]!.message).toMatch(/posts: cannot read the folder: /);
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

  describe("file names", () => {
    it.each(["2026-12-01 job fair.md", "20261201-job-fair.md", "2026-12-01-招聘会.md", "2026-12-01-Job-Fair.md", "2026-12-01-.md"])("refuses %s", (name) => {
      expect(problemsOf(name, jobFair())).toEqual([
        `posts/${name}: file name must be the date, then a short name in lower-case letters, digits and hyphens, e.g. 2026-12-01-job-fair.md (the name identifies the post once published: do not rename it afterwards)`,
      ]);
    });

    it("refuses a date that does not exist", () => {
      expect(problemsOf("2026-02-30-job-fair.md", jobFair())).toEqual(["posts/2026-02-30-job-fair.md: the date in the file name, 2026-02-30, is not a real date"]);
    });
  });

  describe("front matter", () => {
    it("is required", () => {
      expect(problemsOf(NAME, "# 招聘会\n\n正文")).toEqual([
        `posts/${NAME}: no front matter: the file must start with a line ---, then the fields (title, column, publish_at…), then another line ---`,
      ]);
    });

    it("reports YAML syntax errors with their line", () => {
      const errors = problemsOf(NAME, "---\ntitle: 招聘会\ncolumn: [careers\npublish_at: 2026-12-01 09:00\n---\n正文");
      expect(errors.length).toBeGreaterThan(0);
      expect(errors[0]).toMatch(new RegExp(`^posts/${NAME}:\\d+: front matter YAML syntax error: `));
    });

    it("must be name: value fields", () => {
      expect(problemsOf(NAME, "---\n- title\n- column\n---\n正文")).toEqual([`posts/${NAME}:2: front matter must be fields written as \`name: value\`, one per line`]);
    });

    it("names unknown fields, with the field probably meant", () => {
      const errors = problemsOf(NAME, postText({ title: "招聘会", column: "careers", publish_time: "2026-12-01 09:00", summry: "x", tags: "招聘" }));
      expect(errors).toEqual([
        `posts/${NAME}:4: publish_time: unknown field "publish_time"; did you mean publish_at? (fields: title, column, publish_at, author, digest, cover, mode, draft, issue, source_url, comments)`,
        `posts/${NAME}:5: summry: unknown field "summry"; did you mean digest? (fields: title, column, publish_at, author, digest, cover, mode, draft, issue, source_url, comments)`,
        `posts/${NAME}:6: tags: unknown field "tags" (fields: title, column, publish_at, author, digest, cover, mode, draft, issue, source_url, comments)`,
        `posts/${NAME}: publish_at: is required: when to publish, e.g. publish_at: 2026-12-01 09:00 (Beijing time unless an offset such as +06:00 is given)`,
      ]);
    });

    it("suggests fields for common aliases and typos", () => {
      expect(suggestField("date")).toBe("publish_at");
      expect(suggestField("publishAt")).toBe("publish_at");
      expect(suggestField("category")).toBe("column");
      expect(suggestField("thumb")).toBe("cover");
      expect(suggestField("titel")).toBe("title");
      expect(suggestField("colour")).toBeUndefined();
    });
  });

  describe("fields", () => {
    const errorsFor = (fields: Record<string, string>, body?: string) =>
      problemsOf(NAME, postText({ title: "招聘会", column: "careers", publish_at: "2026-12-01 09:00", ...fields }, body));

    it("title is required and must be one line of text", () => {
      expect(problemsOf(NAME, postText({ column: "careers", publish_at: "2026-12-01 09:00" }))).toEqual([
        `posts/${NAME}: title: is required, e.g. title: 轮台县2026年秋季青年就业招聘会`,
      ]);
      expect(errorsFor({ title: "[招聘, 会]" })).toContain(`posts/${NAME}:2: title: must be text on one line`);
    });

    it("title at most 32 characters", () => {
      const long = "轮台县2026年冬季青年就业招聘会暨返乡大学生实习双选会隆重开幕啦";
      expect(errorsFor({ title: long })).toEqual([
        `posts/${NAME}:2: title: ${[...long].length} characters; WeChat allows 32 for the whole title, including the column's 【…】第N期 part`,
      ]);
    });

    it("column is required, must be an id of columns.yml, and the name is recognised", () => {
      expect(problemsOf(NAME, postText({ title: "招聘会", publish_at: "2026-12-01 09:00" }))).toEqual([
        `posts/${NAME}: column: is required: the id of a column in columns.yml (news, careers, inspiration, students)`,
      ]);
      expect(errorsFor({ column: "jobs" })).toEqual([`posts/${NAME}:3: column: "jobs" is not a column in columns.yml; use one of news, careers, inspiration, students`]);
      expect(errorsFor({ column: "轮青诚聘" })).toEqual([`posts/${NAME}:3: column: write the column's id, not its name: column: careers`]);
    });

    it("publish_at is required and must be a date and time", () => {
      expect(problemsOf(NAME, postText({ title: "招聘会", column: "careers" }))).toEqual([
        `posts/${NAME}: publish_at: is required: when to publish, e.g. publish_at: 2026-12-01 09:00 (Beijing time unless an offset such as +06:00 is given)`,
      ]);
      expect(errorsFor({ publish_at: "2026-12-01" })).toEqual([
        `posts/${NAME}:4: publish_at: "2026-12-01" has no time of day; write it like 2026-12-01 09:00 (Beijing time) or 2026-12-01 09:00 +06:00`,
      ]);
    });

    it("author at most 16 and digest at most 128 characters", () => {
      const digest = "本".repeat(129);
      expect(errorsFor({ author: "轮台县共青团委员会宣传部青年工作办公室", digest })).toEqual([
        `posts/${NAME}:5: author: 19 characters; WeChat allows 16`,
        `posts/${NAME}:6: digest: 129 characters; WeChat allows 128`,
      ]);
    });

    it("cover must be a local file (or none)", () => {
      expect(errorsFor({ cover: "https://example.org/a.jpg" })).toEqual([
        `posts/${NAME}:5: cover: "https://example.org/a.jpg" is a web address; the cover must be a file under content/posts/, e.g. cover: images/job-fair.jpg`,
      ]);
      c.writePost(NAME, postText({ title: "招聘会", column: "careers", publish_at: "2026-12-01 09:00", cover: "none" }));
      expect(c.load().posts[0]!.cover).toEqual({ kind: "auto" });
    });

    it("mode is mass or publish", () => {
      expect(errorsFor({ mode: "push" })).toEqual([`posts/${NAME}:5: mode: "push" must be mass (群发: pushed to every follower) or publish (发布: not pushed, no quota)`]);
    });

    it("draft is true or false", () => {
      expect(errorsFor({ draft: "maybe" })).toEqual([`posts/${NAME}:5: draft: must be true (not ready: never published) or false`]);
      c.writePost(NAME, postText({ title: "招聘会", column: "careers", publish_at: "2026-12-01 09:00", draft: "true" }));
      expect(c.load().posts[0]!.draft).toBe(true);
    });

    it("issue is a whole number from 1", () => {
      const msg = (v: string) => `posts/${NAME}:5: issue: "${v}" must be a whole number from 1, the 期数 this post gets (leave it out to count on from the last one)`;
      expect(errorsFor({ issue: "0" })).toEqual([msg("0")]);
      expect(errorsFor({ issue: "第3期" })).toEqual([msg("第3期")]);
    });

    it("no two posts of a column force the same issue", () => {
      c.writePost("2026-12-01-a.md", jobFair({ issue: "40" }));
      c.writePost("2026-12-08-b.md", jobFair({ issue: "40" }));
      c.writePost("2026-12-09-c.md", jobFair({ column: "news", issue: "40" }));
      const { posts, errors } = c.load();
      expect(errors.map((e) => e.message.replace(c.postsDir + path.sep, "posts/"))).toEqual([
        "posts/2026-12-08-b.md: issue: issue 40 of column careers is already used by 2026-12-01-a.md",
      ]);
      expect(posts.map((p) => p.slug)).toEqual(["2026-12-01-a", "2026-12-09-c"]);
    });

    it("source_url is an http(s) address of at most 1 KB", () => {
      expect(errorsFor({ source_url: "www.example.org" })).toEqual([`posts/${NAME}:5: source_url: "www.example.org" must be a web address starting with http:// or https://`]);
      const long = `https://example.org/${"a".repeat(1010)}`;
      expect(errorsFor({ source_url: long })).toEqual([`posts/${NAME}:5: source_url: 1030 bytes; WeChat allows 1024`]);
    });

    it("comments is off, open or fans", () => {
      expect(errorsFor({ comments: "everyone" })).toEqual([`posts/${NAME}:5: comments: "everyone" must be off, open (anyone may comment) or fans (followers only)`]);
      c.writePost(NAME, postText({ title: "招聘会", column: "careers", publish_at: "2026-12-01 09:00", comments: "true" }));
      expect(c.load().posts[0]!.comments).toBe("open");
    });

    it("the body must have text", () => {
      expect(errorsFor({}, "\n  \n")).toEqual([`posts/${NAME}:6: body: the post has no text below the front matter`]);
    });
  });

  it("does not check column ids when columns.yml could not be read", () => {
    mkdirSync(path.join(c.dir, "x"), { recursive: true });
    c.writePost(NAME, jobFair({ column: "anything" }));
    const { posts, errors } = loadPosts(c.dir, { timezone: TZ, columns: null });
    expect(errors).toEqual([]);
    expect(posts[0]!.columnId).toBe("anything");
  });
});
