/**
 * Reads content/posts/*.md (front matter + Markdown), validates every field and reports every
 * problem at once, each naming the file, the line and the field, with what to write instead.
 * Reads files; no other I/O. Backs the publisher, `npm run cli -- posts` and `-- check`.
 */
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { isMap, isScalar, LineCounter, parseDocument } from "yaml";
import type { Column } from "../bot/bot-content";
import { parseCommentMode } from "../bot/check-columns";
import { ContentError } from "../errors";
import { splitFrontMatter } from "./split-front-matter";
import { parsePublishAt } from "./parse-publish-at";
import { ARTICLE_LIMITS, charCount, POST_MODES, type CommentMode, type CoverSpec, type Post, type PostMode } from "./post";

export const POSTS_DIR = "posts";

/** YYYY-MM-DD-slug.md, the slug in lower-case letters, digits and hyphens (it ends up in the CLI and logs). */
const FILE_RE = /^(\d{4})-(\d{2})-(\d{2})-([a-z0-9]+(?:-[a-z0-9]+)*)\.md$/;

const FIELDS = ["title", "column", "publish_at", "author", "digest", "cover", "mode", "draft", "issue", "source_url", "comments"] as const;
type Field = (typeof FIELDS)[number];

/** Names editors reach for, and the field they mean. */
const ALIASES: Record<string, Field> = {
  publishat: "publish_at",
  publish_time: "publish_at",
  publish_date: "publish_at",
  publishdate: "publish_at",
  date: "publish_at",
  time: "publish_at",
  schedule: "publish_at",
  category: "column",
  columns: "column",
  section: "column",
  summary: "digest",
  description: "digest",
  excerpt: "digest",
  abstract: "digest",
  thumb: "cover",
  image: "cover",
  cover_image: "cover",
  thumbnail: "cover",
  type: "mode",
  send: "mode",
  source: "source_url",
  url: "source_url",
  original_url: "source_url",
  read_more: "source_url",
  comment: "comments",
  need_open_comment: "comments",
  open_comment: "comments",
  number: "issue",
  no: "issue",
  writer: "author",
  by: "author",
};

export interface LoadPostsResult {
  /** Posts without problems (a post with any problem is left out, and its problems reported). */
  posts: Post[];
  errors: ContentError[];
}

export interface LoadPostsOptions {
  /** SCHEDULE_TIMEZONE: publish_at without an offset is read in it. */
  timezone: string;
  /** Columns from columns.yml; null when columns.yml itself is broken (column ids are then not checked). */
  columns: ReadonlyMap<string, Column> | null;
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
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return { posts: [], errors: [] };
    return { posts: [], errors: [new ContentError(dir, `cannot read the folder: ${(err as Error).message}`)] };
  }
  const posts: Post[] = [];
  const errors: ContentError[] = [];
  for (const name of names) {
    const result = loadPost(path.join(dir, name), options);
    if (result.post) posts.push(result.post);
    errors.push(...result.errors);
  }
  errors.push(...duplicateIssues(posts));
  return { posts: posts.filter((p) => !errors.some((e) => e.file === p.file)), errors };
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
      errors.push(new ContentError(p.file, `issue ${p.issue} of column ${p.columnId} is already used by ${path.basename(first.file)}`, { field: "issue" }));
    } else {
      seen.set(key, p);
    }
  }
  return errors;
}

/** Levenshtein distance, for "did you mean". */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return row[b.length]!;
}

export function suggestField(key: string): Field | undefined {
  const k = key.toLowerCase().replace(/-/g, "_");
  if ((FIELDS as readonly string[]).includes(k)) return k as Field;
  if (ALIASES[k] ?? ALIASES[k.replace(/_/g, "")]) return ALIASES[k] ?? ALIASES[k.replace(/_/g, "")];
  let best: Field | undefined;
  let bestDistance = 3;
  for (const [name, field] of [...FIELDS.map((f) => [f, f] as const), ...Object.entries(ALIASES)]) {
    const d = distance(k, name);
    if (d < bestDistance) {
      best = field;
      bestDistance = d;
    }
  }
  return best;
}

function loadPost(file: string, options: LoadPostsOptions): { post?: Post; errors: ContentError[] } {
  const errors: ContentError[] = [];
  const name = path.basename(file);
  const problem = (text: string, where: { line?: number | undefined; field?: string } = {}) => errors.push(new ContentError(file, text, where));

  const named = FILE_RE.exec(name);
  if (!named) {
    problem(
      "file name must be the date, then a short name in lower-case letters, digits and hyphens, e.g. 2026-12-01-job-fair.md " +
        "(the name identifies the post once published: do not rename it afterwards)",
    );
    return { errors };
  }
  const [, y, m, d] = named;
  const fileDate = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
  if (fileDate.getUTCMonth() !== Number(m) - 1 || fileDate.getUTCDate() !== Number(d)) {
    problem(`the date in the file name, ${y}-${m}-${d}, is not a real date`);
  }

  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (err) {
    problem(`cannot read the file: ${(err as Error).message}`);
    return { errors };
  }
  text = text.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
  if (!/^---[ \t]*\n/.test(text)) {
    problem("no front matter: the file must start with a line ---, then the fields (title, column, publish_at…), then another line ---");
    return { errors };
  }
  const parsed = splitFrontMatter(text);
  const lines = new LineCounter();
  const located = parseDocument(parsed.matter, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  // The matter string starts right after the opening "---", so its line n is the file's line n.
  const lineAt = (offset: number | undefined) => (offset === undefined ? undefined : lines.linePos(offset).line);
  if (located.errors.length > 0) {
    for (const e of located.errors) problem(`front matter YAML syntax error: ${e.message.split("\n")[0]}`, { line: lineAt(e.pos[0]) });
    return { errors };
  }
  const contents = located.contents;
  if (contents !== null && !isMap(contents)) {
    problem("front matter must be fields written as `name: value`, one per line", { line: 2 });
    return { errors };
  }

  const values = new Map<string, { value: unknown; line: number | undefined }>();
  for (const pair of contents?.items ?? []) {
    const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
    const line = lineAt(isScalar(pair.key) ? pair.key.range?.[0] : undefined);
    const value = isScalar(pair.value) ? pair.value.value : pair.value === null ? null : (pair.value as { toJSON(): unknown }).toJSON();
    if ((FIELDS as readonly string[]).includes(key)) {
      values.set(key, { value, line });
    } else {
      const guess = suggestField(key);
      problem(
        `unknown field "${key}"${guess && !values.has(guess) ? `; did you mean ${guess}?` : ""} (fields: ${FIELDS.join(", ")})`,
        { line, field: key },
      );
    }
  }
  const get = (f: Field) => values.get(f);
  const lineOf = (f: Field) => values.get(f)?.line;
  const at = (f: Field) => ({ line: lineOf(f), field: f });
  const text_ = (f: Field): string | undefined => {
    const v = get(f)?.value;
    if (v === undefined || v === null) return undefined;
    if (typeof v === "string") return v.trim() === "" ? undefined : v.trim();
    if (typeof v === "number" || typeof v === "boolean") return String(v);
    problem("must be text on one line", at(f));
    return undefined;
  };

  const title = text_("title");
  if (title === undefined && !errors.some((e) => e.field === "title")) problem("is required, e.g. title: 轮台县2026年秋季青年就业招聘会", { field: "title" });
  if (title !== undefined && charCount(title) > ARTICLE_LIMITS.titleChars) {
    problem(`${charCount(title)} characters; WeChat allows ${ARTICLE_LIMITS.titleChars} for the whole title, including the column's 【…】第N期 part`, at("title"));
  }

  const columnId = text_("column");
  const columnIds = options.columns ? [...options.columns.keys()] : [];
  if (columnId === undefined) {
    problem(`is required: the id of a column in columns.yml${columnIds.length ? ` (${columnIds.join(", ")})` : ""}`, { field: "column" });
  } else if (options.columns && !options.columns.has(columnId)) {
    const byName = [...options.columns.values()].find((c) => c.name === columnId);
    problem(
      byName
        ? `write the column's id, not its name: column: ${byName.id}`
        : `"${columnId}" is not a column in columns.yml; use one of ${columnIds.join(", ")}`,
      at("column"),
    );
  }

  const publishAtText = text_("publish_at");
  let publishAt: Date | undefined;
  if (publishAtText === undefined) {
    problem(`is required: when to publish, e.g. publish_at: ${y}-${m}-${d} 09:00 (Beijing time unless an offset such as +06:00 is given)`, {
      field: "publish_at",
    });
  } else {
    const r = parsePublishAt(publishAtText, options.timezone);
    if (r.ok) publishAt = r.at;
    else problem(r.problem, at("publish_at"));
  }

  const author = text_("author");
  if (author !== undefined && charCount(author) > ARTICLE_LIMITS.authorChars) {
    problem(`${charCount(author)} characters; WeChat allows ${ARTICLE_LIMITS.authorChars}`, at("author"));
  }
  const digest = text_("digest");
  if (digest !== undefined && charCount(digest) > ARTICLE_LIMITS.digestChars) {
    problem(`${charCount(digest)} characters; WeChat allows ${ARTICLE_LIMITS.digestChars}`, at("digest"));
  }

  let cover: CoverSpec = { kind: "auto" };
  const coverText = text_("cover");
  if (coverText !== undefined && coverText.toLowerCase() !== "none") {
    if (/^[a-z][a-z0-9+.-]*:/i.test(coverText)) {
      problem(`"${coverText}" is a web address; the cover must be a file under content/posts/, e.g. cover: images/job-fair.jpg`, at("cover"));
    } else {
      cover = { kind: "file", ref: coverText, line: lineOf("cover") };
    }
  }

  const modeText = text_("mode") ?? "mass";
  const mode = (POST_MODES as readonly string[]).includes(modeText) ? (modeText as PostMode) : undefined;
  if (!mode) problem(`"${modeText}" must be mass (群发: pushed to every follower) or publish (发布: not pushed, no quota)`, at("mode"));

  let draft = false;
  const draftValue = get("draft")?.value;
  if (draftValue !== undefined && draftValue !== null) {
    if (draftValue === true || draftValue === "true") draft = true;
    else if (draftValue !== false && draftValue !== "false") problem("must be true (not ready: never published) or false", at("draft"));
  }

  let issue: number | undefined;
  const issueValue = get("issue")?.value;
  if (issueValue !== undefined && issueValue !== null) {
    const n = typeof issueValue === "number" ? issueValue : Number(String(issueValue).trim());
    if (Number.isInteger(n) && n >= 1 && n <= 99_999) issue = n;
    else problem(`"${String(issueValue)}" must be a whole number from 1, the 期数 this post gets (leave it out to count on from the last one)`, at("issue"));
  }

  const sourceUrl = text_("source_url");
  if (sourceUrl !== undefined) {
    if (!/^https?:\/\/\S+$/i.test(sourceUrl)) problem(`"${sourceUrl}" must be a web address starting with http:// or https://`, at("source_url"));
    else if (Buffer.byteLength(sourceUrl, "utf8") > ARTICLE_LIMITS.sourceUrlBytes) {
      problem(`${Buffer.byteLength(sourceUrl, "utf8")} bytes; WeChat allows ${ARTICLE_LIMITS.sourceUrlBytes}`, at("source_url"));
    }
  }

  // Not given: the column's `comments:` in columns.yml, else off.
  const commentsValue = get("comments")?.value;
  let comments: CommentMode = (columnId !== undefined ? options.columns?.get(columnId)?.comments : undefined) ?? "off";
  if (commentsValue !== undefined && commentsValue !== null) {
    const c = parseCommentMode(commentsValue);
    if (c !== undefined) comments = c;
    else problem(`"${String(commentsValue).trim()}" must be off, open (anyone may comment) or fans (followers only)`, at("comments"));
  }

  const body = parsed.content;
  const bodyOffset = text.length - body.length;
  const bodyLine = text.slice(0, bodyOffset).split("\n").length;
  if (body.trim() === "") problem("the post has no text below the front matter", { line: bodyLine, field: "body" });

  if (errors.length > 0 || title === undefined || columnId === undefined || publishAt === undefined || publishAtText === undefined || !mode) {
    return { errors };
  }
  return {
    errors,
    post: {
      slug: name.slice(0, -3),
      file,
      dir: path.dirname(file),
      title,
      columnId,
      publishAt,
      publishAtText,
      author,
      digest,
      cover,
      mode,
      type: "article",
      draft,
      issue,
      sourceUrl,
      comments,
      body,
      bodyLine,
      sourceHash: createHash("sha256").update(text).digest("hex"),
    },
  };
}

