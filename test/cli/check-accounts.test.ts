import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { loadConfig } from "../../src/config";
import { checkCommand, checkContent, formatCheckReport } from "../../src/cli/check-command";
import { openDatabase } from "../../src/db/open-database";
import { createPublicationStore } from "../../src/db/stores/publication-store";
import { capture } from "./cli-harness";

/**
 * `npm run cli -- check` on a matrix (issue 14): the county's content/ and each served township's
 * content/accounts/<id>/, each under its heading, one summary, exit 1 when any account has a problem.
 * The fixture's accounts.yml declares lunnan and yangxia with `env`; without credentials (sandbox
 * mode) both are served, as on a fresh `npm start`.
 */
const FIXTURE = path.join(__dirname, "../fixtures/content");
/** 2026-11-01 08:00 in Beijing: the county's four demo posts are ahead (four warnings), the townships' 2027 posts too. */
const NOW = new Date("2026-11-01T00:00:00Z");

let scratch: string;
/** A scratch copy of the frozen fixture (never the live content/ folder). */
let fixtureCopy: string;
beforeEach(() => {
  scratch = mkdtempSync(path.join(tmpdir(), "check-accounts-"));
  fixtureCopy = path.join(scratch, "fixture-content");
  cpSync(FIXTURE, fixtureCopy, { recursive: true });
});
afterEach(() => rmSync(scratch, { recursive: true, force: true }));

const config = (databasePath = ":memory:") => loadConfig({ CONTENT_DIR: fixtureCopy, DATABASE_PATH: databasePath, LOG_LEVEL: "silent" });
const run = (args: string[] = [], databasePath?: string) => {
  const o = capture();
  const code = checkCommand(config(databasePath), args, o.out, NOW);
  return { code, text: o.text };
};
const heading = (name: string, id: string, dir: string) => `── ${name}（${id}，${dir}）──`;
const COUNTY = () => heading("青春轮台", "default", fixtureCopy);
const LUNNAN = () => heading("青春轮南", "lunnan", path.join(fixtureCopy, "accounts/lunnan"));
const YANGXIA = () => heading("阳霞青年", "yangxia", path.join(fixtureCopy, "accounts/yangxia"));
/** The report of one account: from its heading to the next heading or the matrix summary. */
const section = (text: string, start: string) => {
  const from = text.indexOf(start);
  const next = text.slice(from + start.length).search(/\n── |\n矩阵检查：/);
  return next < 0 ? text.slice(from) : text.slice(from, from + start.length + next);
};

describe("check on a matrix", () => {
  it("checks the county first, then each township in its own folder, with one summary; exit 0 when all are clean", () => {
    const { code, text } = run();
    expect(code).toBe(0);
    const county = COUNTY();
    const lunnan = LUNNAN();
    expect([text.indexOf(county), text.indexOf(lunnan), text.indexOf(YANGXIA())]).toEqual([0, expect.any(Number), expect.any(Number)]);
    expect(text.indexOf(lunnan)).toBeLessThan(text.indexOf(YANGXIA()));
    // Each account's own columns and posts, read from its own folder.
    expect(section(text, county)).toMatch(/内容检查：4 个栏目，\d+ 条关键词规则，4 篇稿件没有问题.*；0 个问题，4 条提醒/);
    expect(section(text, lunnan)).toContain("2027-06-01-summer-jobs  园区企业暑期招工，岗位40个\n      北京时间 6月1日 10:00 建草稿（本账号未认证，微信不允许通过接口群发：草稿建好后请在公众号后台手动群发）");
    expect(section(text, lunnan)).toMatch(/内容检查：2 个栏目，\d+ 条关键词规则，1 篇稿件没有问题.*；0 个问题，0 条提醒/);
    expect(section(text, YANGXIA())).toContain("2027-06-01-jujube-summer-care  红枣树夏季管理要点");
    expect(section(text, YANGXIA())).not.toContain("summer-jobs");
    expect(text.endsWith("\n矩阵检查：3 个账号，3 个没有问题；共 0 个问题，4 条提醒\n")).toBe(true);
  });

  it("a township's broken post fails the run under that township's heading; the others stay clean", () => {
    // An editor typed the column id wrong in 轮南's post.
    const post = path.join(fixtureCopy, "accounts/lunnan/posts/2027-06-01-summer-jobs.md");
    writeFileSync(post, readFileSync(post, "utf8").replace("column: jobs", "column: job"));
    const { code, text } = run();
    expect(code).toBe(1);
    const lunnan = section(text, LUNNAN());
    expect(lunnan).toContain(`问题（必须改好才能发送）：\n${path.relative(process.cwd(), post)}\n  第 3 行 · column`);
    expect(lunnan).toContain(`改好 ${path.join(fixtureCopy, "accounts/lunnan")}/ 里的这些问题后，再运行 npm run cli -- check --account lunnan`);
    expect(section(text, YANGXIA())).not.toContain("问题（必须改好才能发送）");
    expect(section(text, COUNTY())).not.toContain("问题（必须改好才能发送）");
    expect(text).toMatch(/\n矩阵检查：3 个账号，2 个没有问题，1 个有问题（青春轮南（lunnan）1 个）；共 1 个问题，4 条提醒。/);
  });

  it("a served township without its folder is one clear problem that says how to create it", () => {
    rmSync(path.join(fixtureCopy, "accounts/yangxia"), { recursive: true });
    const { code, text } = run();
    expect(code).toBe(1);
    const dir = path.join(fixtureCopy, "accounts/yangxia");
    const yangxia = section(text, YANGXIA());
    expect(yangxia).toContain(`找不到内容文件夹 ${dir}/：账号 yangxia（阳霞青年）由本系统收发`);
    expect(yangxia).toContain(`mkdir -p ${dir} && cp -r ${path.join(fixtureCopy, "columns.yml")} `);
    expect(yangxia).toContain(`${path.join(fixtureCopy, "posts")} ${dir}/`);
    // Said once, not as one "file not found" per file.
    expect(yangxia.match(/找不到/g)).toHaveLength(1);
    expect(text).toMatch(/1 个有问题（阳霞青年（yangxia）1 个）；共 1 个问题/);
  });

  it("--account ID checks that account only; an unknown id lists the declared ones", () => {
    const only = run(["--account", "yangxia"]);
    expect(only.code).toBe(0);
    expect(only.text.startsWith(`${YANGXIA()}\n`)).toBe(true);
    expect(only.text).not.toContain("青春轮南");
    expect(only.text).not.toContain("矩阵检查");

    const unknown = run(["--account", "lunan"]);
    expect(unknown.code).toBe(1);
    expect(unknown.text).toBe("check：--account 写 content/accounts.yml 里的账号 id（default（青春轮台）、lunnan（青春轮南）、yangxia（阳霞青年）），没有「lunan」这个账号\n");
    expect(run(["--account"]).text).toContain("--account 后面要写账号 id，例如 --account lunnan");
  });

  it("reads each account's own ledger: a post published by 轮南 is not re-rendered, the county's plans are untouched", () => {
    const dbPath = path.join(scratch, "app.db");
    const db = openDatabase(dbPath);
    const store = createPublicationStore(db);
    const at = new Date("2026-10-20T02:00:00Z");
    const row = store.insert({ accountId: "lunnan", slug: "2027-06-01-summer-jobs", columnId: "jobs", mode: "mass", postTitle: "园区企业暑期招工，岗位40个", scheduledAt: at }, { step: "scheduled" }, at)!;
    store.savePublished({ ...row, state: "published", issue: 1 }, { step: "published" }, at);
    db.close();
    const { code, text } = run([], dbPath);
    expect(code).toBe(0);
    expect(section(text, LUNNAN())).toContain("2027-06-01-summer-jobs  园区企业暑期招工，岗位40个\n      已交给微信（已发出），不会再发");
    expect(section(text, COUNTY())).not.toContain("已交给微信");
  });

  it("--json gives each account's facts and the overall verdict", () => {
    rmSync(path.join(fixtureCopy, "accounts/lunnan/posts/images/covers/jobs.jpg"));
    const { code, text } = run(["--json"]);
    expect(code).toBe(1);
    const json = JSON.parse(text);
    expect(json.ok).toBe(false);
    expect(json.accounts.map((a: { id: string; ok: boolean }) => [a.id, a.ok])).toEqual([
      ["default", true],
      ["lunnan", false],
      ["yangxia", true],
    ]);
    expect(json.accounts[1].problems[0]).toMatchObject({ file: path.join(fixtureCopy, "accounts/lunnan/columns.yml"), field: expect.stringContaining("default_cover") });
    expect(json.summary).toMatch(/^矩阵检查：3 个账号，2 个没有问题，1 个有问题/);
  });
});

describe("check with only the county account served", () => {
  it("prints today's report unchanged: no heading, no matrix summary (no accounts.yml)", () => {
    rmSync(path.join(fixtureCopy, "accounts.yml"));
    const { code, text } = run();
    expect(code).toBe(0);
    expect(text).toBe(formatCheckReport(checkContent(config(), { now: NOW }), fixtureCopy));
    expect(text).not.toContain("──");
  });

  it("townships paused in accounts.yml are not checked, and the report stays today's", () => {
    const file = path.join(fixtureCopy, "accounts.yml");
    writeFileSync(file, readFileSync(file, "utf8").replace(/(\n    env: \{ app_id: WECHAT_(LUNNAN|YANGXIA)_APP_ID)/g, "\n    paused: true$1"));
    // A paused township's broken folder does not fail the run.
    rmSync(path.join(fixtureCopy, "accounts/yangxia/columns.yml"));
    const { code, text } = run();
    expect(code).toBe(0);
    expect(text).toBe(formatCheckReport(checkContent(config(), { now: NOW }), fixtureCopy));
  });
});
