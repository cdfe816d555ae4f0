import type { Db } from "../open-database";

/** What routing needs to know of a youth on every push, from one statement. */
export interface FollowerFacts {
  /** When they last got the default reply. */
  lastDefaultReplyAt: Date | undefined;
  /** When they sent a bare 提问 (waiting for the question). */
  armedAt: Date | undefined;
  /** 青年之声 answers wait for them. */
  hasWaitingAnswers: boolean;
  /** Staff replies from the inbox wait for them. */
  hasHeldReplies: boolean;
}

export interface FollowerStore {
  facts(accountId: string, openId: string): FollowerFacts;
}

/**
 * The youth's state across youths, qa_awaiting, qa_tickets and staff_replies in one indexed
 * statement: it runs for every push, and one statement costs less than four.
 */
export function createFollowerStore(db: Db): FollowerStore {
  const select = db.prepare<{ account_id: string; open_id: string }, { default_at: number | null; armed_at: number | null; answers: number; held: number }>(`
    SELECT (SELECT last_default_reply_at FROM youths WHERE account_id = @account_id AND open_id = @open_id) AS default_at,
           (SELECT armed_at FROM qa_awaiting WHERE account_id = @account_id AND open_id = @open_id) AS armed_at,
           EXISTS (SELECT 1 FROM qa_tickets WHERE account_id = @account_id AND open_id = @open_id AND delivery = 'pending') AS answers,
           EXISTS (SELECT 1 FROM staff_replies WHERE account_id = @account_id AND open_id = @open_id AND delivery = 'held') AS held`);
  return {
    facts(accountId, openId) {
      const r = select.get({ account_id: accountId, open_id: openId })!;
      return {
        lastDefaultReplyAt: r.default_at === null ? undefined : new Date(r.default_at),
        armedAt: r.armed_at === null ? undefined : new Date(r.armed_at),
        hasWaitingAnswers: r.answers === 1,
        hasHeldReplies: r.held === 1,
      };
    },
  };
}
