/**
 * The 青年之声问答 roundup: answers staff picked, written as a Markdown post in content/posts/
 * with `draft: true`, in the publishing engineer's format (src/posts/load-posts.ts), for the editor
 * to review (questions are youths' own words: nothing identifying is written, but read it first),
 * set publish_at and switch draft off. Youths are never named; openids never leave the database.
 */
import { existsSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { QaTicketStore, Ticket } from "../db/stores/qa-ticket-store";
import { ARTICLE_LIMITS, AUTO_DIGEST_CHARS, charCount } from "../posts/post";
import { POSTS_DIR } from "../posts/load-posts";
import { addDays, dayStart } from "../stats/dates";
import { formatLocal, localDate, type Clock } from "../time";
import { fill } from "./compose-reply";
import type { RoundupSettings } from "./qa-content";

export interface RoundupInput {
  tickets: readonly Pick<Ticket, "id" | "question" | "answer" | "askedAt" | "answeredAt">[];
  settings: RoundupSettings;
  /** The column's title_template (【轮青关注】第{issue}期 · {title}): the title must fit WeChat's 32 with it. */
  titleTemplate: string | undefined;
  now: Date;
  timezone: string;
}

export interface RoundupPost {
  title: string;
  /** Front matter + body, ready to be a file. */
  markdown: string;
}

/** Backslash-escapes what Markdown would read as markup; youths' text is shown as written. */
export function escapeMarkdown(s: string): string {
  return s.replace(/[\\`*_[\]<>#|~!]/g, (c) => `\\${c}`).replace(/^(\s*)([-+]|\d+\.)(\s)/gm, "$1\\$2$3");
}

/** A youth's or cadre's text as Markdown paragraphs: blank lines split paragraphs, single ones break lines. */
function paragraphs(s: string): string {
  return s
    .replace(/\r\n?/g, "\n")
    .trim()
    .split(/\n\s*\n/)
    .map((p) => escapeMarkdown(p.trim()).replace(/\n/g, "  \n"))
    .join("\n\n");
}

/** "12.1": short, because the column's template and the title share WeChat's 32 characters. */
const shortDay = (d: Date, tz: string) => {
  const [, m, day] = localDate(d, tz).split("-").map(Number);
  return `${m}.${day}`;
};

/** YAML double-quoted scalar. */
const quoted = (s: string) => JSON.stringify(s);

export function buildRoundup(input: RoundupInput): RoundupPost {
  const { tickets, settings, timezone } = input;
  const times = tickets.map((t) => (t.answeredAt ?? t.askedAt).getTime());
  const from = shortDay(new Date(Math.min(...times)), timezone);
  const to = shortDay(new Date(Math.max(...times)), timezone);
  // One day: "（12.1）", not "（12.1—12.1）".
  let title = fill(from === to ? settings.title.replace(/\{from\}[^{}]*\{to\}/, "{from}") : settings.title, { from, to }).trim();
  // The column's template adds 【…】第N期; WeChat cuts nothing, it refuses (draft/add: title ≤ 32).
  // Too long with the dates: the title without them (and without the brackets around them).
  const sent = (t: string) => charCount((input.titleTemplate ?? "{title}").replace("{issue}", "999").replace("{title}", t));
  if (sent(title) > ARTICLE_LIMITS.titleChars) {
    title = settings.title.replace(/[（(][^（()）]*\{(?:from|to)\}[^（()）]*[)）]/g, "").replace(/\{(?:from|to)\}/g, "").trim();
  }

  const digestFull = `本期选登${tickets.length}个青年朋友通过“青年之声”提出的问题和团县委的答复。`;
  const digest = charCount(digestFull) <= ARTICLE_LIMITS.digestChars ? digestFull : [...digestFull].slice(0, AUTO_DIGEST_CHARS).join("");
  const publishDay = addDays(localDate(input.now, timezone), 1);
  const front = [
    "---",
    `title: ${quoted(title)}`,
    `column: ${settings.column}`,
    `publish_at: ${publishDay} 09:00   # 编辑：审阅后改成发布时间，再把 draft 改为 false`,
    ...(settings.author ? [`author: ${quoted(settings.author)}`] : []),
    `digest: ${quoted(digest)}`,
    "mode: publish",
    "draft: true",
    "---",
  ];
  const body = [
    `青年朋友通过“青春轮台”公众号的“青年之声”提出学习、就业、创业、生活中的问题，团县委安排干部逐一答复。以下选登${tickets.length}条。`,
    ...tickets.map((t, i) => [`## ${i + 1}. ${escapeMarkdown(t.question.replace(/\s+/g, " ").trim())}`, `**答：**${paragraphs(t.answer ?? "")}`].join("\n\n")),
    "---",
    "有问题想问？在公众号发送“提问”加上你的问题，团县委会安排专人答复。",
  ];
  return { title, markdown: `${front.join("\n")}\n\n${body.join("\n\n")}\n` };
}

export interface WriteRoundupDeps {
  store: QaTicketStore;
  clock: Clock;
  accountId: string;
  contentDir: string;
  timezone: string;
  settings: RoundupSettings;
  titleTemplate: string | undefined;
}

/**
 * Writes the picked answers not yet in a roundup (answered on or after `since`, a local date) to
 * content/posts/YYYY-MM-DD-youth-voice-qa[-N].md and marks them, so the next roundup does not
 * repeat them. Returns null when nothing is picked.
 */
export function writeRoundup(deps: WriteRoundupDeps, since?: string): { file: string; slug: string; count: number; title: string } | null {
  const now = deps.clock.now();
  const sinceAt = new Date(since === undefined ? 0 : dayStart(since, deps.timezone));
  const tickets = deps.store.roundupCandidates(deps.accountId, sinceAt);
  if (tickets.length === 0) return null;
  const post = buildRoundup({ tickets, settings: deps.settings, titleTemplate: deps.titleTemplate, now, timezone: deps.timezone });

  const dir = path.join(deps.contentDir, POSTS_DIR);
  const base = `${localDate(now, deps.timezone)}-youth-voice-qa`;
  let slug = base;
  for (let n = 2; existsSync(path.join(dir, `${slug}.md`)); n++) slug = `${base}-${n}`;
  const file = path.join(dir, `${slug}.md`);
  // Written aside, then renamed: the posts watcher never reads half a file.
  const tmp = path.join(dir, `.${slug}.md.tmp`);
  writeFileSync(tmp, post.markdown, { encoding: "utf8", flag: "wx" });
  renameSync(tmp, file);
  deps.store.transaction(() => {
    deps.store.markRoundup(tickets.map((t) => t.id), slug, now);
    for (const t of tickets) deps.store.addEvent({ ticketId: t.id, at: now, actor: "cli", kind: "roundup", detail: `${slug} (${formatLocal(now, deps.timezone)})` });
  });
  return { file, slug, count: tickets.length, title: post.title };
}
