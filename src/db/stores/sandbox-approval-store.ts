import type { Db } from "../open-database";

/** A sendall the simulated API 群发保护 holds for an admin's confirmation (migration 0010). */
export interface SandboxApproval {
  id: number;
  clientMsgId: string | null;
  mediaId: string | null;
  request: Record<string, unknown>;
  status: "pending" | "approved" | "refused";
  msgId: string | null;
  createdAt: number;
  decidedAt: number | null;
}

export interface SandboxApprovalStore {
  add(accountId: string, a: { clientMsgId: string | null; mediaId: string | null; request: unknown }, at: number): SandboxApproval;
  /** The newest request with this clientmsgid made at or after `since`. */
  latestFor(accountId: string, clientMsgId: string | null, since: number): SandboxApproval | undefined;
  /** The newest pending request made at or after `since` (the one an admin's phone shows). */
  latestPending(accountId: string, since: number): SandboxApproval | undefined;
  /** pending → approved | refused; false when it was decided already. */
  decide(accountId: string, id: number, status: "approved" | "refused", msgId: string | null, at: number): boolean;
  list(accountId: string, limit: number): SandboxApproval[];
}

interface Row {
  id: number;
  clientmsgid: string | null;
  media_id: string | null;
  request_json: string;
  status: SandboxApproval["status"];
  msg_id: string | null;
  created_at: number;
  decided_at: number | null;
}

const COLUMNS = "id, clientmsgid, media_id, request_json, status, msg_id, created_at, decided_at";

const fromRow = (r: Row): SandboxApproval => ({
  id: r.id,
  clientMsgId: r.clientmsgid,
  mediaId: r.media_id,
  request: JSON.parse(r.request_json) as Record<string, unknown>,
  status: r.status,
  msgId: r.msg_id,
  createdAt: r.created_at,
  decidedAt: r.decided_at,
});

export function createSandboxApprovalStore(db: Db): SandboxApprovalStore {
  const insert = db.prepare(
    `INSERT INTO sandbox_mass_approvals (account_id, clientmsgid, media_id, request_json, created_at)
     VALUES (@account_id, @clientmsgid, @media_id, @request_json, @at)`,
  );
  const byId = db.prepare<{ id: number }, Row>(`SELECT ${COLUMNS} FROM sandbox_mass_approvals WHERE id = @id`);
  const byClientMsgId = db.prepare<{ account_id: string; clientmsgid: string | null; since: number }, Row>(
    `SELECT ${COLUMNS} FROM sandbox_mass_approvals
      WHERE account_id = @account_id AND clientmsgid IS @clientmsgid AND created_at >= @since ORDER BY id DESC LIMIT 1`,
  );
  const pending = db.prepare<{ account_id: string; since: number }, Row>(
    `SELECT ${COLUMNS} FROM sandbox_mass_approvals
      WHERE account_id = @account_id AND status = 'pending' AND created_at >= @since ORDER BY id DESC LIMIT 1`,
  );
  const decide = db.prepare(
    `UPDATE sandbox_mass_approvals SET status = @status, msg_id = @msg_id, decided_at = @at
      WHERE account_id = @account_id AND id = @id AND status = 'pending'`,
  );
  const recent = db.prepare<{ account_id: string; limit: number }, Row>(
    `SELECT ${COLUMNS} FROM sandbox_mass_approvals WHERE account_id = @account_id ORDER BY id DESC LIMIT @limit`,
  );
  return {
    add(accountId, a, at) {
      const id = Number(
        insert.run({ account_id: accountId, clientmsgid: a.clientMsgId, media_id: a.mediaId, request_json: JSON.stringify(a.request), at }).lastInsertRowid,
      );
      return fromRow(byId.get({ id })!);
    },
    latestFor(accountId, clientMsgId, since) {
      const r = byClientMsgId.get({ account_id: accountId, clientmsgid: clientMsgId, since });
      return r && fromRow(r);
    },
    latestPending(accountId, since) {
      const r = pending.get({ account_id: accountId, since });
      return r && fromRow(r);
    },
    decide: (accountId, id, status, msgId, at) => decide.run({ account_id: accountId, id, status, msg_id: msgId, at }).changes > 0,
    list: (accountId, limit) => recent.all({ account_id: accountId, limit }).map(fromRow),
  };
}
