import type { Publication, PublicationState } from "../db/stores/publication-store";
import { isExpiredDemo, type Post } from "../posts/post";

/**
 * Pure decisions of one publisher run, from the posts on disk, the ledger and the time. The runner
 * (run-publisher.ts) carries them out. Two phases: keep the ledger in step with the files
 * (planSync), then decide what to do with each row (planRun).
 */

export type SyncAction =
  /** A new post: add a scheduled row. */
  | { kind: "track"; post: Post }
  /** The editor changed a post that has not been sent: new time, title, column or mode; back to scheduled. */
  | { kind: "update"; post: Post; row: Publication }
  /** The file is gone or set to `draft: true` before anything was sent. */
  | { kind: "cancel"; row: Publication; reason: string };

export type RunAction =
  /** Due now: start (or retry) publishing. */
  | { kind: "publish"; row: Publication; post: Post | undefined }
  /** Already under way (rendering, drafted, submitted): carry on, or ask WeChat for the job's result. */
  | { kind: "resume"; row: Publication; post: Post | undefined }
  /** Due longer ago than the catch-up window and never started: not sent, reported. */
  | { kind: "miss"; row: Publication; post: Post | undefined; lateMs: number }
  /** Due, but an earlier post of the same column is still under way (issue numbers stay in order). */
  | { kind: "hold"; row: Publication; post: Post | undefined; behind: string };

/** A row under way: it holds its column's next issue number. */
export const IN_FLIGHT: ReadonlySet<PublicationState> = new Set(["rendering", "drafted", "submitted", "waiting_quota", "awaiting_approval"]);
/** A row that can be re-planned when its post changes. */
const REPLANNABLE: ReadonlySet<PublicationState> = new Set(["scheduled", "missed", "failed", "cancelled", "skipped"]);

/**
 * @param now given, a demo post (`demo: true`, the shipped examples) whose time had passed when it is
 *   first seen is an example, not a post to send: it is never tracked, so a fresh install starts with
 *   nothing "missed" (issue 15). A demo post still ahead is tracked like any other.
 * @param requested the post a person asked to send now (`publish --post`): tracked even if it is
 *   such an example, since sending it is what they asked for (README, "Trying it").
 */
export function planSync(posts: readonly Post[], rows: readonly Publication[], now?: Date, requested?: string): SyncAction[] {
  const actions: SyncAction[] = [];
  const bySlug = new Map(rows.map((r) => [r.slug, r]));
  const live = new Map(posts.filter((p) => !p.draft).map((p) => [p.slug, p]));
  for (const post of live.values()) {
    const row = bySlug.get(post.slug);
    if (!row) {
      if (now !== undefined && post.slug !== requested && isExpiredDemo(post, now, false)) continue;
      actions.push({ kind: "track", post });
      continue;
    }
    if (!REPLANNABLE.has(row.state)) continue;
    const timeChanged = row.scheduledAt.getTime() !== post.publishAt.getTime();
    const detailsChanged = row.columnId !== post.columnId || row.mode !== post.mode || row.postTitle !== post.title;
    // scheduled: any change applies. missed / failed / skipped: a new publish_at is how an editor
    // reschedules. cancelled: the post is back.
    if (
      (row.state === "scheduled" && (timeChanged || detailsChanged)) ||
      ((row.state === "missed" || row.state === "failed" || row.state === "skipped") && timeChanged) ||
      row.state === "cancelled"
    ) {
      actions.push({ kind: "update", post, row });
    }
  }
  for (const row of rows) {
    if ((row.state === "scheduled" || row.state === "waiting_quota") && !live.has(row.slug)) {
      const onDisk = posts.find((p) => p.slug === row.slug);
      actions.push({ kind: "cancel", row, reason: onDisk ? "the post is marked draft: true" : "the post file was removed" });
    }
  }
  return actions;
}

export interface PlanRunInput {
  posts: readonly Post[];
  rows: readonly Publication[];
  now: Date;
  /** How late a post may still go out after downtime (anchors.md D, lesson 2); later ones are missed. */
  catchUpMs: number;
}

const due = (at: Date | null, now: Date) => at === null || at.getTime() <= now.getTime();

export function planRun({ posts, rows, now, catchUpMs }: PlanRunInput): RunAction[] {
  const postOf = new Map(posts.filter((p) => !p.draft).map((p) => [p.slug, p]));
  const actions: RunAction[] = [];
  /** column → the slug holding its next issue. */
  const busy = new Map<string, string>();
  for (const row of rows) if (IN_FLIGHT.has(row.state)) busy.set(row.columnId, row.slug);

  for (const row of [...rows].sort((a, b) => a.scheduledAt.getTime() - b.scheduledAt.getTime())) {
    const post = postOf.get(row.slug);
    if (row.state === "rendering" || row.state === "drafted" || row.state === "submitted" || row.state === "awaiting_approval") {
      if (due(row.nextAttemptAt, now)) actions.push({ kind: "resume", row, post });
      continue;
    }
    if (row.state === "waiting_quota") {
      if (due(row.nextAttemptAt, now)) actions.push({ kind: "publish", row, post });
      continue;
    }
    if (row.state !== "scheduled" || row.scheduledAt.getTime() > now.getTime() || !due(row.nextAttemptAt, now)) continue;
    const lateMs = now.getTime() - row.scheduledAt.getTime();
    // A post already tried (and waiting for a retry) was on time; only a never-started one is missed.
    if (row.attempts === 0 && lateMs > catchUpMs) {
      actions.push({ kind: "miss", row, post, lateMs });
      continue;
    }
    const holder = busy.get(row.columnId);
    if (holder !== undefined && holder !== row.slug) {
      actions.push({ kind: "hold", row, post, behind: holder });
      continue;
    }
    busy.set(row.columnId, row.slug);
    actions.push({ kind: "publish", row, post });
  }
  return actions;
}
