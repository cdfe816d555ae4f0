"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.STALE_SENDING_MS = void 0;
exports.createQaService = createQaService;
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
const errors_1 = require("../errors");
const bot_content_1 = require("../bot/bot-content");
const logger_1 = require("../logger");
const compose_reply_1 = require("./compose-reply");
const qa_content_1 = require("./qa-content");
const reply_window_1 = require("../inbox/reply-window");
const send_to_youth_1 = require("../inbox/send-to-youth");
/** A `sending` claim older than this was cut short (the API client gives up after 15 s). */
exports.STALE_SENDING_MS = 2 * 60_000;
const notFound = (id) => new errors_1.AppError("qa_not_found", `no ticket #${id}`, { expose: true, status: 404 });
const conflict = (message) => new errors_1.AppError("qa_conflict", message, { expose: true, status: 409 });
const invalid = (message) => new errors_1.AppError("qa_invalid", message, { expose: true, status: 422 });
function reasonFor(errcode) {
    if (errcode === 48001)
        return "wechat_48001";
    if (errcode === 45015)
        return "wechat_45015";
    if (errcode === 45047)
        return "wechat_45047";
    return "wechat_error";
}
function createQaService(deps) {
    const { store, clock } = deps;
    const accountId = deps.accountId ?? "default";
    const log = deps.log;
    const view = (t, now = clock.now()) => ({
        ...t,
        window: (0, send_to_youth_1.windowFor)({ sends: deps.sends, clock }, accountId, t.openId),
        needsDecision: t.delivery === "uncertain" || (t.delivery === "sending" && t.sendingSince !== null && now.getTime() - t.sendingSince.getTime() > exports.STALE_SENDING_MS),
    });
    const load = (id) => store.get(id) ?? (() => { throw notFound(id); })();
    /** Checks an answer before saving it: not empty, and it fits one text reply with its envelope. */
    const checkAnswer = (id, text) => {
        const answer = text.replace(/\r\n?/g, "\n").trim();
        if (answer === "")
            throw invalid("the answer is empty");
        const bytes = (0, bot_content_1.utf8Bytes)(answer);
        if (bytes > qa_content_1.MAX_ANSWER_BYTES) {
            throw invalid(`the answer is ${bytes} bytes; keep it within ${qa_content_1.MAX_ANSWER_BYTES} (about ${Math.floor(qa_content_1.MAX_ANSWER_BYTES / 3)} 汉字) so it fits one WeChat message`);
        }
        const t = load(id);
        const full = (0, bot_content_1.utf8Bytes)((0, compose_reply_1.formatAnswer)(deps.content().texts, { id, question: t.question, answer }));
        if (full > bot_content_1.MAX_TEXT_REPLY_BYTES)
            throw invalid(`with the question quoted the message is ${full} bytes; WeChat allows ${bot_content_1.MAX_TEXT_REPLY_BYTES}: shorten the answer`);
        return answer;
    };
    return {
        accountId,
        content: deps.content,
        list(q) {
            const now = clock.now();
            const r = store.list({ ...q, accountId });
            return { tickets: r.tickets.map((t) => view(t, now)), total: r.total };
        },
        get(id) {
            return view(load(id));
        },
        events(id) {
            load(id);
            return store.events(id);
        },
        checkAnswer,
        /** Saves the answer and delivers it now if WeChat allows, else leaves it for the youth's next message. */
        async answer(id, text, by) {
            const answer = checkAnswer(id, text);
            const now = clock.now();
            const before = load(id);
            if (before.delivery === "delivered")
                throw conflict(`#${id} was answered and the answer delivered already; it cannot change`);
            if (before.delivery === "sending")
                throw conflict(`#${id} is being sent right now; look again in a moment`);
            if (before.delivery === "uncertain")
                throw conflict(`#${id}: it is not known whether the last answer arrived; resend it or leave it`);
            const window = (0, send_to_youth_1.windowFor)({ sends: deps.sends, clock }, accountId, before.openId);
            const skip = !window.open ? "window_closed" : !deps.verified ? "unverified" : undefined;
            store.transaction(() => {
                if (!store.saveAnswer({ id, answer, by, at: now, delivery: skip ? "pending" : "sending" })) {
                    throw conflict(`#${id} changed meanwhile (delivered or being sent); look again`);
                }
                store.addEvent({ ticketId: id, at: now, actor: by, kind: "answered", detail: before.answer === null ? undefined : "修改了答复（尚未送达）" });
                if (skip) {
                    store.addEvent({
                        ticketId: id,
                        at: now,
                        actor: by,
                        kind: "send_skipped",
                        channel: "custom",
                        detail: skip === "window_closed"
                            ? (0, reply_window_1.windowClosedReason)(window)
                            : "公众号未认证（WECHAT_VERIFIED=false），客服消息会被拒（48001），等青年下次发消息时送达",
                    });
                }
            });
            if (skip) {
                log.info({ ticket: id, reason: skip }, "answer waits for the youth's next message");
                return { ticket: load(id), delivery: "pending", reason: skip };
            }
            const ticket = load(id);
            const result = await (0, send_to_youth_1.sendToYouth)({ sends: deps.sends, clock, log, verified: deps.verified, send: deps.send }, { accountId, openId: ticket.openId, message: { type: "text", content: (0, compose_reply_1.formatAnswer)(deps.content().texts, { id, question: ticket.question, answer }) }, source: "qa", ref: String(id), by });
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
                if (result.kind === "uncertain")
                    return { ticket: load(id), delivery: "uncertain", reason: "uncertain" };
                const errcode = result.errcode;
                return { ticket: load(id), delivery: "pending", reason: reasonFor(errcode), ...(errcode === undefined ? {} : { errcode }) };
            }
            store.transaction(() => {
                store.finishSending(id, "delivered", at);
                store.addEvent({ ticketId: id, at, actor: by, kind: "send_attempt", channel: "custom", outcome: "delivered" });
                store.addEvent({ ticketId: id, at, actor: by, kind: "delivered", channel: "custom" });
            });
            log.info({ ticket: id, user: (0, logger_1.hashOpenId)(ticket.openId) }, "answer delivered by the customer-service API");
            return { ticket: load(id), delivery: "delivered", reason: "delivered" };
        },
        notQuestion(id, by) {
            const now = clock.now();
            const t = load(id);
            if (t.state !== "open")
                throw conflict(`#${id} is ${t.state === "answered" ? "answered" : "closed"} already`);
            store.transaction(() => {
                if (!store.markNotQuestion(id, by, now))
                    throw conflict(`#${id} changed meanwhile; look again`);
                store.addEvent({ ticketId: id, at: now, actor: by, kind: "not_question" });
            });
            return load(id);
        },
        /** Gives the ticket to a cadre of the rota (by name, as content/qa.yml lists them). */
        assign(id, name, by) {
            const cadre = deps.content().rota.find((c) => c.name === name.trim());
            if (!cadre)
                throw invalid(`"${name}" is not on the duty rota (content/qa.yml): ${deps.content().rota.map((c) => c.name).join(", ")}`);
            const now = clock.now();
            load(id);
            store.transaction(() => {
                store.setAssignee(id, cadre.name, now);
                store.addEvent({ ticketId: id, at: now, actor: by, kind: "assigned", detail: cadre.name });
            });
            return load(id);
        },
        /** An answer whose delivery is uncertain (or whose send was cut short) goes with the youth's next message. */
        resend(id, by) {
            const now = clock.now();
            const t = view(load(id), now);
            if (!t.needsDecision)
                throw conflict(`#${id} has no answer of uncertain delivery (delivery: ${t.delivery})`);
            store.transaction(() => {
                if (!store.requeue(id, now, new Date(now.getTime() - exports.STALE_SENDING_MS)))
                    throw conflict(`#${id} changed meanwhile; look again`);
                store.addEvent({ ticketId: id, at: now, actor: by, kind: "resend", detail: "等青年下次发消息时重发" });
            });
            return load(id);
        },
        /** Chooses (or drops) an answered ticket for the 青年之声问答 roundup post. */
        pick(id, picked, by) {
            const now = clock.now();
            const t = load(id);
            if (t.state !== "answered")
                throw conflict(`#${id} has no answer yet; only answered questions go into the roundup`);
            store.transaction(() => {
                store.setPicked(id, picked, now);
                store.addEvent({ ticketId: id, at: now, actor: by, kind: picked ? "picked" : "unpicked" });
            });
            return load(id);
        },
    };
}
//# sourceMappingURL=qa-service.js.map