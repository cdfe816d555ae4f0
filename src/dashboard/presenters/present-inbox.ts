/**
 * The inbox (私信) for staff: the list query read from the URL, and each thread and thread line as
 * the views show it, in words staff understand (labels.ts) and in Beijing time.
 */
import { RequestError } from "../../errors";
import type { InboxFilter, ThreadRow } from "../../db/stores/inbox-store";
import type { StaffReply } from "../../db/stores/staff-reply-store";
import type { ThreadItem } from "../../inbox/inbox-service";
import { addDays, dayStart, isDate } from "../../stats/dates";
import { formatLocal } from "../../time";
import type { Reply } from "../../wechat/types";
import { ageLabel, label, matchModeLabel, MSG_TYPE_LABELS, ruleLabel, STAFF_REPLY_DELIVERY_LABELS, TICKET_STATE_LABELS } from "./labels";

export const INBOX_PER_PAGE = 20;

/** The filters, in the order of the tabs, with what staff read. */
export const INBOX_FILTERS: ReadonlyArray<{ id: InboxFilter; label: string; hint: string }> = [
  { id: "all", label: "全部", hint: "所有发过消息的关注者" },
  { id: "unanswered", label: "未回复", hint: "最后一条消息没有匹配关键词、不是青年之声提问，也还没有工作人员回复" },
  { id: "tickets", label: "青年之声", hint: "提过青年之声问题的关注者" },
  { id: "unmatched", label: "无匹配关键词", hint: "最后一条消息没有匹配任何关键词：可能值得新开一个栏目或关键词" },
];

export interface InboxListQuery {
  q: string;
  /** YYYY-MM-DD or "" (no bound), Beijing time. */
  from: string;
  to: string;
  filter: InboxFilter;
  page: number;
}

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? "";

/** ?q=&from=&to=&filter=&page= with defaults; a bad date gets a 400 that says why. */
export function readInboxQuery(query: Record<string, string | string[] | undefined>): InboxListQuery {
  const from = one(query["from"]).trim();
  const to = one(query["to"]).trim();
  for (const [name, v] of [["开始日期", from], ["结束日期", to]] as const) {
    if (v !== "" && !isDate(v)) throw new RequestError("bad_range", `${name}应是 2026-11-01 这样的日期，不是 "${v.slice(0, 20)}"`, 400);
  }
  if (from && to && from > to) throw new RequestError("bad_range", `开始日期 (${from}) 晚于结束日期 (${to})`, 400);
  const filter = INBOX_FILTERS.find((f) => f.id === one(query["filter"]))?.id ?? "all";
  const page = Math.min(10_000, Math.max(1, Number.parseInt(one(query["page"]), 10) || 1));
  return { q: one(query["q"]).trim().slice(0, 100), from, to, filter, page };
}

/** The query's [from, to) in ms (Beijing days); open bounds when no date is given. */
export function rangeOf(q: InboxListQuery, tz: string): { from: Date; to: Date } {
  return {
    from: new Date(q.from ? dayStart(q.from, tz) : 0),
    to: new Date(q.to ? dayStart(addDays(q.to, 1), tz) : 8_640_000_000_000_000),
  };
}

/** The URL of the list with some of the query changed (and page 1 unless given). */
export function inboxHref(q: InboxListQuery, change: Partial<InboxListQuery> = {}): string {
  const next = { ...q, page: 1, ...change };
  const params = new URLSearchParams();
  if (next.q) params.set("q", next.q);
  if (next.from) params.set("from", next.from);
  if (next.to) params.set("to", next.to);
  if (next.filter !== "all") params.set("filter", next.filter);
  if (next.page > 1) params.set("page", String(next.page));
  const s = params.toString();
  return `/dashboard/inbox${s ? `?${s}` : ""}`;
}

/** An openid as staff see it when there is no remark: enough to tell followers apart, not the whole id. */
export function maskOpenId(openId: string): string {
  return openId.length <= 10 ? openId : `${openId.slice(0, 4)}…${openId.slice(-4)}`;
}

export const followerName = (f: { openId: string; remark: string | null }) => f.remark || maskOpenId(f.openId);

const clip = (s: string, n: number) => {
  const chars = [...s.replace(/\s+/g, " ").trim()];
  return chars.length <= n ? chars.join("") : chars.slice(0, n).join("") + "…";
};

/** What a youth's message was, in a line: its text, or [图片] / [语音] 识别的文字 / [位置] 名称. */
export function messageGist(type: string, content: string | null, max = 60): string {
  if (type === "text") return clip(content ?? "", max);
  const kind = `[${label(MSG_TYPE_LABELS, type)}]`;
  if (type === "image" || content === null || content === "") return kind;
  return `${kind} ${clip(content, max)}`;
}

export interface ThreadCard {
  openId: string;
  href: string;
  name: string;
  hasRemark: boolean;
  masked: string;
  at: string;
  gist: string;
  messages: number;
  unanswered: boolean;
  tickets: number;
  unmatched: boolean;
  unsubscribed: boolean;
  /** "3小时前" when it waits for an answer. */
  waiting: string;
}

export function presentThreadRow(r: ThreadRow, tz: string, now: Date): ThreadCard {
  return {
    openId: r.openId,
    href: `/dashboard/inbox/${encodeURIComponent(r.openId)}`,
    name: followerName(r),
    hasRemark: Boolean(r.remark),
    masked: maskOpenId(r.openId),
    at: formatLocal(new Date(r.lastAt), tz),
    gist: messageGist(r.lastType, r.lastContent),
    messages: r.messages,
    unanswered: r.unanswered,
    tickets: r.tickets,
    unmatched: r.lastMatchMode === "default",
    unsubscribed: r.subscribed === false,
    waiting: r.unanswered ? `已等 ${ageLabel(now.getTime() - r.lastAt)}` : "",
  };
}

/** One line of a thread as the view draws it. */
export type ThreadLine =
  | { kind: "youth"; at: string; type: string; text: string; link?: string | undefined; unmatched: boolean }
  | { kind: "event"; at: string; text: string }
  | { kind: "bot"; at: string; text: string; rule: string }
  | { kind: "ticket"; at: string; id: number; question: string; state: string }
  | { kind: "staff"; at: string; id: number; text: string; link?: string | undefined; by: string; delivery: string; state: StaffReply["delivery"]; note: string };

const EVENT_TEXT: Record<string, (content: string | null) => string> = {
  subscribe: () => "关注了公众号",
  unsubscribe: () => "取消了关注",
  scan: () => "扫描了二维码",
  click: (c) => `点击了菜单${c ? `（${c}）` : ""}`,
  view: () => "点击了菜单链接",
  location_report: () => "上报了位置",
};

/** What the bot answered, as text. */
export function replyGist(r: Reply): string {
  switch (r.type) {
    case "text":
      return r.content.replace(/<a [^>]*>([^<]*)<\/a>/g, "$1");
    case "news":
      return r.articles.map((a) => `📰 ${a.title}`).join("\n");
    case "image":
      return "[图片]";
    case "voice":
      return "[语音]";
    case "video":
      return `[视频] ${r.title ?? ""}`.trim();
    case "music":
      return `[音乐] ${r.title ?? ""}`.trim();
    case "transfer_customer_service":
      return "[转人工客服]";
  }
}

const safeUrl = (u: string | null | undefined) => (u && /^https?:\/\//i.test(u) ? u : undefined);

function staffLine(r: StaffReply, tz: string): ThreadLine {
  const b = r.body;
  const text = b.kind === "text" ? b.content : b.kind === "image" ? "[图片]" : `📰 ${b.title}`;
  const delivery = label(STAFF_REPLY_DELIVERY_LABELS, r.delivery);
  const note =
    r.delivery === "held"
      ? (r.heldReason ?? "等青年下次发消息时送达")
      : r.delivery === "delivered_passive"
        ? `青年 ${r.deliveredAt ? formatLocal(r.deliveredAt, tz) : ""} 发来消息时，随自动回复一起送达`
        : r.delivery === "uncertain"
          ? (r.heldReason ?? "发送时连接中断，青年可能已收到")
          : "";
  return { kind: "staff", at: formatLocal(r.createdAt, tz), id: r.id, text, link: b.kind === "article" ? safeUrl(b.url) : undefined, by: r.createdBy, delivery, state: r.delivery, note };
}

/** A thread's items, oldest first, as lines: each youth message followed by the bot's answer. */
export function presentThreadItems(items: readonly ThreadItem[], tz: string): ThreadLine[] {
  const lines: ThreadLine[] = [];
  for (const item of items) {
    const at = formatLocal(item.at, tz);
    if (item.kind === "ticket") {
      lines.push({ kind: "ticket", at, id: item.ticket.id, question: item.ticket.question, state: label(TICKET_STATE_LABELS, item.ticket.state) });
    } else if (item.kind === "staff") {
      lines.push(staffLine(item.reply, tz));
    } else {
      const m = item.message;
      const event = EVENT_TEXT[m.msgType];
      if (event) lines.push({ kind: "event", at, text: event(m.msgType === "click" ? m.content : null) });
      else
        lines.push({
          kind: "youth",
          at,
          type: label(MSG_TYPE_LABELS, m.msgType),
          text: m.msgType === "text" ? (m.content ?? "") : messageGist(m.msgType, m.content, 200),
          link: m.msgType === "image" || m.msgType === "link" ? safeUrl(m.msgType === "image" ? m.content : m.content?.split(" ").pop()) : undefined,
          unmatched: m.matchMode === "default",
        });
      const rule = [ruleLabel(m.ruleId), m.matchMode === "default" ? "" : matchModeLabel(m.matchMode)].filter(Boolean);
      if (item.botReply) lines.push({ kind: "bot", at, text: replyGist(item.botReply), rule: [...new Set(rule)].join(" · ") });
    }
  }
  return lines;
}
