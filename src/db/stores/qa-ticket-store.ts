import type { Db } from "../open-database";

/** Migration 0005 documents each state and each delivery value. */
export type TicketState = "open" | "answered" | "not_question";
export type TicketDelivery = "none" | "sending" | "pending" | "delivered" | "uncertain";
export type DeliveryChannel = "custom" | "passive";
export type TicketEventKind =
  | "asked"
  | "assigned"
  | "answered"
  | "send_attempt"
  | "send_skipped"
  | "delivered"
  | "not_question"
  | "resend"
  | "picked"
  | "unpicked"
  | "roundup";

export interface Ticket {
  id: number;
  accountId: string;
  openId: string;
  question: string;
  askedAt: Date;
  sourceDedupKey: string;
  state: TicketState;
  assignee: string | null;
  assignedAt: Date | null;
  answer: string | null;
  answeredAt: Date | null;
  answeredBy: string | null;
  delivery: TicketDelivery;
  sendingSince: Date | null;
  deliveredAt: Date | null;
  deliveredVia: DeliveryChannel | null;
  deliveredIn: string | null;
  closedAt: Date | null;
  closedBy: string | null;
  picked: boolean;
  roundupSlug: string | null;
  /** youths.last_message_at: WeChat's 48 h customer-service window runs from here (null: never wrote). */
  lastMessageAt: Date | null;
}

export interface TicketEvent {
  at: Date;
  actor: string;
  kind: TicketEventKind;
  channel: DeliveryChannel | null;
  outcome: string | null;
  errcode: number | null;
  detail: string | null;
}

export interface NewTicketEvent {
  ticketId: number;
  at: Date;
  actor: string;
  kind: TicketEventKind;
  channel?: DeliveryChannel;
  outcome?: string;
  errcode?: number;
  detail?: string;
}

export interface TicketQuery {
  accountId: string;
  /** Only tickets still needing staff (open, or answered but not delivered); false: every ticket. */
  openOnly: boolean;
  /** Matches the question, the answer, the assignee, or "#123" / "123". */
  search?: string | undefined;
  assignee?: string | undefined;
  limit: number;
  offset?: number;
}

/** What the counts need of one ticket (not-a-question tickets are left out). */
export interface TicketTimes {
  askedAt: number;
  answeredAt: number | null;
  deliveredAt: number | null;
}


export interface QaTicketStore {
  /** Runs `fn` in one IMMEDIATE transaction (better-sqlite3 transactions nest as savepoints). */
  transaction<T>(fn: () => T): T;
  arm(accountId: string, openId: string, at: Date): void;
  disarm(accountId: string, openId: string): void;
  /** One ticket per push: a second call for the same push returns the first ticket (created: false). */
  create(t: { accountId: string; openId: string; question: string; askedAt: Date; dedupKey: string; now: Date }): { id: number; created: boolean };
  get(id: number): Ticket | undefined;
  list(q: TicketQuery): { tickets: Ticket[]; total: number };
  forYouth(accountId: string, openId: string, limit: number): Ticket[];
  events(ticketId: number): TicketEvent[];
  addEvent(e: NewTicketEvent): void;
  /** Per rota name, the id of the last ticket the rota gave them (0: never). */
  rotaTurns(accountId: string): Map<string, number>;
  recordRotaTurn(accountId: string, name: string, ticketId: number, at: Date): void;
  setAssignee(id: number, name: string | null, at: Date): boolean;
  /**
   * Stores the answer if it may still change (not delivered, not being sent) and sets delivery to
   * `sending` (the caller calls the customer-service API next) or `pending`. False otherwise.
   */
  saveAnswer(a: { id: number; answer: string; by: string; at: Date; delivery: "sending" | "pending" }): boolean;
  /** Ends a `sending` claim: delivered (custom), back to pending, or uncertain. */
  finishSending(id: number, result: "delivered" | "pending" | "uncertain", at: Date): boolean;
  /** Answers waiting for the youth (pending), oldest answer first, and those already carried by the push `dedupKey`. */
  answersFor(accountId: string, openId: string, dedupKey: string): Ticket[];
  /** pending → delivered as the passive reply to the push `dedupKey`; false if it was not pending. */
  markDeliveredPassive(id: number, dedupKey: string, at: Date): boolean;
  markNotQuestion(id: number, by: string, at: Date): boolean;
  /** uncertain (or a `sending` claim older than `staleBefore`) → pending. */
  requeue(id: number, at: Date, staleBefore: Date): boolean;
  setPicked(id: number, picked: boolean, at: Date): boolean;
  /** Picked, answered, not yet in a roundup, answered at or after `since`; oldest first. */
  roundupCandidates(accountId: string, since: Date): Ticket[];
  markRoundup(ids: readonly number[], slug: string, at: Date): void;
  /** Work waiting now: questions without an answer, and answers not delivered yet. */
  backlog(accountId: string): { open: number; undelivered: number };
  /** Tickets asked in [from, to) that are questions (not_question left out). */
  times(accountId: string, from: Date, to: Date): TicketTimes[];
}

interface Row {
  id: number;
  account_id: string;
  open_id: string;
  question: string;
  asked_at: number;
  source_dedup_key: string;
  state: TicketState;
  assignee: string | null;
  assigned_at: number | null;
  answer: string | null;
  answered_at: number | null;
  answered_by: string | null;
  delivery: TicketDelivery;
  sending_since: number | null;
  delivered_at: number | null;
  delivered_via: DeliveryChannel | null;
  delivered_in: string | null;
  closed_at: number | null;
  closed_by: string | null;
  picked: number;
  roundup_slug: string | null;
  last_message_at: number | null;
}

const date = (ms: number | null): Date | null => (ms === null ? null : new Date(ms));

function toTicket(r: Row): Ticket {
  return {
    id: r.id,
    accountId: r.account_id,
    openId: r.open_id,
    question: r.question,
    askedAt: new Date(r.asked_at),
    sourceDedupKey: r.source_dedup_key,
    state: r.state,
    assignee: r.assignee,
    assignedAt: date(r.assigned_at),
    answer: r.answer,
    answeredAt: date(r.answered_at),
    answeredBy: r.answered_by,
    delivery: r.delivery,
    sendingSince: date(r.sending_since),
    deliveredAt: date(r.delivered_at),
    deliveredVia: r.delivered_via,
    deliveredIn: r.delivered_in,
    closedAt: date(r.closed_at),
    closedBy: r.closed_by,
    picked: r.picked === 1,
    roundupSlug: r.roundup_slug,
    lastMessageAt: date(r.last_message_at),
  };
}

const SELECT = `
  SELECT t.*, y.last_message_at FROM qa_tickets t
  LEFT JOIN youths y ON y.account_id = t.account_id AND y.open_id = t.open_id`;

/** "%", "_" and "\" are literal in a search. */
const likePattern = (s: string) => `%${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export function createQaTicketStore(db: Db): QaTicketStore {

  const upsertArm = db.prepare(`
    INSERT INTO qa_awaiting (account_id, open_id, armed_at) VALUES (@account_id, @open_id, @at)
    ON CONFLICT (account_id, open_id) DO UPDATE SET armed_at = excluded.armed_at`);
  const deleteArm = db.prepare("DELETE FROM qa_awaiting WHERE account_id = @account_id AND open_id = @open_id");
  const insert = db.prepare(`
    INSERT INTO qa_tickets (account_id, open_id, question, asked_at, source_dedup_key, updated_at)
    VALUES (@account_id, @open_id, @question, @asked_at, @dedup_key, @now)
    ON CONFLICT (account_id, source_dedup_key) DO NOTHING`);
  const byDedupKey = db.prepare<{ account_id: string; dedup_key: string }, { id: number }>(
    "SELECT id FROM qa_tickets WHERE account_id = @account_id AND source_dedup_key = @dedup_key",
  );
  const byId = db.prepare<{ id: number }, Row>(`${SELECT} WHERE t.id = @id`);
  const byYouth = db.prepare<{ account_id: string; open_id: string; limit: number }, Row>(
    `${SELECT} WHERE t.account_id = @account_id AND t.open_id = @open_id ORDER BY t.asked_at DESC, t.id DESC LIMIT @limit`,
  );
  const insertEvent = db.prepare(`
    INSERT INTO qa_ticket_events (ticket_id, at, actor, kind, channel, outcome, errcode, detail)
    VALUES (@ticket_id, @at, @actor, @kind, @channel, @outcome, @errcode, @detail)`);
  const selectEvents = db.prepare<{ ticket_id: number }, { at: number; actor: string; kind: TicketEventKind; channel: DeliveryChannel | null; outcome: string | null; errcode: number | null; detail: string | null }>(
    "SELECT at, actor, kind, channel, outcome, errcode, detail FROM qa_ticket_events WHERE ticket_id = @ticket_id ORDER BY id",
  );
  const selectTurns = db.prepare<{ account_id: string }, { name: string; last_ticket_id: number }>(
    "SELECT name, last_ticket_id FROM qa_rota_turns WHERE account_id = @account_id",
  );
  const upsertTurn = db.prepare(`
    INSERT INTO qa_rota_turns (account_id, name, last_assigned_at, last_ticket_id) VALUES (@account_id, @name, @at, @ticket_id)
    ON CONFLICT (account_id, name) DO UPDATE SET last_assigned_at = excluded.last_assigned_at, last_ticket_id = excluded.last_ticket_id`);
  const updateAssignee = db.prepare(
    "UPDATE qa_tickets SET assignee = @name, assigned_at = @at, updated_at = @at WHERE id = @id",
  );
  // An answer may change until it is on its way or delivered; answering a not-a-question ticket reopens it.
  const updateAnswer = db.prepare(`
    UPDATE qa_tickets
    SET answer = @answer, answered_at = coalesce(answered_at, @at), answered_by = @by, state = 'answered',
        closed_at = NULL, closed_by = NULL,
        delivery = @delivery, sending_since = CASE WHEN @delivery = 'sending' THEN @at END, updated_at = @at
    WHERE id = @id AND delivery IN ('none', 'pending')`);
  const endSending = db.prepare(`
    UPDATE qa_tickets
    SET delivery = @delivery, sending_since = NULL,
        delivered_at = CASE WHEN @delivery = 'delivered' THEN @at END,
        delivered_via = CASE WHEN @delivery = 'delivered' THEN 'custom' END,
        updated_at = @at
    WHERE id = @id AND delivery = 'sending'`);
  const selectAnswers = db.prepare<{ account_id: string; open_id: string; dedup_key: string }, Row>(`
    ${SELECT}
    WHERE t.account_id = @account_id
      AND ((t.open_id = @open_id AND t.delivery = 'pending') OR t.delivered_in = @dedup_key)
    ORDER BY t.answered_at, t.id`);
  const markPassive = db.prepare(`
    UPDATE qa_tickets SET delivery = 'delivered', delivered_at = @at, delivered_via = 'passive', delivered_in = @dedup_key, updated_at = @at
    WHERE id = @id AND delivery = 'pending'`);
  const updateNotQuestion = db.prepare(`
    UPDATE qa_tickets SET state = 'not_question', closed_at = @at, closed_by = @by, updated_at = @at
    WHERE id = @id AND state = 'open'`);
  const updateRequeue = db.prepare(`
    UPDATE qa_tickets SET delivery = 'pending', sending_since = NULL, updated_at = @at
    WHERE id = @id AND (delivery = 'uncertain' OR (delivery = 'sending' AND sending_since < @stale_before))`);
  const updatePicked = db.prepare("UPDATE qa_tickets SET picked = @picked, updated_at = @at WHERE id = @id AND state = 'answered'");
  const selectCandidates = db.prepare<{ account_id: string; since: number }, Row>(`
    ${SELECT}
    WHERE t.account_id = @account_id AND t.state = 'answered' AND t.picked = 1 AND t.roundup_slug IS NULL AND t.answered_at >= @since
    ORDER BY t.answered_at, t.id`);
  const updateRoundup = db.prepare("UPDATE qa_tickets SET roundup_slug = @slug, updated_at = @at WHERE id = @id");
  const selectTimes = db.prepare<{ account_id: string; from: number; to: number }, TicketTimes>(`
    SELECT asked_at AS askedAt, answered_at AS answeredAt, delivered_at AS deliveredAt FROM qa_tickets
    WHERE account_id = @account_id AND asked_at >= @from AND asked_at < @to AND state <> 'not_question'`);

  const selectBacklog = db.prepare<{ account_id: string }, { open: number | null; undelivered: number | null }>(`
    SELECT sum(state = 'open') AS open, sum(state = 'answered' AND delivery <> 'delivered') AS undelivered
    FROM qa_tickets WHERE account_id = @account_id AND (state = 'open' OR delivery IN ('sending', 'pending', 'uncertain'))`);

  const run = <T>(fn: () => T): T => db.transaction(fn).immediate();

  const addEvent = (e: NewTicketEvent) =>
    void insertEvent.run({
      ticket_id: e.ticketId,
      at: e.at.getTime(),
      actor: e.actor,
      kind: e.kind,
      channel: e.channel ?? null,
      outcome: e.outcome ?? null,
      errcode: e.errcode ?? null,
      detail: e.detail ?? null,
    });

  return {
    transaction: run,
    arm(accountId, openId, at) {
      upsertArm.run({ account_id: accountId, open_id: openId, at: at.getTime() });
    },
    disarm: (accountId, openId) => void deleteArm.run({ account_id: accountId, open_id: openId }),
    create(t) {
      const inserted = insert.run({
        account_id: t.accountId,
        open_id: t.openId,
        question: t.question,
        asked_at: t.askedAt.getTime(),
        dedup_key: t.dedupKey,
        now: t.now.getTime(),
      });
      if (inserted.changes === 1) return { id: Number(inserted.lastInsertRowid), created: true };
      return { id: byDedupKey.get({ account_id: t.accountId, dedup_key: t.dedupKey })!.id, created: false };
    },
    get(id) {
      const r = byId.get({ id });
      return r ? toTicket(r) : undefined;
    },
    list(q) {
      const where: string[] = ["t.account_id = @account_id"];
      const params: Record<string, string | number> = { account_id: q.accountId, limit: q.limit, offset: q.offset ?? 0 };
      if (q.openOnly) where.push("(t.state = 'open' OR (t.state = 'answered' AND t.delivery <> 'delivered'))");
      if (q.assignee !== undefined) {
        where.push("t.assignee = @assignee");
        params["assignee"] = q.assignee;
      }
      const search = q.search?.trim();
      if (search) {
        const number = /^#?(\d{1,9})$/.exec(search);
        if (number) {
          where.push("t.id = @number");
          params["number"] = Number(number[1]);
        } else {
          where.push("(t.question LIKE @like ESCAPE '\\' OR t.answer LIKE @like ESCAPE '\\' OR t.assignee LIKE @like ESCAPE '\\')");
          params["like"] = likePattern(search);
        }
      }
      const clause = where.join(" AND ");
      // Open work oldest first (the longest-waiting youth comes first); everything: newest first.
      const order = q.openOnly ? "t.asked_at, t.id" : "t.asked_at DESC, t.id DESC";
      const rows = db.prepare<typeof params, Row>(`${SELECT} WHERE ${clause} ORDER BY ${order} LIMIT @limit OFFSET @offset`).all(params);
      const total = db.prepare<typeof params, { n: number }>(`SELECT count(*) AS n FROM qa_tickets t WHERE ${clause}`).get(params)!.n;
      return { tickets: rows.map(toTicket), total };
    },
    forYouth: (accountId, openId, limit) => byYouth.all({ account_id: accountId, open_id: openId, limit }).map(toTicket),
    events: (ticketId) =>
      selectEvents.all({ ticket_id: ticketId }).map((e) => ({ ...e, at: new Date(e.at) })),
    addEvent,
    rotaTurns: (accountId) => new Map(selectTurns.all({ account_id: accountId }).map((r) => [r.name, r.last_ticket_id])),
    recordRotaTurn: (accountId, name, ticketId, at) =>
      void upsertTurn.run({ account_id: accountId, name, ticket_id: ticketId, at: at.getTime() }),
    setAssignee: (id, name, at) => updateAssignee.run({ id, name, at: at.getTime() }).changes === 1,
    saveAnswer: (a) => updateAnswer.run({ id: a.id, answer: a.answer, by: a.by, at: a.at.getTime(), delivery: a.delivery }).changes === 1,
    finishSending: (id, result, at) => endSending.run({ id, delivery: result, at: at.getTime() }).changes === 1,
    answersFor: (accountId, openId, dedupKey) =>
      selectAnswers.all({ account_id: accountId, open_id: openId, dedup_key: dedupKey }).map(toTicket),
    markDeliveredPassive: (id, dedupKey, at) => markPassive.run({ id, at: at.getTime(), dedup_key: dedupKey }).changes === 1,
    markNotQuestion: (id, by, at) => updateNotQuestion.run({ id, by, at: at.getTime() }).changes === 1,
    requeue: (id, at, staleBefore) => updateRequeue.run({ id, at: at.getTime(), stale_before: staleBefore.getTime() }).changes === 1,
    setPicked: (id, picked, at) => updatePicked.run({ id, picked: picked ? 1 : 0, at: at.getTime() }).changes === 1,
    roundupCandidates: (accountId, since) => selectCandidates.all({ account_id: accountId, since: since.getTime() }).map(toTicket),
    markRoundup(ids, slug, at) {
      for (const id of ids) updateRoundup.run({ id, slug, at: at.getTime() });
    },
    backlog(accountId) {
      const r = selectBacklog.get({ account_id: accountId });
      return { open: r?.open ?? 0, undelivered: r?.undelivered ?? 0 };
    },
    times: (accountId, from, to) => selectTimes.all({ account_id: accountId, from: from.getTime(), to: to.getTime() }),
  };
}
