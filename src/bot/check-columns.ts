/**
 * content/columns.yml: the columns, their keywords and replies.
 * Part of loadContent (load-content.ts); every problem names the file, the line and the field.
 */
import { z } from "zod";
import { COLUMN_CATEGORIES, MATCH_MODES, MAX_TEXT_REPLY_BYTES, normaliseText, utf8Bytes, Column, KeywordSpec } from "./bot-content";
import { MENU_KEY_BYTES } from "./check-menu";
import { Path, Problems, YamlFile, isRecord, lineOf, tooLong } from "./content-yaml";
import { regexProblem } from "./keyword-pattern";
import { COMMENT_MODES, POST_MODES, type CommentMode } from "../posts/post";
import { TITLE_PLACEHOLDERS, nonEmptyText, optionalText, optionalTextish, reportIssues } from "./report-content-issues";

export const keywordSchema = z
  .object({
    text: optionalTextish,
    pattern: optionalText,
    match: z.enum(MATCH_MODES),
  })
  .strict();

export const columnSchema = z
  .object({
    id: z
      .string()
      .regex(/^[a-z][a-z0-9_-]{0,31}$/, "must be a short lower-case English id (letters, digits, - or _), e.g. careers"),
    name: nonEmptyText,
    title_template: nonEmptyText,
    category: z.enum(COLUMN_CATEGORIES),
    keywords: z.preprocess((v) => v ?? [], z.array(z.unknown())),
    reply: z
      .object({
        latest: z.preprocess(
          (v) => v ?? 3,
          z.number().int("must be a whole number").min(0, "must be 0 or more").max(8, "must be at most 8"),
        ),
        text: nonEmptyText,
      })
      .strict(),
    menu_key: optionalTextish,
    default_cover: optionalText,
    mode: z.preprocess(
      (v) => (v === null ? undefined : typeof v === "string" ? v.trim() : v),
      z
        .enum(POST_MODES, {
          errorMap: (_issue, ctx) => ({
            message: `「${String(ctx.data)}」不对：栏目的默认发送方式写 publish（发布，不推送给关注者）或 mass（群发，推送给全部关注者）`,
          }),
        })
        .optional(),
    ),
    description: optionalText,
    // Checked below with its own message (parseCommentMode): editors write off/open/fans or true/false.
    comments: z.unknown().optional(),
  })
  .strict();

/**
 * A column's (or a post's) `comments:` value: off, open, fans; true/false mean open/off. The
 * values map onto draft/add's need_open_comment and only_fans_can_comment (api_draft_add doc).
 * @returns the mode, or undefined for a value that is none of them
 */
export function parseCommentMode(value: unknown): CommentMode | undefined {
  const c = value === true ? "open" : value === false ? "off" : typeof value === "string" ? value.trim().toLowerCase() : undefined;
  return c !== undefined && (COMMENT_MODES as readonly string[]).includes(c) ? (c as CommentMode) : undefined;
}

/** The editors' message for a wrong `comments:` value (Chinese first, as columns.yml's own notes are). */
export const commentModeProblem = (value: unknown) =>
  `「${String(value)}」不是有效的留言设置，请写 off（关闭留言）、open（所有人可留言）或 fans（仅关注者可留言）` +
  ` / must be off, open (anyone may comment) or fans (followers only)`;

export const columnsFileSchema = z.object({ columns: z.array(z.unknown()).min(1, "must list at least one column") }).strict();

export interface CheckedColumns {
  /** Valid columns only (a column with any problem is left out). */
  columns: Column[];
  /** Ids and menu keys of every entry that declares one, valid or not (avoids cascading "unknown column" errors). */
  declaredIds: Set<string>;
  declaredMenuKeys: Set<string>;
  /** Each exact keyword (normalised) → its column and path, for the cross-file check against menu digits. */
  exactKeywords: Map<string, { columnId: string; at: Path }>;
}

export function checkColumns(f: YamlFile, problems: Problems): CheckedColumns | null {
  const top = columnsFileSchema.safeParse(f.data);
  if (!top.success) {
    reportIssues(f, [], top.error, problems);
    return null;
  }
  const result: CheckedColumns = {
    columns: [],
    declaredIds: new Set(),
    declaredMenuKeys: new Set(),
    exactKeywords: new Map(),
  };
  const firstIdAt = new Map<string, number>();
  const menuKeyOwner = new Map<string, string>();
  // Every keyword seen so far, by mode + normalised text (or pattern): duplicates never match twice.
  const seenKeywords = new Map<string, { columnId: string; line: number | undefined }>();

  for (const [i, raw] of top.data.columns.entries()) {
    const at: Path = ["columns", i];
    const rawId = isRecord(raw) && typeof raw["id"] === "string" ? raw["id"] : undefined;
    const context = rawId === undefined ? undefined : `column "${rawId}"`;
    let ok = true;

    if (rawId !== undefined) {
      const first = firstIdAt.get(rawId);
      if (first !== undefined) {
        problems.at(f, [...at, "id"], `duplicate column id "${rawId}" (first used at line ${lineOf(f, ["columns", first, "id"])})`);
        ok = false;
      } else {
        firstIdAt.set(rawId, i);
        result.declaredIds.add(rawId);
      }
    }
    if (isRecord(raw) && (typeof raw["menu_key"] === "string" || typeof raw["menu_key"] === "number")) {
      result.declaredMenuKeys.add(String(raw["menu_key"]));
    }

    const parsed = columnSchema.safeParse(raw);
    if (!parsed.success) {
      reportIssues(f, at, parsed.error, problems, context);
      continue;
    }
    const c = parsed.data;

    for (const m of c.title_template.matchAll(/\{([^{}]*)\}/g)) {
      if (!TITLE_PLACEHOLDERS.has(m[1]!)) {
        problems.at(f, [...at, "title_template"], `unknown placeholder {${m[1]}}; use {issue} (期数) and {title}`, context);
        ok = false;
      }
    }
    if (!c.title_template.includes("{title}")) {
      problems.at(f, [...at, "title_template"], "must contain {title}, where the post's title goes", context);
      ok = false;
    }
    if (utf8Bytes(c.reply.text) > MAX_TEXT_REPLY_BYTES) {
      problems.at(f, [...at, "reply", "text"], tooLong(c.reply.text), context);
      ok = false;
    }
    if (c.menu_key !== undefined) {
      if (utf8Bytes(c.menu_key) > MENU_KEY_BYTES) {
        problems.at(f, [...at, "menu_key"], `is ${utf8Bytes(c.menu_key)} bytes; WeChat allows at most ${MENU_KEY_BYTES}`, context);
        ok = false;
      }
      const owner = menuKeyOwner.get(c.menu_key);
      if (owner !== undefined) {
        problems.at(f, [...at, "menu_key"], `menu key "${c.menu_key}" is already used by column "${owner}"`, context);
        ok = false;
      } else {
        menuKeyOwner.set(c.menu_key, c.id);
      }
    }

    let comments: CommentMode | undefined;
    if (c.comments !== undefined && c.comments !== null) {
      comments = parseCommentMode(c.comments);
      if (comments === undefined) {
        problems.at(f, [...at, "comments"], commentModeProblem(c.comments), context);
        ok = false;
      }
    }

    const keywords: KeywordSpec[] = [];
    for (const [k, rawKeyword] of c.keywords.entries()) {
      const kAt: Path = [...at, "keywords", k];
      const spec = checkKeyword(f, kAt, rawKeyword, c.id, problems);
      if (!spec) {
        ok = false;
        continue;
      }
      const value = spec.match === "regex" ? spec.pattern! : normaliseText(spec.text!);
      const dupKey = `${spec.match}\u0000${value}`;
      const seen = seenKeywords.get(dupKey);
      if (seen) {
        const problem =
          seen.columnId === c.id
            ? `${spec.match} keyword "${value}" is listed twice in this column (first at line ${seen.line})`
            : `${spec.match} keyword "${value}" is already used by column "${seen.columnId}" (line ${seen.line}); a keyword can lead to one column only`;
        problems.at(f, [...kAt, spec.match === "regex" ? "pattern" : "text"], problem, context);
        ok = false;
        continue;
      }
      seenKeywords.set(dupKey, { columnId: c.id, line: spec.line });
      if (spec.match === "exact") result.exactKeywords.set(value, { columnId: c.id, at: [...kAt, "text"] });
      keywords.push(spec);
    }

    if (!ok) continue;
    result.columns.push({
      id: c.id,
      name: c.name.trim(),
      titleTemplate: c.title_template,
      category: c.category,
      keywords,
      reply: { latest: c.reply.latest, text: c.reply.text.trimEnd() },
      ...(c.menu_key === undefined ? {} : { menuKey: c.menu_key }),
      ...(c.default_cover === undefined ? {} : { defaultCover: c.default_cover, defaultCoverLine: lineOf(f, [...at, "default_cover"]) ?? lineOf(f, at) ?? 1 }),
      ...(c.mode === undefined ? {} : { mode: c.mode }),
      ...(c.description === undefined ? {} : { description: c.description }),
      ...(comments === undefined ? {} : { comments }),
      line: lineOf(f, at) ?? 1,
    });
  }
  return result;
}

export function checkKeyword(f: YamlFile, at: Path, raw: unknown, columnId: string, problems: Problems): KeywordSpec | null {
  const shown = isRecord(raw) ? raw["pattern"] ?? raw["text"] : raw;
  const context = `column "${columnId}"${shown === undefined || shown === null ? "" : `, keyword "${String(shown)}"`}`;
  if (!isRecord(raw)) {
    problems.at(f, at, "each keyword must be written as { text: …, match: exact | contains } or { pattern: …, match: regex }", context);
    return null;
  }
  const parsed = keywordSchema.safeParse(raw);
  if (!parsed.success) {
    reportIssues(f, at, parsed.error, problems, context);
    return null;
  }
  const k = parsed.data;
  const line = lineOf(f, at) ?? 1;
  if (k.match === "regex") {
    if (k.pattern === undefined) {
      problems.at(f, [...at, k.text === undefined ? "pattern" : "text"], "match: regex takes `pattern:` (not `text:`)", context);
      return null;
    }
    if (k.text !== undefined) {
      problems.at(f, [...at, "text"], "give either `pattern:` (match: regex) or `text:` (exact / contains), not both", context);
      return null;
    }
    const problem = regexProblem(k.pattern);
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
  if (normaliseText(k.text) === "") {
    problems.at(f, [...at, "text"], "must not be empty", context);
    return null;
  }
  return { match: k.match, text: k.text, line };
}
