"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.columnsFileSchema = exports.commentModeProblem = exports.columnSchema = exports.keywordSchema = void 0;
exports.parseCommentMode = parseCommentMode;
exports.checkColumns = checkColumns;
exports.checkKeyword = checkKeyword;
/**
 * content/columns.yml: the columns, their keywords and replies.
 * Part of loadContent (load-content.ts); every problem names the file, the line and the field.
 */
const zod_1 = require("zod");
const bot_content_1 = require("./bot-content");
const check_menu_1 = require("./check-menu");
const content_yaml_1 = require("./content-yaml");
const keyword_pattern_1 = require("./keyword-pattern");
const post_1 = require("../posts/post");
const report_content_issues_1 = require("./report-content-issues");
exports.keywordSchema = zod_1.z
    .object({
    text: report_content_issues_1.optionalTextish,
    pattern: report_content_issues_1.optionalText,
    match: zod_1.z.enum(bot_content_1.MATCH_MODES),
})
    .strict();
exports.columnSchema = zod_1.z
    .object({
    id: zod_1.z
        .string()
        .regex(/^[a-z][a-z0-9_-]{0,31}$/, "must be a short lower-case English id (letters, digits, - or _), e.g. careers"),
    name: report_content_issues_1.nonEmptyText,
    title_template: report_content_issues_1.nonEmptyText,
    category: zod_1.z.enum(bot_content_1.COLUMN_CATEGORIES),
    keywords: zod_1.z.preprocess((v) => v ?? [], zod_1.z.array(zod_1.z.unknown())),
    reply: zod_1.z
        .object({
        latest: zod_1.z.preprocess((v) => v ?? 3, zod_1.z.number().int("must be a whole number").min(0, "must be 0 or more").max(8, "must be at most 8")),
        text: report_content_issues_1.nonEmptyText,
    })
        .strict(),
    menu_key: report_content_issues_1.optionalTextish,
    default_cover: report_content_issues_1.optionalText,
    description: report_content_issues_1.optionalText,
    // Checked below with its own message (parseCommentMode): editors write off/open/fans or true/false.
    comments: zod_1.z.unknown().optional(),
})
    .strict();
/**
 * A column's (or a post's) `comments:` value: off, open, fans; true/false mean open/off. The
 * values map onto draft/add's need_open_comment and only_fans_can_comment (api_draft_add doc).
 * @returns the mode, or undefined for a value that is none of them
 */
function parseCommentMode(value) {
    const c = value === true ? "open" : value === false ? "off" : typeof value === "string" ? value.trim().toLowerCase() : undefined;
    return c !== undefined && post_1.COMMENT_MODES.includes(c) ? c : undefined;
}
/** The editors' message for a wrong `comments:` value (Chinese first, as columns.yml's own notes are). */
const commentModeProblem = (value) => `「${String(value)}」不是有效的留言设置，请写 off（关闭留言）、open（所有人可留言）或 fans（仅关注者可留言）` +
    ` / must be off, open (anyone may comment) or fans (followers only)`;
exports.commentModeProblem = commentModeProblem;
exports.columnsFileSchema = zod_1.z.object({ columns: zod_1.z.array(zod_1.z.unknown()).min(1, "must list at least one column") }).strict();
function checkColumns(f, problems) {
    const top = exports.columnsFileSchema.safeParse(f.data);
    if (!top.success) {
        (0, report_content_issues_1.reportIssues)(f, [], top.error, problems);
        return null;
    }
    const result = {
        columns: [],
        declaredIds: new Set(),
        declaredMenuKeys: new Set(),
        exactKeywords: new Map(),
    };
    const firstIdAt = new Map();
    const menuKeyOwner = new Map();
    // Every keyword seen so far, by mode + normalised text (or pattern): duplicates never match twice.
    const seenKeywords = new Map();
    for (const [i, raw] of top.data.columns.entries()) {
        const at = ["columns", i];
        const rawId = (0, content_yaml_1.isRecord)(raw) && typeof raw["id"] === "string" ? raw["id"] : undefined;
        const context = rawId === undefined ? undefined : `column "${rawId}"`;
        let ok = true;
        if (rawId !== undefined) {
            const first = firstIdAt.get(rawId);
            if (first !== undefined) {
                problems.at(f, [...at, "id"], `duplicate column id "${rawId}" (first used at line ${(0, content_yaml_1.lineOf)(f, ["columns", first, "id"])})`);
                ok = false;
            }
            else {
                firstIdAt.set(rawId, i);
                result.declaredIds.add(rawId);
            }
        }
        if ((0, content_yaml_1.isRecord)(raw) && (typeof raw["menu_key"] === "string" || typeof raw["menu_key"] === "number")) {
            result.declaredMenuKeys.add(String(raw["menu_key"]));
        }
        const parsed = exports.columnSchema.safeParse(raw);
        if (!parsed.success) {
            (0, report_content_issues_1.reportIssues)(f, at, parsed.error, problems, context);
            continue;
        }
        const c = parsed.data;
        for (const m of c.title_template.matchAll(/\{([^{}]*)\}/g)) {
            if (!report_content_issues_1.TITLE_PLACEHOLDERS.has(m[1])) {
                problems.at(f, [...at, "title_template"], `unknown placeholder {${m[1]}}; use {issue} (期数) and {title}`, context);
                ok = false;
            }
        }
        if (!c.title_template.includes("{title}")) {
            problems.at(f, [...at, "title_template"], "must contain {title}, where the post's title goes", context);
            ok = false;
        }
        if ((0, bot_content_1.utf8Bytes)(c.reply.text) > bot_content_1.MAX_TEXT_REPLY_BYTES) {
            problems.at(f, [...at, "reply", "text"], (0, content_yaml_1.tooLong)(c.reply.text), context);
            ok = false;
        }
        if (c.menu_key !== undefined) {
            if ((0, bot_content_1.utf8Bytes)(c.menu_key) > check_menu_1.MENU_KEY_BYTES) {
                problems.at(f, [...at, "menu_key"], `is ${(0, bot_content_1.utf8Bytes)(c.menu_key)} bytes; WeChat allows at most ${check_menu_1.MENU_KEY_BYTES}`, context);
                ok = false;
            }
            const owner = menuKeyOwner.get(c.menu_key);
            if (owner !== undefined) {
                problems.at(f, [...at, "menu_key"], `menu key "${c.menu_key}" is already used by column "${owner}"`, context);
                ok = false;
            }
            else {
                menuKeyOwner.set(c.menu_key, c.id);
            }
        }
        let comments;
        if (c.comments !== undefined && c.comments !== null) {
            comments = parseCommentMode(c.comments);
            if (comments === undefined) {
                problems.at(f, [...at, "comments"], (0, exports.commentModeProblem)(c.comments), context);
                ok = false;
            }
        }
        const keywords = [];
        for (const [k, rawKeyword] of c.keywords.entries()) {
            const kAt = [...at, "keywords", k];
            const spec = checkKeyword(f, kAt, rawKeyword, c.id, problems);
            if (!spec) {
                ok = false;
                continue;
            }
            const value = spec.match === "regex" ? spec.pattern : (0, bot_content_1.normaliseText)(spec.text);
            const dupKey = `${spec.match}\u0000${value}`;
            const seen = seenKeywords.get(dupKey);
            if (seen) {
                const problem = seen.columnId === c.id
                    ? `${spec.match} keyword "${value}" is listed twice in this column (first at line ${seen.line})`
                    : `${spec.match} keyword "${value}" is already used by column "${seen.columnId}" (line ${seen.line}); a keyword can lead to one column only`;
                problems.at(f, [...kAt, spec.match === "regex" ? "pattern" : "text"], problem, context);
                ok = false;
                continue;
            }
            seenKeywords.set(dupKey, { columnId: c.id, line: spec.line });
            if (spec.match === "exact")
                result.exactKeywords.set(value, { columnId: c.id, at: [...kAt, "text"] });
            keywords.push(spec);
        }
        if (!ok)
            continue;
        result.columns.push({
            id: c.id,
            name: c.name.trim(),
            titleTemplate: c.title_template,
            category: c.category,
            keywords,
            reply: { latest: c.reply.latest, text: c.reply.text.trimEnd() },
            ...(c.menu_key === undefined ? {} : { menuKey: c.menu_key }),
            ...(c.default_cover === undefined ? {} : { defaultCover: c.default_cover }),
            ...(c.description === undefined ? {} : { description: c.description }),
            ...(comments === undefined ? {} : { comments }),
            line: (0, content_yaml_1.lineOf)(f, at) ?? 1,
        });
    }
    return result;
}
function checkKeyword(f, at, raw, columnId, problems) {
    const shown = (0, content_yaml_1.isRecord)(raw) ? raw["pattern"] ?? raw["text"] : raw;
    const context = `column "${columnId}"${shown === undefined || shown === null ? "" : `, keyword "${String(shown)}"`}`;
    if (!(0, content_yaml_1.isRecord)(raw)) {
        problems.at(f, at, "each keyword must be written as { text: …, match: exact | contains } or { pattern: …, match: regex }", context);
        return null;
    }
    const parsed = exports.keywordSchema.safeParse(raw);
    if (!parsed.success) {
        (0, report_content_issues_1.reportIssues)(f, at, parsed.error, problems, context);
        return null;
    }
    const k = parsed.data;
    const line = (0, content_yaml_1.lineOf)(f, at) ?? 1;
    if (k.match === "regex") {
        if (k.pattern === undefined) {
            problems.at(f, [...at, k.text === undefined ? "pattern" : "text"], "match: regex takes `pattern:` (not `text:`)", context);
            return null;
        }
        if (k.text !== undefined) {
            problems.at(f, [...at, "text"], "give either `pattern:` (match: regex) or `text:` (exact / contains), not both", context);
            return null;
        }
        const problem = (0, keyword_pattern_1.regexProblem)(k.pattern);
        if (problem) {
            problems.at(f, [...at, "pattern"], problem, context);
            return null;
        }
        return { match: "regex", pattern: k.pattern, line };
    }
    if (k.text === undefined) {
        problems.at(f, [...at, k.pattern === undefined ? "text" : "pattern"], `match: ${k.match} takes \`text:\`; \`pattern:\` is for match: regex`, context);
        return null;
    }
    if (k.pattern !== undefined) {
        problems.at(f, [...at, "pattern"], "give either `pattern:` (match: regex) or `text:` (exact / contains), not both", context);
        return null;
    }
    if ((0, bot_content_1.normaliseText)(k.text) === "") {
        problems.at(f, [...at, "text"], "must not be empty", context);
        return null;
    }
    return { match: k.match, text: k.text, line };
}
//# sourceMappingURL=check-columns.js.map