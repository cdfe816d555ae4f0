/**
 * Texts the Q&A sends youths, and how answers share the one passive reply a push allows
 * (wechat-protocol.md §3.2: one reply per push, text ≤ 2048 UTF-8 bytes). Pure.
 */
import { truncateUtf8 } from "../bot/route-message";
import { MAX_TEXT_REPLY_BYTES, utf8Bytes } from "../bot/bot-content";
import type { Reply } from "../wechat/types";
import { QUOTED_QUESTION_CHARS, type QaTexts } from "./qa-content";

const SEPARATOR = "\n\n";

export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{([a-z_]+)\}/g, (whole, key: string) => (key in values ? String(values[key]) : whole));
}

export function quoteQuestion(question: string): string {
  const chars = [...question.replace(/\s+/g, " ").trim()];
  return chars.length <= QUOTED_QUESTION_CHARS ? chars.join("") : chars.slice(0, QUOTED_QUESTION_CHARS).join("") + "…";
}

/** An answer as the youth reads it, by either channel; cut to one text reply if the template grew since. */
export function formatAnswer(texts: QaTexts, ticket: { id: number; question: string; answer: string }): string {
  const full = fill(texts.answer, { number: ticket.id, question: quoteQuestion(ticket.question), answer: ticket.answer });
  if (utf8Bytes(full) <= MAX_TEXT_REPLY_BYTES) return full;
  return truncateUtf8(full, MAX_TEXT_REPLY_BYTES - utf8Bytes("…")) + "…";
}

/** The reply this push would get without answers waiting: the bot's, or the Q&A intake's own. */
export interface OwnReply {
  reply: Reply | null;
  /** Said instead when `reply` does not fit beside the answers (e.g. "send it again"); none: dropped. */
  fallback?: string | undefined;
}

export interface Composed {
  reply: Reply | null;
  /** Indexes into `answers` that went into this reply; the others wait for the next push. */
  included: number[];
}

/**
 * One passive reply out of the answers waiting (oldest first) and the push's own reply: the
 * answers first, "ahead of whatever else they asked" (issue 7), then the own reply if it still fits
 * in 2048 bytes. Otherwise the answers that fit, then the fallback line (the rest next time).
 * `mustInclude` answers (already carried by this push on an earlier run) are always kept.
 */
export function composeReply(answers: readonly string[], own: OwnReply, mustInclude: ReadonlySet<number> = new Set()): Composed {
  if (answers.length === 0) return { reply: own.reply, included: [] };
  const fits = (parts: readonly string[]) => utf8Bytes(parts.join(SEPARATOR)) <= MAX_TEXT_REPLY_BYTES;

  // Answers in order while they fit (at least the first: each fits alone, see formatAnswer).
  const included: number[] = [];
  const parts: string[] = [];
  answers.forEach((a, i) => {
    if (included.length === 0 || mustInclude.has(i) || fits([...parts, a])) {
      included.push(i);
      parts.push(a);
    }
  });
  const ownText = own.reply?.type === "text" ? own.reply.content : undefined;
  if (ownText !== undefined) {
    // Drop trailing answers (they go next time) before dropping the youth's own reply.
    const kept = [...parts];
    const keptIdx = [...included];
    while (!fits([...kept, ownText]) && kept.length > 1 && !mustInclude.has(keptIdx[keptIdx.length - 1]!)) {
      kept.pop();
      keptIdx.pop();
    }
    if (fits([...kept, ownText])) return { reply: text([...kept, ownText]), included: keptIdx };
  }
  if (own.reply !== null && own.fallback !== undefined && fits([...parts, own.fallback])) {
    return { reply: text([...parts, own.fallback]), included };
  }
  return { reply: text(parts), included };
}

function text(parts: readonly string[]): Reply {
  return { type: "text", content: truncateUtf8(parts.join(SEPARATOR), MAX_TEXT_REPLY_BYTES) };
}
