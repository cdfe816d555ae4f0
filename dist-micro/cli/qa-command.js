"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.QA_USAGE = void 0;
exports.qaCommand = qaCommand;
const node_util_1 = require("node:util");
const errors_1 = require("../errors");
const dates_1 = require("../stats/dates");
const time_1 = require("../time");
const count_qa_1 = require("../qa/count-qa");
const reply_window_1 = require("../inbox/reply-window");
const cli_wechat_1 = require("./cli-wechat");
exports.QA_USAGE = `  qa list [--all] [--search TEXT] [--assignee NAME]
                                青年之声 tickets: open ones oldest first (--all: every ticket, newest first)
  qa show N                     one ticket: question, answer, delivery, every attempt
  qa answer N "TEXT" [--by NAME]
                                answer #N: sent at once inside WeChat's 48 h window, else with the youth's next message
  qa not-question N             close #N as not a question
  qa assign N NAME              give #N to a cadre of the duty rota (content/qa.yml)
  qa resend N                   an answer of uncertain delivery goes again with the youth's next message
  qa pick N [--undo]            choose #N for the 青年之声问答 roundup post
  qa roundup [--since YYYY-MM-DD]
                                write the picked answers as a draft post into content/posts/
  qa counts [--unit week|month] [--from YYYY-MM-DD --to YYYY-MM-DD]
                                asked, answered, delivered, within 48 h, median time to answer
`;
const STATE = { open: "open", answered: "answered", not_question: "not a question" };
const DELIVERY = {
    none: "",
    sending: "sending",
    pending: "waits for the youth's next message",
    delivered: "delivered",
    uncertain: "delivery uncertain (qa resend N)",
};
const REASONS = {
    delivered: "delivered now by the customer-service API",
    window_closed: "the youth's 48 h window is closed (by our records): the answer goes with their next message",
    unverified: "the account is not verified (WECHAT_VERIFIED=false, 48001): the answer goes with the youth's next message",
    wechat_48001: "WeChat refused: 48001 (the account may not use the customer-service API): the answer goes with the youth's next message",
    wechat_45015: "WeChat refused: 45015 (outside the 48 h window, or the youth unfollowed): the answer goes with their next message",
    wechat_45047: "WeChat refused: 45047 (5 messages in this window used up): the answer goes with the youth's next message",
    wechat_error: "WeChat could not be used for it now: the answer goes with the youth's next message",
    uncertain: "the call ended without WeChat's answer: it may have arrived. Check with the youth, then `qa resend N` if needed",
};
/** Columns a character takes in a terminal: CJK takes two. */
function width(text) {
    let w = 0;
    for (const ch of text)
        w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u.test(ch) ? 2 : 1;
    return w;
}
function table(header, rows) {
    const widths = header.map((h, i) => Math.max(width(h), ...rows.map((r) => width(r[i] ?? ""))));
    const line = (r) => r.map((c, i) => c + " ".repeat(widths[i] - width(c))).join("  ").trimEnd();
    return [line(header), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)].join("\n") + "\n";
}
const clip = (s, n) => {
    const chars = [...s.replace(/\s+/g, " ")];
    return chars.length <= n ? chars.join("") : chars.slice(0, n - 1).join("") + "…";
};
function ticketNumber(raw) {
    const n = Number(String(raw ?? "").replace(/^#/, ""));
    if (!Number.isInteger(n) || n < 1)
        throw new errors_1.AppError("qa_usage", `give the ticket number, e.g. qa show 123 (not "${raw ?? ""}")`, { expose: true });
    return n;
}
function deliveryText(t) {
    if (t.needsDecision)
        return DELIVERY["uncertain"];
    return DELIVERY[t.delivery] ?? t.delivery;
}
function showTicket(deps, qa, id) {
    const tz = deps.config.scheduleTimezone;
    const t = qa.get(id);
    const lines = [
        `#${t.id}  ${STATE[t.state]}${t.state === "answered" ? ` · ${deliveryText(t)}` : ""}${t.picked ? " · picked for the roundup" : ""}`,
        `asked     ${(0, time_1.formatLocal)(t.askedAt, tz)}`,
        `window    ${t.window.closesAt ? `${t.window.open ? "open until" : "closed at"} ${(0, time_1.formatLocal)(t.window.closesAt, tz)} (${(0, reply_window_1.formatWindowLeft)(t.window)})` : "never opened"}`,
        `assignee  ${t.assignee ?? "(none)"}`,
        `question  ${t.question}`,
    ];
    if (t.answer !== null)
        lines.push(`answer    ${t.answer.replace(/\n/g, "\n          ")}`, `          by ${t.answeredBy ?? "?"} at ${(0, time_1.formatLocal)(t.answeredAt, tz)}`);
    lines.push("", "history:");
    for (const e of qa.events(id)) {
        const bits = [e.kind, e.channel, e.outcome, e.errcode === null ? null : `errcode ${e.errcode}`, e.detail].filter((b) => b !== null && b !== "");
        lines.push(`  ${(0, time_1.formatLocal)(e.at, tz, "YYYY-MM-DD HH:mm:ss")}  ${e.actor}  ${bits.join(" · ")}`);
    }
    return lines.join("\n") + "\n";
}
/**
 * `npm run cli -- qa …`: what the dashboard's 青年之声 page does, from a terminal. In sandbox mode
 * `qa answer` sends through an in-process copy of the simulator (cli-wechat.ts).
 * @returns the exit code
 */
async function qaCommand(deps, args, out) {
    const { values, positionals } = (0, node_util_1.parseArgs)({
        args,
        allowPositionals: true,
        options: {
            all: { type: "boolean" },
            search: { type: "string" },
            assignee: { type: "string" },
            by: { type: "string" },
            undo: { type: "boolean" },
            since: { type: "string" },
            unit: { type: "string" },
            from: { type: "string" },
            to: { type: "string" },
        },
    });
    const [sub, ...rest] = positionals;
    const qa = deps.qa.service;
    const by = values.by ?? "cli";
    const tz = deps.config.scheduleTimezone;
    try {
        switch (sub) {
            case "list": {
                const { tickets, total } = qa.list({ openOnly: !values.all, search: values.search, assignee: values.assignee, limit: 200 });
                if (tickets.length === 0) {
                    out(values.all ? "no tickets\n" : "no open tickets\n");
                    return 0;
                }
                out(table(["#", "asked", "window left", "assignee", "state", "question"], tickets.map((t) => [
                    String(t.id),
                    (0, time_1.formatLocal)(t.askedAt, tz),
                    t.state === "open" || (t.state === "answered" && t.delivery !== "delivered") ? (0, reply_window_1.formatWindowLeft)(t.window) : "",
                    t.assignee ?? "",
                    t.state === "answered" ? `answered, ${deliveryText(t)}` : STATE[t.state],
                    clip(t.question, 30),
                ])));
                if (total > tickets.length)
                    out(`(${tickets.length} of ${total} shown)\n`);
                return 0;
            }
            case "show":
                out(showTicket(deps, qa, ticketNumber(rest[0])));
                return 0;
            case "answer": {
                const id = ticketNumber(rest[0]);
                const text = rest.slice(1).join(" ");
                const outcome = await (0, cli_wechat_1.withWeChat)(deps, async (wechat) => deps.qa.serviceWith(wechat).answer(id, text, by));
                out(`#${id} answered: ${REASONS[outcome.reason].replace("qa resend N", `qa resend ${id}`)}\n`);
                return 0;
            }
            case "not-question":
                qa.notQuestion(ticketNumber(rest[0]), by);
                out(`#${rest[0]} closed as not a question\n`);
                return 0;
            case "assign": {
                const t = qa.assign(ticketNumber(rest[0]), rest.slice(1).join(" "), by);
                out(`#${t.id} assigned to ${t.assignee}\n`);
                return 0;
            }
            case "resend":
                qa.resend(ticketNumber(rest[0]), by);
                out(`#${rest[0]}: the answer goes with the youth's next message\n`);
                return 0;
            case "pick": {
                const t = qa.pick(ticketNumber(rest[0]), !values.undo, by);
                out(`#${t.id} ${t.picked ? "picked for" : "dropped from"} the roundup\n`);
                return 0;
            }
            case "roundup": {
                if (values.since !== undefined && !(0, dates_1.isDate)(values.since))
                    throw new errors_1.AppError("qa_usage", `--since must be a date like 2026-12-01, not "${values.since}"`, { expose: true });
                const r = deps.qa.roundup(values.since);
                if (!r) {
                    out("no picked answers to gather (pick some with `qa pick N` or on the dashboard)\n");
                    return 0;
                }
                out(`wrote ${r.file}: "${r.title}", ${r.count} question(s), draft: true (review it, set publish_at, then draft: false)\n`);
                return 0;
            }
            case "counts": {
                const unit = (values.unit ?? "week");
                if (unit !== "week" && unit !== "month")
                    throw new errors_1.AppError("qa_usage", `--unit must be week or month, not "${unit}"`, { expose: true });
                const today = (0, time_1.localDate)(deps.clock.now(), tz);
                const to = values.to ?? today;
                const from = values.from ?? (unit === "week" ? addWeeks(to, -7) : `${to.slice(0, 4)}-01-01`);
                if (!(0, dates_1.isDate)(from) || !(0, dates_1.isDate)(to))
                    throw new errors_1.AppError("qa_usage", "--from and --to must be dates like 2026-12-01", { expose: true });
                const rows = deps.qa.counts(unit, from, to);
                out(table([unit, "from", "to", "asked", "answered", "delivered", "within 48 h", "median to answer"], rows.map((r) => [r.key, r.from, r.to, String(r.asked), String(r.answered), String(r.delivered), String(r.answeredWithin48h), (0, count_qa_1.formatDuration)(r.medianAnswerMs)])));
                return 0;
            }
            default:
                out(`usage:\n${exports.QA_USAGE}`);
                return sub === undefined || sub === "help" ? 0 : 1;
        }
    }
    catch (err) {
        if (err instanceof errors_1.AppError && err.expose) {
            out(`qa: ${err.message}\n`);
            return 1;
        }
        throw err;
    }
}
function addWeeks(date, weeks) {
    const d = new Date(`${date}T00:00:00Z`);
    d.setUTCDate(d.getUTCDate() + weeks * 7);
    return d.toISOString().slice(0, 10);
}
//# sourceMappingURL=qa-command.js.map