/**
 * What `check` and the 稿件 page say about a post's time (issue 15: a post whose time has passed
 * is "missed" without warning; demo content must never start as missed).
 */
import { ContentError } from "../errors";
import { dayjs } from "../time";
import { zoneName } from "./describe-plan";
import type { Post } from "./post";

export interface TimeFacts {
  now: Date;
  /** SCHEDULE_TIMEZONE, for the time in the message. */
  timezone: string;
  /** The ledger says the post already went out. */
  sent: boolean;
}

/**
 * A post not yet sent whose publish_at has passed: the publisher will report it missed (or send it
 * late, within PUBLISH_CATCH_UP_HOURS), so say how to fix it. A demo post in the past is an example
 * and is never sent (pick-due.ts), so it gets no warning; a demo post still ahead will really go
 * out, which an account going live must know.
 */
export function timeWarnings(post: Post, facts: TimeFacts): ContentError[] {
  if (facts.sent || post.draft) return [];
  const at = `${zoneName(facts.timezone)} ${dayjs(post.publishAt).tz(facts.timezone).format("YYYY-MM-DD HH:mm")}`;
  const where = { field: "publish_at" };
  if (post.demo) {
    if (post.publishAt.getTime() <= facts.now.getTime()) return [];
    return [new ContentError(post.file, `这是示例稿件（demo: true），会在 ${at} 真的发出：正式使用前删掉示例稿件，或改成真实内容并删掉 demo 这一行`, where)];
  }
  if (post.publishAt.getTime() > facts.now.getTime()) return [];
  return [
    new ContentError(
      post.file,
      `发布时间已过（${at}），还没有发送：改成将来的时间，或运行 npm run cli -- publish --post ${post.slug} --now 立即发送`,
      where,
    ),
  ];
}
