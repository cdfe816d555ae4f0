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
      for (const key of issue.keys) {
        const hint = suggest(key);
        problems.at(f, [...at, key], `unknown field "${key}"${hint ? ` (did you mean "${hint}"?)` : ""}`, context);
      }
      continue;
    }
    problems.at(f, at, describeIssue(issue), context);
  }
}

export function describeIssue(issue: z.ZodIssue): string {
  switch (issue.code) {
    case "invalid_type":
      if (issue.received === "undefined") return "is required";
      if (issue.received === "null") return "is empty; write a value";
      return `must be ${expectedName(issue.expected)}, not ${expectedName(issue.received)}`;
    case "invalid_enum_value":
      // A schema with its own (Chinese) message keeps it; zod's default is English jargon.
      if (!issue.message.startsWith("Invalid enum value")) return issue.message;
      return `must be one of ${issue.options.join(", ")} (found "${String(issue.received)}")`;
    case "invalid_literal":
      return `must be ${JSON.stringify(issue.expected)}`;
    default:
      return issue.message;
  }
}

export function expectedName(t: string): string {
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
export const nonEmptyText = z.string().trim().min(1, "must not be empty");
export const optionalText = z.preprocess((v) => (v === null ? undefined : v), z.string().optional());
export const optionalTextish = z.preprocess((v) => (v === null ? undefined : typeof v === "number" ? String(v) : v), z.string().optional());
