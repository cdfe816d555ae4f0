import type { Db } from "../open-database";

/** One row of the publications ledger (migration 0003), as the dashboard shows it. */
export interface PublicationFact {
  slug: string;
  columnId: string;
  mode: string;
  state: string;
  /** 期数; provisional until the row is published. */
  issue: number | null;
  title: string;
  scheduledAt: number;
  publishedAt: number | null;
  failureCode: string | null;
  failureReason: string | null;
  msgDataId: string | null;
  sentCount: number | null;
}

export interface ColumnCount {
  columnId: string;
  n: number;
}

/** The newest publication that failed or was missed, with the reason staff read on the 发布 page. */
export interface PublicationFailure {
  title: string;
  state: "failed" | "missed";
  reason: string | null;
  /** When the row last changed (the failure was recorded). */
  at: number;
}

/** Read-only queries on the publishing engineer's ledger (publications), for the stats pages. */
export interface StatsPublicationStore {
  /** Rows published in [from, to), or (not published) scheduled in it; newest first. */
  listBetween(accountId: string, from: number, to: number): PublicationFact[];
  /** Published rows per column with published_at in [from, to). */
  publishedPerColumn(accountId: string, from: number, to: number): ColumnCount[];
  /** Rows per state with scheduled_at or published_at in [from, to). */
  statesBetween(accountId: string, from: number, to: number): { state: string; n: number }[];
  /** The newest published row (the 矩阵 page's "last publication"). */
  lastPublished(accountId: string): { title: string; publishedAt: number } | undefined;
  /** The newest failed or missed row. */
  lastFailure(accountId: string): PublicationFailure | undefined;
}

type Span = { account_id: string; from: number; to: number };

export function createStatsPublicationStore(db: Db): StatsPublicationStore {
  const list = db.prepare<Span, PublicationFact>(`
    SELECT post_slug AS slug, column_id AS columnId, mode, state, issue,
           coalesce(article_title, post_title) AS title, scheduled_at AS scheduledAt, published_at AS publishedAt,
           failure_code AS failureCode, failure_reason AS failureReason, msg_data_id AS msgDataId, sent_count AS sentCount
    FROM publications
    WHERE account_id = @account_id AND coalesce(published_at, scheduled_at) >= @from AND coalesce(published_at, scheduled_at) < @to
    ORDER BY coalesce(published_at, scheduled_at) DESC, id DESC`);
  // publications_by_column (account_id, column_id, state, published_at) answers this from the index.
  const perColumn = db.prepare<Span, ColumnCount>(`
    SELECT column_id AS columnId, count(*) AS n FROM publications
    WHERE account_id = @account_id AND state = 'published' AND published_at >= @from AND published_at < @to
    GROUP BY column_id`);
  const states = db.prepare<Span, { state: string; n: number }>(`
    SELECT state, count(*) AS n FROM publications
    WHERE account_id = @account_id AND coalesce(published_at, scheduled_at) >= @from AND coalesce(published_at, scheduled_at) < @to
    GROUP BY state`);
  // Both reach the account's rows of one or two states through publications_by_state, then sort
  // those few (an account publishes a few hundred posts a year).
  const lastPublished = db.prepare<{ account_id: string }, { title: string; publishedAt: number }>(`
    SELECT coalesce(article_title, post_title) AS title, published_at AS publishedAt FROM publications
    WHERE account_id = @account_id AND state = 'published' AND published_at IS NOT NULL
    ORDER BY published_at DESC, id DESC LIMIT 1`);
  const lastFailure = db.prepare<{ account_id: string }, PublicationFailure>(`
    SELECT coalesce(article_title, post_title) AS title, state, failure_reason AS reason, updated_at AS at FROM publications
    WHERE account_id = @account_id AND state IN ('failed', 'missed')
    ORDER BY updated_at DESC, id DESC LIMIT 1`);
  return {
    lastPublished: (accountId) => lastPublished.get({ account_id: accountId }),
    lastFailure: (accountId) => lastFailure.get({ account_id: accountId }),
    listBetween: (accountId, from, to) => list.all({ account_id: accountId, from, to }),
    publishedPerColumn: (accountId, from, to) => perColumn.all({ account_id: accountId, from, to }),
    statesBetween: (accountId, from, to) => states.all({ account_id: accountId, from, to }),
  };
}
