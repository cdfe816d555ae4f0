import { createInterface } from "node:readline/promises";
import type { Publication } from "../db/stores/publication-store";
import { describePlan } from "../posts/describe-plan";
import type { Post } from "../posts/post";
import { massQuota } from "../publisher/mass-quota";
import type { Publisher } from "../publisher/publisher";
import { EDITED_NOTE, editedSincePublished } from "../publisher/edited-since-published";
import { describeRow } from "./publication-words";

/** How `publish --post` asks a person before sending a post ahead of its time. */
export interface ConfirmIo {
  /** A person at a terminal can answer (stdin and stdout are TTYs). */
  interactive: boolean;
  ask(question: string): Promise<string>;
}

/** The terminal: asked on stdout, answered on stdin. */
export function terminalConfirm(): ConfirmIo {
  return {
    interactive: process.stdin.isTTY === true && process.stdout.isTTY === true,
    async ask(question) {
      const rl = createInterface({ input: process.stdin, output: process.stdout });
      try {
        return await rl.question(question);
      } finally {
        rl.close();
      }
    },
  };
}

export type Gate = { go: true } | { go: false; code: number };

const YES = /^\s*(y|yes|是|确定|好)\s*$/i;

/**
 * Before `publish --post SLUG` sends anything (issue 15: it sent a post days early without asking):
 * - a published post is never sent again (the ledger guarantees it; this says so in Chinese);
 * - a post not yet due: what it will do now, then y/N on a terminal; `--now` skips the question
 *   in scripts; with no terminal and no --now it refuses and names the exact command.
 * Missed, failed and due posts go without a question: sending them is why a person runs it.
 */
export async function confirmPublish(
  p: Publisher,
  slug: string,
  post: Post | undefined,
  row: Publication | undefined,
  options: { now: boolean; io: ConfirmIo; out: (text: string) => void },
): Promise<Gate> {
  const { out } = options;
  if (row?.state === "published") {
    const edited = editedSincePublished(row, post) ? `\n  ${EDITED_NOTE}` : "";
    out(`${slug}：${describeRow(row, p.timezone)}。\n  已发布的稿件不会再次发送（发布台账保证每篇只发一次）。${edited}\n`);
    return { go: false, code: 0 };
  }
  const now = p.clock.now();
  if (!post || post.draft || post.publishAt.getTime() <= now.getTime() || options.now) return { go: true };
  const quota = post.mode === "mass" ? massQuota({ store: p.store, accountId: p.accountId, accountType: p.accountType, timezone: p.timezone, at: now }).facts : undefined;
  out(
    `${slug}「${post.title}」还没到时间：原定 ${describePlan({ mode: post.mode, at: post.publishAt, timezone: p.timezone, verified: p.verified })}。\n` +
      `  现在发送将会：${describePlan({ mode: post.mode, at: now, now, timezone: p.timezone, quota, verified: p.verified })}\n`,
  );
  const command = `npm run cli -- publish --post ${slug} --now`;
  if (!options.io.interactive) {
    out(`没有终端可以确认，什么也没有发送。要现在发送，请运行：\n  ${command}\n`);
    return { go: false, code: 1 };
  }
  const answer = await options.io.ask("确定现在发送吗？(y/N) ");
  if (YES.test(answer)) return { go: true };
  out(`已取消，什么也没有发送（它仍按原定时间发送）。以后不想被问，可以运行：${command}\n`);
  return { go: false, code: 1 };
}
