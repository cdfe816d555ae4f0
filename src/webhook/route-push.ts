import { routeMessage, type PublishedArticle } from "../bot/route-message";
import type { BotContent } from "../bot/bot-content";
import { decideQa, type QaDecision } from "../qa/decide-qa";
import type { QaContent } from "../qa/qa-content";
import type { InboundMessage } from "../wechat/types";
import type { FollowerState } from "./read-follower";

/** Everything routing reads besides the push and the youth: the editors' content and the ledger's articles. */
export interface RouteContent {
  bot: BotContent;
  qa: QaContent;
  /** Latest published articles per column, newest first (publisher/article-catalog.ts). */
  articles: ReadonlyMap<string, readonly PublishedArticle[]>;
}

/**
 * The reply to one push and what answering it writes. Pure: the push, the content and the
 * youth's state read beforehand in, a decision out; no I/O. The 青年之声 intake's keywords come
 * before the columns' (qa/decide-qa.ts), and answers waiting for the youth ride on the reply.
 */
export function routePush(message: InboundMessage, content: RouteContent, follower: FollowerState, now: Date): QaDecision {
  const bot = routeMessage(message, content.bot, {
    now,
    latestArticles: (columnId, limit) => (content.articles.get(columnId) ?? []).slice(0, limit),
    lastDefaultReplyAt: follower.lastDefaultReplyAt,
  });
  return decideQa(message, content.qa, follower.qa, bot, now);
}
