import { ContentError } from "../errors";
import type { Publication } from "../db/stores/publication-store";
import type { Post } from "../posts/post";
import { dayjs } from "../time";
import { PostProblems } from "./failure-policy";
import { cancel, FRESH, hook, save, WITHDRAWN, type Next } from "./ledger-steps";
import { massQuota } from "./mass-quota";
import type { Publisher } from "./publisher";

/**
 * The account's side of publishing: which 期数 a post carries and whether the 群发 quota lets it
 * go now. The number is taken here and committed only on success (apply-result.ts), so a draft
 * that is never sent never uses one up.
 */

const OWN_COUNT = "按本系统的记录，群发次数已用完（订阅号每天 1 次，服务号每月 4 次）";

/** scheduled → rendering: the attempt and the issue (期数) this post will carry. */
export function start(p: Publisher, row: Publication, post: Post | undefined): Next {
  if (!post) return cancel(p, row, WITHDRAWN);
  if (!p.columns().get(post.columnId)) throw new PostProblems([new ContentError(post.file, `栏目 "${post.columnId}" 不在 columns.yml 中：请改 column`, { field: "column" })]);
  let mode = post.mode;
  if (post.mode === "mass") {
    const until = quotaBlockedUntil(p, row);
    if (until && p.quotaFallback === "publish") {
      mode = "publish";
      p.log.warn({ post: row.slug }, "no 群发 quota left: going out as 发布 (PUBLISH_QUOTA_FALLBACK=publish)");
    } else if (until) return waitForQuota(p, { ...row, mode: post.mode }, until, OWN_COUNT);
  }
  const issue = issueForNow(p, post);
  const saved = save(
    p,
    {
      ...row,
      ...FRESH,
      state: "rendering",
      columnId: post.columnId,
      mode,
      postTitle: post.title,
      scheduledAt: post.publishAt,
      issue,
      contentHash: post.sourceHash,
      attempts: row.attempts + 1,
    },
    { step: "render", detail: `attempt ${row.attempts + 1}, issue ${issue}` },
  );
  if (saved) hook(p, "rendering", saved);
  return "continue";
}

/**
 * The 期数 a post gets when it starts now: the editor's own `issue:`, else the column's last
 * committed number + 1. Forecasts (upcoming-issues.ts) follow the same rule.
 */
export function issueForNow(p: Pick<Publisher, "store" | "accountId">, post: Pick<Post, "issue" | "columnId">): number {
  return post.issue ?? p.store.lastIssue(p.accountId, post.columnId) + 1;
}

/** When a 群发 may go out again (at the post's own time of day), or undefined when it may now. */
export function quotaBlockedUntil(p: Publisher, row: Publication): Date | undefined {
  const { freesAt } = massQuota({ store: p.store, accountId: p.accountId, accountType: p.accountType, timezone: p.timezone, at: p.clock.now() });
  return freesAt && atTimeOfDay(p, freesAt, row.scheduledAt);
}

/** The next quota window after a 45028: by our count, else tomorrow at the post's own time of day. */
export function nextQuotaWindow(p: Publisher, row: Publication): Date {
  return quotaBlockedUntil(p, row) ?? atTimeOfDay(p, dayjs(p.clock.now()).tz(p.timezone).add(1, "day").startOf("day").toDate(), row.scheduledAt);
}

function atTimeOfDay(p: Publisher, day: Date, timeOf: Date): Date {
  const time = dayjs(timeOf).tz(p.timezone);
  return dayjs(day).tz(p.timezone).hour(time.hour()).minute(time.minute()).second(0).millisecond(0).toDate();
}

export function waitForQuota(p: Publisher, row: Publication, until: Date, reason: string): Next {
  const when = dayjs(until).tz(p.timezone).format("M月D日 HH:mm");
  const text = `${reason}：将在 ${when} 自动群发，无需操作`;
  save(p, { ...row, state: "waiting_quota", nextAttemptAt: until, failureCode: "quota", failureReason: text }, { step: "waiting_quota", detail: `${text}; next try ${until.toISOString()}` });
  p.log.warn({ post: row.slug, until, reason }, "waiting for 群发 quota");
  return "stop";
}

/**
 * PUBLISH_QUOTA_FALLBACK=publish: the drafted mass send goes out as 发布 (freepublish) instead of
 * waiting; the same draft serves both (api_freepublish_submit takes the draft's media_id).
 */
export function fallBackToPublish(p: Publisher, row: Publication, reason: string): Next {
  save(p, { ...row, mode: "publish", nextAttemptAt: null, failureCode: null, failureReason: null }, { step: "quota_fallback", detail: `${reason}; going out as 发布 (not pushed)` });
  p.log.warn({ post: row.slug, reason }, "no 群发 quota left: going out as 发布 (PUBLISH_QUOTA_FALLBACK=publish)");
  return "continue";
}

/** Before a mass send: wait, or fall back to 发布, when our own count says the quota is used up. */
export function checkQuotaBeforeSend(p: Publisher, row: Publication): Next | undefined {
  const until = quotaBlockedUntil(p, row);
  if (until && p.quotaFallback === "publish") return fallBackToPublish(p, row, OWN_COUNT);
  if (until) return waitForQuota(p, row, until, OWN_COUNT);
  return undefined;
}

/** waiting_quota → drafted (the draft is still current) or → scheduled (no draft yet, or the post changed). */
export function resumeAfterQuota(p: Publisher, row: Publication, post: Post | undefined): Next {
  if (!post) return cancel(p, row, WITHDRAWN);
  if (row.draftMediaId !== null && row.contentHash === post.sourceHash) {
    save(p, { ...row, state: "drafted", nextAttemptAt: null, failureCode: null, failureReason: null, attempts: 0 }, { step: "quota_window" });
  } else {
    save(p, { ...row, ...FRESH, state: "scheduled", attempts: 0 }, { step: "quota_window", detail: row.draftMediaId ? "post changed; new draft" : undefined });
  }
  return "continue";
}
