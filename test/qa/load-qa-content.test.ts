import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { loadQaContent } from "../../src/qa/load-qa-content";
import { watchQaContent } from "../../src/qa/watch-qa-content";
import { captureLog } from "../helpers/build-test-deps";
import { QA_DISABLED } from "../../src/qa/qa-content";

const FIXTURE_QA = readFileSync(path.join(__dirname, "../fixtures/content/qa.yml"), "utf8");
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function load(text: string | undefined, columns = new Set(["news", "careers"])) {
  const dir = mkdtempSync(path.join(tmpdir(), "qa-content-"));
  dirs.push(dir);
  if (text !== undefined) writeFileSync(path.join(dir, "qa.yml"), text);
  return loadQaContent(dir, columns);
}

const swap = (from: string, to: string) => {
  if (!FIXTURE_QA.includes(from)) throw new Error(`the fixture qa.yml does not contain ${from}`);
  return FIXTURE_QA.replace(from, to);
};
const lineOf = (text: string, needle: string) => text.split("\n").findIndex((l) => l.includes(needle)) + 1;

describe("loadQaContent", () => {
  it("loads the fixture qa.yml (a copy of the shipped one): keywords, menu key, rota with days, roundup", () => {
    const { content, errors } = load(FIXTURE_QA);
    expect(errors).toEqual([]);
    expect(content).toMatchObject({ enabled: true, askKeywords: ["提问", "我要提问", "青年之声"], listKeywords: ["我的问题"], menuKey: "YOUTH_VOICE", waitMinutes: 10 });
    expect(content!.rota.map((c) => [c.name, [...c.days].sort()])).toEqual([
      ["王芳", [1, 3, 5]],
      ["李明", [2, 4, 6]],
      ["阿依古丽", [1, 2, 3, 4, 5]],
      ["张伟", [0, 6]],
    ]);
    expect(content!.texts.receivedShort).toBe("（你的新问题 #{number} 也已收到。）");
  });

  it("turns the intake off, without an error, when there is no qa.yml", () => {
    expect(load(undefined)).toEqual({ content: QA_DISABLED, errors: [] });
  });

  it("names file, line and field of each problem, all at once", () => {
    let text = swap("{ name: 王芳, days: [一, 三, 五] }", "{ name: 王芳, days: [一, 八] }");
    text = text.replace("answer: |-\n    【青年之声】你的问题 #{number} 有了答复：\n    问：{question}\n    答：{answer}", "answer: \"你的问题 #{number} 答：{reply}\"");
    text = text.replace("column: news", "column: sports");
    const { content, errors } = load(text);
    expect(content).toBeNull();
    const file = errors[0]!.file;
    expect(errors.map((e) => e.message)).toEqual([
      `${file}:${lineOf(text, 'answer: "你的问题')}: texts.answer: 不认识的占位符 {reply}：这段文字只能用 {number}、{question}、{answer}`,
      `${file}:${lineOf(text, 'answer: "你的问题')}: texts.answer: 要包含 {answer}：在文字里写上 {answer}`,
      `${file}:${lineOf(text, "name: 王芳")}: duty[0].days[1]: 「八」不是星期几：写 一 … 日（周一、星期一也可以），或 mon … sun`,
      `${file}:${lineOf(text, "column: sports")}: roundup.column: 「sports」不是 columns.yml 里的栏目：写 news、careers 其中之一`,
    ]);
  });

  it("explains a text cut short by a YAML comment", () => {
    const text = swap('received_short: "（你的新问题 #{number} 也已收到。）"', "received_short: 你的新问题 #{number} 也已收到");
    expect(load(text).errors.map((e) => e.problem)).toEqual([
      '要包含 {number}（YAML 里「 #」后面的内容会被当成注释删掉：给整段文字加上英文引号 "…"，或在 |- 后换行再写）',
    ]);
  });

  it("refuses a keyword listed for two things and a cadre listed twice", () => {
    const text = swap("list_keywords: [我的问题]", "list_keywords: [我的问题, 提问]").replace("{ name: 张伟, days: [六, 日] }", "{ name: 王芳, days: [六] }");
    expect(load(text).errors.map((e) => e.field)).toEqual(["list_keywords[1]", "duty[3].name"]);
  });

  it("reports a missing section and an unknown field", () => {
    const text = swap("wait_minutes: 10", "wait_minute: 10").replace(/\nroundup:[\s\S]*$/, "\n");
    expect(load(text).errors.map((e) => `${e.field}: ${e.problem}`)).toEqual(
      expect.arrayContaining(["roundup: 缺少必填的 roundup：请加上一行 roundup: …", "wait_minute: 没有「wait_minute」这个字段：是不是想写 wait_minutes？改成 wait_minutes，或删掉这一行"]),
    );
  });
});

describe("watchQaContent", () => {
  it("applies an edit of qa.yml while running, and keeps the last good version over a broken one", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "qa-watch-"));
    dirs.push(dir);
    writeFileSync(path.join(dir, "qa.yml"), FIXTURE_QA);
    const { log, lines } = captureLog();
    const source = watchQaContent(dir, log, () => undefined, { debounceMs: 20 });
    const settle = () => new Promise((r) => setTimeout(r, 300));
    try {
      expect(source.current().waitMinutes).toBe(10);
      writeFileSync(path.join(dir, "qa.yml"), swap("wait_minutes: 10", "wait_minutes: 15"));
      await settle();
      expect(source.current().waitMinutes).toBe(15);
      writeFileSync(path.join(dir, "qa.yml"), swap("wait_minutes: 10", "wait_minutes: soon"));
      await settle();
      expect(source.current().waitMinutes).toBe(15);
      expect(lines.join("\n")).toContain("qa content not reloaded, keeping the last good version");
    } finally {
      source.close();
    }
  });
});
