/**
 * Placeholder text an editor left to fill in (联系团县委XXX, 待补充, 【请填写】): an error in `check`
 * and on the 稿件 page, never sent to followers (issue 15). The list lives in content/checks.yml so
 * that editors can add their own; without that file the built-in list below applies.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { isMap, isScalar, isSeq, LineCounter, parseDocument } from "yaml";
import { ContentError } from "../errors";

export const CHECKS_FILE = "checks.yml";

export interface Placeholder {
  /** What the editor sees in the message: the text, or the entry's `name` for a pattern. */
  label: string;
  regex: RegExp;
}

export interface PlaceholderHit {
  /** 1-based line in the post file. */
  line: number;
  label: string;
  /** The matched text. */
  found: string;
  /** The whole line, trimmed (shown so the editor finds it). */
  lineText: string;
}

/** The built-in list: the same entries as the shipped content/checks.yml. */
export const DEFAULT_PLACEHOLDERS: readonly Placeholder[] = [
  { label: "XXX", regex: /(?<![A-Za-z])[Xx]{3,}(?![A-Za-z])/ },
  fromText("待补充"),
  fromText("待定"),
  fromText("TODO"),
  { label: "【请填写】这样的方括号提示", regex: /【[^】\n]*(?:请|填写)[^】\n]*】/ },
  { label: "空着的“联系人：”", regex: /联系人[：:][ \t\u3000]*$/ },
  { label: "空着的“联系电话：”", regex: /联系电话[：:][ \t\u3000]*$/ },
];

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * A plain `text:` entry: found anywhere, case-insensitively; a word of Latin letters (TODO) only as
 * a whole word, so that "todolist" in an address is not flagged.
 */
function fromText(text: string): Placeholder {
  const core = escapeRegex(text);
  const latin = /^[A-Za-z]+$/.test(text);
  return { label: text, regex: new RegExp(latin ? `(?<![A-Za-z])${core}(?![A-Za-z])` : core, "i") };
}

/**
 * Reads content/checks.yml. A missing file means the built-in list; a broken entry is reported
 * with its line and left out, the other entries still apply.
 */
export function loadPlaceholders(contentDir: string): { placeholders: readonly Placeholder[]; errors: ContentError[] } {
  const file = path.join(contentDir, CHECKS_FILE);
  let text: string;
  try {
    text = readFileSync(file, "utf8").replace(/^\uFEFF/, "");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return { placeholders: DEFAULT_PLACEHOLDERS, errors: [] };
    return { placeholders: DEFAULT_PLACEHOLDERS, errors: [new ContentError(file, `读不出这个文件：${(err as Error).message}`)] };
  }
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  const lineAt = (offset: number | undefined) => (offset === undefined ? undefined : lines.linePos(offset).line);
  if (doc.errors.length > 0) {
    return {
      placeholders: DEFAULT_PLACEHOLDERS,
      errors: doc.errors.map((e) => new ContentError(file, `YAML 格式错误：${e.message.split("\n")[0]}（先用内置的占位文字清单检查）`, { line: lineAt(e.pos[0]) })),
    };
  }
  const root = doc.contents;
  const list = isMap(root) ? root.get("placeholders", true) : undefined;
  if (!isSeq(list)) {
    return {
      placeholders: DEFAULT_PLACEHOLDERS,
      errors: [new ContentError(file, "要有 placeholders: 列表，每行写 - text: 待补充 这样的一项（见文件开头的说明）", { field: "placeholders", line: 1 })],
    };
  }
  const placeholders: Placeholder[] = [];
  const errors: ContentError[] = [];
  for (const [i, item] of list.items.entries()) {
    const line = lineAt((item as { range?: [number, number, number] }).range?.[0]);
    const field = `placeholders[${i}]`;
    const entry = isMap(item) ? (item.toJSON() as Record<string, unknown>) : isScalar(item) ? { text: item.value } : undefined;
    const value = (k: string) => (entry && (typeof entry[k] === "string" || typeof entry[k] === "number") ? String(entry[k]).trim() : undefined);
    const textValue = value("text");
    const pattern = value("pattern");
    if (textValue) {
      placeholders.push(fromText(textValue));
    } else if (pattern) {
      try {
        placeholders.push({ label: value("name") ?? pattern, regex: new RegExp(pattern, "iu") });
      } catch (err) {
        errors.push(new ContentError(file, `pattern「${pattern}」不是有效的正则表达式：${(err as Error).message}`, { line, field }));
      }
    } else {
      errors.push(new ContentError(file, "每一项写 text: 要查的文字，或（技术同事）pattern: 正则表达式", { line, field }));
    }
  }
  return { placeholders, errors };
}

/** Every placeholder on every line of `text`, whose first line is line `firstLine` of the file. */
export function findPlaceholders(text: string, firstLine: number, placeholders: readonly Placeholder[], skip?: (line: number) => boolean): PlaceholderHit[] {
  const hits: PlaceholderHit[] = [];
  for (const [i, raw] of text.split("\n").entries()) {
    if (skip?.(firstLine + i)) continue;
    for (const p of placeholders) {
      const m = p.regex.exec(raw);
      if (m) hits.push({ line: firstLine + i, label: p.label, found: m[0].trim() || raw.trim(), lineText: raw.trim() });
    }
  }
  return hits;
}

/** The editor's message for one hit. */
export function placeholderProblem(hit: PlaceholderHit): string {
  const shown = hit.lineText.length > 60 ? `${[...hit.lineText].slice(0, 60).join("")}…` : hit.lineText;
  return `还有没填的占位文字「${hit.found}」（${hit.label}）：「${shown}」。请换成真实内容再发送（清单见 content/${CHECKS_FILE}）`;
}
