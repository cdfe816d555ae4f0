import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { AppError } from "../errors";
import { formatLocal } from "../time";
import { parsePublishAt } from "./parse-publish-at";
import { writeFileAtomic } from "./write-file-atomic";

export interface RescheduleInput {
  /** The post's file (content/posts/YYYY-MM-DD-slug.md). */
  file: string;
  /** sha256 of the file as the page that offered the change showed it (Post.sourceHash). */
  expectedHash: string;
  /** The new time as the form sent it: "2026-12-08T20:00" or "2026-12-08 20:00", in `timezone`. */
  newTime: string;
  timezone: string;
  now: Date;
}

const refuse = (message: string, status = 422) => new AppError("reschedule_refused", message, { expose: true, status });

/** `publish_at: <value>   # a comment`: the value is replaced, the key, spacing and comment kept. */
const PUBLISH_AT_LINE = /^(publish_at[ \t]*:[ \t]*)(.*?)([ \t]+#.*)?$/;

/**
 * 改时间 on the 发布 page: rewrites the publish_at line of the post's front matter and nothing
 * else (the folder is the source of truth: the scheduler picks up the new time as from an
 * editor's own edit). Refuses when the file changed since the page was shown, when the line is
 * not there, or when the new time has passed. The caller checks that the post has not gone out.
 * @returns the line as written, e.g. "publish_at: 2026-12-08 20:00"
 */
export function reschedulePost(input: RescheduleInput): { line: string; at: Date; before: string } {
  const text = readFileSync(input.file, "utf8");
  const hash = createHash("sha256").update(text).digest("hex");
  if (hash !== input.expectedHash) {
    throw refuse(`${input.file} 在页面打开后被修改过：请刷新发布页面，看一下新内容后再改时间。`, 409);
  }
  const parsed = parsePublishAt(input.newTime.replace("T", " "), input.timezone);
  if (!parsed.ok) throw refuse(`新的发布时间“${input.newTime}”不是有效的日期和时间：请按 2026-12-08 20:00 的格式选择日期和时间。`);
  if (parsed.at.getTime() <= input.now.getTime()) {
    throw refuse(`新的发布时间 ${formatLocal(parsed.at, input.timezone)} 已经过去：请选一个将来的时间，或用“立即发布”。`);
  }
  const newline = text.includes("\r\n") ? "\r\n" : "\n";
  const lines = text.split(newline);
  if (lines[0]?.trim() !== "---") throw refuse(`${input.file} 的开头没有 front matter（---）：请在稿件页面修改。`);
  const end = lines.findIndex((l, i) => i > 0 && /^---[ \t]*$/.test(l));
  const at = lines.findIndex((l, i) => i > 0 && (end < 0 || i < end) && PUBLISH_AT_LINE.test(l));
  if (at < 0) throw refuse(`${input.file} 的 front matter 里没有 publish_at 这一行：请在稿件页面填写发布时间。`);
  const value = formatLocal(parsed.at, input.timezone, "YYYY-MM-DD HH:mm");
  const before = lines[at]!;
  const m = PUBLISH_AT_LINE.exec(before)!;
  lines[at] = `${m[1]}${value}${m[3] ?? ""}`;
  writeFileAtomic(input.file, lines.join(newline));
  return { line: lines[at]!, at: parsed.at, before };
}
