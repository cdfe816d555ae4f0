import type { Db } from "../open-database";

/**
 * What a stats source is: a datacube family, user/get, or our own message-log rollup.
 * article_reads (getarticleread + getarticleshare), biz_summary and article_details are the 2025
 * endpoints; articles (getarticlesummary) and article_totals (getarticletotal) their fallback.
 */
export type StatsSource =
  | "followers"
  | "article_reads"
  | "biz_summary"
  | "article_details"
  | "articles"
  | "article_totals"
  | "follower_count"
  | "message_rollup";

export type SyncStatus = "ok" | "unavailable" | "error";

export interface SyncState {
  source: StatsSource;
  /** Last local date whose data is complete; null before the first success. */
  syncedThrough: string | null;
  status: SyncStatus;
  errcode: number | null;
  detail: string | null;
  attemptedAt: number;
  succeededAt: number | null;
}

export interface SyncOutcome {
  status: SyncStatus;
  /** Moves the watermark forward (never back); omit to keep it. */
  syncedThrough?: string;
  errcode?: number;
  detail?: string;
}

/** stats_sync_state: per source, how far the data is complete and how the last run went. */
export interface StatsSyncStore {
  get(accountId: string, source: StatsSource): SyncState | undefined;
  all(accountId: string): SyncState[];
  record(accountId: string, source: StatsSource, outcome: SyncOutcome, at: number): void;
}

interface Row {
  source: StatsSource;
  syncedThrough: string | null;
  status: SyncStatus;
  errcode: number | null;
  detail: string | null;
  attemptedAt: number;
  succeededAt: number | null;
}

const COLUMNS = `source, synced_through AS syncedThrough, status, errcode, detail,
  attempted_at AS attemptedAt, succeeded_at AS succeededAt`;

export function createStatsSyncStore(db: Db): StatsSyncStore {
  const selectOne = db.prepare<{ account_id: string; source: string }, Row>(
    `SELECT ${COLUMNS} FROM stats_sync_state WHERE account_id = @account_id AND source = @source`,
  );
  const selectAll = db.prepare<{ account_id: string }, Row>(
    `SELECT ${COLUMNS} FROM stats_sync_state WHERE account_id = @account_id ORDER BY source`,
  );
  const upsert = db.prepare(`
    INSERT INTO stats_sync_state (account_id, source, synced_through, status, errcode, detail, attempted_at, succeeded_at)
    VALUES (@account_id, @source, @synced_through, @status, @errcode, @detail, @at, @succeeded_at)
    ON CONFLICT (account_id, source) DO UPDATE SET
      synced_through = CASE
        WHEN excluded.synced_through IS NULL THEN stats_sync_state.synced_through
        WHEN stats_sync_state.synced_through IS NULL THEN excluded.synced_through
        ELSE max(stats_sync_state.synced_through, excluded.synced_through) END,
      status = excluded.status, errcode = excluded.errcode, detail = excluded.detail,
      attempted_at = excluded.attempted_at,
      succeeded_at = coalesce(excluded.succeeded_at, stats_sync_state.succeeded_at)`);
  return {
    get: (accountId, source) => selectOne.get({ account_id: accountId, source }),
    all: (accountId) => selectAll.all({ account_id: accountId }),
    record(accountId, source, o, at) {
      upsert.run({
        account_id: accountId,
        source,
        synced_through: o.syncedThrough ?? null,
        status: o.status,
        errcode: o.errcode ?? null,
        detail: o.detail ?? null,
        at,
        succeeded_at: o.status === "ok" ? at : null,
      });
    },
  };
}
