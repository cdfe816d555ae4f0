import { closeDeps } from "../../src/build-deps";
import type { Deps } from "../../src/deps";
import { publishCommand } from "../../src/cli/publish-command";
import type { ConfirmIo } from "../../src/cli/confirm-publish";
import { jobFair, makeContentDir, type ContentDir } from "../posts/content-dir";
import { capture, sandboxDeps } from "./cli-harness";

/** A terminal (or not) whose person answers `answer`; records the questions asked. */
function person(interactive: boolean, answer = ""): ConfirmIo & { asked: string[] } {
  const asked: string[] = [];
  return {
    interactive,
    asked,
    ask: async (q) => {
      asked.push(q);
      return answer;
    },
  };
}

const SLUG = "2026-12-08-job-fair";

let deps: Deps;
let c: ContentDir;
beforeEach(() => {
  c = makeContentDir();
  // A week ahead of the clock (2026-12-01 10:00 Beijing time).
  c.writePost(`${SLUG}.md`, jobFair({ publish_at: "2026-12-08 20:00", mode: "mass" }));
  deps = sandboxDeps(c.dir);
});
afterEach(() => {
  closeDeps(deps);
  c.remove();
});

const sends = () => deps.sandbox!.inspect().massSends.length;

describe("publish --post of a post not yet due (issue 15: it went out days early without asking)", () => {
  it("without a terminal and without --now: says what it would do, refuses with the exact command, sends nothing", async () => {
    const io = person(false);
    const o = capture();
    expect(await publishCommand(deps, ["--post", SLUG], o.out, { io })).toBe(1);
    expect(o.text).toBe(
      `${SLUG}「轮台县2026年冬季青年就业招聘会」还没到时间：原定 北京时间 12月8日 20:00 群发给全部关注者。\n` +
        "  现在发送将会：现在 群发给全部关注者（当天的群发次数：0/1）\n" +
        `没有终端可以确认，什么也没有发送。要现在发送，请运行：\n  npm run cli -- publish --post ${SLUG} --now\n`,
    );
    expect(io.asked).toEqual([]);
    expect(deps.sandbox!.countCalls()).toBe(0);
  });

  it("on a terminal asks y/N; anything but yes cancels", async () => {
    for (const answer of ["", "n", "不"]) {
      const io = person(true, answer);
      const o = capture();
      expect(await publishCommand(deps, ["--post", SLUG], o.out, { io })).toBe(1);
      expect(io.asked).toEqual(["确定现在发送吗？(y/N) "]);
      expect(o.text).toContain("已取消，什么也没有发送（它仍按原定时间发送）。");
    }
    expect(deps.sandbox!.countCalls()).toBe(0);
  });

  it("on a terminal, y sends it now and follows it to the result", async () => {
    const io = person(true, "y");
    const o = capture();
    expect(await publishCommand(deps, ["--post", SLUG], o.out, { io })).toBe(0);
    expect(io.asked).toHaveLength(1);
    expect(sends()).toBe(1);
    expect(o.text).toMatch(new RegExp(`${SLUG}：已群发——北京时间 12月1日 10:00 已群发，送达 [\\d,]+ 人`));
  }, 15_000);

  it("--now skips the question (scripts), and a published post is never sent again", async () => {
    const io = person(false);
    expect(await publishCommand(deps, ["--post", SLUG, "--now"], () => {}, { io })).toBe(0);
    expect(io.asked).toEqual([]);
    expect(sends()).toBe(1);
    const o = capture();
    expect(await publishCommand(deps, ["--post", SLUG, "--now"], o.out, { io })).toBe(0);
    expect(o.text).toMatch(/已群发，送达 [\d,]+ 人 http:\S+。\n {2}已发布的稿件不会再次发送（发布台账保证每篇只发一次）。\n$/);
    expect(sends()).toBe(1);
  }, 15_000);

  it("--json: no question, one JSON answer that says nothing was sent", async () => {
    const o = capture();
    expect(await publishCommand(deps, ["--post", SLUG, "--json"], o.out, { io: person(true, "y") })).toBe(1);
    const parsed = JSON.parse(o.text) as { slug: string; sent: boolean; message: string };
    expect(parsed).toEqual({ slug: SLUG, sent: false, message: expect.stringContaining(`npm run cli -- publish --post ${SLUG} --now`) });
    expect(sends()).toBe(0);
  });

  it("a due post goes without a question", async () => {
    c.writePost("2026-12-01-due.md", jobFair({ title: "今天的招聘会", publish_at: "2026-12-01 09:30", mode: "publish" }));
    const io = person(false);
    const o = capture();
    expect(await publishCommand(deps, ["--post", "2026-12-01-due"], o.out, { io })).toBe(0);
    expect(io.asked).toEqual([]);
    expect(o.text).toContain("正在发送 2026-12-01-due…\n");
    expect(o.text).toMatch(/2026-12-01-due：已发布——北京时间 12月1日 10:00 已发布 http:/);
  }, 15_000);
});

describe("publish --dry-run", () => {
  it("plans in Chinese, calls nothing; --json gives the same as data", async () => {
    const o = capture();
    expect(await publishCommand(deps, ["--dry-run", "--post", SLUG], o.out)).toBe(0);
    expect(o.text).toContain(`将登记 ${SLUG}\n${SLUG}：将现在发送，方式：群发（推送给全部关注者）\n  标题：【轮青诚聘】第1期 · 轮台县2026年冬季青年就业招聘会\n`);
    const j = capture();
    expect(await publishCommand(deps, ["--dry-run", "--json"], j.out)).toBe(0);
    const parsed = JSON.parse(j.text) as { dryRun: boolean; at: string; sync: unknown[]; targets: unknown[] };
    expect(parsed).toEqual({ dryRun: true, at: "2026-12-01T02:00:00.000Z", sync: [{ action: "track", slug: SLUG }], targets: [], problems: [] });
    expect(deps.sandbox!.countCalls()).toBe(0);
  });
});
