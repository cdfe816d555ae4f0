/**
 * What staff do with 青年之声 tickets, the same from the dashboard and the CLI: list, show, answer
 * (and deliver), mark as not a question, assign, resend, pick for the roundup.
 *
 * Delivering an answer (protocol §5.6; anchors.md C6, TL;DR 7), through inbox/send-to-youth.ts:
 * - the reply window open by our records (inbox/reply-window.ts: 5 messages within 48 h of the
 *   youth's message, 3 within 1 minute of a follow, click or scan) and the account verified → the
 *   customer-service API at once, counted against the window;
 * - otherwise, or when WeChat refuses (48001 unverified, 45015 out of the window or unfollowed,
 *   45047 count used up, any other errcode) → `pending`: it rides on the passive reply to the
 *   youth's next message (decide-qa.ts);
 * - the call ended without WeChat's answer (timeout, cut connection) → `uncertain`: it may have
 *   arrived, so it is neither resent nor counted delivered until staff choose `resend`.
 * The `sending` claim is taken before the call, so a push arriving meanwhile never carries the same
 * answer. Every attempt, skipped or made, is recorded in qa_ticket_events.
 */
import { COUNTY_ACCOUNT_ID } from "../matrix/declared-account";
import { AppError } from "../errors";
import { MAX_TEXT_REPLY_BYTES, utf8Bytes } from "../bot/bot-content";
import type { QaTicketStore, Ticket, TicketEvent, TicketQuery } from "../db/stores/qa-ticket-store";
import { hashOpenId, type Logger } from "../logger";
import type { Clock } from "../time";
import type { CustomMessage } from "../wechat/endpoints/custom";
import { formatAnswer } from "./compose-reply";
import { MAX_ANSWER_BYTES, type QaContent } from "./qa-content";
import type { CustomerSendStore } from "../db/stores/customer-send-store";
import { windowClosedReason, type ReplyWindow } from "../inbox/reply-window";
import { sendToYouth, windowFor } from "../inbox/send-to-youth";

/** A `sending` claim older than this was cut short (the API client gives up after 15 s). */
export const STALE_SENDING_MS = 2 * 60_000;

export interface QaServiceDeps {
  store: QaTicketStore;
  /** The customer-service sends ledger: the reply window's count. */
  sends: CustomerSendStore;
  content: () => QaContent;
  clock: Clock;
  log: Logger;
  /** config.wechat.verified: unverified accounts always get 48001 from custom/send, so it is not called. */
  verified: boolean;
  /** The customer-service API (deps.wechat.custom.send). */
  send: (openId: string, message: CustomMessage) => Promise<void>;
  accountId?: string;
}

/** How an answer's delivery went: at once by the API, or waiting for the youth's next message. */
export type DeliveryReason =
  | "delivered"
  | "window_closed"
  | "unverified"
  | "wechat_48001"
  | "wechat_45015"
  | "wechat_45047"
  | "wechat_error"
  | "uncertain";

export interface AnswerOutcome {
  ticket: Ticket;
  delivery: "delivered" | "pending" | "uncertain";
  reason: DeliveryReason;
  errcode?: number;
}

/** The ticket as staff see it: with the reply window and whether a `sending` claim is stale. */
export interface TicketView extends Ticket {
  window: ReplyWindow;
  /** `uncertain`, or `sending` cut short: staff decide (resend at the next message). */
  needsDecision: boolean;
}

export type QaService = ReturnType<typeof createQaService>;

const notFound = (id: number) => new AppError("qa_not_found", `没有 #${id} 号提问：用 qa list --all 或后台“青年之声”页查看编号`, { expose: true, status: 404 });
const conflict = (message: string) => new AppError("qa_conflict", message, { expose: true, status: 409 });
const invalid = (message: string) => new AppError("qa_invalid", message, { expose: true, status: 422 });

function reasonFor(errcode: number | undefined): DeliveryReason {
  if (errcode === 48001) return "wechat_48001";
  if (errcode === 45015) return "wechat_45015";
  if (errcode === 45047) return "wechat_45047";
  return "wechat_error";
}

export function createQaService(deps: QaServiceDeps) {
  const { store, clock } = deps;
  const accountId = deps.accountId ?? COUNTY_ACCOUNT_ID;
  const log = deps.log;

  const view = (t: Ticket, now = clock.now()): TicketView => ({
    ...t,
    window: windowFor({ sends: deps.sends, clock }, accountId, t.openId),
    needsDecision:
      t.delivery === "uncertain" || (t.delivery === "sending" && t.sendingSince !== null && now.getTime() - t.sendingSince.getTime() > STALE_SENDING_MS),
  });
  // Ticket ids are one sequence across the matrix: another account's ticket is "not found" here,
  // so a township's staff never read or answer it through an id in a URL (issue 14, Roles).
  const load = (id: number): Ticket => {
    const t = store.get(id);
    if (!t || t.accountId !== accountId) throw notFound(id);
    return t;
  };

  /** Checks an answer before saving it: not empty, and it fits one text reply with its envelope. */
  const checkAnswer = (id: number, text: string): string => {
    const answer = text.replace(/\r\n?/g, "\n").trim();
    if (answer === "") throw invalid("答复是空的：请写上答复的内容");
    const bytes = utf8Bytes(answer);
    if (bytes > MAX_ANSWER_BYTES) {
      throw invalid(`答复有 ${bytes} 字节，最多 ${MAX_ANSWER_BYTES} 字节（约 ${Math.floor(MAX_ANSWER_BYTES / 3)} 个汉字），这样才放得进一条微信消息：请删短一些`);
    }
    const t = load(id);
    const full = utf8Bytes(formatAnswer(deps.content().texts, { id, question: t.question, answer }));
    if (full > MAX_TEXT_REPLY_BYTES) throw invalid(`连同引用的问题，这条消息有 ${full} 字节，微信最多 ${MAX_TEXT_REPLY_BYTES} 字节：请把答复删短一些`);
    return answer;
  };

  return {
    accountId,
    content: deps.content,

    list(q: Omit<TicketQuery, "accountId">): { tickets: TicketView[]; total: number } {
      const now = clock.now();
      const r = store.list({ ...q, accountId });
      return { tickets: r.tickets.map((t) => view(t, now)), total: r.total };
    },

    get(id: number): TicketView {
      return view(load(id));
    },

    events(id: number): TicketEvent[] {
      load(id);
      return store.events(id);
    },

    checkAnswer,

    /** Saves the answer and delivers it now if WeChat allows, else leaves it for the youth's next message. */
    async answer(id: number, text: string, by: string): Promise<AnswerOutcome> {
      const answer = checkAnswer(id, text);
      const now = clock.now();
      const before = load(id);
      if (before.delivery === "delivered") throw conflict(`#${id} 已经答复并送达，不能再改`);
      if (before.delivery === "sending") throw conflict(`#${id} 正在发送：请稍等一会儿再看`);
      if (before.delivery === "uncertain") throw conflict(`#${id}：不知道上一条答复有没有送达：先向青年确认，再选择重发（qa resend ${id}）或不管它`);
      const window = windowFor({ sends: deps.sends, clock }, accountId, before.openId);
      const skip: DeliveryReason | undefined = !window.open ? "window_closed" : !deps.verified ? "unverified" : undefined;

      store.transaction(() => {
        if (!store.saveAnswer({ id, answer, by, at: now, delivery: skip ? "pending" : "sending" })) {
          throw conflict(`#${id} 刚刚有了变化（已送达或正在发送）：请刷新后再看`);
        }
        store.addEvent({ ticketId: id, at: now, actor: by, kind: "answered", detail: before.answer === null ? undefined : "修改了答复（尚未送达）" });
        if (skip) {
          store.addEvent({
            ticketId: id,
            at: now,
            actor: by,
            kind: "send_skipped",
            channel: "custom",
            detail:
              skip === "window_closed"
                ? windowClosedReason(window)
                : "公众号未认证，客服消息会被微信拒绝（48001），等青年下次发消息时送达",
          });
        }
      });
      if (skip) {
        log.info({ ticket: id, reason: skip }, "answer waits for the youth's next message");
        return { ticket: load(id), delivery: "pending", reason: skip };
      }

      const ticket = load(id);
      const result = await sendToYouth(
        { sends: deps.sends, clock, log, verified: deps.verified, send: deps.send },
        { accountId, openId: ticket.openId, message: { type: "text", content: formatAnswer(deps.content().texts, { id, question: ticket.question, answer }) }, source: "qa", ref: String(id), by },
      );
      const at = clock.now();
      if (result.kind !== "sent") {
        store.transaction(() => {
          store.finishSending(id, result.kind === "held" ? "pending" : "uncertain", at);
          store.addEvent({
            ticketId: id,
            at,
            actor: by,
            kind: "send_attempt",
            channel: "custom",
            outcome: result.kind === "held" ? "refused" : "uncertain",
            ...(result.kind === "held" && result.errcode !== undefined ? { errcode: result.errcode } : {}),
            detail: result.kind === "held" ? result.reason : result.detail,
          });
        });
        if (result.kind === "uncertain") return { ticket: load(id), delivery: "uncertain", reason: "uncertain" };
        const errcode = result.errcode;
        return { ticket: load(id), delivery: "pending", reason: reasonFor(errcode), ...(errcode === undefined ? {} : { errcode }) };
      }
      store.transaction(() => {
        store.finishSending(id, "delivered", at);
        store.addEvent({ ticketId: id, at, actor: by, kind: "send_attempt", channel: "custom", outcome: "delivered" });
        store.addEvent({ ticketId: id, at, actor: by, kind: "delivered", channel: "custom" });
      });
      log.info({ ticket: id, user: hashOpenId(ticket.openId) }, "answer delivered by the customer-service API");
      return { ticket: load(id), delivery: "delivered", reason: "delivered" };
    },

    notQuestion(id: number, by: string): Ticket {
      const now = clock.now();
      const t = load(id);
      if (t.state !== "open") throw conflict(`#${id} 已经${t.state === "answered" ? "答复" : "关闭"}了`);
      store.transaction(() => {
        if (!store.markNotQuestion(id, by, now)) throw conflict(`#${id} 刚刚有了变化：请刷新后再看`);
        store.addEvent({ ticketId: id, at: now, actor: by, kind: "not_question" });
      });
      return load(id);
    },

    /** Gives the ticket to a cadre of the rota (by name, as content/qa.yml lists them). */
    assign(id: number, name: string, by: string): Ticket {
      const cadre = deps.content().rota.find((c) => c.name === name.trim());
      if (!cadre) throw invalid(`「${name}」不在值班表里（content/qa.yml 的 duty）：可以交给 ${deps.content().rota.map((c) => c.name).join("、")}`);
      const now = clock.now();
      load(id);
      store.transaction(() => {
        store.setAssignee(id, cadre.name, now);
        store.addEvent({ ticketId: id, at: now, actor: by, kind: "assigned", detail: cadre.name });
      });
      return load(id);
    },

    /** An answer whose delivery is uncertain (or whose send was cut short) goes with the youth's next message. */
    resend(id: number, by: string): Ticket {
      const now = clock.now();
      const t = view(load(id), now);
      if (!t.needsDecision) throw conflict(`#${id} 没有送达情况不明的答复，不需要重发`);
      store.transaction(() => {
        if (!store.requeue(id, now, new Date(now.getTime() - STALE_SENDING_MS))) throw conflict(`#${id} 刚刚有了变化：请刷新后再看`);
        store.addEvent({ ticketId: id, at: now, actor: by, kind: "resend", detail: "等青年下次发消息时重发" });
      });
      return load(id);
    },

    /** Chooses (or drops) an answered ticket for the 青年之声问答 roundup post. */
    pick(id: number, picked: boolean, by: string): Ticket {
      const now = clock.now();
      const t = load(id);
      if (t.state !== "answered") throw conflict(`#${id} 还没有答复：只有答复过的问题才能选入汇编`);
      store.transaction(() => {
        store.setPicked(id, picked, now);
        store.addEvent({ ticketId: id, at: now, actor: by, kind: picked ? "picked" : "unpicked" });
      });
      return load(id);
    },
  };
}
