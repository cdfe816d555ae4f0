/**
 * Reads content/columns.yml, content/replies.yml and content/menu.yml, validates them and compiles
 * the keyword rules. The files are the editors' interface (anchors.md C1: once 服务器配置 is on,
 * the MP backend's own auto-reply and menu editor stop working, so these files replace them), so
 * every problem is reported at once, each naming the file, the line and the field.
 *
 * Reads files; no other I/O. Also backs `npm run cli -- check`.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { LineCounter, isMap, isNode, isScalar, isSeq, parseDocument, type Document } from "yaml";
import { z } from "zod";
import { ContentError } from "../errors";
import {
  COLUMN_CATEGORIES,
  MATCH_MODES,
  MAX_TEXT_REPLY_BYTES,
  normaliseText,
  utf8Bytes,
  type BotContent,
  type Column,
  type KeywordRule,
  type KeywordSpec,
  type Menu,
  type MenuButton,
  type MenuLeaf,
  type NumberedMenu,
  type NumberedMenuItem,
  type Replies,
} from "./bot-content";

export interface LoadContentResult {
  /** Null whenever `errors` is not empty. */
  content: BotContent | null;
  errors: ContentError[];
}

export const COLUMNS_FILE = "columns.yml";
export const REPLIES_FILE = "replies.yml";
export const MENU_FILE = "menu.yml";
export const CONTENT_FILES = [COLUMNS_FILE, REPLIES_FILE, MENU_FILE] as const;

/** Longer patterns are refused: a keyword pattern has no reason to be long, and length feeds backtracking. */
export const MAX_PATTERN_LENGTH = 200;

// WeChat's custom-menu limits (wechat-protocol.md §5.7; errcode 40016/40017/40018).
const MENU_MAX_TOP = 3;
const MENU_MAX_SUB = 5;
const MENU_TOP_NAME_BYTES = 16;
const MENU_SUB_NAME_BYTES = 60;
const MENU_KEY_BYTES = 128;
const MENU_URL_BYTES = 1024;

const TITLE_PLACEHOLDERS = new Set(["issue", "title"]);
const NUMBERED_MENU_PLACEHOLDER = "{numbered_menu}";

type Path = ReadonlyArray<string | number>;

interface YamlFile {
  /** As reported in errors: contentDir joined with the file name. */
  file: string;
  doc: Document;
  lines: LineCounter;
  data: unknown;
}

/** Collects problems; each knows its file, line and field. */
class Problems {
  readonly errors: ContentError[] = [];

  at(f: YamlFile, at: Path, problem: string, context?: string): void {
    this.errors.push(
      new ContentError(f.file, context === undefined ? problem : `${context}: ${problem}`, {
        line: lineOf(f, at),
        field: at.length === 0 ? undefined : fieldName(at),
      }),
    );
  }

  file(file: string, problem: string): void {
    this.errors.push(new ContentError(file, problem));
  }
}

export function loadContent(contentDir: string): LoadContentResult {
  const problems = new Problems();
  const columnsFile = readYaml(path.join(contentDir, COLUMNS_FILE), true, problems);
  const repliesFile = readYaml(path.join(contentDir, REPLIES_FILE), true, problems);
  const menuFile = readYaml(path.join(contentDir, MENU_FILE), false, problems);

  const columns = columnsFile ? checkColumns(columnsFile, problems) : null;
  const replies = repliesFile ? checkReplies(repliesFile, columns, problems) : null;
  const menu = menuFile ? checkMenu(menuFile, columns, replies, problems) : null;
  if (columnsFile && columns && repliesFile && replies) {
    crossCheckColumnsAndReplies(columnsFile, columns, repliesFile, replies, problems);
  }

  if (problems.errors.length > 0 || !columnsFile || !columns || !repliesFile || !replies?.replies) {
    return { content: null, errors: problems.errors };
  }
  return { content: build(columnsFile, columns, repliesFile, replies, menu?.menu ?? null), errors: [] };
}

// ---------------------------------------------------------------------------------------------
// Reading YAML with positions

function readYaml(file: string, required: boolean, problems: Problems): YamlFile | null {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === "ENOENT") {
      if (required) problems.file(file, "file not found; it is required (see the demo in the repository's content/)");
      return null;
    }
    problems.file(file, `cannot read the file: ${(err as Error).message}`);
    return null;
  }
  // Editors on Windows save with a BOM; it carries no meaning here.
  if (text.startsWith("\uFEFF")) text = text.slice(1);

  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const f: YamlFile = { file, doc, lines, data: undefined };
  if (doc.errors.length > 0) {
    for (const e of doc.errors) {
      const at = pathAtOffset(doc.contents, e.pos[0]);
      problems.errors.push(
        new ContentError(file, `YAML syntax error: ${e.message}`, {
          line: lines.linePos(e.pos[0]).line,
          field: at.length === 0 ? undefined : fieldName(at),
        }),
      );
    }
    return null;
  }
  try {
    f.data = doc.toJS();
  } catch (err) {
    // e.g. alias expansion over yaml's maxAliasCount ("billion laughs").
    problems.file(file, `cannot read the YAML: ${(err as Error).message}`);
    return null;
  }
  if (f.data === null || f.data === undefined) {
    problems.file(file, "the file is empty");
    return null;
  }
  return f;
}

/** 1-based line of the node at `at` (a key's line for map entries), or of its nearest existing parent. */
function lineOf(f: YamlFile, at: Path): number | undefined {
  let node: unknown = f.doc.contents;
  let offset = isNode(node) && node.range ? node.range[0] : undefined;
  for (const seg of at) {
    if (isMap(node)) {
      const pair = node.items.find((p) => keyOf(p.key) === String(seg));
      if (!pair) break;
      const keyRange = isNode(pair.key) ? pair.key.range : undefined;
      if (keyRange) offset = keyRange[0];
      node = pair.value;
    } else if (isSeq(node) && typeof seg === "number") {
      node = node.items[seg];
      if (!isNode(node) || !node.range) break;
      offset = node.range[0];
    } else {
      break;
    }
  }
  return offset === undefined ? undefined : f.lines.linePos(offset).line;
}

/** The path of the innermost entry whose text covers `offset` (to name the field of a syntax error). */
function pathAtOffset(node: unknown, offset: number, at: Array<string | number> = []): Array<string | number> {
  if (isMap(node)) {
    for (const pair of node.items) {
      const start = isNode(pair.key) ? pair.key.range?.[0] : undefined;
      const end = isNode(pair.value) ? pair.value.range?.[2] : isNode(pair.key) ? pair.key.range?.[2] : undefined;
      if (start !== undefined && end !== undefined && start <= offset && offset <= end) {
        return pathAtOffset(pair.value, offset, [...at, keyOf(pair.key)]);
      }
    }
  } else if (isSeq(node)) {
    for (const [i, item] of node.items.entries()) {
      const r = isNode(item) ? item.range : undefined;
      if (r && r[0] <= offset && offset <= r[2]) return pathAtOffset(item, offset, [...at, i]);
    }
  }
  return at;
}

function keyOf(key: unknown): string {
  return String(isScalar(key) ? key.value : key);
}

/** `columns[1].keywords[0].match` */
function fieldName(at: Path): string {
  return at.map((seg, i) => (typeof seg === "number" ? `[${seg}]` : i === 0 ? seg : `.${seg}`)).join("");
}

// ---------------------------------------------------------------------------------------------
// zod issues → editor-facing messages

/** Field names used anywhere in the three files, for "did you mean" hints on typos. */
const KNOWN_FIELDS = [
  "columns", "id", "name", "title_template", "category", "keywords", "text", "pattern", "match", "reply",
  "latest", "menu_key", "default_cover", "description", "welcome", "default", "default_reply_interval_minutes",
  "scan", "numbered_menu", "title", "items", "key", "column", "label", "menu_replies", "buttons",
  "sub_buttons", "type", "url",
];

function reportIssues(f: YamlFile, base: Path, error: z.ZodError, problems: Problems, context?: string): void {
  for (const issue of error.issues) {
    const at = [...base, ...issue.path];
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) {
        const hint = suggest(key);
        problems.at(f, [...at, key], `unknown field "${key}"${hint ? ` (did you mean "${hint}"?)` : ""}`, context);
      }
      continue;
    }
    problems.at(f, at, describeIssue(issue), context);
  }
}

function describeIssue(issue: z.ZodIssue): string {
  switch (issue.code) {
    case "invalid_type":
      if (issue.received === "undefined") return "is required";
      if (issue.received === "null") return "is empty; write a value";
      return `must be ${expectedName(issue.expected)}, not ${expectedName(issue.received)}`;
    case "invalid_enum_value":
      return `must be one of ${issue.options.join(", ")} (found "${String(issue.received)}")`;
    case "invalid_literal":
      return `must be ${JSON.stringify(issue.expected)}`;
    default:
      return issue.message;
  }
}

function expectedName(t: string): string {
  const names: Record<string, string> = {
    string: "text",
    number: "a number",
    integer: "a whole number",
    array: "a list",
    object: "a mapping (key: value lines)",
    boolean: "true/false",
  };
  return names[t] ?? t;
}

function suggest(key: string): string | undefined {
  let best: string | undefined;
  let bestDistance = 3;
  for (const known of KNOWN_FIELDS) {
    const d = editDistance(key.toLowerCase(), known);
    if (d < bestDistance) {
      best = known;
      bestDistance = d;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length]!;
}

// YAML reads `key: 1` as a number and `description:` (no value) as null; editors mean text and "absent".
const textish = z.preprocess((v) => (typeof v === "number" ? String(v) : v), z.string());
const nonEmptyText = z.string().trim().min(1, "must not be empty");
const optionalText = z.preprocess((v) => (v === null ? undefined : v), z.string().optional());
const optionalTextish = z.preprocess((v) => (v === null ? undefined : typeof v === "number" ? String(v) : v), z.string().optional());

// ---------------------------------------------------------------------------------------------
// columns.yml

const keywordSchema = z
  .object({
    text: optionalTextish,
    pattern: optionalText,
    match: z.enum(MATCH_MODES),
  })
  .strict();

const columnSchema = z
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
    description: optionalText,
  })
  .strict();

const columnsFileSchema = z.object({ columns: z.array(z.unknown()).min(1, "must list at least one column") }).strict();

interface CheckedColumns {
  /** Valid columns only (a column with any problem is left out). */
  columns: Column[];
  /** Ids and menu keys of every entry that declares one, valid or not (avoids cascading "unknown column" errors). */
  declaredIds: Set<string>;
  declaredMenuKeys: Set<string>;
  /** Each exact keyword (normalised) → its column and path, for the cross-file check against menu digits. */
  exactKeywords: Map<string, { columnId: string; at: Path }>;
}

function checkColumns(f: YamlFile, problems: Problems): CheckedColumns | null {
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
      ...(c.default_cover === undefined ? {} : { defaultCover: c.default_cover }),
      ...(c.description === undefined ? {} : { description: c.description }),
      line: lineOf(f, at) ?? 1,
    });
  }
  return result;
}

function checkKeyword(f: YamlFile, at: Path, raw: unknown, columnId: string, problems: Problems): KeywordSpec | null {
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

/** Patterns are matched against normalised (half-width, lower-case) messages, case-insensitively. */
function compilePattern(pattern: string): RegExp {
  return new RegExp(pattern, "iu");
}

/**
 * Why a pattern is refused, or undefined. Besides syntax, two guards against catastrophic
 * backtracking (ReDoS) on a webhook that must answer within 5 s (wechat-protocol.md §3.2): a length
 * cap, and no unbounded quantifier applied to a group that itself contains one, e.g. `(a+)+`.
 */
function regexProblem(pattern: string): string | undefined {
  if (pattern.length > MAX_PATTERN_LENGTH) {
    return `pattern is ${pattern.length} characters; at most ${MAX_PATTERN_LENGTH} are allowed`;
  }
  if (pattern.trim() === "") return "must not be empty";
  try {
    compilePattern(pattern);
  } catch (err) {
    return `invalid regular expression: ${(err as Error).message.replace(/^Invalid regular expression: \/.*\/[a-z]*: /s, "")}`;
  }
  if (hasNestedQuantifier(pattern)) {
    return "a repeated group contains another repetition (like (a+)+ or (\\S*)*); such patterns can hang the bot, rewrite it without the outer repetition";
  }
  return undefined;
}

function hasNestedQuantifier(pattern: string): boolean {
  const groups: boolean[] = []; // per open group: does it contain an unbounded quantifier?
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i]!;
    if (ch === "\\") {
      i++;
      continue;
    }
    if (inClass) {
      if (ch === "]") inClass = false;
      continue;
    }
    if (ch === "[") inClass = true;
    else if (ch === "(") groups.push(false);
    else if (ch === ")") {
      const repeated = groups.pop() ?? false;
      const next = pattern[i + 1];
      const quantified = next === "+" || next === "*" || (next === "{" && /^\{\d+,\d*\}/.test(pattern.slice(i + 1)));
      if (repeated && quantified) return true;
      if (repeated || quantified) markOpenGroup(groups);
    } else if (ch === "+" || ch === "*" || (ch === "{" && /^\{\d+,\d*\}/.test(pattern.slice(i)))) {
      markOpenGroup(groups);
    }
  }
  return false;
}

function markOpenGroup(groups: boolean[]): void {
  if (groups.length > 0) groups[groups.length - 1] = true;
}

// ---------------------------------------------------------------------------------------------
// replies.yml

const repliesSchema = z
  .object({
    welcome: nonEmptyText,
    default: nonEmptyText,
    default_reply_interval_minutes: z.preprocess(
      (v) => v ?? 60,
      z.number().int("must be a whole number of minutes").min(0, "must be 0 or more").max(10080, "must be at most 10080 (a week)"),
    ),
    scan: optionalText,
    numbered_menu: z.preprocess(
      (v) => (v === null ? undefined : v),
      z
        .object({
          title: nonEmptyText,
          items: z
            .array(
              z
                .object({
                  key: textish.pipe(z.string().regex(/^\s*[0-9０-９]{1,2}\s*$/, "must be a number of one or two digits, e.g. 1")),
                  column: z.string(),
                  label: optionalText,
                })
                .strict(),
            )
            .min(1, "must list at least one item"),
        })
        .strict()
        .optional(),
    ),
    menu_replies: z.preprocess((v) => (v === null ? undefined : v), z.record(z.string(), nonEmptyText).optional()),
  })
  .strict();

interface CheckedReplies {
  replies: Replies | null;
  /** Numbered-menu digits and where they are, for cross-file checks. */
  digits: Map<string, { columnId: string; at: Path }>;
  menuReplyKeys: Set<string>;
}

function checkReplies(f: YamlFile, columns: CheckedColumns | null, problems: Problems): CheckedReplies {
  const out: CheckedReplies = { replies: null, digits: new Map(), menuReplyKeys: new Set() };
  if (isRecord(f.data) && isRecord(f.data["menu_replies"])) {
    for (const k of Object.keys(f.data["menu_replies"])) out.menuReplyKeys.add(k);
  }
  const parsed = repliesSchema.safeParse(f.data);
  if (!parsed.success) {
    reportIssues(f, [], parsed.error, problems);
    return out;
  }
  const r = parsed.data;
  let ok = true;

  let numberedMenu: NumberedMenu | null = null;
  if (r.numbered_menu) {
    const items: NumberedMenuItem[] = [];
    for (const [i, item] of r.numbered_menu.items.entries()) {
      const at: Path = ["numbered_menu", "items", i];
      const key = normaliseText(item.key);
      if (out.digits.has(key)) {
        problems.at(f, [...at, "key"], `number ${key} is used twice in the numbered menu`);
        ok = false;
        continue;
      }
      out.digits.set(key, { columnId: item.column, at: [...at, "key"] });
      const column = columns?.columns.find((c) => c.id === item.column);
      if (columns && !columns.declaredIds.has(item.column)) {
        problems.at(f, [...at, "column"], `unknown column "${item.column}"; columns.yml has ${[...columns.declaredIds].join(", ")}`);
        ok = false;
        continue;
      }
      items.push({ key, columnId: item.column, label: (item.label ?? column?.name ?? item.column).trim() });
    }
    const title = r.numbered_menu.title.trim();
    numberedMenu = { title, items, text: [title, ...items.map((it) => `${it.key}. ${it.label}`)].join("\n") };
  }

  const expand = (field: string, text: string): string => {
    if (!text.includes(NUMBERED_MENU_PLACEHOLDER)) return text.trimEnd();
    if (!numberedMenu) {
      problems.at(f, [field], `uses ${NUMBERED_MENU_PLACEHOLDER} but the file has no numbered_menu`);
      ok = false;
      return text;
    }
    return text.split(NUMBERED_MENU_PLACEHOLDER).join(numberedMenu.text).trimEnd();
  };
  const welcome = expand("welcome", r.welcome);
  const dflt = expand("default", r.default);
  const scan = r.scan === undefined ? undefined : expand("scan", r.scan);

  const texts: Array<[Path, string | undefined]> = [
    [["welcome"], welcome],
    [["default"], dflt],
    [["scan"], scan],
    ...Object.entries(r.menu_replies ?? {}).map(([k, v]): [Path, string] => [["menu_replies", k], v]),
  ];
  for (const [at, text] of texts) {
    if (text !== undefined && utf8Bytes(text) > MAX_TEXT_REPLY_BYTES) {
      problems.at(f, at, tooLong(text));
      ok = false;
    }
  }
  for (const key of Object.keys(r.menu_replies ?? {})) {
    if (utf8Bytes(key) > MENU_KEY_BYTES) {
      problems.at(f, ["menu_replies", key], `key is ${utf8Bytes(key)} bytes; WeChat allows at most ${MENU_KEY_BYTES}`);
      ok = false;
    }
  }

  if (!ok) return out;
  out.replies = {
    welcome,
    default: dflt,
    defaultReplyIntervalMinutes: r.default_reply_interval_minutes,
    ...(scan === undefined ? {} : { scan }),
    numberedMenu,
    menuReplies: new Map(Object.entries(r.menu_replies ?? {}).map(([k, v]) => [k, v.trimEnd()])),
  };
  return out;
}

function crossCheckColumnsAndReplies(
  cf: YamlFile,
  columns: CheckedColumns,
  rf: YamlFile,
  replies: CheckedReplies,
  problems: Problems,
): void {
  // Numbered-menu digits are exact keywords too; one text must lead to one place.
  for (const [digit, d] of replies.digits) {
    const kw = columns.exactKeywords.get(digit);
    if (kw && kw.columnId !== d.columnId) {
      problems.at(
        cf,
        kw.at,
        `exact keyword "${digit}" is also number ${digit} of the numbered menu (${rf.file}:${lineOf(rf, d.at)}), which leads to column "${d.columnId}"`,
        `column "${kw.columnId}"`,
      );
    }
  }
  for (const c of columns.columns) {
    if (c.menuKey !== undefined && replies.menuReplyKeys.has(c.menuKey)) {
      problems.at(
        rf,
        ["menu_replies", c.menuKey],
        `menu key "${c.menuKey}" is also the menu_key of column "${c.id}" (${cf.file}:${c.line}); a key can lead to one place only`,
      );
    }
  }
}

// ---------------------------------------------------------------------------------------------
// menu.yml

const leafSchema = z
  .object({
    name: nonEmptyText,
    type: z.enum(["click", "view"]),
    key: optionalTextish,
    url: optionalText,
  })
  .strict();

const menuFileSchema = z.object({ buttons: z.array(z.unknown()) }).strict();

function checkMenu(
  f: YamlFile,
  columns: CheckedColumns | null,
  replies: CheckedReplies | null,
  problems: Problems,
): { menu: Menu | null } {
  const top = menuFileSchema.safeParse(f.data);
  if (!top.success) {
    reportIssues(f, [], top.error, problems);
    return { menu: null };
  }
  let ok = true;
  const fail = (at: Path, problem: string, context?: string): void => {
    problems.at(f, at, problem, context);
    ok = false;
  };
  const rawButtons = top.data.buttons;
  if (rawButtons.length === 0 || rawButtons.length > MENU_MAX_TOP) {
    fail(["buttons"], `has ${rawButtons.length} buttons; WeChat allows 1 to ${MENU_MAX_TOP} (errcode 40016)`);
  }

  const checkName = (at: Path, name: string, maxBytes: number, context: string): void => {
    const n = utf8Bytes(name);
    if (n > maxBytes) {
      fail([...at, "name"], `"${name}" is ${n} bytes; WeChat allows at most ${maxBytes} (a 汉字 takes 3 bytes; errcode 40018)`, context);
    }
  };
  const checkLeaf = (at: Path, raw: unknown, maxNameBytes: number): MenuLeaf | null => {
    const context = isRecord(raw) && typeof raw["name"] === "string" ? `button "${raw["name"]}"` : undefined;
    const parsed = leafSchema.safeParse(raw);
    if (!parsed.success) {
      reportIssues(f, at, parsed.error, problems, context);
      ok = false;
      return null;
    }
    const b = parsed.data;
    const ctx = `button "${b.name}"`;
    checkName(at, b.name, maxNameBytes, ctx);
    if (b.type === "click") {
      if (b.url !== undefined) fail([...at, "url"], "a click button takes `key:`, not `url:` (use type: view for links)", ctx);
      if (b.key === undefined) {
        fail([...at, "key"], "is required for a click button", ctx);
        return null;
      }
      if (utf8Bytes(b.key) > MENU_KEY_BYTES) {
        fail([...at, "key"], `is ${utf8Bytes(b.key)} bytes; WeChat allows at most ${MENU_KEY_BYTES}`, ctx);
      }
      // Only judged when both other files were readable; otherwise their own errors say why.
      if (columns && replies && !columns.declaredMenuKeys.has(b.key) && !replies.menuReplyKeys.has(b.key)) {
        fail(
          [...at, "key"],
          `key "${b.key}" leads nowhere: no column in columns.yml has menu_key: ${b.key}, and replies.yml has no menu_replies entry for it`,
          ctx,
        );
      }
      return { name: b.name, type: "click", key: b.key };
    }
    if (b.key !== undefined) fail([...at, "key"], "a view button takes `url:`, not `key:` (use type: click for keys)", ctx);
    if (b.url === undefined) {
      fail([...at, "url"], "is required for a view button", ctx);
      return null;
    }
    if (!/^https?:\/\/\S+$/i.test(b.url)) fail([...at, "url"], `"${b.url}" must be a web address starting with http:// or https://`, ctx);
    if (utf8Bytes(b.url) > MENU_URL_BYTES) fail([...at, "url"], `is ${utf8Bytes(b.url)} bytes; WeChat allows at most ${MENU_URL_BYTES}`, ctx);
    return { name: b.name, type: "view", url: b.url };
  };

  const buttons: MenuButton[] = [];
  for (const [i, raw] of rawButtons.entries()) {
    const at: Path = ["buttons", i];
    if (isRecord(raw) && "sub_buttons" in raw) {
      const context = typeof raw["name"] === "string" ? `button "${raw["name"]}"` : undefined;
      const parsed = z.object({ name: nonEmptyText, sub_buttons: z.array(z.unknown()) }).strict().safeParse(raw);
      if (!parsed.success) {
        reportIssues(f, at, parsed.error, problems, context);
        ok = false;
        continue;
      }
      const ctx = `button "${parsed.data.name}"`;
      checkName(at, parsed.data.name, MENU_TOP_NAME_BYTES, ctx);
      const subs = parsed.data.sub_buttons;
      if (subs.length === 0 || subs.length > MENU_MAX_SUB) {
        fail([...at, "sub_buttons"], `has ${subs.length} buttons; WeChat allows 1 to ${MENU_MAX_SUB} under each (errcode 40017)`, ctx);
      }
      const leaves = subs.map((s, j) => checkLeaf([...at, "sub_buttons", j], s, MENU_SUB_NAME_BYTES));
      buttons.push({ name: parsed.data.name, subButtons: leaves.filter((l): l is MenuLeaf => l !== null) });
    } else {
      const leaf = checkLeaf(at, raw, MENU_TOP_NAME_BYTES);
      if (leaf) buttons.push(leaf);
    }
  }
  return { menu: ok ? { buttons } : null };
}

// ---------------------------------------------------------------------------------------------
// Compiling

function build(cf: YamlFile, checked: CheckedColumns, rf: YamlFile, checkedReplies: CheckedReplies, menu: Menu | null): BotContent {
  const replies = checkedReplies.replies!;
  const exact = new Map<string, KeywordRule>();
  const contains: KeywordRule[] = [];
  const regex: KeywordRule[] = [];

  for (const [digit, d] of checkedReplies.digits) {
    exact.set(digit, {
      id: `${d.columnId}:menu:${digit}`,
      columnId: d.columnId,
      mode: "exact",
      source: "numbered_menu",
      text: digit,
      file: rf.file,
      line: lineOf(rf, d.at) ?? 1,
    });
  }
  for (const c of checked.columns) {
    for (const k of c.keywords) {
      const base = { columnId: c.id, source: "column" as const, file: cf.file, line: k.line };
      if (k.match === "regex") {
        regex.push({ ...base, id: `${c.id}:regex:${k.pattern!}`, mode: "regex", regex: compilePattern(k.pattern!) });
      } else {
        const text = normaliseText(k.text!);
        const rule: KeywordRule = { ...base, id: `${c.id}:${k.match}:${text}`, mode: k.match, text };
        if (k.match === "exact") exact.set(text, rule);
        else contains.push(rule);
      }
    }
  }

  const menuKeyToColumn = new Map<string, string>();
  for (const c of checked.columns) if (c.menuKey !== undefined) menuKeyToColumn.set(c.menuKey, c.id);

  return {
    columns: checked.columns,
    columnsById: new Map(checked.columns.map((c) => [c.id, c])),
    replies,
    menu,
    rules: { exact, contains, regex, all: [...exact.values(), ...contains, ...regex] },
    menuKeyToColumn,
  };
}

function tooLong(text: string): string {
  return `is ${utf8Bytes(text)} bytes; WeChat text replies must stay within ${MAX_TEXT_REPLY_BYTES} bytes (about ${Math.floor(MAX_TEXT_REPLY_BYTES / 3)} 汉字)`;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
