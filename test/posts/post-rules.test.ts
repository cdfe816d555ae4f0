import { writeFileSync } from "node:fs";
import path from "node:path";
import { checkPostText, POST_FIELDS } from "../../src/posts/load-posts";
import { CHECKS_FILE, loadPlaceholders } from "../../src/posts/placeholder-checks";
import { planSync } from "../../src/publisher/pick-due";
import { jobFair, makeContentDir, postText, TZ, type ContentDir } from "./content-dir";

let c: ContentDir;
beforeEach(() => {
  c = makeContentDir();
});
afterEach(() => c.remove());

const NAME = "2026-12-10-youth-day.md";
const options = () => ({ timezone: TZ, columns: c.bot.columnsById, contentDir: c.dir });
const problems = (text: string, name = NAME) => checkPostText(name, text, options()).errors.map((e) => [e.line, e.field, e.problem]);

describe("POST_FIELDS (the 稿件 form is built from it)", () => {
  it("lists every field with a Chinese label, a kind, options for selects and help", () => {
    expect(POST_FIELDS.map((f) => f.name)).toEqual(["title", "column", "publish_at", "mode", "type", "author", "digest", "cover", "comments", "source_url", "issue", "draft", "demo"]);
    for (const f of POST_FIELDS) {
      expect(f.label).toMatch(/[\u4e00-\u9fff]/);
      expect(f.help.length).toBeGreaterThan(5);
      if (f.kind === "select") expect("options" in f || "optionsFrom" in f).toBe(true);
    }
    expect(POST_FIELDS.find((f) => f.name === "mode")).toMatchObject({ label: "发送方式", kind: "select", required: false });
    expect(POST_FIELDS.find((f) => f.name === "publish_at")).toMatchObject({ kind: "datetime", required: true });
    expect(POST_FIELDS.find((f) => f.name === "type")!.options!.map((o) => o.value)).toEqual(["article", "newspic"]);
  });
});

describe("checkPostText (unsaved text, as the 稿件 page sends it)", () => {
  it("checks a post without reading it from disk, pictures against the content folder, and returns the post", () => {
    const r = checkPostText(NAME, jobFair({ publish_at: "2026-12-10 09:00" }, "正文。\n\n![现场](images/job-fair.jpg)\n"), options());
    expect(r.errors).toEqual([]);
    expect(r.post).toMatchObject({ slug: "2026-12-10-youth-day", file: path.join(c.postsDir, NAME), columnId: "careers", mode: "mass" });
    const missing = checkPostText(NAME, jobFair({}, "![现场](images/not-uploaded-yet.jpg)\n"), options());
    expect(missing.post).toBeUndefined();
    expect(missing.errors.map((e) => [e.line, e.field])).toEqual([[9, "body"]]);
  });

  it("reports the pictures in the same pass as the fields", () => {
    expect(problems(jobFair({ mode: "push" }, "![缺](images/missing.jpg)\n")).map(([line, field]) => [line, field])).toEqual([
      [7, "mode"],
      [10, "body"],
    ]);
  });

  it("a post without pictures is valid: the column's default cover is used", () => {
    const r = checkPostText(NAME, postText({ title: "五四青年节表彰大会", column: "news", publish_at: "2026-12-10 10:00" }, "只有文字的通知。\n"), options());
    expect(r.errors).toEqual([]);
    expect(r.post!.mode).toBe("publish");
  });

  it("warns, with the fix, when the time has passed", () => {
    const r = checkPostText(NAME, jobFair({ publish_at: "2026-12-10 09:00" }), { ...options(), now: new Date("2026-12-11T00:00:00Z") });
    expect(r.warnings.map((w) => w.problem)).toEqual([
      "发布时间已过（北京时间 2026-12-10 09:00），还没有发送：改成将来的时间，或运行 npm run cli -- publish --post 2026-12-10-youth-day --now 立即发送",
    ]);
    expect(checkPostText(NAME, jobFair({ publish_at: "2026-12-10 09:00" }), { ...options(), now: new Date("2026-12-11T00:00:00Z"), isSent: () => true }).warnings).toEqual([]);
  });
});

describe("mode: nothing is mass-sent by default", () => {
  it("takes the column's mode, and is an error when neither the post nor its column says", () => {
    const columns = new Map(c.bot.columnsById);
    const careers = { ...columns.get("careers")! };
    delete careers.mode;
    columns.set("careers", careers);
    const r = checkPostText(NAME, jobFair(), { timezone: TZ, columns });
    expect(r.post).toBeUndefined();
    expect(r.errors.map((e) => [e.field, e.problem])).toEqual([
      ["mode", "必须填写：写 mode: publish（发布，不推送）或 mode: mass（群发，推送给全部关注者）；或在 columns.yml 给栏目 careers 写默认的 mode"],
    ]);
    expect(checkPostText(NAME, jobFair({ mode: "publish" }), { timezone: TZ, columns }).post!.mode).toBe("publish");
  });
});

describe("type: newspic (图片消息)", () => {
  const newspic = (body: string, extra: Record<string, string> = {}) =>
    postText({ title: "冬日暖阳志愿服务掠影", column: "news", publish_at: "2026-12-10 10:00", type: "newspic", ...extra }, body);

  it("a picture message with plain text and pictures is valid; its type is kept", () => {
    const r = checkPostText(NAME, newspic("11月18日，30余名青年志愿者为独居老人清扫积雪。\n\n![扫雪](images/volunteers.png)\n\n![慰问](images/job-fair.jpg)\n"), options());
    expect(r.errors).toEqual([]);
    expect(r.post!.type).toBe("newspic");
  });

  it("needs at least one picture and at most 20", () => {
    expect(problems(newspic("只有文字。\n"))).toEqual([[7, "body", "图片消息至少要有 1 张图片：在正文里插入 ![说明](images/照片.jpg)，第一张就是封面"]]);
    const pictures = Array.from({ length: 21 }, (_, i) => `![第${i + 1}张](images/volunteers.png?${i})`).join("\n\n");
    const r = problems(newspic(`说明文字。\n\n${pictures}\n`));
    expect(r).toEqual([[10 + 2 * 20, "body", "图片消息最多 20 张图片，现在有 21 张：删掉多出的，或分成两条消息"]]);
  });

  it("allows plain text only, naming the line of each heading, link or list", () => {
    const body = "## 活动掠影\n\n详见[县政府网](https://www.xjlt.gov.cn)。\n\n- 扫雪\n- 慰问\n\n![扫雪](images/volunteers.png)\n";
    expect(problems(newspic(body))).toEqual([
      [8, "body", "图片消息的文字只能是纯文字，这里有标题（# 开头的行）：去掉格式，或把 type 改成 article（图文消息）"],
      [10, "body", "图片消息的文字只能是纯文字，这里有链接：去掉格式，或把 type 改成 article（图文消息）"],
      [12, "body", "图片消息的文字只能是纯文字，这里有列表（- 或 * 开头的行）：去掉格式，或把 type 改成 article（图文消息）"],
    ]);
  });

  it("keeps the text within 2048 bytes (the draft API's 2 KB row; protocol §5.3)", () => {
    const text = "青年志愿者走进社区。".repeat(69); // 690 汉字 = 2070 bytes
    expect(problems(newspic(`${text}\n\n![扫雪](images/volunteers.png)\n`))).toEqual([
      [7, "body", "图片消息的文字最多 2048 字节（约 682 个汉字），现在 2070 字节：删短，或改成 type: article（图文消息）"],
    ]);
  });

  it("warns that cover does nothing for a picture message", () => {
    const r = checkPostText(NAME, newspic("文字。\n\n![扫雪](images/volunteers.png)\n", { cover: "images/job-fair.jpg" }), options());
    expect(r.errors).toEqual([]);
    expect(r.warnings.map((w) => [w.line, w.field])).toEqual([[6, "cover"]]);
  });
});

describe("placeholder text (content/checks.yml)", () => {
  it.each([
    ["报名请联系团县委XXX。", "XXX"],
    ["联系人：xxx", "xxx"],
    ["活动地点待补充。", "待补充"],
    ["具体时间待定。", "待定"],
    ["TODO: 补一张现场照片", "TODO"],
    ["地点：【请填写活动地点】", "【请填写活动地点】"],
    ["联系人：", "联系人："],
  ])("refuses %s, naming the line and showing the text", (line, found) => {
    const r = problems(jobFair({}, `第一段。\n\n${line}\n`));
    expect(r).toHaveLength(1);
    expect(r[0]![0]).toBe(11);
    expect(r[0]![2]).toContain(`「${found}」`);
    expect(r[0]![2]).toContain(`「${line}」`);
  });

  it("also in the title and digest; not in ordinary words, addresses or code blocks (forms for readers to fill)", () => {
    expect(problems(jobFair({ title: "招聘会（时间待定）" })).map(([line, field]) => [line, field])).toEqual([[2, "title"]]);
    const ok = "访问 https://example.org/todolist 或 XXL 码的冬衣。\n\n```\n姓名：\n联系人：\n```\n";
    expect(problems(jobFair({}, ok))).toEqual([]);
  });

  it("editors extend the list in content/checks.yml; a broken entry is reported with its line", () => {
    writeFileSync(path.join(c.dir, CHECKS_FILE), "# 我们自己的清单\nplaceholders:\n  - text: 某某某\n  - pattern: '(unclosed'\n  - nothing: here\n");
    const loaded = loadPlaceholders(c.dir);
    expect(loaded.errors.map((e) => [e.line, e.field])).toEqual([
      [4, "placeholders[1]"],
      [5, "placeholders[2]"],
    ]);
    expect(problems(jobFair({}, "请联系某某某。\n")).map(([, , p]) => p)).toEqual([
      "还有没填的占位文字「某某某」（某某某）：「请联系某某某。」。请换成真实内容再发送（清单见 content/checks.yml）",
    ]);
    // The file replaces the built-in list.
    expect(problems(jobFair({}, "时间待定。\n"))).toEqual([]);
  });
});

describe("demo posts", () => {
  it("one whose time had passed when the publisher first sees it is never tracked (never 'missed'); one ahead is", () => {
    const now = new Date("2026-12-06T12:00:00Z");
    const past = checkPostText("2026-12-01-demo-a.md", jobFair({ publish_at: "2026-12-01 09:00", demo: "true" }), options()).post!;
    const ahead = checkPostText("2026-12-08-demo-b.md", jobFair({ publish_at: "2026-12-08 09:00", demo: "true" }), options()).post!;
    const real = checkPostText("2026-12-01-real.md", jobFair({ publish_at: "2026-12-01 09:00" }), options()).post!;
    expect(planSync([past, ahead, real], [], now).map((a) => (a.kind === "track" ? a.post.slug : a.kind))).toEqual(["2026-12-08-demo-b", "2026-12-01-real"]);
    const warned = checkPostText("2026-12-08-demo-b.md", jobFair({ publish_at: "2026-12-08 09:00", demo: "true" }), { ...options(), now }).warnings;
    expect(warned.map((w) => w.problem)).toEqual([
      "这是示例稿件（demo: true），会在 北京时间 2026-12-08 09:00 真的发出：正式使用前删掉示例稿件，或改成真实内容并删掉 demo 这一行",
    ]);
    expect(checkPostText("2026-12-01-demo-a.md", jobFair({ publish_at: "2026-12-01 09:00", demo: "true" }), { ...options(), now }).warnings).toEqual([]);
  });
});
