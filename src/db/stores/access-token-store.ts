import type { Db } from "../open-database";

/** Outcome of asking for the token: use it, refresh it yourself, or wait for the process that is. */
export type TokenAcquisition =
  | { kind: "cached"; token: string }
  | { kind: "leased"; leaseUntil: number }
  | { kind: "busy"; leaseUntil: number };

export interface AcquireParams {
  accountId: string;
  /** Identifies this process's lease (pid + random). */
  owner: string;
  now: number;
  leaseMs: number;
  /** Take the lease even if another process holds it (it went silent for longer than its lease). */
  takeOver?: boolean;
}

export interface AccessTokenState {
  hasToken: boolean;
  expiresAt: number;
  refreshedAt: number | null;
  leaseOwner: string | null;
  leaseUntil: number;
  /** The last failed refresh (kept after a later success: compare with refreshedAt). */
  failure: TokenFailure | null;
}

/** A stable_token call that failed: WeChat's errcode and errmsg, or (errcode null) why no answer came. */
export interface TokenFailure {
  at: number;
  errcode: number | null;
  detail: string;
}

/**
 * The access-token cache row per account, shared across processes through SQLite.
 * Times are Unix milliseconds.
 */
export interface AccessTokenStore {
  /** Fast path without a write lock: the token if it is still usable at `now`. */
  peek(accountId: string, now: number): string | undefined;
  /** In one BEGIN IMMEDIATE transaction: a usable token, or the refresh lease, or "someone else is refreshing". */
  acquire(params: AcquireParams): TokenAcquisition;
  /** Stores a fresh token and ends the lease. */
  save(params: { accountId: string; token: string; expiresAt: number; now: number }): void;
  /** Ends our lease without a token (the refresh failed), so a waiter can try at once. */
  release(accountId: string, owner: string): void;
  /** Compare-and-set drop: forgets the token only if it is still `token`. @returns whether it was dropped */
  invalidate(accountId: string, token: string): boolean;
  /** Remembers a failed refresh, for the 矩阵 page's health column (the lease is released separately). */
  recordFailure(accountId: string, failure: TokenFailure): void;
  /** For inspection and tests; never exposes the token itself. */
  state(accountId: string): AccessTokenState | undefined;
}

interface Row {
  access_token: string | null;
  expires_at: number;
  refreshed_at: number | null;
  lease_owner: string | null;
  lease_until: number;
  failed_at: number | null;
  failure_errcode: number | null;
  failure_detail: string | null;
}

export function createAccessTokenStore(db: Db): AccessTokenStore {
  const select = db.prepare<{ account_id: string }, Row>(
    `SELECT access_token, expires_at, refreshed_at, lease_owner, lease_until, failed_at, failure_errcode, failure_detail
       FROM access_tokens WHERE account_id = @account_id`,
  );
  const takeLease = db.prepare(
    `INSERT INTO access_tokens (account_id, lease_owner, lease_until)
     VALUES (@account_id, @owner, @lease_until)
     ON CONFLICT (account_id) DO UPDATE SET lease_owner = @owner, lease_until = @lease_until`,
  );
  const update = db.prepare(
    `INSERT INTO access_tokens (account_id, access_token, expires_at, refreshed_at, lease_owner, lease_until)
     VALUES (@account_id, @token, @expires_at, @now, NULL, 0)
     ON CONFLICT (account_id) DO UPDATE SET access_token = @token, expires_at = @expires_at,
       refreshed_at = @now, lease_owner = NULL, lease_until = 0`,
  );
  const releaseLease = db.prepare(
    `UPDATE access_tokens SET lease_owner = NULL, lease_until = 0
      WHERE account_id = @account_id AND lease_owner = @owner`,
  );
  const fail = db.prepare(
    `INSERT INTO access_tokens (account_id, failed_at, failure_errcode, failure_detail)
     VALUES (@account_id, @at, @errcode, @detail)
     ON CONFLICT (account_id) DO UPDATE SET failed_at = @at, failure_errcode = @errcode, failure_detail = @detail`,
  );
  const drop = db.prepare(
    `UPDATE access_tokens SET access_token = NULL, expires_at = 0
      WHERE account_id = @account_id AND access_token = @token`,
  );

  const acquireTx = db.transaction((p: AcquireParams): TokenAcquisition => {
    const row = select.get({ account_id: p.accountId });
    if (row?.access_token && row.expires_at > p.now) return { kind: "cached", token: row.access_token };
    const held = row?.lease_owner && row.lease_owner !== p.owner && row.lease_until > p.now;
    if (held && !p.takeOver) return { kind: "busy", leaseUntil: row.lease_until };
    const leaseUntil = p.now + p.leaseMs;
    takeLease.run({ account_id: p.accountId, owner: p.owner, lease_until: leaseUntil });
    return { kind: "leased", leaseUntil };
  });

  return {
    peek(accountId, now) {
      const row = select.get({ account_id: accountId });
      return row?.access_token && row.expires_at > now ? row.access_token : undefined;
    },
    // IMMEDIATE takes the write lock before reading, so two processes cannot both see "no lease"
    // (a deferred transaction would fail with SQLITE_BUSY on upgrade instead of waiting).
    acquire: (params) => acquireTx.immediate(params),
    save({ accountId, token, expiresAt, now }) {
      update.run({ account_id: accountId, token, expires_at: expiresAt, now });
    },
    release(accountId, owner) {
      releaseLease.run({ account_id: accountId, owner });
    },
    invalidate(accountId, token) {
      return drop.run({ account_id: accountId, token }).changes > 0;
    },
    recordFailure(accountId, f) {
      fail.run({ account_id: accountId, at: f.at, errcode: f.errcode, detail: f.detail.slice(0, 300) });
    },
    state(accountId) {
      const row = select.get({ account_id: accountId });
      if (!row) return undefined;
      return {
        hasToken: row.access_token !== null,
        expiresAt: row.expires_at,
        refreshedAt: row.refreshed_at,
        leaseOwner: row.lease_owner,
        leaseUntil: row.lease_until,
        failure: row.failed_at === null ? null : { at: row.failed_at, errcode: row.failure_errcode, detail: row.failure_detail ?? "" },
      };
    },
  };
}
