import type { Publication, StepNote } from "../db/stores/publication-store";
import type { Publisher, PublishStep } from "./publisher";

/** What a step tells the loop in advancePublication: take the next step now, or stop for this run. */
export type Next = "continue" | "stop";

/** Why a post that was withdrawn is not sent (the file is gone or set to draft: true). */
export const WITHDRAWN = "稿件文件已删除或已设为 draft: true，不再发送";

/** Writes the row by compare-and-set with its history line; undefined when another writer came first. */
export function save(p: Publisher, next: Publication, note: StepNote): Publication | undefined {
  const saved = p.store.save(next, note, p.clock.now());
  if (saved) p.log.debug({ post: saved.slug, state: saved.state, step: note.step, detail: note.detail }, "ledger");
  return saved;
}

/** The crash tests' kill points (publisher.ts PUBLISH_STEPS). */
export function hook(p: Publisher, step: PublishStep, row: Publication): void {
  p.hooks.afterStep?.(step, row);
}

/** Cleared when a post starts over (a new draft will be made). */
export const FRESH: Partial<Publication> = {
  articleTitle: null,
  digest: null,
  coverMediaId: null,
  coverUrl: null,
  draftRequestedAt: null,
  draftMediaId: null,
  draftedAt: null,
  submitRequestedAt: null,
  clientMsgId: null,
  publishId: null,
  msgId: null,
  msgDataId: null,
  submittedAt: null,
  articleId: null,
  articleUrl: null,
  publishedAt: null,
  sentCount: null,
  errorCount: null,
  failureCode: null,
  failureReason: null,
  nextAttemptAt: null,
};

export function cancel(p: Publisher, row: Publication, reason: string): Next {
  save(p, { ...row, state: "cancelled", failureReason: reason, nextAttemptAt: null }, { step: "cancelled", detail: reason });
  p.log.warn({ post: row.slug, reason }, "publication cancelled");
  return "stop";
}
