import type { Publication } from "../db/stores/publication-store";
import { ContentError } from "../errors";
import { loadPosts } from "../posts/load-posts";
import type { Post } from "../posts/post";
import { zoneName } from "../posts/describe-plan";
import { dayjs } from "../time";
import { IN_FLIGHT, planRun, planSync } from "./pick-due";
import { describePublication } from "./describe-publication";
import { advancePublication, type AdvanceResult } from "./publish-post";
import type { Publisher } from "./publisher";

export interface RunReportEntry {
  slug: string;
  /** What this run did or found: published, submitted, drafted, waiting_quota, failed, missed, held, busy, … */
  outcome: string;
  detail: string;
}

export interface RunReport {
  /** Problems in content/posts (those posts are not published until fixed). */
  problems: ContentError[];
  entries: RunReportEntry[];
}

export interface RunOptions {
  /** Only this post, now, whatever its publish_at (staff decision: also sends a missed or failed one). */
  only?: string;
  /**
   * With `only`: the caller is following a send it started (publish --post waiting for the
   * result). A row that finished meanwhile (the job-finish event may record it first) is reported
   * as published, not as "already published" (issue 15).
   */
  follow?: boolean;
}

/**
 * One run of the publisher (the scheduler's job every minute, `npm run cli -- publish`): keep the
 * ledger in step with content/posts, then publish what is due, carry on what is under way, ask
 * WeChat about submitted jobs, and report missed posts. Never throws for one post's trouble.
 */
export async function runPublisher(p: Publisher, options: RunOptions = {}): Promise<RunReport> {
  const { posts, errors } = loadPosts(p.contentDir, { timezone: p.timezone, columns: p.columns() });
  const entries: RunReportEntry[] = [];
  const now = p.clock.now();

  for (const action of planSync(posts, p.store.list(p.accountId), now, options.only)) {
    if (action.kind === "track") {
      const created = p.store.insert(
        { accountId: p.accountId, slug: action.post.slug, columnId: action.post.columnId, mode: action.post.mode, postTitle: action.post.title, scheduledAt: action.post.publishAt },
        { step: "scheduled", detail: action.post.publishAtText },
        now,
      );
      if (created) p.log.info({ post: created.slug, at: created.scheduledAt }, "post scheduled");
    } else if (action.kind === "update") {
      const { post, row } = action;
      p.store.save(
        { ...row, state: "scheduled", columnId: post.columnId, mode: post.mode, postTitle: post.title, scheduledAt: post.publishAt, attempts: 0, nextAttemptAt: null, failureCode: null, failureReason: null },
        { step: "rescheduled", detail: `${row.state} → scheduled for ${post.publishAtText}` },
        now,
      );
      p.log.info({ post: row.slug, from: row.state, at: post.publishAt }, "post rescheduled");
    } else {
      p.store.save({ ...action.row, state: "cancelled", failureReason: action.reason, nextAttemptAt: null }, { step: "cancelled", detail: action.reason }, now);
      p.log.info({ post: action.row.slug, reason: action.reason }, "scheduled post cancelled");
    }
  }

  if (options.only !== undefined) {
    entries.push(await publishNow(p, options.only, posts, errors, options.follow === true));
    return { problems: errors, entries };
  }

  for (const action of planRun({ posts, rows: p.store.list(p.accountId), now, catchUpMs: p.catchUpMs })) {
    const { row } = action;
    if (action.kind === "miss") {
      const reason = `原定 ${zoneName(p.timezone)} ${dayjs(row.scheduledAt).tz(p.timezone).format("YYYY-MM-DD HH:mm")}，已晚 ${hoursLate(action.lateMs)}，超过 ${p.catchUpMs / 3600_000} 小时的补发时限，没有自动发送：如仍要发送，请在发布页点“立即发布”，或运行 npm run cli -- publish --post ${row.slug}`;
      p.store.save({ ...row, state: "missed", failureCode: "missed", failureReason: reason }, { step: "missed", detail: reason }, now);
      p.log.warn({ post: row.slug, lateMs: action.lateMs }, `post missed: ${reason}`);
      entries.push({ slug: row.slug, outcome: "missed", detail: reason });
    } else if (action.kind === "hold") {
      // The post ahead may have finished earlier in this run.
      const ahead = p.store.find(p.accountId, action.behind);
      if (ahead && !IN_FLIGHT.has(ahead.state)) {
        entries.push(toEntry(await advancePublication(p, row.slug, action.post)));
      } else {
        entries.push({ slug: row.slug, outcome: "held", detail: `已到时间，等同一栏目的 ${action.behind} 先发完（期数要按顺序）` });
      }
    } else {
      entries.push(toEntry(await advancePublication(p, row.slug, action.post)));
    }
  }
  return { problems: errors, entries };
}

function hoursLate(ms: number): string {
  const h = ms / 3600_000;
  return h >= 48 ? `${Math.floor(h / 24)} 天` : `${h.toFixed(1)} 小时`;
}

function toEntry(r: AdvanceResult): RunReportEntry {
  return { slug: r.slug, outcome: r.state, detail: r.detail };
}

/** Rows a person may send now by starting over: nothing of theirs reached WeChat as a send. */
const RESTARTABLE = new Set(["failed", "missed", "cancelled", "skipped"]);

/** `publish --post SLUG` and the 发布 page's 立即发布: a person decided; missed, failed, skipped and future posts go now. */
async function publishNow(p: Publisher, slug: string, posts: readonly Post[], errors: readonly ContentError[], follow: boolean): Promise<RunReportEntry> {
  const post = posts.find((x) => x.slug === slug);
  const problems = errors.filter((e) => e.file.endsWith(`/${slug}.md`) || e.file.endsWith(`\\${slug}.md`));
  if (problems.length > 0) return { slug, outcome: "invalid", detail: problems.map((e) => e.message).join("\n") };
  let row = p.store.find(p.accountId, slug);
  if (!post && !row) return { slug, outcome: "unknown", detail: `没有稿件 content/posts/${slug}.md` };
  if (post?.draft) return { slug, outcome: "draft", detail: "稿件标着 draft: true（草稿）：先改为 draft: false" };
  if (!row) return { slug, outcome: "unknown", detail: "发布记录中没有这篇稿件" };
  if (row.state === "published") return { slug, outcome: "published", detail: follow ? describePublication(p, row) : `早已发布，不会重复发送：${describePublication(p, row)}` };
  if (row.state === "draft_only") return { slug, outcome: "draft_only", detail: `不会再通过接口发送：${describePublication(p, row)}` };
  const now = p.clock.now();
  // Recorded either way: a person decided to send this post now.
  const restart = RESTARTABLE.has(row.state) || (row.state === "scheduled" && row.attempts > 0);
  const decided = restart ? { ...row, state: "scheduled" as const, attempts: 0, nextAttemptAt: null, failureCode: null, failureReason: null } : row;
  row = p.store.save(decided, { step: "publish_now", detail: `requested by a person; was ${row.state}` }, now) ?? row;
  const holder = p.store.list(p.accountId).find((r: Publication) => r.slug !== slug && r.columnId === row!.columnId && IN_FLIGHT.has(r.state));
  if (holder && row.state === "scheduled") {
    return { slug, outcome: "held", detail: `同一栏目的 ${holder.slug} 还在发送中（${holder.state}），期数要按顺序：等它完成后再试` };
  }
  if (row.nextAttemptAt !== null && row.state !== "waiting_quota" && row.state !== "awaiting_approval") {
    row = p.store.save({ ...row, nextAttemptAt: null }, { step: "publish_now" }, now) ?? row;
  }
  return toEntry(await advancePublication(p, slug, post));
}
