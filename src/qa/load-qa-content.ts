/**
 * Reads content/qa.yml: the 青年之声 keywords, menu key, texts, duty rota and roundup settings.
 * Every problem is reported at once, naming the file, the line and the field, like the bot's
 * content (load-content.ts). Reads one file; no other I/O.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { isMap, isNode, isScalar, isSeq, LineCounter, parseDocument, type Document } from "yaml";
import { z } from "zod";
import { MAX_TEXT_REPLY_BYTES, normaliseText, utf8Bytes } from "../bot/bot-content";
import { yamlSyntaxProblem } from "../bot/content-yaml";
import { describeIssue, editDistance, unknownFieldProblem } from "../bot/report-content-issues";
import { ContentError } from "../errors";
import { DEFAULT_TOO_SHORT, QA_DISABLED, QA_FILE, type DutyCadre, type QaContent, type QaTexts, type Weekday } from "./qa-content";

export interface LoadQaContentResult {
  /** Null whenever `errors` is not empty; QA_DISABLED when the file does not exist. */
  content: QaContent | null;
  errors: ContentError[];
}

/** Each text, its placeholders, and whether it must mention each one. */
const TEXT_FIELDS: Record<keyof QaTexts, { key: string; placeholders: readonly string[]; required: readonly string[]; fallback?: string }> = {
  askPrompt: { key: "ask_prompt", placeholders: ["wait_minutes"], required: [] },
  received: { key: "received", placeholders: ["number"], required: ["number"] },
  receivedShort: { key: "received_short", placeholders: ["number"], required: ["number"] },
  cancelled: { key: "cancelled", placeholders: [], required: [] },
  tooShort: { key: "too_short", placeholders: [], required: [], fallback: DEFAULT_TOO_SHORT },
  noTickets: { key: "no_tickets", placeholders: [], required: [] },
  listHeader: { key: "list_header", placeholders: [], required: [] },
  answer: { key: "answer", placeholders: ["number", "question", "answer"], required: ["answer"] },
  deferredNote: { key: "deferred_note", placeholders: [], required: [] },
};

const WEEKDAYS: Record<string, Weekday> = {
  sun: 0, sunday: 0, 日: 0, 天: 0, 周日: 0, 周天: 0, 星期日: 0, 星期天: 0,
  mon: 1, monday: 1, 一: 1, 周一: 1, 星期一: 1,
  tue: 2, tuesday: 2, 二: 2, 周二: 2, 星期二: 2,
  wed: 3, wednesday: 3, 三: 3, 周三: 3, 星期三: 3,
  thu: 4, thursday: 4, 四: 4, 周四: 4, 星期四: 4,
  fri: 5, friday: 5, 五: 5, 周五: 5, 星期五: 5,
  sat: 6, saturday: 6, 六: 6, 周六: 6, 星期六: 6,
};

const keywordList = z.array(z.union([z.string(), z.number()]).transform(String)).min(1);
const text = z.string().min(1);

const schema = z
  .object({
    ask_keywords: keywordList,
    list_keywords: keywordList,
    cancel_keywords: keywordList.optional(),
    menu_key: z.string().min(1).max(128).optional(),
    wait_minutes: z.number().int().min(1).max(1440).default(10),
    texts: z
      .object(Object.fromEntries(Object.values(TEXT_FIELDS).map((f) => [f.key, f.fallback === undefined ? text : text.default(f.fallback)])) as Record<string, typeof text>)
      .strict(),
    duty: z
      .array(
        z
          .object({
            name: z.string().trim().min(1).max(30),
            days: z.array(z.union([z.string(), z.number()]).transform(String)).min(1).optional(),
          })
          .strict(),
      )
      .default([]),
    roundup: z
      .object({
        column: z.string().min(1),
        title: z.string().min(1),
        author: z.string().min(1).max(16).optional(),
      })
      .strict(),
  })
  .strict();

type Path = ReadonlyArray<string | number>;

/** Every key qa.yml may have, for "是不是想写 …" hints on typos. */
const QA_FIELDS = [
  ...Object.keys(schema.shape),
  ...Object.values(TEXT_FIELDS).map((f) => f.key),
  "name", "days", "column", "title", "author",
];

function nearestField(key: string): string | undefined {
  let best: string | undefined;
  let bestDistance = 3;
  for (const known of QA_FIELDS) {
    const d = editDistance(key.toLowerCase(), known);
    if (d < bestDistance) [best, bestDistance] = [known, d];
  }
  return best;
}

export function loadQaContent(contentDir: string, columnIds?: ReadonlySet<string>): LoadQaContentResult {
  const file = path.join(contentDir, QA_FILE);
  const errors: ContentError[] = [];
  let source: string;
  try {
    source = readFileSync(file, "utf8").replace(/^\uFEFF/, "");
  } catch (err) {
    // No qa.yml: 青年之声 is simply not set up (the intake stays off); not an error.
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return { content: QA_DISABLED, errors: [] };
    return { content: null, errors: [new ContentError(file, `读不了这个文件（${(err as Error).message}）：检查文件权限，或重新保存一次`)] };
  }
  const lines = new LineCounter();
  const doc = parseDocument(source, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    return {
      content: null,
      errors: doc.errors.map((e) => new ContentError(file, yamlSyntaxProblem(e.message), { line: lines.linePos(e.pos[0]).line })),
    };
  }
  const problem = (at: Path, message: string) =>
    errors.push(new ContentError(file, message, { line: lineOf(doc, lines, at), ...(at.length ? { field: fieldName(at) } : {}) }));

  const parsed = schema.safeParse(doc.toJS());
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      if (issue.code === "unrecognized_keys") {
        for (const key of issue.keys) problem([...issue.path, key], unknownFieldProblem(key, nearestField(key)));
      } else {
        problem(issue.path, describeIssue(issue));
      }
    }
    return { content: null, errors };
  }
  const q = parsed.data;

  const keywords = (field: string, list: readonly string[]) => {
    const out: string[] = [];
    list.forEach((k, i) => {
      const n = normaliseText(k);
      if (n === "") problem([field, i], "关键词不能是空的：写上文字，或删掉这一项");
      else out.push(n);
    });
    return out;
  };
  const askKeywords = keywords("ask_keywords", q.ask_keywords);
  const listKeywords = keywords("list_keywords", q.list_keywords);
  const cancelKeywords = keywords("cancel_keywords", q.cancel_keywords ?? []);
  const seen = new Map<string, string>();
  for (const [field, list] of [["ask_keywords", askKeywords], ["list_keywords", listKeywords], ["cancel_keywords", cancelKeywords]] as const) {
    list.forEach((k, i) => {
      const first = seen.get(k);
      if (first) problem([field, i], `「${k}」已经写在 ${first} 里了：一个关键词只能做一件事，删掉其中一个`);
      else seen.set(k, field);
    });
  }

  const texts = {} as Record<keyof QaTexts, string>;
  for (const [name, spec] of Object.entries(TEXT_FIELDS) as [keyof QaTexts, (typeof TEXT_FIELDS)[keyof QaTexts]][]) {
    const value = String(q.texts[spec.key]).trimEnd();
    texts[name] = value;
    const at = ["texts", spec.key];
    for (const m of value.matchAll(/\{([a-z_]+)\}/g)) {
      if (!spec.placeholders.includes(m[1]!)) {
        problem(at, `不认识的占位符 {${m[1]}}：${spec.placeholders.length ? `这段文字只能用 ${spec.placeholders.map((p) => `{${p}}`).join("、")}` : "这段文字不能用占位符，删掉它"}`);
      }
    }
    for (const r of spec.required) {
      if (value.includes(`{${r}}`)) continue;
      // "received: 已收到 #{number}" loses everything from " #" on: YAML reads it as a comment.
      const line = lineOf(doc, lines, at);
      const cut = line !== undefined && !value.includes("#") && / #/.test(source.split("\n")[line - 1] ?? "");
      problem(at, `要包含 {${r}}${cut ? "（YAML 里「 #」后面的内容会被当成注释删掉：给整段文字加上英文引号 \"…\"，或在 |- 后换行再写）" : `：在文字里写上 {${r}}`}`);
    }
    if (utf8Bytes(value) > MAX_TEXT_REPLY_BYTES / 2) {
      problem(at, `有 ${utf8Bytes(value)} 字节，最多 ${MAX_TEXT_REPLY_BYTES / 2} 字节（约 ${Math.floor(MAX_TEXT_REPLY_BYTES / 6)} 个汉字），这样连同答复才放得进一条回复：请删短一些`);
    }
  }

  const rota: DutyCadre[] = [];
  const names = new Set<string>();
  q.duty.forEach((d, i) => {
    if (names.has(d.name)) problem(["duty", i, "name"], `「${d.name}」在值班表里出现了两次：每位干部只写一次，把所有值班日写在一起`);
    names.add(d.name);
    const days = new Set<Weekday>();
    (d.days ?? ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]).forEach((raw, j) => {
      const day = WEEKDAYS[raw.trim().toLowerCase()];
      if (day === undefined) problem(["duty", i, "days", j], `「${raw}」不是星期几：写 一 … 日（周一、星期一也可以），或 mon … sun`);
      else days.add(day);
    });
    rota.push({ name: d.name, days });
  });

  if (columnIds && !columnIds.has(q.roundup.column)) {
    problem(["roundup", "column"], `「${q.roundup.column}」不是 columns.yml 里的栏目：写 ${[...columnIds].join("、")} 其中之一`);
  }

  if (errors.length > 0) return { content: null, errors };
  return {
    content: {
      enabled: true,
      askKeywords,
      listKeywords,
      cancelKeywords,
      menuKey: q.menu_key,
      waitMinutes: q.wait_minutes,
      texts,
      rota,
      roundup: { column: q.roundup.column, title: q.roundup.title, author: q.roundup.author },
    },
    errors: [],
  };
}

/** 1-based line of the node at `at`, or of its nearest existing parent. */
function lineOf(doc: Document, lines: LineCounter, at: Path): number | undefined {
  let node: unknown = doc.contents;
  let offset = isNode(node) && node.range ? node.range[0] : undefined;
  for (const seg of at) {
    if (isMap(node)) {
      const pair = node.items.find((p) => String(isScalar(p.key) ? p.key.value : p.key) === String(seg));
      if (!pair) break;
      if (isNode(pair.key) && pair.key.range) offset = pair.key.range[0];
      node = pair.value;
    } else if (isSeq(node) && typeof seg === "number") {
      node = node.items[seg];
      if (!isNode(node) || !node.range) break;
      offset = node.range[0];
    } else break;
  }
  return offset === undefined ? undefined : lines.linePos(offset).line;
}

function fieldName(at: Path): string {
  return at.map((seg, i) => (typeof seg === "number" ? `[${seg}]` : i === 0 ? seg : `.${seg}`)).join("");
}
