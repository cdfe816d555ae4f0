import { renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import { ContentLoadError, watchContent, type ContentSource } from "../../src/bot/watch-content";
import { createLogger, type Logger } from "../../src/logger";
import { COLUMNS_YML, lineContaining, removeContentDirs, writeContentDir } from "./content-fixture";

interface LogLine {
  level: number;
  msg: string;
  file?: string;
  line?: number;
  field?: string;
}

function capturingLogger(): { log: Logger; lines: LogLine[] } {
  const lines: LogLine[] = [];
  const log = createLogger({ level: "debug", destination: { write: (s: string) => void lines.push(JSON.parse(s) as LogLine) } });
  return { log, lines };
}

async function waitFor(condition: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const WITH_VOLUNTEER = COLUMNS_YML.replace(
  "      - { text: 励志, match: exact }\n",
  "      - { text: 励志, match: exact }\n      - { text: 最美志愿者, match: exact }\n",
);
const BROKEN = COLUMNS_YML.replace("{ text: 招聘会, match: contains }", "{ text: 招聘会, match: partial }");

const sources: ContentSource[] = [];
function watch(dir: string, log: Logger): ContentSource {
  const s = watchContent(dir, log, { debounceMs: 50 });
  sources.push(s);
  return s;
}
afterEach(() => {
  for (const s of sources.splice(0)) s.close();
});
afterAll(removeContentDirs);

describe("watchContent", () => {
  it("refuses to start with broken content, listing every problem", () => {
    const dir = writeContentDir({ columns: BROKEN, replies: null });
    const { log } = capturingLogger();
    let thrown: unknown;
    try {
      watchContent(dir, log);
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(ContentLoadError);
    const e = thrown as ContentLoadError;
    expect(e.errors).toHaveLength(2);
    expect(e.message).toContain("内容文件里有 2 个问题：");
    expect(e.message).toContain(`${path.join(dir, "columns.yml")}:${lineContaining(BROKEN, "partial")}: columns[1].keywords[4].match`);
    expect(e.message).toContain(`${path.join(dir, "replies.yml")}: 找不到这个文件`);
  });

  it("applies an edit to columns.yml without a restart", async () => {
    const dir = writeContentDir();
    const { log } = capturingLogger();
    const source = watch(dir, log);
    expect(source.current().rules.exact.has("最美志愿者")).toBe(false);

    writeFileSync(path.join(dir, "columns.yml"), WITH_VOLUNTEER);
    await waitFor(() => source.current().rules.exact.has("最美志愿者"), "the new keyword");
    expect(source.current().rules.exact.get("最美志愿者")!.id).toBe("inspiration:exact:最美志愿者");
  });

  it("sees an editor's save-by-rename", async () => {
    const dir = writeContentDir();
    const { log } = capturingLogger();
    const source = watch(dir, log);

    // vim / VS Code atomic save: write a temporary file, then rename it over the original.
    const tmp = path.join(dir, ".columns.yml.swp");
    writeFileSync(tmp, WITH_VOLUNTEER);
    renameSync(tmp, path.join(dir, "columns.yml"));
    await waitFor(() => source.current().rules.exact.has("最美志愿者"), "the renamed file's keyword");
  });

  it("keeps the last good rules on a broken edit, logs where the problem is, then applies the fix", async () => {
    const dir = writeContentDir();
    const { log, lines } = capturingLogger();
    const source = watch(dir, log);
    const good = source.current();

    writeFileSync(path.join(dir, "columns.yml"), BROKEN);
    await waitFor(() => lines.some((l) => l.level === 50), "the error log");
    expect(source.current()).toBe(good);
    const logged = lines.find((l) => l.level === 50)!;
    expect(logged).toMatchObject({
      file: path.join(dir, "columns.yml"),
      line: lineContaining(BROKEN, "partial"),
      field: "columns[1].keywords[4].match",
    });
    expect(logged.msg).toContain("keeping the last good rules");
    expect(logged.msg).toContain("「partial」不对：match 写 exact（全匹配）、contains（半匹配）或 regex（正则）");

    writeFileSync(path.join(dir, "columns.yml"), WITH_VOLUNTEER);
    await waitFor(() => source.current() !== good, "the fixed content");
    expect(source.current().rules.exact.has("最美志愿者")).toBe(true);
  });

  it("reload() applies good content at once and returns the problems of bad content", () => {
    const dir = writeContentDir();
    const { log } = capturingLogger();
    const source = watch(dir, log);
    source.close(); // only the explicit reload in this test

    writeFileSync(path.join(dir, "columns.yml"), BROKEN);
    const errors = source.reload();
    expect(errors.map((e) => e.field)).toEqual(["columns[1].keywords[4].match"]);
    expect(source.current().rules.contains.some((r) => r.text === "招聘会")).toBe(true);

    writeFileSync(path.join(dir, "columns.yml"), WITH_VOLUNTEER);
    expect(source.reload()).toEqual([]);
    expect(source.current().rules.exact.has("最美志愿者")).toBe(true);
  });
});
