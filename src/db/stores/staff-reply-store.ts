import type { Db } from "../open-database";

/** What a staff reply says: a text, a picture (a WeChat media id), or one of the account's articles. */
export type StaffReplyBody =
  | { kind: "text"; content: string }
  | { kind: "image"; mediaId: string; name: string }
  | { kind: "article"; title: string; url: string; digest: string; picUrl: string };

export type StaffReplyDelivery = "sending" | "sent" | "held" | "uncertain" | "delivered_passive";

export interface StaffReply {
  id: number;
  accountId: string;
  openId: string;
  body: StaffReplyBody;
  createdAt: Date;
  createdBy: string;
  delivery: StaffReplyDelivery;
  heldReason: string | null;
  deliveredAt: Date | null;
  deliveredIn: string | null;
}

interface Row {
  id: number;
  account_id: string;
  open_id: string;
  kind: StaffReplyBody["kind"];
  body_json: string;
  created_at: number;
  created_by: string;
  delivery: StaffReplyDelivery;
  held_reason: string | null;
  delivered_at: number | null;
  delivered_in: string | null;
}

const toReply = (r: Row): StaffReply => ({
  id: r.id,
  accountId: r.account_id,
  openId: r.open_id,
  body: { kind: r.kind, ...(JSON.parse(r.body_json) as object) } as StaffReplyBody,
  createdAt: new Date(r.created_at),
  createdBy: r.created_by,
  delivery: r.delivery,
  heldReason: r.held_reason,
  deliveredAt: r.delivered_at === null ? null : new Date(r.delivered_at),
  deliveredIn: r.delivered_in,
});

/** Staff replies to followers (staff_replies): the inbox's outbox. */
export interface StaffReplyStore {
  /** A new reply, claimed for sending (`sending`) before the API is called: never sent twice. */
  create(r: { accountId: string; openId: string; body: StaffReplyBody; at: Date; by: string }): StaffReply;
  /** Ends a `sending` claim. */
  finish(id: number, delivery: "sent" | "held" | "uncertain", at: Date, heldReason?: string): void;
  get(id: number): StaffReply | undefined;
  forYouth(accountId: string, openId: string, limit: number): StaffReply[];
  /** Replies waiting for the youth's next message, oldest first. */
  held(accountId: string, openId: string): StaffReply[];
  /** held → delivered as the passive reply to the push `dedupKey`; false if it was not held. */
  markDeliveredPassive(id: number, dedupKey: string, at: Date): boolean;
}

export function createStaffReplyStore(db: Db): StaffReplyStore {
  const insert = db.prepare(
    "INSERT INTO staff_replies (account_id, open_id, kind, body_json, created_at, created_by, delivery) VALUES (?, ?, ?, ?, ?, ?, 'sending')",
  );
  const finish = db.prepare(
    "UPDATE staff_replies SET delivery = ?, held_reason = ?, delivered_at = CASE WHEN ? = 'sent' THEN ? ELSE delivered_at END WHERE id = ? AND delivery = 'sending'",
  );
  const byId = db.prepare<[number], Row>("SELECT * FROM staff_replies WHERE id = ?");
  const byYouth = db.prepare<[string, string, number], Row>(
    "SELECT * FROM staff_replies WHERE account_id = ? AND open_id = ? ORDER BY created_at DESC, id DESC LIMIT ?",
  );
  const heldFor = db.prepare<[string, string], Row>(
    "SELECT * FROM staff_replies WHERE account_id = ? AND open_id = ? AND delivery = 'held' ORDER BY id",
  );
  const markPassive = db.prepare(
    "UPDATE staff_replies SET delivery = 'delivered_passive', delivered_at = ?, delivered_in = ? WHERE id = ? AND delivery = 'held'",
  );
  return {
    create(r) {
      const { kind, ...rest } = r.body;
      const id = Number(insert.run(r.accountId, r.openId, kind, JSON.stringify(rest), r.at.getTime(), r.by).lastInsertRowid);
      return toReply(byId.get(id)!);
    },
    finish: (id, delivery, at, heldReason) => void finish.run(delivery, heldReason ?? null, delivery, at.getTime(), id),
    get: (id) => {
      const row = byId.get(id);
      return row ? toReply(row) : undefined;
    },
    forYouth: (accountId, openId, limit) => byYouth.all(accountId, openId, limit).map(toReply),
    held: (accountId, openId) => heldFor.all(accountId, openId).map(toReply),
    markDeliveredPassive: (id, dedupKey, at) => markPassive.run(at.getTime(), dedupKey, id).changes === 1,
  };
}
