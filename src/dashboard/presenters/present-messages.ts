import { hashOpenId } from "../../logger";
import { SYSTEM_TYPES } from "../../db/stores/message-row";
import { eachDay, formatMinute } from "../../stats/dates";
import type { StatsContext } from "../../stats/stats-context";
import { readMessageDays, sumBy } from "../../stats/read-message-days";
import { emptyPage, formatNumber, type DateRange, type PageModel } from "./page-model";
import { label, MATCH_MODE_LABELS, MSG_TYPE_LABELS, ruleLabel, TYPE_GROUPS, typeGroup } from "./labels";

/** A rule id as staff know it (kept for callers of this module; labels.ts has the one definition). */
export const describeRule = (ruleId: string): string => ruleLabel(ruleId);

/** 消息: what youths send, what the bot answered, and what it could not answer. */
export function presentMessages(ctx: StatsContext, range: DateRange): PageModel {
  const page = emptyPage("消息");
  page.range = range;
  const m = readMessageDays(ctx, range.from, range.to);
  const days = eachDay(range.from, range.to);
  const total = (k: "messages" | "events" | "system" | "answered" | "unmatched") => m.activity.reduce((a, x) => a + x[k], 0);
  const messages = total("messages");
  page.kpis = [
    { label: "收到消息", value: formatNumber(messages) },
    { label: "菜单与关注事件", value: formatNumber(total("events")), hint: "青年的关注、取消关注、扫码和菜单操作" },
    { label: "关键词回复", value: formatNumber(total("answered")), hint: messages > 0 ? `占 ${((100 * total("answered")) / messages).toFixed(1)}%` : "" },
    { label: "未匹配", value: formatNumber(total("unmatched")) },
    // MASSSENDJOBFINISH and PUBLISHJOBFINISH are WeChat reporting on our own sends (issue 14).
    { label: "微信系统通知", value: formatNumber(total("system")), hint: "群发、发布结果通知，由微信发出，不计入互动" },
  ];

  // Youths' pushes only: a job result is not something a youth sent.
  const youthTypes = m.types.filter((t) => !SYSTEM_TYPES.has(t.msgType));
  const grouped = sumBy(youthTypes, (t) => `${typeGroup(t.msgType)}\u0000${t.day}`);
  page.charts.push({
    id: "message-types",
    title: "每日收到的消息与事件",
    kind: "bar",
    labels: days,
    series: TYPE_GROUPS.map((g) => ({ label: g, stack: "types", data: days.map((d) => grouped.get(`${g}\u0000${d}`) ?? 0) })),
  });

  const activity = new Map(m.activity.map((a) => [a.day, a]));
  page.tables.push({
    id: "activity",
    caption: "每日互动",
    columns: [
      { key: "date", label: "日期" },
      { key: "messages", label: "消息", numeric: true },
      { key: "events", label: "事件", numeric: true },
      { key: "system", label: "微信系统通知", numeric: true },
      { key: "youths", label: "互动青年", numeric: true },
      { key: "answered", label: "关键词回复", numeric: true },
      { key: "unmatched", label: "未匹配", numeric: true },
    ],
    rows: days.map((date) => {
      const a = activity.get(date);
      return {
        date,
        messages: a?.messages ?? 0,
        events: a?.events ?? 0,
        system: a?.system ?? 0,
        youths: a?.youths ?? 0,
        answered: a?.answered ?? 0,
        unmatched: a?.unmatched ?? 0,
      };
    }),
  });

  const byType = sumBy(m.types, (t) => t.msgType);
  page.tables.push({
    id: "types",
    caption: "消息类型",
    columns: [
      { key: "type", label: "类型" },
      { key: "code", label: "代码" },
      { key: "n", label: "次数", numeric: true },
    ],
    rows: [...byType].sort((a, b) => b[1] - a[1]).map(([code, n]) => ({ type: label(MSG_TYPE_LABELS, code), code, n })),
    empty: "这段时间没有收到消息。",
  });

  const perColumn = new Map<string, Record<string, number>>();
  for (const r of m.rules) {
    if (r.columnId === "") continue;
    const c = perColumn.get(r.columnId) ?? {};
    c[r.matchMode] = (c[r.matchMode] ?? 0) + r.n;
    perColumn.set(r.columnId, c);
  }
  const columnIds = [...ctx.columns.map((c) => c.id), ...[...perColumn.keys()].filter((id) => !ctx.columns.some((c) => c.id === id))];
  const hits = columnIds.map((id) => {
    const c = perColumn.get(id) ?? {};
    const keyword = (c["exact"] ?? 0) + (c["contains"] ?? 0) + (c["regex"] ?? 0);
    const col = ctx.columns.find((x) => x.id === id);
    return { column: col?.name ?? id, category: col?.category ?? "其他", keyword, menu: c["menu"] ?? 0, click: c["click"] ?? 0, total: keyword + (c["menu"] ?? 0) + (c["click"] ?? 0) };
  });
  page.charts.push({
    id: "column-hits",
    title: "各栏目被访问次数",
    kind: "bar",
    labels: hits.map((h) => h.column),
    series: [
      { label: "关键词", stack: "hits", data: hits.map((h) => h.keyword) },
      { label: "数字菜单", stack: "hits", data: hits.map((h) => h.menu) },
      { label: "菜单按钮", stack: "hits", data: hits.map((h) => h.click) },
    ],
  });
  page.tables.push({
    id: "columns",
    caption: "栏目访问",
    columns: [
      { key: "column", label: "栏目" },
      { key: "category", label: "分类" },
      { key: "keyword", label: "关键词", numeric: true },
      { key: "menu", label: "数字菜单", numeric: true },
      { key: "click", label: "菜单按钮", numeric: true },
      { key: "total", label: "合计", numeric: true },
    ],
    rows: hits,
  });

  const rules = sumBy(m.rules, (r) => `${r.ruleId}\u0000${r.columnId}\u0000${r.matchMode}`);
  page.tables.push({
    id: "rules",
    caption: "命中最多的规则（前 30）",
    columns: [
      { key: "rule", label: "关键词/规则" },
      { key: "column", label: "栏目" },
      { key: "mode", label: "匹配方式" },
      { key: "n", label: "次数", numeric: true },
    ],
    rows: [...rules]
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .slice(0, 30)
      .map(([key, n]) => {
        const [ruleId = "", columnId = "", mode = ""] = key.split("\u0000");
        return { rule: ruleLabel(ruleId), column: ctx.columns.find((c) => c.id === columnId)?.name ?? columnId, mode: label(MATCH_MODE_LABELS, mode), n };
      }),
    empty: "这段时间没有规则被命中。",
  });

  page.tables.push({
    id: "unmatched",
    caption: "未匹配的常见消息（可考虑加为关键词）",
    columns: [
      { key: "content", label: "内容" },
      { key: "n", label: "次数", numeric: true },
    ],
    rows: m.unmatched.slice(0, 20).map((t) => ({ content: t.content, n: t.n })),
    empty: "这段时间没有未匹配的消息。",
  });
  page.tables.push({
    id: "recent-unmatched",
    caption: "最近未匹配的消息",
    columns: [
      { key: "at", label: "时间" },
      { key: "youth", label: "青年（匿名）" },
      { key: "type", label: "类型" },
      { key: "content", label: "内容" },
    ],
    rows: ctx.stores.messages.recentUnmatched(ctx.accountId, 20).map((r) => ({
      at: formatMinute(r.receivedAt, ctx.timezone),
      youth: hashOpenId(r.openId),
      type: label(MSG_TYPE_LABELS, r.msgType),
      content: r.content,
    })),
    empty: "还没有未匹配的消息。",
  });
  return page;
}
