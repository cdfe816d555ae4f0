import { existsSync, readFileSync } from "node:fs";
import { loadConfig } from "../../src/config";
import { buildDeps, closeDeps } from "../../src/build-deps";
import type { Deps } from "../../src/deps";
import { postsCommand } from "../../src/cli/posts-command";
import { publishCommand } from "../../src/cli/publish-command";
import { menuCommand, toApiMenu } from "../../src/cli/menu-command";
import { fixedClock } from "../../src/time";
import { publisherFor } from "../../src/publisher/publisher";
import { runPublisher } from "../../src/publisher/run-publisher";
import { EDITED_NOTE } from "../../src/publisher/edited-since-published";
import { captureLog } from "../helpers/build-test-deps";
import { jobFair, makeContentDir, FIXTURE_CONTENT, type ContentDir } from "../posts/content-dir";

/** Deps in sandbox mode (no credentials) on :memory:, at 2026-12-01 10:00 Beijing time. */
function sandboxDeps(contentDir: string): Deps {
  const config = loadConfig({ DATABASE_PATH: ":memory:", CONTENT_DIR: contentDir, LOG_LEVEL: "silent" });
  const deps = buildDeps(config, captureLog("warn").log, { clock: fixedClock("2026-12-01T02:00:00Z") });
  // Jobs finish in 50 ms instead of 1.5 s: the commands wait for the simulator before they exit.
  deps.sandbox!.configure({ jobDelayMs: 50 });
  return deps;
}

let c: ContentDir;
let deps: Deps;
let output: string;
const out = (text: string) => void (output += text);
beforeEach(() => {
  c = makeContentDir();
  output = "";
});
afterEach(() => {
  closeDeps(deps);
  c.remove();
});

describe("postsCommand", () => {
  it("says a post edited after publishing is not sent again, and the scheduler indeed does not", async () => {
    c.writePost("2026-12-01-job-fair.md", jobFair({ publish_at: "2026-12-01 09:30" }));
    deps = sandboxDeps(c.dir);
    expect(await publishCommand(deps, ["--post", "2026-12-01-job-fair"], out)).toBe(0);
    await deps.sandbox!.idle();
    await runPublisher(publisherFor(deps));
    expect(deps.sandbox!.inspect().massSends).toHaveLength(1);
    c.writePost("2026-12-01-job-fair.md", jobFair({ publish_at: "2026-12-01 09:30" }, "改过的正文：招聘会延期到 12 月 12 日。\n"));
    output = "";
    postsCommand(deps, [], out);
    expect(output).toContain(EDITED_NOTE);
    output = "";
    await publishCommand(deps, ["--post", "2026-12-01-job-fair", "--dry-run"], out);
    expect(output).toContain(`已发布，不会再次发送；${EDITED_NOTE}`);
    await runPublisher(publisherFor(deps));
    await deps.sandbox!.idle();
    expect(deps.sandbox!.inspect().massSends).toHaveLength(1);
    expect(deps.sandbox!.inspect().drafts).toHaveLength(1);
  });

  it("lists each post with its Beijing date and time, column, forecast issue and state", () => {
    deps = sandboxDeps(FIXTURE_CONTENT);
    expect(postsCommand(deps, [], out)).toBe(0);
    const lines = output.split("\n");
    expect(lines[0]).toBe(`## ${FIXTURE_CONTENT}/posts 的稿件（期数带 ? 的是预计）`);
    const jobFairLine = lines.find((l) => l.startsWith("2026-12-01-county-job-fair"))!;
    expect(jobFairLine.split(/\s{2,}/)).toEqual(["2026-12-01-county-job-fair", "轮青诚聘", "—", "示例", "12月1日 09:00", "示例稿件，发布时间已过，只作示例，不会发送"]);
    expect(lines.find((l) => l.startsWith("2026-12-08"))!.split(/\s{2,}/)[5]).toMatch(/^北京时间 12月8日 12:00 发布（不推送给关注者/);
  });

  it("sends a shipped example when asked by name (README, Trying it), though the scheduler never sends it on its own", async () => {
    deps = sandboxDeps(FIXTURE_CONTENT);
    await runPublisher(publisherFor(deps));
    expect(deps.stores.publications.find("default", "2026-12-01-county-job-fair")).toBeUndefined();
    expect(await publishCommand(deps, ["--post", "2026-12-01-county-job-fair"], out)).toBe(0);
    await deps.sandbox!.idle();
    expect(deps.sandbox!.inspect().massSends).toHaveLength(1);
    expect(deps.stores.publications.find("default", "2026-12-01-county-job-fair")?.state).toBe("published");
  });

  it("shows problems and the history of one post", async () => {
    c.writePost("2026-12-01-job-fair.md", jobFair({ publish_at: "2026-12-01 09:30" }));
    c.writePost("2026-12-02-bad.md", jobFair({ mode: "push" }));
    deps = sandboxDeps(c.dir);
    expect(await publishCommand(deps, ["--post", "2026-12-01-job-fair", "--no-wait"], out)).toBe(0);
    output = "";
    expect(postsCommand(deps, [], out)).toBe(1);
    expect(output).toContain("1 个问题；这些稿件改好之前不会发布：");
    // --no-wait leaves the polling to the scheduler, but the job-finish event was recorded before the command ended.
    expect(output).toMatch(/2026-12-01-job-fair\s+轮青诚聘\s+第1期\s+已群发\s+12月1日 09:30\s+北京时间 12月1日 10:00 已群发，送达 [\d,]+ 人 http/);
    output = "";
    expect(postsCommand(deps, ["--history", "2026-12-01-job-fair"], out)).toBe(0);
    expect(output.split("\n").slice(3, 10).map((l) => l.split(/\s{2,}/)[1])).toEqual(["scheduled", "publish_now", "render", "draft_intent", "drafted", "submit_intent", "submitted"]);
    expect(postsCommand(deps, ["--history", "nope"], out)).toBe(1);
  });
});

describe("publishCommand", () => {
  it("--dry-run plans as the scheduler would, renders and checks, and calls nothing", async () => {
    c.writePost("2026-11-20-old.md", jobFair({ title: "旧闻", column: "news", publish_at: "2026-11-20 10:00" }));
    c.writePost("2026-12-01-job-fair.md", jobFair({ publish_at: "2026-12-01 09:30" }, "见[通知](https://www.xjlt.gov.cn/a.html)。\n\n![现场](images/job-fair.jpg)"));
    deps = sandboxDeps(c.dir);
    expect(await publishCommand(deps, ["--dry-run"], out)).toBe(0);
    expect(output).toContain("将登记 2026-11-20-old\n将登记 2026-12-01-job-fair\n");
    expect(output).toContain("2026-11-20-old：将记为错过（晚了 264 小时），方式：发布（不推送给关注者）");
    expect(output).toContain("2026-12-01-job-fair：将现在发送，方式：群发（推送给全部关注者）\n  标题：【轮青诚聘】第1期 · 轮台县2026年冬季青年就业招聘会\n");
    expect(output).toMatch(/大小：\d+ 字符（微信上限 20000），要上传 1 张图片，1 个链接转为文末注释/);
    expect(deps.sandbox!.countCalls()).toBe(0);
    expect(deps.db.prepare("SELECT COUNT(*) AS n FROM publications").get()).toEqual({ n: 0 });
  });

  it("--dry-run --post writes the article's HTML for a browser and fails on problems", async () => {
    c.writePost("2026-12-24-xmas.md", jobFair({ publish_at: "2026-12-24 10:00" }, "<div>居中</div>"));
    deps = sandboxDeps(c.dir);
    expect(await publishCommand(deps, ["--dry-run", "--post", "2026-12-24-xmas"], out)).toBe(1);
    expect(output).toContain("2026-12-24-xmas：将现在发送，方式：群发（推送给全部关注者）");
    expect(output).toContain("  问题：");
    const file = /网页：(\S+)（/.exec(output)![1]!;
    expect(existsSync(file)).toBe(true);
    expect(readFileSync(file, "utf8")).toContain("<h1 style=\"font-size:22px\">【轮青诚聘】第1期 · 轮台县2026年冬季青年就业招聘会</h1>");
  });

  it("--post publishes through the sandbox and follows the job to its result", async () => {
    c.writePost("2026-12-01-job-fair.md", jobFair({ publish_at: "2026-12-01 09:30", mode: "publish" }));
    deps = sandboxDeps(c.dir);
    expect(await publishCommand(deps, ["--post", "2026-12-01-job-fair"], out)).toBe(0);
    expect(output).toContain("正在发送 2026-12-01-job-fair…\n  等待微信的结果…（0 秒）\n");
    expect(output).toMatch(/2026-12-01-job-fair：已发布——北京时间 12月1日 10:00 已发布 http:\/\/mp\.weixin\.qq\.com\/s\/\S+\n发布结果通知（PUBLISHJOBFINISH）：服务未在运行，本命令已直接记录结果（与服务接收时同一段代码）\n$/);
    expect(deps.sandbox!.inspect().publications).toHaveLength(1);
  }, 15_000);

  it("without arguments publishes what is due, and says when nothing is", async () => {
    deps = sandboxDeps(c.dir);
    expect(await publishCommand(deps, [], out)).toBe(0);
    expect(output).toBe("正在检查到期的稿件…\n现在没有到期的稿件（npm run cli -- posts 列出全部排期）\n");
  });
});

// previewCommand (with --to me): test/staff-phone/preview-to-me.test.ts

describe("menuCommand", () => {
  it("syncs content/menu.yml with menu/create; --dry-run shows the request and whether it would change anything", async () => {
    deps = sandboxDeps(c.dir);
    expect(await menuCommand(deps, ["sync", "--dry-run"], out)).toBe(0);
    expect(output).toContain('"name": "青春栏目"');
    expect(output).toContain("公众号还没有菜单：同步会创建它\n");
    output = "";
    expect(await menuCommand(deps, ["sync"], out)).toBe(0);
    expect(output).toBe("菜单已同步：3 个主按钮，7 个动作（手机上约 5 分钟内更新）\n");
    output = "";
    await menuCommand(deps, ["sync", "--dry-run"], out);
    expect(output).toContain("线上菜单已经一致：同步不会改变任何东西\n");
    expect(deps.sandbox!.inspect().menus).toHaveLength(1);
    expect(await menuCommand(deps, ["push"], out)).toBe(1);
  });

  it("maps the editors' menu to the API's", () => {
    expect(toApiMenu({ buttons: [{ name: "栏目", subButtons: [{ name: "诚聘", type: "click", key: "COLUMN_CAREERS" }] }, { name: "官网", type: "view", url: "https://www.gqt.org.cn/" }] })).toEqual({
      buttons: [{ name: "栏目", subButtons: [{ name: "诚聘", type: "click", key: "COLUMN_CAREERS" }] }, { name: "官网", type: "view", url: "https://www.gqt.org.cn/" }],
    });
  });
});
