import type { Publication } from "../db/stores/publication-store";
import type { Post } from "../posts/post";
import { IN_FLIGHT } from "./pick-due";

/**
 * The 期数 each post has or will probably get: the number of a published or under-way row, the
 * editor's own `issue:`, else the column's next numbers in publish_at order. A forecast for `posts`,
 * `check` and dry runs; the real number is taken when publishing starts and committed on success.
 */
export function upcomingIssues(posts: readonly Post[], rows: readonly Publication[], lastIssue: (columnId: string) => number): Map<string, number> {
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
  for (const post of [...posts].sort((a, b) => a.publishAt.getTime() - b.publishAt.getTime())) {
    const row = bySlug.get(post.slug);
    if (row && row.issue !== null && (row.state === "published" || IN_FLIGHT.has(row.state))) {
      issues.set(post.slug, row.issue);
    } else if (post.issue !== undefined) {
      issues.set(post.slug, post.issue);
    } else if (post.draft) {
      issues.set(post.slug, counter(post.columnId) + 1);
    } else {
      const n = counter(post.columnId) + 1;
      next.set(post.columnId, n);
      issues.set(post.slug, n);
    }
  }
  return issues;
}
