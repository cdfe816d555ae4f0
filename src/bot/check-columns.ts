/**
 * content/columns.yml: the columns, their keywords and replies.
 * Part of loadContent (load-content.ts); every problem names the file, the line and the field.
 */
import { z } from "zod";
import { COLUMN_CATEGORIES, MATCH_MODES, MAX_TEXT_REPLY_BYTES, normaliseText, utf8Bytes, Column, KeywordSpec, MENU_KEY_BYTES } from "./bot-content";
import { Path, Problems, YamlFile, isRecord, lineOf, tooLong } from "./content-yaml";
import { regexProblem } from "./keyword-pattern";
import { COMMENT_MODES, POST_MODES, type CommentMode } from "../posts/post";
import { TITLE_PLACEHOLDERS, nonEmptyText, optionalText, optionalTextish, reportIssues } from "./report-content-issues";

export const keywordSchema = z
  .object({
    text: optionalTextish,
    pattern: optionalText,
    match: z.enum(MATCH_MODES, {
      errorMap: (issue, ctx) => ({
        message:
          issue.code === "invalid_type" && ctx.data === undefined
            ? "缺少 match：写 exact（全匹配）、contains（半匹配）或 regex（正则）"
            : `「${String(ctx.data)}」不对：match 写 exact（全匹配）、contains（半匹配）或 regex（正则）`,
      }),
    }),
  })
  .strict();

export const columnSchema = z
  .object({
    id: z
      .string()
      .regex(/^[a-z][a-z0-9_-]{0,31}$/, "要写简短的英文小写 id：以字母开头，只用小写字母、数字、- 或 _，最多 32 个字符，例如 careers"),
    name: nonEmptyText,
    title_template: nonEmptyText,
    category: z.enum(COLUMN_CATEGORIES),
    keywords: z.preprocess((v) => v ?? [], z.array(z.unknown())),
    reply: z
      .object({
        latest: z.preprocess(
          (v) => v ?? 3,
          z.number({ invalid_type_error: "要写 0 到 8 的整数（回复最新的几篇文章），例如 latest: 3" }).int("要写整数，例如 3").min(0, "不能小于 0").max(8, "最多 8 篇：微信的图文回复最多 8 条"),
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
  `「${String(value)}」不是有效的留言设置，请写 off（关闭留言）、open（所有人可留言）或 fans（仅关注者可留言）`;

/** The match modes as columns.yml's notes name them. */
const MATCH_NAMES: Record<KeywordSpec["match"], string> = { exact: "全匹配（exact）", contains: "半匹配（contains）", regex: "正则（regex）" };

const BOTH_TEXT_AND_PATTERN = "pattern:（配 match: regex）和 text:（配 exact / contains）只能写一个：删掉其中一个";

/** `栏目「careers」`: the prefix of every problem inside one column. */
export const columnContext = (id: string) => `栏目「${id}」`;

export const columnsFileSchema = z.object({ columns: z.array(z.unknown()).min(1, "至少要有一个栏目：照文件开头的说明写一个 - id: …") }).strict();

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
    const context = rawId === undefined ? undefined : columnContext(rawId);
    let ok = true;

    if (rawId !== undefined) {
      const first = firstIdAt.get(rawId);
      if (first !== undefined) {
        problems.at(f, [...at, "id"], `栏目 id「${rawId}」重复了（第 ${lineOf(f, ["columns", first, "id"])} 行已经用过）：每个栏目的 id 要不一样，改掉其中一个`);
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
        problems.at(f, [...at, "title_template"], `不认识的占位符 {${m[1]}}：标题模板只能用 {issue}（期数）和 {title}（文章标题）`, context);
        ok = false;
      }
    }
    if (!c.title_template.includes("{title}")) {
      problems.at(f, [...at, "title_template"], "要包含 {title}（文章标题放在这里），例如 【轮青诚聘】第{issue}期 · {title}", context);
      ok = false;
    }
    if (utf8Bytes(c.reply.text) > MAX_TEXT_REPLY_BYTES) {
      problems.at(f, [...at, "reply", "text"], tooLong(c.reply.text), context);
      ok = false;
    }
    if (c.menu_key !== undefined) {
      if (utf8Bytes(c.menu_key) > MENU_KEY_BYTES) {
        problems.at(f, [...at, "menu_key"], `有 ${utf8Bytes(c.menu_key)} 字节，微信最多允许 ${MENU_KEY_BYTES} 字节（一个汉字算 3 字节）：改短一些，并同时改 menu.yml 里对应按钮的 key`, context);
        ok = false;
      }
      const owner = menuKeyOwner.get(c.menu_key);
      if (owner !== undefined) {
        problems.at(f, [...at, "menu_key"], `菜单 key「${c.menu_key}」已经给栏目「${owner}」用了：一个 key 只能对应一个栏目，换一个`, context);
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
            ? `${MATCH_NAMES[spec.match]}关键词「${value}」在这个栏目里写了两次（第一次在第 ${seen.line} 行）：删掉其中一个`
            : `${MATCH_NAMES[spec.match]}关键词「${value}」已经属于栏目「${seen.columnId}」（第 ${seen.line} 行）：一个关键词只能通向一个栏目，删掉一个或换个说法`;
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
  const context = `${columnContext(columnId)}${shown === undefined || shown === null ? "" : ` · 关键词「${String(shown)}」`}`;
  if (!isRecord(raw)) {
    problems.at(f, at, "关键词要写成 { text: 关键词, match: exact } 、{ text: 关键词, match: contains } 或 { pattern: 正则, match: regex }", context);
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
      problems.at(f, [...at, k.text === undefined ? "pattern" : "text"], "match: regex 要用 pattern: 写正则，不是 text:：把 text: 改成 pattern:，或把 match 改成 exact / contains", context);
      return null;
    }
    if (k.text !== undefined) {
      problems.at(f, [...at, "text"], BOTH_TEXT_AND_PATTERN, context);
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
    problems.at(f, [...at, k.pattern === undefined ? "text" : "pattern"], `match: ${k.match} 要用 text: 写关键词；pattern: 只配 match: regex：把 pattern: 改成 text:，或把 match 改成 regex`, context);
    return null;
  }
  if (k.pattern !== undefined) {
    problems.at(f, [...at, "pattern"], BOTH_TEXT_AND_PATTERN, context);
    return null;
  }
  if (normaliseText(k.text) === "") {
    problems.at(f, [...at, "text"], "关键词不能是空的：写上文字，或删掉这一项", context);
    return null;
  }
  return { match: k.match, text: k.text, line };
}
