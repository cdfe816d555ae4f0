import { addDays, dayStart } from "../../stats/dates";
import type { DateRange } from "./page-model";
import type { Publication } from "../../db/stores/publication-store";
import type { ContentError } from "../../errors";
import { describePlan, zoneName, type MassQuotaFacts } from "../../posts/describe-plan";
import type { Post } from "../../posts/post";
import { approvalDeadline } from "../../publisher/follow-approval";
import { upcomingIssues } from "../../publisher/upcoming-issues";
import { dayjs } from "../../time";
import { label, STATE_HINTS, STATE_LABELS } from "./labels";

/** The buttons of the 发布 page; each asks for confirmation first (dashboard-publish-routes.ts). */
export const PUBLISH_ACTIONS = ["publish", "retry", "skip", "reschedule"] as const;
export type PublishAction = (typeof PUBLISH_ACTIONS)[number];

export const ACTION_LABELS: Record<PublishAction, string> = { publish: "立即发布", retry: "重试", skip: "跳过", reschedule: "改时间" };

/** One post or ledger row as the 发布 page shows it (a table row on a desk, a card on a phone). */
export interface PublishItem {
  slug: string;
  title: string;
  column: string;
  /** "第3期", "第3期（预计）" or "—". */
  issue: string;
  /** "北京时间 12月8日 20:00": when it is (or was) due, or when it went out. */
  at: string;
  /** What will happen, in words (describePlan), for posts not sent yet. */
  plan: string | null;
  /** The ledger state as staff read it: 已发布, 等待管理员确认（截止 20:30）… */
  state: string;
  stateKey: string;
  /** Why it failed, was skipped or stopped, as the publisher recorded it. */
  reason: string | null;
  /** What to do about it. */
  hint: string | null;
  sentCount: number | null;
  actions: PublishAction[];
}

export interface PublishPageInput {
  posts: readonly Post[];
  /** Problems of posts that loadPosts left out (they are not published until fixed). */
  errors: readonly ContentError[];
  rows: readonly Publication[];
  lastIssue(columnId: string): number;
  columnName(id: string): string;
  /** The 群发 quota of the day (or month) an instant falls in. */
  quotaAt(at: Date): MassQuotaFacts;
  now: Date;
  timezone: string;
  /** 微信认证 (describePlan: unverified accounts only make drafts). */
  verified: boolean;
  /** Recent publications: the ledger rows due or sent in this range. */
  range: DateRange;
}

export interface PublishPageModel {
  upcoming: PublishItem[];
  problems: { file: string; messages: string[] }[];
  recent: PublishItem[];
}

export const UPCOMING_DAYS = 14;

/** Rows not sent yet, whose post the scheduler will still send on its own. */
const WAITING = new Set(["scheduled", "waiting_quota"]);
/** Nothing was sent: the time can still change (pick-due.ts replans these on a new publish_at). */
const RESCHEDULABLE = new Set(["scheduled", "waiting_quota", "missed", "failed", "cancelled", "skipped"]);

/** The buttons a row offers; staff-actions.ts has the last word when one is pressed. */
export function actionsFor(state: string | undefined, post: Post | undefined): PublishAction[] {
  const onDisk = post !== undefined && !post.draft;
  const reschedule: PublishAction[] = onDisk && (state === undefined || RESCHEDULABLE.has(state)) ? ["reschedule"] : [];
  // Skipping needs a ledger row (the scheduler adds one within a minute of a new file).
  if (state === undefined) return onDisk ? ["publish", ...reschedule] : [];
  if (WAITING.has(state)) return onDisk ? ["publish", "skip", ...reschedule] : ["skip"];
  if (state === "missed") return onDisk ? ["publish", "skip", ...reschedule] : ["skip"];
  if (state === "failed") return ["retry", "skip", ...reschedule];
  if (state === "skipped") return onDisk ? ["publish", ...reschedule] : [];
  return [];
}

/** "等待管理员确认（截止 20:30）" and the other states in Chinese. */
export function stateLabel(row: Pick<Publication, "state" | "submittedAt" | "mode"> | undefined, post: Post | undefined, timezone: string, now: Date): string {
  if (!row) {
    if (post?.draft) return "草稿（不发布）";
    return post && post.publishAt.getTime() <= now.getTime() ? "已过时间，尚未发送" : "待发布";
  }
  if (row.state === "published" && row.mode === "mass") return "已群发";
  const deadline = approvalDeadline(row);
  if (deadline) return `${label(STATE_LABELS, row.state)}（截止 ${dayjs(deadline).tz(timezone).format("HH:mm")}）`;
  return label(STATE_LABELS, row.state);
}

/**
 * The 发布 page: the next 14 days' posts first (from content/posts and the ledger: what will
 * happen, in words, and the 期数 forecast), posts with problems, then the ledger's recent rows,
 * each with its state and reason in Chinese and the buttons that apply.
 */
export function presentPublishPage(input: PublishPageInput): PublishPageModel {
  const { posts, rows, now, timezone } = input;
  const bySlug = new Map(rows.map((r) => [r.slug, r]));
  const postOf = new Map(posts.map((p) => [p.slug, p]));
  const issues = upcomingIssues(posts, rows, input.lastIssue, { now });
  const horizon = now.getTime() + UPCOMING_DAYS * 86_400_000;
  const when = (d: Date) => `${zoneName(timezone)} ${dayjs(d).tz(timezone).format("M月D日 HH:mm")}`;

  const upcomingPosts = posts
    .filter((p) => {
      const row = bySlug.get(p.slug);
      if (row && !WAITING.has(row.state)) return false;
      const t = p.publishAt.getTime();
      // Due but not tracked yet (the scheduler runs each minute): shown for a day so staff can act;
      // older ones are the scheduler's to call missed, and shipped demos never count.
      return t <= horizon && (row !== undefined || t > now.getTime() || (!p.draft && !p.demo && t > now.getTime() - 86_400_000));
    })
    .sort((a, b) => a.publishAt.getTime() - b.publishAt.getTime());

  const upcoming = upcomingPosts.map((post): PublishItem => {
    const row = bySlug.get(post.slug);
    const n = issues.get(post.slug);
    const at = row?.state === "waiting_quota" && row.nextAttemptAt ? row.nextAttemptAt : post.publishAt;
    return {
      slug: post.slug,
      title: post.title,
      column: input.columnName(post.columnId),
      issue: n === undefined ? "—" : `第${n}期（预计）`,
      at: when(post.publishAt),
      plan: post.draft ? "draft: true：不会发布（在稿件页面取消“草稿”后才会安排）" : describePlan({ mode: post.mode, at, timezone, now, quota: post.mode === "mass" ? input.quotaAt(at) : undefined, verified: input.verified }),
      state: stateLabel(row, post, timezone, now),
      stateKey: row?.state ?? (post.draft ? "draft" : "new"),
      reason: row?.failureReason && row.state === "waiting_quota" ? row.failureReason : null,
      hint: row ? (STATE_HINTS[row.state] ?? null) : null,
      sentCount: null,
      actions: actionsFor(row?.state, post),
    };
  });

  const shown = new Set(upcoming.map((u) => u.slug));
  const from = dayStart(input.range.from, timezone);
  const to = dayStart(addDays(input.range.to, 1), timezone);
  const recent = rows
    .filter((r) => !shown.has(r.slug))
    .filter((r) => {
      const t = (r.publishedAt ?? r.scheduledAt).getTime();
      // A row still needing staff (failed, missed, waiting for approval) stays in view whatever the range.
      return (t >= from && t < to) || ["failed", "missed", "awaiting_approval", "draft_only"].includes(r.state);
    })
    .sort((a, b) => (b.publishedAt ?? b.scheduledAt).getTime() - (a.publishedAt ?? a.scheduledAt).getTime())
    .map((r): PublishItem => {
      const post = postOf.get(r.slug);
      const issue = r.issue === null ? "—" : r.state === "published" || r.state === "draft_only" ? `第${r.issue}期` : `第${r.issue}期（预计）`;
      return {
        slug: r.slug,
        title: r.articleTitle ?? r.postTitle,
        column: input.columnName(r.columnId),
        issue,
        at: when(r.publishedAt ?? r.scheduledAt),
        plan: null,
        state: stateLabel(r, post, timezone, now),
        stateKey: r.state,
        reason: r.failureReason,
        hint: STATE_HINTS[r.state] ?? null,
        sentCount: r.sentCount,
        actions: actionsFor(r.state, post),
      };
    });

  const problems = [...groupBy(input.errors, (e) => e.file)].map(([file, list]) => ({ file, messages: list.map((e) => e.message) }));
  return { upcoming, problems, recent };
}

function groupBy<T>(items: readonly T[], key: (t: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const i of items) m.set(key(i), [...(m.get(key(i)) ?? []), i]);
  return m;
}
