import path from "node:path";
import type { Column } from "../bot/bot-content";
import type { ContentError } from "../errors";
import { checkPostText } from "./load-posts";
import type { Post } from "./post";

/** One problem as the 稿件 page shows it: beside a form field, or beside a line of the text. */
export interface DraftProblem {
  /** Front matter field (title, column…), "body", or undefined for the file as a whole. */
  field: string | undefined;
  /** 1-based line of the file. */
  line: number | undefined;
  /** The sentence without the file name (the page shows which post it is). */
  text: string;
}

export interface DraftCheckInput {
  contentDir: string;
  /** YYYY-MM-DD-slug, without .md. */
  name: string;
  text: string;
  timezone: string;
  columns: ReadonlyMap<string, Column> | null;
  now: Date;
  /** The ledger: whether the post already went out (then it is not rendered again, and no time warning). */
  isSent(slug: string): boolean;
  /** The 期数 this post would get (upcomingIssues), for the title's length check. */
  issueOf(slug: string): number | undefined;
}

export interface DraftCheck {
  /** The post as the publisher would read it; undefined while it has problems. */
  post: Post | undefined;
  errors: DraftProblem[];
  warnings: DraftProblem[];
}

export const draftProblem = (e: ContentError): DraftProblem => ({ field: e.field, line: e.line, text: e.problem });

/**
 * The checks `npm run cli -- check` makes (checkPostText: file name, front matter schema,
 * placeholders, pictures, the article as sent, time warnings), for one post's unsaved text.
 */
export function checkDraft(input: DraftCheckInput): DraftCheck {
  const result = checkPostText(`${input.name}.md`, input.text, {
    timezone: input.timezone,
    columns: input.columns,
    contentDir: input.contentDir,
    now: input.now,
    isSent: input.isSent,
    issueOf: input.issueOf,
  });
  return { post: result.post, errors: result.errors.map(draftProblem), warnings: result.warnings.map(draftProblem) };
}

/**
 * The post for the phone preview: the front matter must be readable, but missing pictures or
 * placeholder text do not hide the preview (the save shows them; the preview shows the rest).
 */
export function previewPost(input: Omit<DraftCheckInput, "isSent" | "issueOf" | "now">): DraftCheck {
  const result = checkPostText(`${input.name}.md`, input.text, { timezone: input.timezone, columns: input.columns, placeholders: [] });
  const dir = path.join(input.contentDir, "posts");
  const post = result.post && { ...result.post, file: path.join(dir, `${input.name}.md`), dir };
  return { post, errors: result.errors.map(draftProblem), warnings: [] };
}
