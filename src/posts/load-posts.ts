/**
 * Reads content/posts/*.md (front matter + Markdown) and checks each one with the same function the
 * 稿件 page calls on unsaved text (checkPostText): every problem at once, each naming the file, the
 * line and the field, in Chinese, with what to write instead. The fields themselves are the zod
 * schema of post-schema.ts. Reads files; no other I/O. Backs the publisher, `posts` and `check`.
 */
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import MarkdownIt from "markdown-it";
import { isMap, isScalar, LineCounter, parseDocument } from "yaml";
import type { Column } from "../bot/bot-content";
import { ContentError } from "../errors";
import { checkNewspic } from "./check-newspic";
import { checkPost } from "./check-post";
import { findImages } from "./find-images";
import { DEFAULT_PLACEHOLDERS, findPlaceholders, loadPlaceholders, placeholderProblem, type Placeholder } from "./placeholder-checks";
import { fieldTitle, FIELD_NAMES, missingModeProblem, postFrontMatterSchema, unknownFieldProblem } from "./post-schema";
import { timeWarnings } from "./time-warnings";
import { splitFrontMatter } from "./split-front-matter";
import type { Post } from "./post";

export { suggestField, POST_FIELDS } from "./post-schema";

export const POSTS_DIR = "posts";

/** YYYY-MM-DD-slug.md, the slug in lower-case letters, digits and hyphens (it ends up in the CLI and logs). */
const FILE_RE = /^(\d{4})-(\d{2})-(\d{2})-([a-z0-9]+(?:-[a-z0-9]+)*)\.md$/;

export interface LoadPostsResult {
  /** Posts without problems (a post with any problem is left out, and its problems reported). */
  posts: Post[];
  errors: ContentError[];
  /** Worth knowing, not blocking: a time already passed, a demo post that will go out… */
  warnings: ContentError[];
}

export interface LoadPostsOptions {
  /** SCHEDULE_TIMEZONE: publish_at without an offset is read in it. */
  timezone: string;
  /** Columns from columns.yml; null when columns.yml itself is broken (column ids are then not checked). */
  columns: ReadonlyMap<string, Column> | null;
  /**
   * content/: given, each post's pictures are checked against it, and a post without problems is
   * rendered as it would be sent (WeChat's limits). Absent (the publisher's every-minute read):
   * front matter and text only.
   */
  contentDir?: string | undefined;
  /** The placeholder list (content/checks.yml); else read from contentDir, else the built-in list. */
  placeholders?: readonly Placeholder[] | undefined;
  /** Given, a post whose time has passed and that was not sent gets a warning. */
  now?: Date | undefined;
  /** The ledger: whether a post already went out (no time warning, not rendered again). */
  isSent?: ((slug: string) => boolean) | undefined;
  /** The 期数 each post will probably get (upcomingIssues), for the title as sent; else 1. */
  issueOf?: ((slug: string) => number | undefined) | undefined;
}

export interface CheckPostTextResult {
  /** The post, when it has no problems. */
  post: Post | undefined;
  errors: ContentError[];
  warnings: ContentError[];
}

export function loadPosts(contentDir: string, options: LoadPostsOptions): LoadPostsResult {
  const dir = path.join(contentDir, POSTS_DIR);
  let names: string[];
  try {
    names = readdirSync(dir, { withFileTypes: true })
      .filter((e) => e.isFile() && e.name.toLowerCase().endsWith(".md"))
      .map((e) => e.name)
      .filter((n) => !n.startsWith(".") && !n.startsWith("_") && n.toLowerCase() !== "readme.md")
      .sort();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return { posts: [], errors: [], warnings: [] };
    return { posts: [], errors: [new ContentError(dir, `读不出这个文件夹：${(err as Error).message}`)], warnings: [] };
  }
  const posts: Post[] = [];
  const errors: ContentError[] = [];
  const warnings: ContentError[] = [];
  let placeholders = options.placeholders;
  if (placeholders === undefined) {
    const loaded = loadPlaceholders(contentDir);
    placeholders = loaded.placeholders;
    errors.push(...loaded.errors);
  }
  for (const name of names) {
    const file = path.join(dir, name);
    let text: string;
    try {
      text = readFileSync(file, "utf8");
    } catch (err) {
      errors.push(new ContentError(file, `读不出这个文件：${(err as Error).message}`));
      continue;
    }
    const result = checkPostText(file, text, { ...options, placeholders });
    if (result.post) posts.push(result.post);
    errors.push(...result.errors);
    warnings.push(...result.warnings);
  }
  errors.push(...duplicateIssues(posts));
  return { posts: posts.filter((p) => !errors.some((e) => e.file === p.file)), errors, warnings };
}

/** Two posts of one column cannot both force the same 期数. */
function duplicateIssues(posts: readonly Post[]): ContentError[] {
  const seen = new Map<string, Post>();
  const errors: ContentError[] = [];
  for (const p of posts) {
    if (p.issue === undefined) continue;
    const key = `${p.columnId}#${p.issue}`;
    const first = seen.get(key);
    if (first) {
      errors.push(new ContentError(p.file, `栏目 ${p.columnId} 的第 ${p.issue} 期已经由 ${path.basename(first.file)} 使用：改一个期数，或删掉 issue 这一行`, { field: "issue" }));
    } else {
      seen.set(key, p);
    }
  }
  return errors;
}

/** Markdown parser for the checks (rendering has its own instance with its rules). */
const parser = new MarkdownIt({ html: true });

/**
 * Checks one post from its text, as `check` does, without reading the post from disk: the 稿件 page
 * calls it on unsaved text, loadPosts on each file. `fileName` is the file's name (then it is taken
 * to be in contentDir/posts/) or its path. Every problem at once: the file name, the front matter
 * (schema), the text (placeholders, 图片消息 rules) and, with contentDir, the pictures and the
 * article as it would be sent.
 */
export function checkPostText(fileName: string, text: string, options: LoadPostsOptions): CheckPostTextResult {
  const file = path.basename(fileName) === fileName && options.contentDir !== undefined ? path.join(options.contentDir, POSTS_DIR, fileName) : fileName;
  const name = path.basename(file);
  const errors: ContentError[] = [];
  const warnings: ContentError[] = [];
  const problem = (message: string, where: { line?: number | undefined; field?: string } = {}) => errors.push(new ContentError(file, message, where));

  const named = FILE_RE.exec(name);
  let fileDate: string | undefined;
  if (!named) {
    problem("文件名要写成“日期-英文短名.md”，短名只用小写字母、数字和连字符，例如 2026-12-01-job-fair.md（发出后文件名就是这篇稿件的身份，不要再改名）");
  } else {
    const [, y, m, d] = named;
    const date = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
    if (date.getUTCMonth() !== Number(m) - 1 || date.getUTCDate() !== Number(d)) problem(`文件名里的日期 ${y}-${m}-${d} 不存在：改成真实的日期`);
    else fileDate = `${y}-${m}-${d}`;
  }

  // Editors on Windows save with a BOM and CRLF; neither carries meaning, and lines stay the editor's lines.
  text = text.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
  if (!/^---[ \t]*\n/.test(text)) {
    problem("没有 front matter：文件第一行要是 ---，然后逐行写字段（title、column、publish_at…），再用一行 --- 结束，下面才是正文");
    return { post: undefined, errors, warnings };
  }
  const parsed = splitFrontMatter(text);
  const body = parsed.content;
  const bodyLine = text.slice(0, text.length - body.length).split("\n").length;

  const lines = new LineCounter();
  const located = parseDocument(parsed.matter, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  // The matter string starts right after the opening "---", so its line n is the file's line n.
  const lineAt = (offset: number | undefined) => (offset === undefined ? undefined : lines.linePos(offset).line);
  const values = new Map<string, { value: unknown; line: number | undefined }>();
  let matterOk = true;
  if (located.errors.length > 0) {
    for (const e of located.errors) problem(`front matter 的 YAML 格式错误：${e.message.split("\n")[0]}（检查冒号后的空格、引号和缩进）`, { line: lineAt(e.pos[0]) });
    matterOk = false;
  } else if (located.contents !== null && !isMap(located.contents)) {
    problem("front matter 要一行一个字段，写成 `字段: 值`，例如 title: 招聘会", { line: 2 });
    matterOk = false;
  } else {
    for (const pair of isMap(located.contents) ? located.contents.items : []) {
      const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
      const line = lineAt(isScalar(pair.key) ? pair.key.range?.[0] : undefined);
      const value = isScalar(pair.value) ? pair.value.value : pair.value === null ? null : (pair.value as { toJSON(): unknown }).toJSON();
      values.set(key, { value, line });
    }
  }

  const fields = matterOk ? readFields(values, { file, name, fileDate, body, bodyLine, text, options, problem }) : undefined;
  const post = fields?.complete ? fields.post : undefined;

  // The text: placeholders in the front matter's values and in the body, and a body at all.
  if (body.trim() === "") problem("正文是空的：在第二个 --- 下面写正文", { line: bodyLine, field: "body" });
  const placeholders = options.placeholders ?? (options.contentDir !== undefined ? loadPlaceholders(options.contentDir).placeholders : DEFAULT_PLACEHOLDERS);
  for (const [key, { value, line }] of values) {
    if (typeof value !== "string" || line === undefined || key === "cover" || key === "source_url") continue;
    for (const hit of findPlaceholders(value.replace(/\n/g, " "), line, placeholders)) problem(placeholderProblem(hit), { line: hit.line, field: key });
  }
  const tokens = parser.parse(body, {});
  // A code block is shown to readers exactly as written, often a form to copy and fill in
  // ("姓名：\n联系电话："): its blanks are meant, so it is not searched.
  const inCode = new Set<number>();
  for (const t of tokens) {
    if ((t.type === "fence" || t.type === "code_block") && t.map) for (let l = t.map[0]; l < t.map[1]; l++) inCode.add(bodyLine + l);
  }
  for (const hit of findPlaceholders(body, bodyLine, placeholders, (l) => inCode.has(l))) problem(placeholderProblem(hit), { line: hit.line, field: "body" });

  const type = values.get("type")?.value;
  if (typeof type === "string" && type.trim() === "newspic") {
    for (const p of checkNewspic(tokens, bodyLine)) problem(p.message, { line: p.line, field: "body" });
    if (values.has("cover")) {
      warnings.push(new ContentError(file, "图片消息以正文第一张图片作封面，cover 不起作用：可以删掉这一行", { line: values.get("cover")!.line, field: "cover" }));
    }
  }

  // Pictures and the article as sent: only with the content folder at hand.
  const contentDir = options.contentDir;
  if (contentDir !== undefined && fields) {
    const draft = fields.post;
    const column = options.columns?.get(draft.columnId);
    const sent = options.isSent?.(draft.slug) ?? false;
    if (post && column && errors.length === 0 && !sent) {
      errors.push(...checkPost(post, column, contentDir, options.issueOf?.(post.slug) ?? 1).problems);
    } else if (!sent) {
      // Pictures in the same pass as the fields; without a known column the cover can wait.
      errors.push(...findImages(draft, column, contentDir, tokens).problems.filter((p) => column || p.field !== "cover" || draft.cover.kind === "file"));
    }
  }

  if (post && options.now !== undefined) {
    warnings.push(...timeWarnings(post, { now: options.now, timezone: options.timezone, sent: options.isSent?.(post.slug) ?? false }));
  }
  return { post: errors.length === 0 ? post : undefined, errors, warnings };
}

interface FieldContext {
  file: string;
  name: string;
  fileDate: string | undefined;
  body: string;
  bodyLine: number;
  text: string;
  options: LoadPostsOptions;
  problem: (message: string, where?: { line?: number | undefined; field?: string }) => void;
}

/**
 * The front matter through the schema. Returns a Post built from whatever is valid (so that the
 * text and pictures can still be checked in the same pass); the caller drops it if anything failed.
 */
function readFields(values: ReadonlyMap<string, { value: unknown; line: number | undefined }>, c: FieldContext): { post: Post; complete: boolean } | undefined {
  const { options, problem } = c;
  const lineOf = (field: string) => values.get(field)?.line;
  const raw = Object.fromEntries([...values].map(([k, v]) => [k, v.value]));
  const result = postFrontMatterSchema({ columns: options.columns, timezone: options.timezone, fileDate: c.fileDate }).safeParse(raw);
  const failed = new Set<string>();
  if (!result.success) {
    const found: { message: string; line: number | undefined; field: string }[] = [];
    for (const issue of result.error.issues) {
      if (issue.code === "unrecognized_keys") {
        for (const key of issue.keys) found.push({ message: unknownFieldProblem(key, new Set(values.keys())), line: lineOf(key), field: key });
        continue;
      }
      const field = String(issue.path[0] ?? "");
      failed.add(field);
      found.push({ message: issue.message, line: lineOf(field), field });
    }
    // In the order of the file, top to bottom; a missing field (no line) after the ones written.
    found.sort((a, b) => (a.line ?? Infinity) - (b.line ?? Infinity));
    for (const f of found) problem(f.message, { line: f.line, field: f.field });
  }
  // The fields that passed, read one by one: a problem in one field never hides another's.
  const fieldOk = (f: string) => !failed.has(f);
  const partial = postFrontMatterSchema({ columns: options.columns, timezone: options.timezone, fileDate: c.fileDate })
    .partial()
    .strip()
    .safeParse(Object.fromEntries(Object.entries(raw).filter(([k]) => FIELD_NAMES.includes(k as never) && fieldOk(k))));
  if (!partial.success) return undefined;
  const v = partial.data;

  const columnId = v.column;
  const modeProblem = v.mode === undefined && fieldOk("mode") && fieldOk("column") ? missingModeProblem(columnId, options.columns) : undefined;
  if (modeProblem) problem(modeProblem, { field: "mode" });
  const mode = v.mode ?? (columnId !== undefined ? options.columns?.get(columnId)?.mode : undefined);

  const complete = c.fileDate !== undefined && v.title !== undefined && columnId !== undefined && v.publish_at !== undefined && mode !== undefined;
  const coverText = v.cover;
  // Incomplete, the post still serves to check its pictures in this pass; it is never returned.
  const post: Post = {
    slug: c.name.slice(0, -3),
    file: c.file,
    dir: path.dirname(c.file),
    title: v.title ?? "",
    columnId: columnId ?? "",
    publishAt: v.publish_at?.at ?? new Date(0),
    publishAtText: v.publish_at?.text ?? "",
    author: v.author,
    digest: v.digest,
    cover: coverText !== undefined && coverText.toLowerCase() !== "none" ? { kind: "file", ref: coverText, line: lineOf("cover") } : { kind: "auto" },
    mode: mode ?? "publish",
    type: v.type ?? "article",
    draft: v.draft ?? false,
    demo: v.demo ?? false,
    issue: v.issue,
    sourceUrl: v.source_url,
    // Not given: the column's `comments:` in columns.yml, else off.
    comments: v.comments ?? (columnId === undefined ? undefined : options.columns?.get(columnId)?.comments) ?? "off",
    body: c.body,
    bodyLine: c.bodyLine,
    sourceHash: createHash("sha256").update(c.text).digest("hex"),
  };
  return { post, complete };
}

/** For messages elsewhere: "publish_at（发布时间）". */
export { fieldTitle };
