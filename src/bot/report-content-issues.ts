/**
 * zod issues → the editors' messages (with "did you mean" hints), and the text schemas the files share.
 * Part of loadContent (load-content.ts); every problem names the file, the line and the field.
 */
import { z } from "zod";
import { Path, Problems, YamlFile } from "./content-yaml";

export const TITLE_PLACEHOLDERS = new Set(["issue", "title"]);
export const NUMBERED_MENU_PLACEHOLDER = "{numbered_menu}";


/** Field names used anywhere in the three files, for "did you mean" hints on typos. */
export const KNOWN_FIELDS = [
  "columns", "id", "name", "title_template", "category", "keywords", "text", "pattern", "match", "reply",
  "latest", "menu_key", "default_cover", "mode", "description", "comments", "welcome", "default", "default_reply_interval_minutes",
  "scan", "numbered_menu", "title", "items", "key", "column", "label", "menu_replies", "buttons",
  "sub_buttons", "type", "url",
];

export function reportIssues(f: YamlFile, base: Path, error: z.ZodError, problems: Problems, context?: string): void {
  for (const issue of error.issues) {
    const at = [...base, ...issue.path];
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) problems.at(f, [...at, key], unknownFieldProblem(key, suggest(key)), context);
      continue;
    }
    problems.at(f, at, describeIssue(issue), context);
  }
}

/** "没有「keyword」这个字段：是不是 keywords？…" — the editors' message for a key no schema knows. */
export function unknownFieldProblem(key: string, hint: string | undefined): string {
  return hint === undefined
    ? `没有「${key}」这个字段：检查拼写，或删掉这一行`
    : `没有「${key}」这个字段：是不是想写 ${hint}？改成 ${hint}，或删掉这一行`;
}

/**
 * One zod issue in the editors' words. A schema's own message (Chinese, given with .min(…, "…") or
 * an errorMap) is kept; zod's defaults are English jargon ("Expected number, received nan"), so
 * each code gets a sentence that says what to write instead (issue 15).
 */
export function describeIssue(issue: z.ZodIssue): string {
  const key = lastKey(issue.path);
  switch (issue.code) {
    case "invalid_type":
      if (issue.received === "undefined") return key === undefined ? "缺少必填内容：请补上" : `缺少必填的 ${key}：请加上一行 ${key}: …`;
      if (issue.received === "null") return `${key ?? "这一项"} 后面是空的：请写上内容`;
      if (!isZodDefault(issue.message)) return issue.message;
      return `应该写${expectedName(issue.expected)}，这里写的是${expectedName(issue.received)}`;
    case "invalid_enum_value":
      if (!isZodDefault(issue.message)) return issue.message;
      return `「${String(issue.received)}」不对：只能写 ${issue.options.map(String).join("、")} 其中之一`;
    case "invalid_literal":
      return `只能写 ${JSON.stringify(issue.expected)}`;
    case "too_small":
      if (!isZodDefault(issue.message)) return issue.message;
      if (issue.type === "string") return Number(issue.minimum) <= 1 ? "不能是空的：请写上内容" : `至少要写 ${issue.minimum} 个字`;
      if (issue.type === "array") return `至少要列出 ${issue.minimum} 项`;
      return `不能小于 ${issue.minimum}`;
    case "too_big":
      if (!isZodDefault(issue.message)) return issue.message;
      if (issue.type === "string") return `最多 ${issue.maximum} 个字：请改短一些`;
      if (issue.type === "array") return `最多列出 ${issue.maximum} 项`;
      return `不能大于 ${issue.maximum}`;
    case "not_multiple_of":
      return `要写整数`;
    default:
      return isZodDefault(issue.message) ? `写法不对（${issue.message}）：请对照文件开头的说明修改` : issue.message;
  }
}

/** zod's built-in messages are English (an enum's may quote Chinese options); the house's own are Chinese. */
function isZodDefault(message: string): boolean {
  return /^[\x00-\x7f]*$/.test(message) || /^(Invalid enum value|Expected |Required$)/.test(message);
}

function lastKey(path: ReadonlyArray<string | number>): string | undefined {
  for (let i = path.length - 1; i >= 0; i--) if (typeof path[i] === "string") return path[i] as string;
  return undefined;
}

export function expectedName(t: string): string {
  const names: Record<string, string> = {
    string: "文字",
    number: "数字",
    nan: "非数字",
    integer: "整数",
    array: "列表（每项一行，以 - 开头）",
    object: "几行 名称: 值",
    boolean: "true 或 false",
    date: "日期",
    float: "小数",
  };
  return names[t] ?? t;
}

export function suggest(key: string): string | undefined {
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

export function editDistance(a: string, b: string): number {
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
export const textish = z.preprocess((v) => (typeof v === "number" ? String(v) : v), z.string());
export const nonEmptyText = z.string().trim().min(1, "不能是空的：请写上内容");
export const optionalText = z.preprocess((v) => (v === null ? undefined : v), z.string().optional());
export const optionalTextish = z.preprocess((v) => (v === null ? undefined : typeof v === "number" ? String(v) : v), z.string().optional());
