/**
 * The 青年之声 intake's part of routing one push. Pure: the message, content/qa.yml, what the youth
 * has to do with Q&A (read beforehand by webhook/read-follower.ts) and the bot's own answer in;
 * the reply and what to write (qa/apply-qa.ts, in the push's transaction) out.
 *
 * - "提问 …" makes a ticket (#123) and confirms it; a bare "提问" or the 青年之声 menu button makes
 *   the next text the question (for wait_minutes); "我的问题" lists the youth's tickets. These come
 *   before the columns' keywords.
 * - Answers that could not go out by the customer-service API (window closed, 48001, 45015,
 *   45047) wait for the youth's next message and ride on its passive reply, ahead of whatever else
 *   the reply says (compose-reply.ts).
 *
 * Why an answer delivered this way reaches the youth exactly once: the push is recorded, its
 * answers marked delivered and its reply stored in one transaction, before the reply is written
 * (webhook/handle-push.ts). WeChat retries a push only when it did not get our reply, and a
 * retry is answered with the stored reply before routing: the same message again, not a second
 * delivery. A push whose passive reply WeChat never got (three tries failed) shows the youth
 * WeChat's own error, and the answer counts as delivered: the limit of any passive reply (README).
 */
import type { RouteResult } from "../bot/route-message";
import type { Ticket } from "../db/stores/qa-ticket-store";
import type { StaffReply } from "../db/stores/staff-reply-store";
import type { InboundMessage, Reply } from "../wechat/types";
import { composeReply, fill, formatAnswer, quoteQuestion } from "./compose-reply";
import { matchQaIntent, type QaIntent } from "./match-qa-intent";
import type { QaContent } from "./qa-content";

/** What the youth has to do with Q&A, read before routing. */
export interface QaVisit {
  /** When the youth sent a bare 提问 (undefined: not waiting, or never). */
  armedAt: Date | undefined;
  /** Answers waiting for them (delivery pending), oldest answer first. */
  waitingAnswers: readonly Ticket[];
  /** Their latest tickets, read only for 我的问题. */
  recentTickets: readonly Ticket[];
  /** Staff replies from the inbox held for their next message (window closed when sent), oldest first. */
  heldReplies: readonly StaffReply[];
}

/** The push's route, and what the intake writes for it. */
export interface QaDecision {
  result: RouteResult;
  /** What to write: arm or disarm the youth, make a ticket (its number goes into `{number}`). */
  intent: QaIntent | null;
  /** Waiting answers this reply carries: marked delivered with the push. */
  delivered: readonly Ticket[];
  /** Held staff replies this reply carries: marked delivered with the push. */
  deliveredReplies: readonly StaffReply[];
}

/** Pushes that get a passive reply the youth sees: where a waiting answer can ride along. */
const VISIT_TYPES = new Set(["text", "image", "voice", "video", "shortvideo", "location", "link", "click", "subscribe", "scan"]);

/** Whether the youth is waiting to write a question now (a bare 提问 less than wait_minutes ago). */
export function isWaiting(visit: Pick<QaVisit, "armedAt">, content: QaContent, now: Date): boolean {
  return visit.armedAt !== undefined && now.getTime() - visit.armedAt.getTime() < content.waitMinutes * 60_000;
}

/** The Q&A intent of a push, or null (the bot answers it). */
export function qaIntentOf(message: InboundMessage, content: QaContent, visit: Pick<QaVisit, "armedAt">, now: Date): QaIntent | null {
  if (!VISIT_TYPES.has(message.type)) return null;
  return matchQaIntent(message, content, isWaiting(visit, content, now));
}

export function decideQa(message: InboundMessage, content: QaContent, visit: QaVisit, bot: RouteResult, now: Date): QaDecision {
  let intent = qaIntentOf(message, content, visit, now);
  // Waiting for a question, the youth sent a column's keyword (诚聘): the column answers, no ticket.
  if (intent?.kind === "ask" && intent.waited && (bot.matchMode === "exact" || bot.matchMode === "menu")) intent = null;
  const own = intent === null ? { result: bot, fallback: content.texts.deferredNote } : intakeReply(content, intent, visit);
  const answers = VISIT_TYPES.has(message.type) ? visit.waitingAnswers : [];
  const held = VISIT_TYPES.has(message.type) ? visit.heldReplies.filter((r) => r.body.kind !== "image") : [];
  if (answers.length + held.length === 0) return { result: own.result, intent, delivered: [], deliveredReplies: [] };
  // What waits for the youth, oldest kind first: 青年之声 answers, then staff replies (inbox).
  const composed = composeReply(
    [
      ...answers.map((t) => formatAnswer(content.texts, { id: t.id, question: t.question, answer: t.answer ?? "" })),
      ...held.map((r) => staffReplyText(r)),
    ],
    { reply: own.result.reply, fallback: own.fallback },
  );
  return {
    result: { ...own.result, reply: composed.reply },
    intent,
    delivered: composed.included.filter((i) => i < answers.length).map((i) => answers[i]!),
    deliveredReplies: composed.included.filter((i) => i >= answers.length).map((i) => held[i - answers.length]!),
  };
}

/** A held staff reply as one passage of a text reply; an article becomes its title as a link. */
function staffReplyText(r: StaffReply): string {
  const b = r.body;
  if (b.kind === "text") return b.content;
  if (b.kind === "article") return `<a href="${b.url.replace(/"/g, "%22")}">${b.title.replace(/</g, "＜").replace(/>/g, "＞")}</a>`;
  return "";
}

/** The intake's own reply; `{number}` is left for apply-qa.ts to fill with the new ticket's. */
function intakeReply(content: QaContent, intent: QaIntent, visit: QaVisit): { result: RouteResult; fallback?: string | undefined } {
  const qa = (ruleId: string, reply: string, fallback?: string) => ({
    result: { reply: { type: "text", content: reply } as Reply, ruleId: `qa:${ruleId}`, matchMode: "qa" as const },
    fallback,
  });
  switch (intent.kind) {
    case "arm":
      return qa("arm", fill(content.texts.askPrompt, { wait_minutes: content.waitMinutes }), content.texts.deferredNote);
    case "cancel":
      return qa("cancel", content.texts.cancelled);
    case "list":
      return qa("list", listText(content, visit.recentTickets), content.texts.deferredNote);
    case "ask":
      return qa("ask", content.texts.received, content.texts.receivedShort);
    case "too_short":
      return qa("too-short", content.texts.tooShort, content.texts.deferredNote);
  }
}

function stateWords(t: Ticket): string {
  if (t.state === "not_question") return "已关闭";
  if (t.state === "open") return "待答复";
  if (t.delivery === "delivered") return "已答复";
  // A pending answer rides on this very reply, above the list.
  return t.delivery === "pending" ? "已答复，见上" : "已答复，正在送达";
}

function listText(content: QaContent, tickets: readonly Ticket[]): string {
  if (tickets.length === 0) return content.texts.noTickets;
  return [content.texts.listHeader, ...tickets.map((t) => `#${t.id} ${shortQuestion(t.question)} · ${stateWords(t)}`)].join("\n");
}

function shortQuestion(question: string): string {
  const chars = [...quoteQuestion(question)];
  return chars.length <= 20 ? chars.join("") : chars.slice(0, 20).join("") + "…";
}
