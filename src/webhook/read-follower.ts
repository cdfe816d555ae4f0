import type { MessageStore } from "../db/stores/message-store";
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
  messages: MessageStore;
  qaTickets: QaTicketStore;
  staffReplies: StaffReplyStore;
}

/**
 * Reads the youth's state for routing: a few indexed lookups. The tickets list only for
 * 我的问题, the waiting answers only when there are some, held staff replies (inbox), and no
 * waiting answers or replies when `withAnswers` is false
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
  const visit = stores.qaTickets.visitState(accountId, message.openId, message.dedupKey);
  const armed = { armedAt: visit.armedAt };
  const intent = qaIntentOf(message, qaContent, armed, now);
  return {
    lastDefaultReplyAt: stores.messages.lastDefaultReplyAt(accountId, message.openId),
    qa: {
      armedAt: visit.armedAt,
      waitingAnswers: withAnswers && visit.hasAnswers ? stores.qaTickets.answersFor(accountId, message.openId, message.dedupKey) : [],
      recentTickets: intent?.kind === "list" ? stores.qaTickets.forYouth(accountId, message.openId, 5) : [],
      heldReplies: withAnswers ? stores.staffReplies.held(accountId, message.openId) : [],
    },
  };
}
