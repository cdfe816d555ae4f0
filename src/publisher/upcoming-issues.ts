import type { Publication, PublicationState } from "../db/stores/publication-store";
import { isExpiredDemo, type Post } from "../posts/post";
import { IN_FLIGHT } from "./pick-due";

/** Rows whose number is taken: published, or 草稿已建 (the draft in the 草稿箱 carries it). */
const NUMBERED: ReadonlySet<PublicationState> = new Set(["published", "draft_only"]);
/**
 * Rows the scheduler will not send by itself: missed, failed, cancelled, skipped. They take no
 * number from the posts behind them (issue 15: a missed post made the next one 第2期 in the
 * forecast while it went out as 第1期); sent after all by staff, they take the next free one.
 */
const NOT_AUTOMATIC: ReadonlySet<PublicationState> = new Set(["missed", "failed", "cancelled", "skipped"]);

export interface IssueForecastOptions {
  /** Now: a shipped example already past and untracked is never sent (isExpiredDemo), so it takes no number. */
  now: Date;
  /** The post about to be sent now (publish --post, 立即发布): it takes the column's next number, ahead of the queue. */
  sendNow?: string | undefined;
}

/**
 * The 期数 each post has or will probably get: the number of a published or under-way row, the
 * editor's own `issue:`, else the column's next numbers in publish_at order, counting only posts
 * the scheduler will send. A forecast for `posts`, `check`, dry runs and the 发布 page; the real
 * number is taken when publishing starts (issue-and-quota.ts issueForNow: the last committed
 * number + 1) and committed on success.
 */
export function upcomingIssues(
  posts: readonly Post[],
  rows: readonly Publication[],
  lastIssue: (columnId: string) => number,
  options: IssueForecastOptions,
): Map<string, number> {
  const bySlug = new Map(rows.map((r) => [r.slug, r]));
  const next = new Map<string, number>();
  const counter = (columnId: string) => {
    if (!next.has(columnId)) {
      const inFlight = rows.filter((r) => r.columnId === columnId && IN_FLIGHT.has(r.state) && r.issue !== null).map((r) => r.issue!);
      next.set(columnId, Math.max(lastIssue(columnId), ...inFlight));
    }
    return next.get(columnId)!;
  };
  const issues = new Map<string, number>();
  const taken = (post: Post) => {
    const row = bySlug.get(post.slug);
    return row && row.issue !== null && (NUMBERED.has(row.state) || IN_FLIGHT.has(row.state)) ? row.issue : undefined;
  };
  const now = options.sendNow === undefined ? undefined : posts.find((x) => x.slug === options.sendNow);
  if (now && !now.draft && taken(now) === undefined) {
    // Sent now it starts at once: the editor's number, else the column's last committed one + 1.
    const n = now.issue ?? lastIssue(now.columnId) + 1;
    issues.set(now.slug, n);
    if (now.issue === undefined) next.set(now.columnId, Math.max(counter(now.columnId), n));
  }
  for (const post of [...posts].sort((a, b) => a.publishAt.getTime() - b.publishAt.getTime())) {
    if (issues.has(post.slug)) continue;
    const row = bySlug.get(post.slug);
    const own = taken(post);
    if (own !== undefined) {
      issues.set(post.slug, own);
    } else if (post.issue !== undefined) {
      issues.set(post.slug, post.issue);
    } else if (post.draft || (row && NOT_AUTOMATIC.has(row.state)) || isExpiredDemo(post, options.now, row !== undefined)) {
      issues.set(post.slug, counter(post.columnId) + 1);
    } else {
      const n = counter(post.columnId) + 1;
      next.set(post.columnId, n);
      issues.set(post.slug, n);
    }
  }
  return issues;
}
