import type { Publication, PublicationStore } from "../db/stores/publication-store";
import type { Logger } from "../logger";
import type { Clock } from "../time";
import { massStatusReason, publishStatusReason } from "../wechat/api-errcodes";

/** What recording a job's result needs (the webhook's event handler has no API client). */
export interface ResultSink {
  store: PublicationStore;
  clock: Clock;
  log: Logger;
  onPublished(row: Publication): void;
}

/** A publish job's state, from freepublish/get or PUBLISHJOBFINISH. */
export interface PublishJobResult {
  status: number;
  articleId?: string | undefined;
  articleUrls: string[];
  failIdx: number[];
}

/** A mass send's state, from mass/get (SEND_SUCCESS…) or MASSSENDJOBFINISH ("send success"…). */
export interface MassJobResult {
  status: string;
  sentCount?: number | undefined;
  errorCount?: number | undefined;
  articleUrls?: string[] | undefined;
}

export type JobOutcome = "pending" | "success" | "failure";

/** SEND_SUCCESS / "send success" → success; SENDING → pending; SEND_FAIL, DELETE, "send fail", err(n) → failure. */
export function massOutcome(status: string): JobOutcome {
  const s = status.trim().toLowerCase();
  if (s === "send_success" || s === "send success") return "success";
  if (s === "sending") return "pending";
  return "failure";
}

/**
 * Records a success once: state published, the issue (期数) committed to column_issues in the same
 * transaction. A later report for a row already published only fills in what was missing (the
 * article URL comes with MASSSENDJOBFINISH, not with mass/get).
 */
export function recordSuccess(sink: ResultSink, row: Publication, fields: Partial<Publication>, via: string): Publication | undefined {
  const now = sink.clock.now();
  if (row.state === "published") {
    const fill: Partial<Publication> = {};
    for (const [k, v] of Object.entries(fields) as [keyof Publication, unknown][]) {
      if (v !== undefined && v !== null && row[k] === null) (fill as Record<string, unknown>)[k] = v;
    }
    if (Object.keys(fill).length === 0) return row;
    const saved = sink.store.save({ ...row, ...fill }, { step: "result_details", detail: via }, now);
    if (saved) sink.onPublished(saved);
    return saved;
  }
  const next: Publication = {
    ...row,
    ...fields,
    state: "published",
    publishedAt: now,
    nextAttemptAt: null,
    failureCode: null,
    failureReason: null,
  };
  const saved = sink.store.savePublished(next, { step: "published", detail: `${via}; issue ${row.issue ?? "-"}` }, now);
  if (saved) {
    sink.log.info({ post: row.slug, issue: saved.issue, url: saved.articleUrl, via }, "post published");
    sink.onPublished(saved);
  }
  return saved;
}

function recordJobFailure(sink: ResultSink, row: Publication, code: string, reason: string, via: string): Publication | undefined {
  if (row.state !== "submitted") return row;
  const now = sink.clock.now();
  const saved = sink.store.save(
    { ...row, state: "failed", failureCode: code, failureReason: reason, nextAttemptAt: null },
    { step: "failed", detail: `${via}: ${reason}` },
    now,
  );
  if (saved) sink.log.error({ post: row.slug, code, reason, via }, "publication failed");
  return saved;
}

/** Applies a publish job's state (freepublish/get or PUBLISHJOBFINISH) to its row. */
export function applyPublishResult(sink: ResultSink, row: Publication, result: PublishJobResult, via: string): Publication | undefined {
  if (result.status === 1) return row;
  if (result.status === 0) {
    return recordSuccess(sink, row, { articleId: result.articleId ?? null, articleUrl: result.articleUrls[0] ?? null }, via);
  }
  const reason = publishStatusReason(result.status);
  if (row.state === "published") {
    // 5 / 6 after success: the article was removed later. The publication did happen; note it.
    sink.store.save(row, { step: "removed_later", detail: `${via}: ${reason}` }, sink.clock.now());
    return row;
  }
  const failed = result.failIdx.length > 0 ? `（第 ${result.failIdx.join("、")} 篇）` : "";
  return recordJobFailure(sink, row, `publish_status_${result.status}`, reason + failed, via);
}

/** Applies a mass send's state (mass/get or MASSSENDJOBFINISH) to its row. */
export function applyMassResult(sink: ResultSink, row: Publication, result: MassJobResult, via: string): Publication | undefined {
  const outcome = massOutcome(result.status);
  if (outcome === "pending") return row;
  if (outcome === "success") {
    return recordSuccess(
      sink,
      row,
      { articleUrl: result.articleUrls?.[0] ?? null, sentCount: result.sentCount ?? null, errorCount: result.errorCount ?? null },
      via,
    );
  }
  if (row.state === "published") return row;
  return recordJobFailure(sink, row, `mass_${result.status.trim().toLowerCase().replace(/[^a-z0-9]+/g, "_")}`, massStatusReason(result.status), via);
}
