import { parseArgs } from "node:util";
import type { Deps } from "../deps";
import { AppError } from "../errors";
import { isDate } from "../stats/dates";
import { formatLocal, localDate } from "../time";
import { formatDuration, type QaPeriodUnit } from "../qa/count-qa";
import type { QaService, TicketView } from "../qa/qa-service";
import { actorLabel, ANSWER_REASONS, CHANNEL_LABELS, EVENT_LABELS, OUTCOME_LABELS, ticketStateLabel } from "../qa/qa-labels";
import { formatWindowLeft } from "../inbox/reply-window";
import { zoneName } from "../posts/describe-plan";
import { withWeChat } from "./cli-wechat";
import { formatRows } from "./format-table";

export const QA_USAGE = `  qa list [--all] [--search 文字] [--assignee 姓名] [--json]
                                青年之声的提问：待答复的，最早的在前（--all：全部，最新的在前）
  qa show N [--json]            一条提问：问题、答复、送达情况、每一步处理记录
  qa answer N "答复" [--by 姓名]
                                答复第 N 号：在微信的 48 小时窗口内立即发出，否则在青年下次发消息时送达
  qa not-question N             把第 N 号标为“不是问题”并关闭
  qa assign N 姓名              把第 N 号交给值班表（content/qa.yml 的 duty）里的一位干部
  qa resend N                   送达情况不明的答复，在青年下次发消息时再发一次
  qa pick N [--undo]            把第 N 号选入“青年之声问答”汇编（--undo：移出）
  qa roundup [--since YYYY-MM-DD]
                                把选入汇编的问答写成一篇草稿，放进 content/posts/
  qa counts [--unit week|month] [--from YYYY-MM-DD --to YYYY-MM-DD] [--json]
                                按周或按月统计：提问、答复、送达、48 小时内答复、答复用时中位数
`;

const clip = (s: string, n: number) => {
  const chars = [...s.replace(/\s+/g, " ")];
  return chars.length <= n ? chars.join("") : chars.slice(0, n - 1).join("") + "…";
};

function ticketNumber(raw: string | undefined): number {
  const n = Number(String(raw ?? "").replace(/^#/, ""));
  if (!Number.isInteger(n) || n < 1) {
    throw new AppError("qa_usage", `请写提问的编号，例如 qa show 123（现在写的是「${raw ?? ""}」）`, { expose: true });
  }
  return n;
}

/** The reply window as staff read it: open until when, or closed since when (zone named). */
function windowText(t: TicketView, tz: string): string {
  const w = t.window;
  if (!w.closesAt) return "未开启（青年还没有给公众号发过消息）";
  const at = `${formatLocal(w.closesAt, tz)}（${zoneName(tz)}）`;
  return w.open ? `开着，到 ${at} 关闭（还剩 ${formatWindowLeft(w)}）` : `已关闭（${at}；${formatWindowLeft(w)}）`;
}

function showTicket(deps: Deps, qa: QaService, id: number): string {
  const tz = deps.config.scheduleTimezone;
  const zone = zoneName(tz);
  const t = qa.get(id);
  const when = (d: Date) => `${formatLocal(d, tz)}（${zone}）`;
  const lines = [
    `#${t.id}  ${ticketStateLabel(t)}${t.picked ? " · 已选入汇编" : ""}`,
    `提问时间  ${when(t.askedAt)}`,
    `回复窗口  ${windowText(t, tz)}`,
    `负责人    ${t.assignee ?? "（未分配）"}`,
    `问题      ${t.question}`,
  ];
  if (t.answer !== null) {
    lines.push(`答复      ${t.answer.replace(/\n/g, "\n          ")}`, `          ${t.answeredBy ?? "?"} 答复于 ${when(t.answeredAt!)}`);
  }
  lines.push("", `处理记录（${zone}）：`);
  const rows = qa.events(id).map((e) => [
    formatLocal(e.at, tz, "YYYY-MM-DD HH:mm:ss"),
    actorLabel(e.actor),
    `${EVENT_LABELS[e.kind] ?? e.kind}${e.channel ? `（${CHANNEL_LABELS[e.channel] ?? e.channel}）` : ""}`,
    `${e.outcome ? (OUTCOME_LABELS[e.outcome] ?? e.outcome) : ""}${e.errcode === null ? "" : ` ${e.errcode}`}`,
    e.detail ?? "",
  ]);
  lines.push(formatRows(["时间", "操作人", "事项", "结果", "说明"], rows).trimEnd().replace(/^/gm, "  "));
  return lines.join("\n") + "\n";
}

/** One ticket for `--json`: stable keys, ISO times (UTC), no openid. */
function ticketJson(t: TicketView) {
  const iso = (d: Date | null) => (d === null ? null : d.toISOString());
  return {
    id: t.id,
    state: t.state,
    delivery: t.delivery,
    needsDecision: t.needsDecision,
    assignee: t.assignee,
    question: t.question,
    askedAt: iso(t.askedAt),
    answer: t.answer,
    answeredBy: t.answeredBy,
    answeredAt: iso(t.answeredAt),
    deliveredAt: iso(t.deliveredAt),
    deliveredVia: t.deliveredVia,
    picked: t.picked,
    window: { open: t.window.open, closesAt: iso(t.window.closesAt), remaining: t.window.remaining },
  };
}

/**
 * `npm run cli -- qa …`: what the dashboard's 青年之声 page does, from a terminal. In sandbox mode
 * `qa answer` sends through an in-process copy of the simulator (cli-wechat.ts).
 * @returns the exit code
 */
export async function qaCommand(deps: Deps, args: string[], out: (text: string) => void): Promise<number> {
  const { values, positionals } = parseArgs({
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
      json: { type: "boolean" },
    },
  });
  const [sub, ...rest] = positionals;
  const qa = deps.qa.service;
  const by = values.by ?? "cli";
  const tz = deps.config.scheduleTimezone;
  const json = values.json === true;
  try {
    switch (sub) {
      case "list": {
        const { tickets, total } = qa.list({ openOnly: !values.all, search: values.search, assignee: values.assignee, limit: 200 });
        if (json) {
          out(JSON.stringify({ tickets: tickets.map(ticketJson), total }) + "\n");
          return 0;
        }
        if (tickets.length === 0) {
          out(values.all ? "还没有任何提问\n" : "没有待答复的提问\n");
          return 0;
        }
        out(
          formatRows(
            ["#", `提问时间（${zoneName(tz)}）`, "回复窗口剩余", "负责人", "状态", "问题"],
            tickets.map((t) => [
              String(t.id),
              formatLocal(t.askedAt, tz),
              t.state === "open" || (t.state === "answered" && t.delivery !== "delivered") ? formatWindowLeft(t.window) : "",
              t.assignee ?? "",
              ticketStateLabel(t),
              clip(t.question, 30),
            ]),
          ),
        );
        if (total > tickets.length) out(`（共 ${total} 条，只列出 ${tickets.length} 条：用 --search 或 --assignee 缩小范围）\n`);
        return 0;
      }
      case "show": {
        const id = ticketNumber(rest[0]);
        if (json) {
          const t = qa.get(id);
          const events = qa.events(id).map((e) => ({ at: e.at.toISOString(), actor: e.actor, kind: e.kind, channel: e.channel, outcome: e.outcome, errcode: e.errcode, detail: e.detail }));
          out(JSON.stringify({ ...ticketJson(t), events }) + "\n");
        } else {
          out(showTicket(deps, qa, id));
        }
        return 0;
      }
      case "answer": {
        const id = ticketNumber(rest[0]);
        const text = rest.slice(1).join(" ");
        const outcome = await withWeChat(deps, async (wechat) => deps.qa.serviceWith(wechat).answer(id, text, by));
        out(`#${id} 已答复：${ANSWER_REASONS[outcome.reason].replace("qa resend N", `qa resend ${id}`)}\n`);
        return 0;
      }
      case "not-question": {
        const id = ticketNumber(rest[0]);
        qa.notQuestion(id, by);
        out(`#${id} 已标记为“不是问题”并关闭\n`);
        return 0;
      }
      case "assign": {
        const t = qa.assign(ticketNumber(rest[0]), rest.slice(1).join(" "), by);
        out(`#${t.id} 已交给 ${t.assignee}\n`);
        return 0;
      }
      case "resend": {
        const id = ticketNumber(rest[0]);
        qa.resend(id, by);
        out(`#${id}：答复会在青年下次发消息时再发一次\n`);
        return 0;
      }
      case "pick": {
        const t = qa.pick(ticketNumber(rest[0]), !values.undo, by);
        out(`#${t.id} ${t.picked ? "已选入" : "已移出"}“青年之声问答”汇编\n`);
        return 0;
      }
      case "roundup": {
        if (values.since !== undefined && !isDate(values.since)) {
          throw new AppError("qa_usage", `--since 要写日期，例如 2026-12-01（现在写的是「${values.since}」）`, { expose: true });
        }
        const r = deps.qa.roundup(values.since);
        if (!r) {
          out("没有选入汇编的答复：先用 qa pick N 或在后台“青年之声”页选几条\n");
          return 0;
        }
        out(`已写好 ${r.file}：「${r.title}」，共 ${r.count} 个问答，draft: true（草稿）。请检查内容，写好 publish_at，再把 draft 改成 false\n`);
        return 0;
      }
      case "counts": {
        const unit = (values.unit ?? "week") as QaPeriodUnit;
        if (unit !== "week" && unit !== "month") {
          throw new AppError("qa_usage", `--unit 要写 week（按周）或 month（按月），现在写的是「${unit}」`, { expose: true });
        }
        const today = localDate(deps.clock.now(), tz);
        const to = values.to ?? today;
        const from = values.from ?? (unit === "week" ? addWeeks(to, -7) : `${to.slice(0, 4)}-01-01`);
        if (!isDate(from) || !isDate(to)) throw new AppError("qa_usage", "--from 和 --to 要写日期，例如 2026-12-01", { expose: true });
        const rows = deps.qa.counts(unit, from, to);
        if (json) {
          out(JSON.stringify(rows) + "\n");
          return 0;
        }
        out(
          formatRows(
            [unit === "week" ? "周" : "月", "从", "到", "提问", "答复", "送达", "48 小时内答复", "答复用时中位数"],
            rows.map((r) => [r.key, r.from, r.to, String(r.asked), String(r.answered), String(r.delivered), String(r.answeredWithin48h), formatDuration(r.medianAnswerMs)]),
            [false, false, false, true, true, true, true, true],
          ),
        );
        return 0;
      }
      default:
        if (sub !== undefined && sub !== "help") out(`qa：没有「${sub}」这个子命令\n\n`);
        out(`用法：\n${QA_USAGE}`);
        return sub === undefined || sub === "help" ? 0 : 1;
    }
  } catch (err) {
    if (err instanceof AppError && err.expose) {
      out(`qa：${err.message}\n`);
      return 1;
    }
    throw err;
  }
}

function addWeeks(date: string, weeks: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + weeks * 7);
  return d.toISOString().slice(0, 10);
}
