/**
 * The 青年之声 intake, wrapped around the bot's router (deps.route = Q&A first, then the bot):
 *
 * - "提问 …" makes a ticket (#123) and confirms it; a bare "提问" or the 青年之声 menu button makes
 *   the next text the question (for wait_minutes); "我的问题" lists the youth's tickets. These come
 *   before the columns' keywords.
 * - Answers that could not go out by the customer-service API (window closed, 48001, 45015,
 *   45047) wait for the youth's next message and ride on its passive reply, ahead of whatever else
 *   the reply says, and are marked delivered in the same step.
 *
 * Synchronous (better-sqlite3 is): the webhook stays on its fast path (answer-push.ts), where the
 * push is recorded right after routing with no await in between.
 *
 * Why an answer delivered this way reaches the youth exactly once:
 * - Only a `pending` answer is taken, and taking it is one UPDATE … WHERE delivery = 'pending' in
 *   the same transaction that builds the reply, so two pushes (or a push and a staff resend) can
 *   never both carry it; an answer being sent by the API at that moment is `sending`, not pending.
 * - The answer is bound to the push that carried it (delivered_in = its dedup key). WeChat retries
 *   a push only when it did not get our reply; answer-push.ts dedupes retries before routing and
 *   answers them with the reply stored for the first try, so a retry repeats that very reply (one
 *   message on the phone), never a second delivery. If the process died before the message log
 *   was written (group commit, ≤ a few ms) and a retry is routed again, the answers bound to that
 *   push are put into its reply again: still the same push, still one message.
 * - A push whose passive reply WeChat never got (three tries failed) shows the youth WeChat's own
 *   error, and the answer counts as delivered: the limit of any passive reply, noted in the README.
 */
import type { PushRouter } from "../deps";
import type { RouteFacts, RouteResult } from "../bot/route-message";
import type { QaTicketStore, Ticket } from "../db/stores/qa-ticket-store";
import { hashOpenId, type Logger } from "../logger";
import type { Clock } from "../time";
import type { InboundMessage, Reply } from "../wechat/types";
import { composeReply, fill, formatAnswer, quoteQuestion, type OwnReply } from "./compose-reply";
import { matchQaIntent, type QaIntent } from "./match-qa-intent";
import { pickOnDuty } from "./pick-on-duty";
import type { QaContent } from "./qa-content";

export interface QaRouterDeps {
  store: QaTicketStore;
  /** The last good content/qa.yml. */
  content: () => QaContent;
  clock: Clock;
  /** Day boundaries of the duty rota (SCHEDULE_TIMEZONE). */
  timezone: string;
  /** The push names the account by its original id (gh_…); tickets are kept per account id. */
  accountIdOf: (originalId: string) => string;
  log: Logger;
}

/** Pushes that get a passive reply the youth sees: where a waiting answer can ride along. */
const VISIT_TYPES = new Set(["text", "image", "voice", "video", "shortvideo", "location", "link", "click", "subscribe", "scan"]);

const isPromise = <T>(v: T | Promise<T>): v is Promise<T> => typeof (v as { then?: unknown })?.then === "function";

export function createQaRouter(inner: PushRouter, deps: QaRouterDeps): PushRouter {
  const { store } = deps;
  return (message, facts) => {
    if (!VISIT_TYPES.has(message.type)) return inner(message, facts);
    const accountId = deps.accountIdOf(message.accountOriginalId);
    const content = deps.content();
    const state = store.visitState(accountId, message.openId, message.dedupKey);
    const waiting = state.armedAt !== undefined && facts.now.getTime() - state.armedAt.getTime() < content.waitMinutes * 60_000;
    const intent: QaIntent | null =
      state.ticketOfPush !== undefined ? { kind: "ask", question: "" } : matchQaIntent(message, content, waiting);
    if (intent === null && !state.hasAnswers) return inner(message, facts);

    let own: { result: RouteResult; fallback?: string | undefined; ticketId?: number } | undefined;
    if (intent === null) {
      const result = inner(message, facts);
      // A slow router cannot share its reply: the answers wait for a push answered at once.
      if (isPromise(result)) return result;
      own = { result, fallback: content.texts.deferredNote };
    }

    return store.transaction(() => {
      const visit = own ?? handleIntent(deps, content, accountId, message, intent!, facts);
      const result = state.hasAnswers ? withAnswers(deps, content, accountId, message, facts.now, visit) : visit.result;
      return result;
    });
  };
}

/** Does what the Q&A intent asks (inside the push's transaction) and returns the intake's own reply. */
function handleIntent(
  deps: QaRouterDeps,
  content: QaContent,
  accountId: string,
  message: InboundMessage,
  intent: QaIntent,
  facts: RouteFacts,
): { result: RouteResult; fallback?: string | undefined } {
  const { store } = deps;
  const { openId } = message;
  const qa = (ruleId: string, reply: string, fallback?: string) => ({
    result: { reply: { type: "text", content: reply } as Reply, ruleId: `qa:${ruleId}`, matchMode: "qa" as const },
    fallback,
  });
  switch (intent.kind) {
    case "arm":
      store.arm(accountId, openId, facts.now);
      return qa("arm", fill(content.texts.askPrompt, { wait_minutes: content.waitMinutes }), content.texts.deferredNote);
    case "cancel":
      store.disarm(accountId, openId);
      return qa("cancel", content.texts.cancelled);
    case "list":
      return qa("list", listText(content, store.forYouth(accountId, openId, 5)), content.texts.deferredNote);
    case "ask": {
      const id = createTicket(deps, content, accountId, message, intent.question, facts.now);
      return qa("ask", fill(content.texts.received, { number: id }), fill(content.texts.receivedShort, { number: id }));
    }
  }
}

/** Makes the ticket (once per push) and gives it to the cadre on duty next in turn. */
function createTicket(deps: QaRouterDeps, content: QaContent, accountId: string, message: InboundMessage, question: string, now: Date): number {
  const { store } = deps;
  store.disarm(accountId, message.openId);
  const ticket = store.create({ accountId, openId: message.openId, question, askedAt: message.createdAt, dedupKey: message.dedupKey, now });
  if (!ticket.created) return ticket.id;
  store.addEvent({ ticketId: ticket.id, at: now, actor: "youth", kind: "asked", detail: message.type === "voice" ? "语音识别" : undefined });
  const cadre = pickOnDuty(content.rota, store.rotaTurns(accountId), message.createdAt, deps.timezone);
  if (cadre) {
    store.setAssignee(ticket.id, cadre.name, now);
    store.recordRotaTurn(accountId, cadre.name, ticket.id, now);
    store.addEvent({ ticketId: ticket.id, at: now, actor: "rota", kind: "assigned", detail: cadre.name });
  }
  deps.log.info({ ticket: ticket.id, user: hashOpenId(message.openId), assignee: cadre?.name ?? null }, "question received");
  return ticket.id;
}

/** Puts the answers waiting for this youth in front of the push's reply; marks those sent delivered. */
function withAnswers(
  deps: QaRouterDeps,
  content: QaContent,
  accountId: string,
  message: InboundMessage,
  now: Date,
  visit: { result: RouteResult; fallback?: string | undefined },
): RouteResult {
  const { store } = deps;
  const tickets: Ticket[] = store.answersFor(accountId, message.openId, message.dedupKey);
  if (tickets.length === 0) return visit.result;
  // Those this push carried already (a re-run of the same push) go first and are kept.
  tickets.sort((a, b) => Number(b.deliveredIn === message.dedupKey) - Number(a.deliveredIn === message.dedupKey));
  const mustInclude = new Set(tickets.flatMap((t, i) => (t.deliveredIn === message.dedupKey ? [i] : [])));
  const answers = tickets.map((t) => formatAnswer(content.texts, { id: t.id, question: t.question, answer: t.answer ?? "" }));
  const own: OwnReply = { reply: visit.result.reply, fallback: visit.fallback };
  const composed = composeReply(answers, own, mustInclude);
  for (const i of composed.included) {
    const t = tickets[i]!;
    if (t.delivery !== "pending") continue;
    if (store.markDeliveredPassive(t.id, message.dedupKey, now)) {
      store.addEvent({ ticketId: t.id, at: now, actor: "webhook", kind: "delivered", channel: "passive", detail: `随青年这条消息的回复送达（${message.dedupKey}）` });
      deps.log.info({ ticket: t.id, user: hashOpenId(message.openId) }, "answer delivered with the reply to the youth's message");
    }
  }
  return { ...visit.result, reply: composed.reply };
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
