import type { FollowerStore } from "../db/stores/follower-store";
import type { QaTicketStore } from "../db/stores/qa-ticket-store";
import type { StaffReplyStore } from "../db/stores/staff-reply-store";
import { qaIntentOf, type QaVisit } from "../qa/decide-qa";
import type { QaContent } from "../qa/qa-content";
import type { InboundMessage } from "../wechat/types";

/** What routing a push needs to know about the youth who sent it, read before routing. */
export interface FollowerState {
  /** When they last got the default reply (sent at most once per interval). */
  lastDefaultReplyAt: Date | undefined;
  qa: QaVisit;
}

export interface FollowerStores {
  followers: FollowerStore;
  qaTickets: QaTicketStore;
  staffReplies: StaffReplyStore;
}

/**
 * Reads the youth's state for routing: one statement on every push (follower-store.ts), then the
 * waiting answers and held staff replies only when there are some, the tickets list only for
 * 我的问题; no waiting answers or replies when `withAnswers` is false
 * (a push answered from the journal: its answers wait, as they are marked delivered only with
 * the push in the main database).
 */
export function readFollower(
  stores: FollowerStores,
  accountId: string,
  message: InboundMessage,
  qaContent: QaContent,
  now: Date,
  withAnswers = true,
): FollowerState {
  const facts = stores.followers.facts(accountId, message.openId);
  const intent = qaIntentOf(message, qaContent, facts, now);
  return {
    lastDefaultReplyAt: facts.lastDefaultReplyAt,
    qa: {
      armedAt: facts.armedAt,
      waitingAnswers: withAnswers && facts.hasWaitingAnswers ? stores.qaTickets.answersFor(accountId, message.openId, message.dedupKey) : [],
      recentTickets: intent?.kind === "list" ? stores.qaTickets.forYouth(accountId, message.openId, 5) : [],
      heldReplies: withAnswers && facts.hasHeldReplies ? stores.staffReplies.held(accountId, message.openId) : [],
    },
  };
}
