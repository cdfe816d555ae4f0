import { loadConfig } from "../../src/config";
import { buildDeps, closeDeps } from "../../src/build-deps";
import type { Deps } from "../../src/deps";
import { publishCommand } from "../../src/cli/publish-command";
import { fixedClock } from "../../src/time";
import { publisherFor } from "../../src/publisher/publisher";
import { runPublisher } from "../../src/publisher/run-publisher";
import { upcomingIssues } from "../../src/publisher/upcoming-issues";
import { startPublishing, type Publishing } from "./publishing-harness";
import { captureLog } from "../helpers/build-test-deps";
import { jobFair, makeContentDir, type ContentDir } from "../posts/content-dir";

/**
 * Issue 15: "`publish --dry-run` said 第2期 for a post that then went out as 第1期, and the success
 * line read 'published — already 【轮青大学生】第2期'". Reproduced with the shipped demo's shape: a
 * 轮青大学生 post whose time passed while the service was down (reported missed, never sent), and
 * the editor's new post in the same column sent with `publish --post`.
 */
function sandboxDeps(contentDir: string): Deps {
  const config = loadConfig({ DATABASE_PATH: ":memory:", CONTENT_DIR: contentDir, LOG_LEVEL: "silent" });
  const deps = buildDeps(config, captureLog("warn").log, { clock: fixedClock("2026-12-01T02:00:00Z") });
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

const MISSED = "2026-11-20-summer-camp-review";
const NEW = "2026-12-03-winter-internships";

function writeStudentPosts() {
  c.writePost(`${MISSED}.md`, jobFair({ title: "暑期夏令营回顾", column: "students", publish_at: "2026-11-20 10:00", mode: "publish" }));
  c.writePost(`${NEW}.md`, jobFair({ title: "寒假实习岗位来了", column: "students", publish_at: "2026-12-03 09:30", mode: "publish" }));
}

describe("the 期数 forecast (issue 15)", () => {
  it("publish --dry-run --post forecasts the number the post then goes out with, and the success line is not 'already'", async () => {
    writeStudentPosts();
    deps = sandboxDeps(c.dir);
    // The scheduler's first run after downtime: the old post is reported missed, not sent.
    await runPublisher(publisherFor(deps));
    expect(deps.stores.publications.find("default", MISSED)).toMatchObject({ state: "missed" });

    expect(await publishCommand(deps, ["--dry-run", "--post", NEW], out)).toBe(0);
    expect(output).toContain("标题：【轮青大学生】第1期 · 寒假实习岗位来了");

    output = "";
    expect(await publishCommand(deps, ["--post", NEW, "--now"], out)).toBe(0);
    const row = deps.stores.publications.find("default", NEW)!;
    expect(row).toMatchObject({ state: "published", issue: 1, articleTitle: "【轮青大学生】第1期 · 寒假实习岗位来了" });
    // The CLI's own words are another part's; what matters: the result line says published, not "already".
    const result = output.split("\n").find((l) => l.startsWith(NEW))!;
    expect(result).toMatch(/已发布/);
    expect(result).not.toMatch(/already|早已|不会重复/);
  }, 15_000);

  it("a missed or skipped post keeps no number in the forecast; the next post in the column gets the next one", () => {
    writeStudentPosts();
    c.writePost("2026-12-08-later.md", jobFair({ title: "更晚的一篇", column: "students", publish_at: "2026-12-08 09:30", mode: "publish" }));
    deps = sandboxDeps(c.dir);
    const { posts } = c.load();
    const store = deps.stores.publications;
    const now = new Date("2026-12-01T02:00:00Z");
    for (const post of posts) store.insert({ accountId: "default", slug: post.slug, columnId: post.columnId, mode: post.mode, postTitle: post.title, scheduledAt: post.publishAt }, { step: "scheduled" }, now);
    store.save({ ...store.find("default", MISSED)!, state: "missed" }, { step: "missed" }, now);
    const issues = upcomingIssues(posts, store.list("default"), (col) => store.lastIssue("default", col), { now });
    expect(issues.get(NEW)).toBe(1);
    expect(issues.get("2026-12-08-later")).toBe(2);
    // Sent after all by staff, the missed post would take the next free number.
    expect(issues.get(MISSED)).toBe(1);
  });
});

describe("following a send one started (publish --post waiting for the result)", () => {
  let t: Publishing;
  afterEach(() => t.close());

  it("reports a row the job-finish event completed meanwhile as published, not as 'already published'", async () => {
    t = await startPublishing();
    t.c.writePost(`${NEW}.md`, jobFair({ title: "寒假实习岗位来了", column: "students", publish_at: "2026-12-03 09:30", mode: "publish" }));
    expect((await t.run(NEW)).entries[0]).toMatchObject({ outcome: "submitted" });
    // The result arrives first through PUBLISHJOBFINISH (here: a poll from the scheduler's run).
    await t.settle();
    await t.advance(NEW);
    expect(t.store.find("default", NEW)).toMatchObject({ state: "published", issue: 1 });
    const followed = (await runPublisher(t.p, { only: NEW, follow: true })).entries[0]!;
    expect(followed.outcome).toBe("published");
    expect(followed.detail).toMatch(/^已发布：【轮青大学生】第1期 · 寒假实习岗位来了/);
    // Asked again later by a person, it is said plainly that it will not be sent twice.
    expect((await t.run(NEW)).entries[0]!.detail).toMatch(/^早已发布，不会重复发送：/);
    expect(t.h.sandbox.inspect().publications).toHaveLength(1);
  });
});
