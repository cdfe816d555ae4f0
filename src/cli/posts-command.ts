import { parseArgs } from "node:util";
import type { Deps } from "../deps";
import { loadPosts } from "../posts/load-posts";
import { describePublication } from "../publisher/publish-post";
import { publisherFor } from "../publisher/publisher";
import { upcomingIssues } from "../publisher/upcoming-issues";
import { EDITED_NOTE, editedSincePublished } from "../publisher/edited-since-published";
import { dayjs } from "../time";
import { formatTextTable } from "./format-table";

export const POSTS_USAGE = `  posts [--history SLUG]        list content/posts with time (北京 and 新疆), column, 期数 and ledger state;
                                --history: every recorded step of one post
`;

/** 新疆时间: UTC+6, common in daily life in 轮台 though official time is Beijing's (anchors.md D, lesson 1). */
const XINJIANG_OFFSET_MINUTES = 6 * 60;

/**
 * `npm run cli -- posts`: what the publisher knows: every post, when it goes out (Beijing time and
 * 新疆时间, so nobody schedules two hours off), its column and 期数, and what happened to it.
 */
export function postsCommand(deps: Deps, args: string[], out: (text: string) => void): number {
  const { values } = parseArgs({ args, options: { history: { type: "string" } } });
  const p = publisherFor(deps);
  if (values.history !== undefined) {
    const events = p.store.events(p.accountId, values.history);
    if (events.length === 0) {
      out(`no recorded steps for ${values.history}\n`);
      return 1;
    }
    for (const e of events) out(`${dayjs(e.at).tz(p.timezone).format("YYYY-MM-DD HH:mm:ss")}  ${e.step.padEnd(14)} ${e.state.padEnd(13)} ${e.detail ?? ""}\n`);
    return 0;
  }
  const { posts, errors } = loadPosts(p.contentDir, { timezone: p.timezone, columns: p.columns() });
  const rows = p.store.list(p.accountId);
  const bySlug = new Map(rows.map((r) => [r.slug, r]));
  const issues = upcomingIssues(posts, rows, (c) => p.store.lastIssue(p.accountId, c));
  const tableRows = posts
    .slice()
    .sort((a, b) => a.publishAt.getTime() - b.publishAt.getTime())
    .map((post) => {
      const row = bySlug.get(post.slug);
      const state = post.draft ? "draft" : (row?.state ?? "new");
      const issue = issues.get(post.slug);
      const confirmed = row?.state === "published";
      return {
        slug: post.slug,
        column: p.columns().get(post.columnId)?.name ?? post.columnId,
        mode: post.mode === "mass" ? "群发" : "发布",
        beijing: dayjs(post.publishAt).tz(p.timezone).format("MM-DD HH:mm"),
        xinjiang: dayjs(post.publishAt).utcOffset(XINJIANG_OFFSET_MINUTES).format("HH:mm"),
        issue: issue === undefined ? "—" : confirmed ? String(issue) : `${issue}?`,
        state,
        detail: post.draft
          ? "draft: true (not published)"
          : row
            ? `${editedSincePublished(row, post) ? `${EDITED_NOTE}; ` : ""}${describePublication(p, row)}`
            : "not yet seen by the scheduler",
      };
    });
  out(
    formatTextTable({
      id: "posts",
      caption: `posts in ${p.contentDir}/posts (期数 with ? is a forecast)`,
      columns: [
        { key: "slug", label: "post" },
        { key: "column", label: "栏目" },
        { key: "mode", label: "方式" },
        { key: "beijing", label: "北京时间" },
        { key: "xinjiang", label: "新疆时间" },
        { key: "issue", label: "期数" },
        { key: "state", label: "state" },
        { key: "detail", label: "detail" },
      ],
      rows: tableRows,
      empty: "(no posts yet: add content/posts/YYYY-MM-DD-name.md)",
    }) + "\n",
  );
  for (const r of rows.filter((r) => !posts.some((x) => x.slug === r.slug))) {
    out(`(ledger only) ${r.slug}: ${describePublication(p, r)}\n`);
  }
  if (errors.length > 0) {
    out(`\n${errors.length} problem(s); these posts are not published until fixed:\n${errors.map((e) => `  - ${e.message}`).join("\n")}\n`);
    return 1;
  }
  return 0;
}
