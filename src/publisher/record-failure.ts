import type { Publication } from "../db/stores/publication-store";
import { describePublication } from "./describe-publication";
import { classifyFailure, MAX_ATTEMPTS, retryDelay } from "./failure-policy";
import { nextQuotaWindow } from "./issue-and-quota";
import type { Publisher } from "./publisher";

/** Where one call of advancePublication left the post. */
export interface AdvanceResult {
  slug: string;
  /** The row's state afterwards, or busy when another live process holds it. */
  state: Publication["state"] | "busy" | "unknown";
  detail: string;
}

/**
 * A step threw: decide by failure-policy (the errcode table) whether the row waits and tries
 * again, waits for the 群发 quota, keeps its draft for a person (48001) or fails, and record it
 * with the reason in Chinese.
 */
export function recordFailure(p: Publisher, row: Publication, err: unknown): AdvanceResult {
  const decision = classifyFailure(err, row.attempts);
  const now = p.clock.now();
  const base = { ...row, failureCode: decision.code, failureReason: decision.reason };
  let next: Publication;
  if (row.state === "submitted") {
    // The job exists at WeChat whatever our polling meets: keep asking (at most hourly), never fail it.
    const delayMs = decision.kind === "retry" ? decision.delayMs : retryDelay(row.attempts);
    next = { ...base, nextAttemptAt: new Date(now.getTime() + delayMs) };
  } else if (decision.kind === "draft_only" && row.draftMediaId !== null) {
    next = { ...base, state: "draft_only", nextAttemptAt: null };
  } else if (decision.kind === "quota" && p.quotaFallback === "publish" && row.state === "drafted") {
    // WeChat's own count (45028) says no: with the fallback on, the draft goes out as 发布 now.
    // 45028 is a refusal: no mass send exists, so the sendall intent is cleared with the mode.
    next = { ...base, mode: "publish", submitRequestedAt: null, clientMsgId: null, nextAttemptAt: null, failureCode: null, failureReason: `${decision.reason}；已改为发布（不推送）` };
  } else if (decision.kind === "quota") {
    next = { ...base, state: "waiting_quota", nextAttemptAt: nextQuotaWindow(p, row) };
  } else if (decision.kind === "approval_pending") {
    next = { ...base, nextAttemptAt: new Date(now.getTime() + 5 * 60_000) };
  } else if (decision.kind === "retry" && row.attempts < MAX_ATTEMPTS) {
    next = { ...base, nextAttemptAt: new Date(now.getTime() + decision.delayMs) };
  } else {
    const reason = decision.kind === "retry" ? `已尝试 ${row.attempts} 次仍未成功，已停止自动重试：${decision.reason}` : decision.reason;
    next = { ...base, state: "failed", failureReason: reason, nextAttemptAt: null };
  }
  const step = next.state === "failed" ? "failed" : next.state === "waiting_quota" ? "quota" : next.state === "draft_only" ? "draft_only" : "retry_later";
  const note = { step, detail: next.failureReason ?? undefined };
  // A draft_only row's draft carries its 期数: the number is committed with it.
  const saved = (next.state === "draft_only" ? p.store.savePublished(next, note, now) : p.store.save(next, note, now)) ?? next;
  const context = { post: row.slug, state: saved.state, code: decision.code, reason: saved.failureReason, retryAt: saved.nextAttemptAt };
  if (saved.state === "failed") p.log.error(context, "publication failed");
  else p.log.warn(context, decision.kind === "quota" ? "waiting for 群发 quota" : "publication step failed; will retry");
  return { slug: row.slug, state: saved.state, detail: describePublication(p, saved) };
}
