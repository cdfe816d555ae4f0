import type { Publication } from "../../src/db/stores/publication-store";
import type { Post } from "../../src/posts/post";
import { planRun, planSync } from "../../src/publisher/pick-due";

const NOW = new Date("2026-12-01T02:00:00Z"); // 10:00 Beijing
const HOUR = 3600_000;
const at = (hoursFromNow: number) => new Date(NOW.getTime() + hoursFromNow * HOUR);

function post(slug: string, o: Partial<Post> = {}): Post {
  return {
    slug, file: `/c/posts/${slug}.md`, dir: "/c/posts", title: `标题 ${slug}`, columnId: "careers", publishAt: at(-1), publishAtText: "", author: undefined,
    digest: undefined, cover: { kind: "auto" }, mode: "mass", type: "article", draft: false, issue: undefined, sourceUrl: undefined, comments: "off", body: "正文",
    bodyLine: 6, sourceHash: "h", ...o,
  };
}
function row(slug: string, o: Partial<Publication> = {}): Publication {
  return {
    accountId: "default", slug, columnId: "careers", mode: "mass", postTitle: `标题 ${slug}`, scheduledAt: at(-1), state: "scheduled", issue: null,
    articleTitle: null, digest: null, contentHash: null, coverMediaId: null, coverUrl: null, draftRequestedAt: null, draftMediaId: null, draftedAt: null,
    submitRequestedAt: null, clientMsgId: null, publishId: null, msgId: null, msgDataId: null, submittedAt: null, articleId: null, articleUrl: null,
    publishedAt: null, sentCount: null, errorCount: null, failureCode: null, failureReason: null, attempts: 0, nextAttemptAt: null, leaseOwner: null,
    leaseUntil: new Date(0), revision: 0, createdAt: NOW, updatedAt: NOW, ...o,
  };
}
const kinds = (actions: { kind: string; row?: { slug: string }; post?: { slug: string } }[]) =>
  actions.map((a) => `${a.kind} ${a.row?.slug ?? a.post?.slug}`);

describe("planSync", () => {
  it("tracks new posts, leaves draft posts out", () => {
    expect(kinds(planSync([post("a"), post("b", { draft: true })], []))).toEqual(["track a"]);
  });

  it("updates a scheduled row when the editor changes time, title, column or mode", () => {
    const rows = [row("a"), row("b"), row("c"), row("d"), row("e")];
    const posts = [post("a", { publishAt: at(5) }), post("b", { title: "新标题" }), post("c", { columnId: "news" }), post("d", { mode: "publish" }), post("e")];
    expect(kinds(planSync(posts, rows))).toEqual(["update a", "update b", "update c", "update d"]);
  });

  it("reschedules missed and failed rows only when publish_at changes; brings back cancelled ones", () => {
    const rows = [row("m", { state: "missed" }), row("f", { state: "failed" }), row("m2", { state: "missed" }), row("c", { state: "cancelled" })];
    const posts = [post("m", { publishAt: at(2) }), post("f", { publishAt: at(3) }), post("m2"), post("c")];
    expect(kinds(planSync(posts, rows))).toEqual(["update m", "update f", "update c"]);
  });

  it("never touches rows under way or published", () => {
    const states = ["rendering", "drafted", "submitted", "published"] as const;
    const rows = states.map((s) => row(s, { state: s }));
    expect(planSync(states.map((s) => post(s, { publishAt: at(9), title: "改" })), rows)).toEqual([]);
  });

  it("cancels scheduled (or quota-waiting) rows whose file is gone or marked draft", () => {
    const rows = [row("gone"), row("drafty"), row("wq", { state: "waiting_quota" }), row("sent", { state: "submitted" })];
    expect(planSync([post("drafty", { draft: true })], rows).map((a) => [a.kind, a.kind === "cancel" ? a.reason : ""])).toEqual([
      ["cancel", "the post file was removed"],
      ["cancel", "the post is marked draft: true"],
      ["cancel", "the post file was removed"],
    ]);
  });
});

describe("planRun", () => {
  const plan = (rows: Publication[], posts: Post[] = rows.map((r) => post(r.slug, { columnId: r.columnId })), catchUpMs = 2 * HOUR) =>
    planRun({ posts, rows, now: NOW, catchUpMs });

  it("publishes what is due within the catch-up window, oldest first, and waits for the future", () => {
    const rows = [row("later", { scheduledAt: at(1) }), row("b", { scheduledAt: at(-0.5), columnId: "news" }), row("a", { scheduledAt: at(-1.9) })];
    expect(kinds(plan(rows))).toEqual(["publish a", "publish b"]);
  });

  it("reports a never-started post as missed beyond the catch-up window, with how late it is", () => {
    const actions = plan([row("old", { scheduledAt: at(-3) })]);
    expect(actions).toEqual([expect.objectContaining({ kind: "miss", lateMs: 3 * HOUR })]);
    expect(kinds(plan([row("old", { scheduledAt: at(-3) })], undefined, 4 * HOUR))).toEqual(["publish old"]);
    expect(kinds(plan([row("zero", { scheduledAt: at(-0.01) })], undefined, 0))).toEqual(["miss zero"]);
  });

  it("publishes one post per column at a time, holding the next behind it (issue numbers stay in order)", () => {
    const rows = [row("first", { scheduledAt: at(-1) }), row("second", { scheduledAt: at(-0.5) }), row("other", { columnId: "news" })];
    expect(plan(rows).map((a) => (a.kind === "hold" ? `hold ${a.row.slug} behind ${a.behind}` : `${a.kind} ${a.row.slug}`))).toEqual([
      "publish first",
      "publish other",
      "hold second behind first",
    ]);
    const underWay = [row("sent", { state: "submitted" }), row("next")];
    expect(kinds(plan(underWay))).toEqual(["resume sent", "hold next"]);
    expect(kinds(plan([row("wq", { state: "waiting_quota", nextAttemptAt: at(20) }), row("next")]))).toEqual(["hold next"]);
  });

  it("resumes rows under way unless they wait for a retry; resumes quota waits when their window opens", () => {
    const rows = [
      row("r", { state: "rendering", columnId: "a" }),
      row("d", { state: "drafted", columnId: "b", nextAttemptAt: at(0.5) }),
      row("s", { state: "submitted", columnId: "c", nextAttemptAt: at(-0.1) }),
      row("q", { state: "waiting_quota", columnId: "d", nextAttemptAt: at(-0.1) }),
      row("q2", { state: "waiting_quota", columnId: "e", nextAttemptAt: at(3) }),
    ];
    expect(kinds(plan(rows))).toEqual(["resume r", "resume s", "publish q"]);
  });

  it("ignores published, failed, missed, cancelled rows and scheduled ones waiting for a retry", () => {
    const rows = (["published", "failed", "missed", "cancelled"] as const).map((s, i) => row(s, { state: s, columnId: `c${i}` }));
    expect(plan([...rows, row("retry", { nextAttemptAt: at(1), columnId: "x" })])).toEqual([]);
  });

  it("passes the post along (undefined when its file is gone)", () => {
    const [a] = plan([row("a")], []);
    expect(a).toMatchObject({ kind: "publish", post: undefined });
  });
});
