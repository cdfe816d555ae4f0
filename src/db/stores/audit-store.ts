import type { Db } from "../open-database";

/** One staff action, as the audit log keeps it (migration 0009). */
export interface AuditEntry {
  at: Date;
  accountId: string;
  /** The dashboard login, or "cli" for the server's operator. */
  staffName: string;
  /** Dotted verb, e.g. post.save, publication.retry. */
  action: string;
  /** What it acted on: a post slug, a file name, a user. */
  target: string;
  /** old → new, or what happened, in words; null when the action says it all. */
  detail: string | null;
}

/** The append-only audit log of staff actions on content and the publishing ledger. */
export interface AuditStore {
  record(entry: AuditEntry): void;
  /** The entries about one target, newest first. */
  forTarget(accountId: string, target: string, limit: number): AuditEntry[];
  /** The latest entries of an account, newest first. */
  latest(accountId: string, limit: number): AuditEntry[];
}

interface Row {
  at: number;
  account_id: string;
  staff_name: string;
  action: string;
  target: string;
  detail: string | null;
}

const fromRow = (r: Row): AuditEntry => ({
  at: new Date(r.at),
  accountId: r.account_id,
  staffName: r.staff_name,
  action: r.action,
  target: r.target,
  detail: r.detail,
});

export function createAuditStore(db: Db): AuditStore {
  const insert = db.prepare(
    `INSERT INTO audit_log (at, account_id, staff_name, action, target, detail)
     VALUES (@at, @account_id, @staff_name, @action, @target, @detail)`,
  );
  const byTarget = db.prepare<{ account_id: string; target: string; limit: number }, Row>(
    `SELECT at, account_id, staff_name, action, target, detail FROM audit_log
      WHERE account_id = @account_id AND target = @target ORDER BY id DESC LIMIT @limit`,
  );
  const latest = db.prepare<{ account_id: string; limit: number }, Row>(
    `SELECT at, account_id, staff_name, action, target, detail FROM audit_log
      WHERE account_id = @account_id ORDER BY id DESC LIMIT @limit`,
  );
  return {
    record(e) {
      insert.run({ at: e.at.getTime(), account_id: e.accountId, staff_name: e.staffName, action: e.action, target: e.target, detail: e.detail });
    },
    forTarget: (accountId, target, limit) => byTarget.all({ account_id: accountId, target, limit }).map(fromRow),
    latest: (accountId, limit) => latest.all({ account_id: accountId, limit }).map(fromRow),
  };
}
