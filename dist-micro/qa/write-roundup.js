"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.escapeMarkdown = escapeMarkdown;
exports.buildRoundup = buildRoundup;
exports.writeRoundup = writeRoundup;
/**
 * The 青年之声问答 roundup: answers staff picked, written as a Markdown post in content/posts/
 * with `draft: true`, in the publishing engineer's format (src/posts/load-posts.ts), for the editor
 * to review (questions are youths' own words: nothing identifying is written, but read it first),
 * set publish_at and switch draft off. Youths are never named; openids never leave the database.
 */
const node_fs_1 = require("node:fs");
const node_path_1 = __importDefault(require("node:path"));
const post_1 = require("../posts/post");
const load_posts_1 = require("../posts/load-posts");
const dates_1 = require("../stats/dates");
const time_1 = require("../time");
const compose_reply_1 = require("./compose-reply");
/** Backslash-escapes what Markdown would read as markup; youths' text is shown as written. */
function escapeMarkdown(s) {
    return s.replace(/[\\`*_[\]<>#|~!]/g, (c) => `\\${c}`).replace(/^(\s*)([-+]|\d+\.)(\s)/gm, "$1\\$2$3");
}
/** A youth's or cadre's text as Markdown paragraphs: blank lines split paragraphs, single ones break lines. */
function paragraphs(s) {
    return s
        .replace(/\r\n?/g, "\n")
        .trim()
        .split(/\n\s*\n/)
        .map((p) => escapeMarkdown(p.trim()).replace(/\n/g, "  \n"))
        .join("\n\n");
}
/** "12.1": short, because the column's template and the title share WeChat's 32 characters. */
const shortDay = (d, tz) => {
    const [, m, day] = (0, time_1.localDate)(d, tz).split("-").map(Number);
    return `${m}.${day}`;
};
/** YAML double-quoted scalar. */
const quoted = (s) => JSON.stringify(s);
function buildRoundup(input) {
    const { tickets, settings, timezone } = input;
    const times = tickets.map((t) => (t.answeredAt ?? t.askedAt).getTime());
    const from = shortDay(new Date(Math.min(...times)), timezone);
    const to = shortDay(new Date(Math.max(...times)), timezone);
    // One day: "（12.1）", not "（12.1—12.1）".
    let title = (0, compose_reply_1.fill)(from === to ? settings.title.replace(/\{from\}[^{}]*\{to\}/, "{from}") : settings.title, { from, to }).trim();
    // The column's template adds 【…】第N期; WeChat cuts nothing, it refuses (draft/add: title ≤ 32).
    // Too long with the dates: the title without them (and without the brackets around them).
    const sent = (t) => (0, post_1.charCount)((input.titleTemplate ?? "{title}").replace("{issue}", "999").replace("{title}", t));
    if (sent(title) > post_1.ARTICLE_LIMITS.titleChars) {
        title = settings.title.replace(/[（(][^（()）]*\{(?:from|to)\}[^（()）]*[)）]/g, "").replace(/\{(?:from|to)\}/g, "").trim();
    }
    const digestFull = `本期选登${tickets.length}个青年朋友通过“青年之声”提出的问题和团县委的答复。`;
    const digest = (0, post_1.charCount)(digestFull) <= post_1.ARTICLE_LIMITS.digestChars ? digestFull : [...digestFull].slice(0, post_1.AUTO_DIGEST_CHARS).join("");
    const publishDay = (0, dates_1.addDays)((0, time_1.localDate)(input.now, timezone), 1);
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
/**
 * Writes the picked answers not yet in a roundup (answered on or after `since`, a local date) to
 * content/posts/YYYY-MM-DD-youth-voice-qa[-N].md and marks them, so the next roundup does not
 * repeat them. Returns null when nothing is picked.
 */
function writeRoundup(deps, since) {
    const now = deps.clock.now();
    const sinceAt = new Date(since === undefined ? 0 : (0, dates_1.dayStart)(since, deps.timezone));
    const tickets = deps.store.roundupCandidates(deps.accountId, sinceAt);
    if (tickets.length === 0)
        return null;
    const post = buildRoundup({ tickets, settings: deps.settings, titleTemplate: deps.titleTemplate, now, timezone: deps.timezone });
    const dir = node_path_1.default.join(deps.contentDir, load_posts_1.POSTS_DIR);
    const base = `${(0, time_1.localDate)(now, deps.timezone)}-youth-voice-qa`;
    let slug = base;
    for (let n = 2; (0, node_fs_1.existsSync)(node_path_1.default.join(dir, `${slug}.md`)); n++)
        slug = `${base}-${n}`;
    const file = node_path_1.default.join(dir, `${slug}.md`);
    // Written aside, then renamed: the posts watcher never reads half a file.
    const tmp = node_path_1.default.join(dir, `.${slug}.md.tmp`);
    (0, node_fs_1.writeFileSync)(tmp, post.markdown, { encoding: "utf8", flag: "wx" });
    (0, node_fs_1.renameSync)(tmp, file);
    deps.store.transaction(() => {
        deps.store.markRoundup(tickets.map((t) => t.id), slug, now);
        for (const t of tickets)
            deps.store.addEvent({ ticketId: t.id, at: now, actor: "cli", kind: "roundup", detail: `${slug} (${(0, time_1.formatLocal)(now, deps.timezone)})` });
    });
    return { file, slug, count: tickets.length, title: post.title };
}
//# sourceMappingURL=write-roundup.js.map