/**
 * Decides the passive reply to one push. Pure: everything it needs (content, the time, the latest
 * published articles, when this user last got the default reply) is passed in, so the HTTP route
 * stays the only place that does I/O (DESIGN.md, house rule 3).
 *
 * Keyword precedence (documented for editors at the top of content/columns.yml):
 *   1. exact keywords, including the numbered-menu digits of replies.yml;
 *   2. contains keywords, in file order;
 *   3. regex keywords, in file order.
 * The message is normalised first: trim, NFKC (full-width → half-width), lower case.
 */
import type { InboundMessage, NewsArticle, Reply } from "../wechat/types";
import {
  MAX_TEXT_REPLY_BYTES,
  normaliseText,
  utf8Bytes,
  type BotContent,
  type Column,
  type KeywordRule,
} from "./bot-content";

export interface PublishedArticle {
  title: string;
  digest: string;
  url: string;
  coverUrl: string;
  publishedAt: Date;
  issue?: number;
}

export interface RouteFacts {
  now: Date;
  /** Newest first; a read of an in-memory snapshot, never a query. */
  latestArticles(columnId: string, limit: number): PublishedArticle[];
  /** When this user last received the default reply, if ever. */
  lastDefaultReplyAt: Date | undefined;
}

/** "qa": handled by the 青年之声 intake (src/qa/create-qa-router.ts), which runs before these rules. */
export type RouteMatchMode = "exact" | "contains" | "regex" | "menu" | "click" | "event" | "default" | "qa";

export interface RouteResult {
  /** Null: answer `success` (no reply). */
  reply: Reply | null;
  ruleId?: string;
  columnId?: string;
  matchMode?: RouteMatchMode;
}

/** Recorded when the default reply was due but withheld by the once-per-interval rule. */
export const DEFAULT_SUPPRESSED_RULE_ID = "default-suppressed";

export function routeMessage(message: InboundMessage, content: BotContent, facts: RouteFacts): RouteResult {
  switch (message.type) {
    case "text":
      return routeText(message.content, content, facts);
    case "voice":
      // Recognition comes back with sentence punctuation ("诚聘。"), which a spoken keyword never has.
      if (message.recognition !== undefined && message.recognition.trim() !== "") {
        return routeText(message.recognition.replace(/[\s。，,．.！!？?、…~～]+$/u, ""), content, facts);
      }
      return defaultReply(content, facts);
    case "image":
    case "video":
    case "shortvideo":
    case "location":
    case "link":
      return defaultReply(content, facts);
    case "subscribe":
      return { reply: text(content.replies.welcome), ruleId: "welcome", matchMode: "event" };
    case "scan":
      return content.replies.scan === undefined
        ? { reply: null }
        : { reply: text(content.replies.scan), ruleId: "scan", matchMode: "event" };
    case "click":
      return routeClick(message.key, content, facts);
    case "unsubscribe":
    case "view":
    case "location_report":
    case "mass_send_finished":
    case "publish_finished":
    case "template_send_finished":
    case "unknown":
      return { reply: null };
  }
}

/** The first rule that matches the (raw) text, in precedence order; undefined if none. */
export function matchKeyword(input: string, content: BotContent): KeywordRule | undefined {
  const normalised = normaliseText(input);
  if (normalised === "") return undefined;
  const { exact, contains, regex } = content.rules;
  return (
    exact.get(normalised) ??
    contains.find((r) => normalised.includes(r.text!)) ??
    regex.find((r) => r.regex!.test(normalised))
  );
}

function routeText(input: string, content: BotContent, facts: RouteFacts): RouteResult {
  const rule = matchKeyword(input, content);
  const column = rule && content.columnsById.get(rule.columnId);
  if (!rule || !column) return defaultReply(content, facts);
  return {
    reply: columnReply(column, facts),
    ruleId: rule.id,
    columnId: column.id,
    matchMode: rule.source === "numbered_menu" ? "menu" : rule.mode,
  };
}

function routeClick(key: string, content: BotContent, facts: RouteFacts): RouteResult {
  const columnId = content.menuKeyToColumn.get(key);
  const column = columnId === undefined ? undefined : content.columnsById.get(columnId);
  if (column) {
    return { reply: columnReply(column, facts), ruleId: `${column.id}:click:${key}`, columnId: column.id, matchMode: "click" };
  }
  const fixed = content.replies.menuReplies.get(key);
  if (fixed !== undefined) return { reply: text(fixed), ruleId: `click:${key}`, matchMode: "click" };
  // A stale menu (synced before a key was removed): nothing sensible to say.
  return { reply: null, matchMode: "click" };
}

function defaultReply(content: BotContent, facts: RouteFacts): RouteResult {
  const intervalMs = content.replies.defaultReplyIntervalMinutes * 60_000;
  const last = facts.lastDefaultReplyAt;
  // Like the MP backend's 收到消息回复 ("60分钟内触发一次", anchors.md C1): not on every message.
  if (last !== undefined && facts.now.getTime() - last.getTime() < intervalMs) {
    return { reply: null, ruleId: DEFAULT_SUPPRESSED_RULE_ID, matchMode: "default" };
  }
  return { reply: text(content.replies.default), ruleId: "default", matchMode: "default" };
}

/**
 * The column's latest articles: one → a news reply (only 1 article is allowed in a passive reply to
 * a user's message, 45008 since 2018-10-12, wechat-protocol.md §3.2); several → a text list of
 * links; none yet → the column's own text.
 */
function columnReply(column: Column, facts: RouteFacts): Reply {
  const articles = column.reply.latest > 0 ? facts.latestArticles(column.id, column.reply.latest).slice(0, column.reply.latest) : [];
  const [first] = articles;
  if (first === undefined) return text(column.reply.text);
  if (articles.length === 1) return { type: "news", articles: [newsArticle(first, column)] };
  return text(articleList(column, articles));
}

function newsArticle(a: PublishedArticle, column: Column): NewsArticle {
  return { title: a.title, description: a.digest, picUrl: a.coverUrl || column.defaultCover || "", url: a.url };
}

/** "【轮青诚聘】最新文章" then numbered `<a href>` lines, cut to whole lines within 2048 bytes. */
export function articleList(column: Column, articles: readonly PublishedArticle[]): string {
  const header = `【${column.name}】最新文章`;
  let out = truncateUtf8(header, MAX_TEXT_REPLY_BYTES);
  for (const [i, a] of articles.entries()) {
    const prefix = `\n${i + 1}. <a href="${a.url.replace(/"/g, "%22")}">`;
    const suffix = "</a>";
    // Angle brackets in a title would break the link markup; full-width ones read the same.
    const title = a.title.replace(/</g, "＜").replace(/>/g, "＞");
    const line = prefix + title + suffix;
    if (utf8Bytes(out + line) <= MAX_TEXT_REPLY_BYTES) {
      out += line;
      continue;
    }
    // Only the first article is worth shortening its title for; later ones are simply left out.
    if (i === 0) {
      const room = MAX_TEXT_REPLY_BYTES - utf8Bytes(out + prefix + suffix + "…");
      if (room > 0) out += prefix + truncateUtf8(title, room) + "…" + suffix;
    }
    break;
  }
  return out;
}

/** The longest prefix of `s` within `maxBytes` UTF-8 bytes, never splitting a character. */
export function truncateUtf8(s: string, maxBytes: number): string {
  if (utf8Bytes(s) <= maxBytes) return s;
  let out = "";
  let bytes = 0;
  for (const ch of s) {
    const n = utf8Bytes(ch);
    if (bytes + n > maxBytes) break;
    out += ch;
    bytes += n;
  }
  return out;
}

function text(content: string): Reply {
  return { type: "text", content: truncateUtf8(content, MAX_TEXT_REPLY_BYTES) };
}
