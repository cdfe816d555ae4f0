import type { Db } from "../open-database";

/** A staff login's bound phone (migration 0011). */
export interface StaffPhone {
  staffUserId: number;
  staffName: string;
  openId: string;
  boundAt: Date;
  /** The 备注 staff gave this follower in 私信, if any (WeChat gives no nicknames since 2021-12). */
  remark: string | null;
}

/** A one-time code as stored: salted hash only. */
export interface StoredBindCode {
  id: number;
  staffUserId: number;
  staffName: string;
  salt: string;
  codeHash: string;
  createdAt: Date;
  expiresAt: Date;
  usedAt: Date | null;
}

export type BindOutcome = "bound" | "wrong" | "expired" | "used" | "throttled" | "malformed";

/** Bind attempts that failed since a time: this follower's and the whole account's. */
export interface BindFailures {
  mine: number;
  all: number;
}

export interface StaffPhoneStore {
  /** Stores a new code for the staff member; their earlier unused codes stop working. */
  issueCode(code: { accountId: string; staffUserId: number; salt: string; codeHash: string; createdAt: Date; expiresAt: Date }): void;
  /** Codes made since `since` (live, expired and used), newest first: a handful. */
  recentCodes(accountId: string, since: Date): StoredBindCode[];
  /** The staff member's unused, unexpired code (its expiry), to say "a code is waiting". */
  liveCodeExpiry(accountId: string, staffUserId: number, now: Date): Date | undefined;
  failuresSince(accountId: string, openId: string, since: Date): BindFailures;
  recordAttempt(accountId: string, openId: string, at: Date, outcome: BindOutcome): void;
  /**
   * Uses the code and links the openid to its staff member, replacing their earlier phone and any
   * other login this openid was bound to. False when the code was used meanwhile.
   */
  bind(accountId: string, codeId: number, staffUserId: number, openId: string, at: Date): boolean;
  phoneOf(accountId: string, staffUserId: number): StaffPhone | undefined;
  /** Every bound phone of the account, by staff name. */
  list(accountId: string): StaffPhone[];
  unbind(accountId: string, staffUserId: number): boolean;
}

interface PhoneRow {
  staff_user_id: number;
  staff_name: string;
  open_id: string;
  bound_at: number;
  remark: string | null;
}

interface CodeRow {
  id: number;
  staff_user_id: number;
  staff_name: string;
  salt: string;
  code_hash: string;
  created_at: number;
  expires_at: number;
  used_at: number | null;
}

const toPhone = (r: PhoneRow): StaffPhone => ({ staffUserId: r.staff_user_id, staffName: r.staff_name, openId: r.open_id, boundAt: new Date(r.bound_at), remark: r.remark });

const PHONES = `SELECT p.staff_user_id, u.name AS staff_name, p.open_id, p.bound_at, y.remark
  FROM staff_phones p JOIN staff_users u ON u.id = p.staff_user_id
  LEFT JOIN youths y ON y.account_id = p.account_id AND y.open_id = p.open_id
  WHERE p.account_id = @account_id`;

/** Failed attempts: a throttled one is not counted again, so the lock ends 10 minutes after the last real guess. */
const FAILED = "outcome IN ('wrong', 'expired', 'used')";

export function createStaffPhoneStore(db: Db): StaffPhoneStore {
  const dropUnused = db.prepare("DELETE FROM staff_bind_codes WHERE account_id = @account_id AND staff_user_id = @staff_user_id AND used_at IS NULL");
  const insertCode = db.prepare(`INSERT INTO staff_bind_codes (account_id, staff_user_id, salt, code_hash, created_at, expires_at)
    VALUES (@account_id, @staff_user_id, @salt, @code_hash, @created_at, @expires_at)`);
  const dropOld = db.prepare("DELETE FROM staff_bind_codes WHERE account_id = @account_id AND created_at < @before");
  const recent = db.prepare<{ account_id: string; since: number }, CodeRow>(`
    SELECT c.id, c.staff_user_id, u.name AS staff_name, c.salt, c.code_hash, c.created_at, c.expires_at, c.used_at
      FROM staff_bind_codes c JOIN staff_users u ON u.id = c.staff_user_id
     WHERE c.account_id = @account_id AND c.created_at >= @since ORDER BY c.id DESC LIMIT 200`);
  const live = db.prepare<{ account_id: string; staff_user_id: number; now: number }, { expires_at: number }>(`
    SELECT expires_at FROM staff_bind_codes
     WHERE account_id = @account_id AND staff_user_id = @staff_user_id AND used_at IS NULL AND expires_at > @now
     ORDER BY id DESC LIMIT 1`);
  const failures = db.prepare<{ account_id: string; open_id: string; since: number }, { mine: number; all_: number }>(`
    SELECT coalesce(sum(open_id = @open_id), 0) AS mine, count(*) AS all_ FROM staff_bind_attempts
     WHERE account_id = @account_id AND at >= @since AND ${FAILED}`);
  const insertAttempt = db.prepare("INSERT INTO staff_bind_attempts (account_id, open_id, at, outcome) VALUES (@account_id, @open_id, @at, @outcome)");
  const dropOldAttempts = db.prepare("DELETE FROM staff_bind_attempts WHERE account_id = @account_id AND at < @before");
  const useCode = db.prepare("UPDATE staff_bind_codes SET used_at = @at WHERE id = @id AND used_at IS NULL");
  const dropOpenId = db.prepare("DELETE FROM staff_phones WHERE account_id = @account_id AND open_id = @open_id");
  const upsert = db.prepare(`INSERT INTO staff_phones (account_id, staff_user_id, open_id, bound_at) VALUES (@account_id, @staff_user_id, @open_id, @at)
    ON CONFLICT (account_id, staff_user_id) DO UPDATE SET open_id = excluded.open_id, bound_at = excluded.bound_at`);
  const one = db.prepare<{ account_id: string; staff_user_id: number }, PhoneRow>(`${PHONES} AND p.staff_user_id = @staff_user_id`);
  const all = db.prepare<{ account_id: string }, PhoneRow>(`${PHONES} ORDER BY u.name`);
  const del = db.prepare("DELETE FROM staff_phones WHERE account_id = @account_id AND staff_user_id = @staff_user_id");
  const DAY = 86_400_000;

  return {
    issueCode: db.transaction((c: Parameters<StaffPhoneStore["issueCode"]>[0]) => {
      // Old rows only serve the "expired"/"used" replies; a day is plenty.
      dropOld.run({ account_id: c.accountId, before: c.createdAt.getTime() - DAY });
      dropUnused.run({ account_id: c.accountId, staff_user_id: c.staffUserId });
      insertCode.run({ account_id: c.accountId, staff_user_id: c.staffUserId, salt: c.salt, code_hash: c.codeHash, created_at: c.createdAt.getTime(), expires_at: c.expiresAt.getTime() });
    }),
    recentCodes: (accountId, since) =>
      recent.all({ account_id: accountId, since: since.getTime() }).map((r) => ({
        id: r.id,
        staffUserId: r.staff_user_id,
        staffName: r.staff_name,
        salt: r.salt,
        codeHash: r.code_hash,
        createdAt: new Date(r.created_at),
        expiresAt: new Date(r.expires_at),
        usedAt: r.used_at === null ? null : new Date(r.used_at),
      })),
    liveCodeExpiry(accountId, staffUserId, now) {
      const r = live.get({ account_id: accountId, staff_user_id: staffUserId, now: now.getTime() });
      return r ? new Date(r.expires_at) : undefined;
    },
    failuresSince(accountId, openId, since) {
      const r = failures.get({ account_id: accountId, open_id: openId, since: since.getTime() })!;
      return { mine: r.mine, all: r.all_ };
    },
    recordAttempt(accountId, openId, at, outcome) {
      dropOldAttempts.run({ account_id: accountId, before: at.getTime() - DAY });
      insertAttempt.run({ account_id: accountId, open_id: openId, at: at.getTime(), outcome });
    },
    bind: db.transaction((accountId: string, codeId: number, staffUserId: number, openId: string, at: Date): boolean => {
      if (useCode.run({ id: codeId, at: at.getTime() }).changes === 0) return false;
      dropOpenId.run({ account_id: accountId, open_id: openId });
      upsert.run({ account_id: accountId, staff_user_id: staffUserId, open_id: openId, at: at.getTime() });
      return true;
    }),
    phoneOf(accountId, staffUserId) {
      const r = one.get({ account_id: accountId, staff_user_id: staffUserId });
      return r ? toPhone(r) : undefined;
    },
    list: (accountId) => all.all({ account_id: accountId }).map(toPhone),
    unbind: (accountId, staffUserId) => del.run({ account_id: accountId, staff_user_id: staffUserId }).changes > 0,
  };
}
