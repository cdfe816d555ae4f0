import { closeDeps } from "../../src/build-deps";
import type { Deps } from "../../src/deps";
import { postsCommand, type PostListing } from "../../src/cli/posts-command";
import { publishCommand } from "../../src/cli/publish-command";
import { formatTextTable } from "../../src/cli/format-table";
import { FIXTURE_CONTENT, jobFair, makeContentDir, type ContentDir } from "../posts/content-dir";
import { capture, displayWidth, sandboxDeps } from "./cli-harness";

let deps: Deps | undefined;
let c: ContentDir | undefined;
afterEach(() => {
  if (deps) closeDeps(deps);
  c?.remove();
  deps = undefined;
  c = undefined;
});

/** The display column where `label` starts on the header line, and where each row's cell starts. */
function columnStarts(lines: string[], index: number): number[] {
  return lines.map((line) => {
    const cells = line.split(/ {2,}/);
    const before = line.slice(0, line.indexOf(cells[index]!, cells.slice(0, index).join("  ").length));
    return displayWidth(before);
  });
}

describe("posts, for people", () => {
  it("says in Chinese, in Beijing time with the zone named, what will happen to each post (whatever TZ the server has)", () => {
    deps = sandboxDeps(FIXTURE_CONTENT);
    const o = capture();
    expect(postsCommand(deps, [], o.out)).toBe(0);
    const lines = o.text.trimEnd().split("\n");
    expect(lines[0]).toBe(`## ${FIXTURE_CONTENT}/posts 的稿件（期数带 ? 的是预计）`);
    expect(lines[1]!.split(/\s{2,}/)).toEqual(["稿件", "栏目", "期数", "状态", "北京时间", "将会 / 结果"]);
    const row = (slug: string) => lines.find((l) => l.startsWith(slug))!.split(/\s{2,}/);
    expect(row("2026-12-04-jujube-farmer-role-model")).toEqual([
      "2026-12-04-jujube-farmer-role-model",
      expect.any(String),
      "第1期?",
      "待发布",
      "12月4日 20:00",
      "北京时间 12月4日 20:00 群发给全部关注者（当天的群发次数：0/1）",
    ]);
    expect(row("2026-12-08-winter-break-internships").slice(3)).toEqual(["待发布", "12月8日 12:00", "北京时间 12月8日 12:00 发布（不推送给关注者，在公众号主页和搜索中可见）"]);
    // A shipped example already past when first seen (demo: true, 09:00 < 10:00): never sent, never "missed".
    expect(row("2026-12-01-county-job-fair").slice(2)).toEqual(["—", "示例", "12月1日 09:00", "示例稿件，发布时间已过，只作示例，不会发送"]);
    expect(o.text).not.toMatch(/\b(scheduled|new|published|not yet seen)\b/);
  });

  it("aligns columns by display width, Chinese characters taking two", () => {
    deps = sandboxDeps(FIXTURE_CONTENT);
    const o = capture();
    postsCommand(deps, [], o.out);
    const lines = o.text.trimEnd().split("\n").slice(1).filter((l) => !l.startsWith("-"));
    for (const index of [1, 2, 3, 4, 5]) {
      const starts = columnStarts(lines, index);
      expect(new Set(starts).size).toBe(1);
    }
    const text = formatTextTable({
      id: "t",
      caption: "对齐",
      columns: [{ key: "a", label: "栏目" }, { key: "b", label: "n", numeric: true }],
      rows: [{ a: "轮青诚聘", b: 12290 }, { a: "news", b: 3 }],
    });
    expect(text.split("\n").slice(1)).toEqual(["栏目           n", "--------  ------", "轮青诚聘  12,290", "news           3"]);
  });

  it("shows a sent post's result and the 送达人数, and the next day's quota used", async () => {
    c = makeContentDir();
    c.writePost("2026-12-01-job-fair.md", jobFair({ publish_at: "2026-12-01 09:30", mode: "mass" }));
    c.writePost("2026-12-01-second.md", jobFair({ title: "第二篇群发", column: "news", publish_at: "2026-12-01 20:00", mode: "mass" }));
    deps = sandboxDeps(c.dir);
    expect(await publishCommand(deps, ["--post", "2026-12-01-job-fair"], () => {})).toBe(0);
    const o = capture();
    postsCommand(deps, [], o.out);
    const sent = deps.stores.publications.find("default", "2026-12-01-job-fair")!;
    expect(sent.sentCount).toBeGreaterThan(0);
    expect(o.text).toContain(`已群发`);
    expect(o.text).toContain(`北京时间 12月1日 10:00 已群发，送达 ${sent.sentCount!.toLocaleString("en-US")} 人 http://mp.weixin.qq.com/s/`);
    expect(o.text).toContain("北京时间 12月1日 20:00 群发给全部关注者（当天的群发次数：1/1）");
  }, 15_000);

  it("--json gives stable keys and ISO times", () => {
    deps = sandboxDeps(FIXTURE_CONTENT);
    const o = capture();
    expect(postsCommand(deps, ["--json"], o.out)).toBe(0);
    const parsed = JSON.parse(o.text) as { timezone: string; posts: PostListing[]; problems: unknown[] };
    expect(parsed.timezone).toBe("Asia/Shanghai");
    expect(parsed.problems).toEqual([]);
    const jujube = parsed.posts.find((p) => p.slug === "2026-12-04-jujube-farmer-role-model")!;
    expect(jujube).toEqual({
      slug: "2026-12-04-jujube-farmer-role-model",
      title: "返乡青年买买提：把红枣卖向全国",
      column: "inspiration",
      columnName: expect.any(String),
      mode: "mass",
      publishAt: "2026-12-04T12:00:00.000Z",
      issue: 1,
      issueConfirmed: false,
      state: "new",
      stateName: "待发布",
      plan: "北京时间 12月4日 20:00 群发给全部关注者（当天的群发次数：0/1）",
      editedSincePublished: false,
    });
  });

  it("lists problems in Chinese and the history of one post in Beijing time", async () => {
    c = makeContentDir();
    c.writePost("2026-12-01-job-fair.md", jobFair({ publish_at: "2026-12-01 09:30", mode: "publish" }));
    c.writePost("2026-12-02-bad.md", jobFair({ mode: "push" }));
    deps = sandboxDeps(c.dir);
    await publishCommand(deps, ["--post", "2026-12-01-job-fair", "--no-wait"], () => {});
    let o = capture();
    expect(postsCommand(deps, [], o.out)).toBe(1);
    expect(o.text).toContain("1 个问题；这些稿件改好之前不会发布：");
    o = capture();
    expect(postsCommand(deps, ["--history", "2026-12-01-job-fair"], o.out)).toBe(0);
    expect(o.text).toContain("## 2026-12-01-job-fair 的每一步（北京时间）");
    expect(o.text).toMatch(/12月1日 10:00:00 {2,}scheduled/);
    o = capture();
    expect(postsCommand(deps, ["--history", "nope"], o.out)).toBe(1);
    expect(o.text).toBe("没有 nope 的记录：检查稿件名（不带 .md），npm run cli -- posts 列出全部稿件\n");
  }, 15_000);
});
