import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { Document, isMap, parseDocument } from "yaml";
import { splitFrontMatter } from "./split-front-matter";
import { writeFileAtomic } from "./write-file-atomic";

/** The file name rule of content/posts (load-posts.ts): YYYY-MM-DD-slug.md, slug in a-z, 0-9 and hyphens. */
export const POST_NAME_RE = /^(\d{4}-\d{2}-\d{2})-([a-z0-9]+(?:-[a-z0-9]+)*)$/;
export const SLUG_RE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** sha256 of a post file's text: what the editor form carries to notice someone else's save. */
export const hashText = (text: string): string => createHash("sha256").update(text, "utf8").digest("hex");

/** A field of the form as the file writes it; undefined or "" leaves the field out of the file. */
export type FrontMatterValue = string | boolean | undefined;

/** The path of content/posts/<name>.md, or undefined when the name is not a post name. */
export function postPath(contentDir: string, name: string): string | undefined {
  return POST_NAME_RE.test(name) ? path.join(contentDir, "posts", `${name}.md`) : undefined;
}

/**
 * An ASCII slug suggested for a new post (the file name lasts: it is the post's identity once
 * published). ASCII words of the title when there are any ("2026 Job Fair" → 2026-job-fair), else
 * the column and the day (careers-1201): Chinese titles have no spelling the name could take.
 */
export function suggestSlug(title: string, columnId: string, date: string): string {
  const words = title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40)
    .replace(/-+$/, "");
  if (/[a-z]{2,}/.test(words)) return words;
  const day = date.replace(/^\d{4}-(\d{2})-(\d{2})$/, "$1$2");
  return `${SLUG_RE.test(columnId) ? columnId : "post"}-${/^\d{4}$/.test(day) ? day : "new"}`;
}

/**
 * The file text with the form's fields written into the front matter and the body below it. The
 * front matter of `original` is edited in place (yaml's Document keeps comments, the order and
 * fields the form does not show, e.g. issue or source_url), so a file written by hand and then
 * saved from the page changes only where the editor changed something.
 */
export function composePostText(original: string | undefined, fields: ReadonlyMap<string, FrontMatterValue>, body: string): string {
  const matter = original !== undefined && /^---[ \t]*\n/.test(original) ? splitFrontMatter(original).matter.replace(/^[ \t]*\n/, "") : "";
  let doc: Document = parseDocument(matter);
  // Front matter the form cannot edit in place (broken YAML, a list) is replaced by the form's fields.
  if (doc.errors.length > 0 || !isMap(doc.contents)) doc = new Document({});
  for (const [key, value] of fields) {
    if (value === undefined || value === "") doc.delete(key);
    else doc.set(key, value);
  }
  const yaml = doc.toString({ lineWidth: 0 }).replace(/^\{\}\n?$/, "");
  const cleanBody = body.replace(/\r\n?/g, "\n").replace(/^\n+/, "");
  return `---\n${yaml}${yaml.endsWith("\n") || yaml === "" ? "" : "\n"}---\n\n${cleanBody.endsWith("\n") || cleanBody === "" ? cleanBody : `${cleanBody}\n`}`;
}

export type SaveResult =
  | { ok: true; file: string; hash: string; created: boolean }
  /** The file changed (or appeared) since the form was opened: nothing written; `theirs` is what is there now. */
  | { ok: false; conflict: true; theirs: string; theirsHash: string };

/**
 * Writes content/posts/<name>.md if it still holds what the editor opened (`baseHash`, "" for a
 * new post that must not exist yet), atomically (a temporary file, then rename). Otherwise writes
 * nothing and returns the file as it is now, so the page can show both versions.
 */
export function savePostFile(file: string, text: string, baseHash: string): SaveResult {
  const exists = existsSync(file);
  if (exists) {
    const theirs = readFileSync(file, "utf8");
    const theirsHash = hashText(theirs);
    if (theirsHash !== baseHash) return { ok: false, conflict: true, theirs, theirsHash };
  } else if (baseHash !== "") {
    // Opened as an existing post, deleted (or renamed) since: writing it back would resurrect it silently.
    return { ok: false, conflict: true, theirs: "", theirsHash: "" };
  }
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileAtomic(file, text);
  return { ok: true, file, hash: hashText(text), created: !exists };
}
