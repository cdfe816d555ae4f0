import { routeMessage, type PublishedArticle } from "../bot/route-message";
import type { BotContent } from "../bot/bot-content";
import { decideQa, type QaDecision } from "../qa/decide-qa";
import type { QaContent } from "../qa/qa-content";
import { decideBind, type BindDecision, type BindState } from "../staff-phone/decide-bind";
import type { InboundMessage } from "../wechat/types";
import type { FollowerState } from "./read-follower";

/** Everything routing reads besides the push and the youth: the editors' content and the ledger's articles. */
export interface RouteContent {
  bot: BotContent;
  qa: QaContent;
  /** Latest published articles per column, newest first (publisher/article-catalog.ts). */
  articles: ReadonlyMap<string, readonly PublishedArticle[]>;
}

/** The route of a push, and for a staff member's "绑定 123456" what binding their phone writes. */
export type RoutedPush = QaDecision & { bind?: BindDecision };

/** Logged as the rule of a "绑定 …" push (labels.ts names it for staff). */
export const BIND_RULE_ID = "staff-phone:bind";

/**
 * The reply to one push and what answering it writes. Pure: the push, the content and the
 * youth's state read beforehand in, a decision out; no I/O. A staff member binding their phone
 * ("绑定 123456", staff-phone/decide-bind.ts) comes first; waiting answers then wait for the next
 * message. The 青年之声 intake's keywords come before the columns' (qa/decide-qa.ts), and answers
 * waiting for the youth ride on the reply.
 */
export function routePush(message: InboundMessage, content: RouteContent, follower: FollowerState, now: Date, bind: BindState | null = null): RoutedPush {
  if (bind) {
    const decision = decideBind(bind, now);
    const reply = { type: "text" as const, content: decision.reply };
    return { result: { reply, ruleId: BIND_RULE_ID }, intent: null, delivered: [], deliveredReplies: [], bind: decision };
  }
  const bot = routeMessage(message, content.bot, {
    now,
    latestArticles: (columnId, limit) => (content.articles.get(columnId) ?? []).slice(0, limit),
    lastDefaultReplyAt: follower.lastDefaultReplyAt,
  });
  return decideQa(message, content.qa, follower.qa, bot, now);
}
