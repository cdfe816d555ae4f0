import { mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import type { Deps } from "../deps";
import { EDITED_NOTE, editedSincePublished } from "../publisher/edited-since-published";
import type { Publication } from "../db/stores/publication-store";
import { checkPost } from "../posts/check-post";
import { loadPosts } from "../posts/load-posts";
import type { Post } from "../posts/post";
import { planRun, planSync } from "../publisher/pick-due";
import { publisherFor, type Publisher } from "../publisher/publisher";
import { runPublisher, type RunReportEntry } from "../publisher/run-publisher";
import { upcomingIssues } from "../publisher/upcoming-issues";
import { dayjs } from "../time";
import { withWeChat } from "./cli-wechat";

export const PUBLISH_USAGE = `  publish [--post SLUG] [--dry-run] [--no-wait]
                                publish what is due now (what the scheduler does every minute);
                                --post: this post now, even if missed, failed or not yet due;
                                --dry-run: show what would be sent (and write its HTML), call nothing
`;

/** How long `publish --post` follows a submitted job before leaving it to the scheduler. */
const WAIT_MS = 60_000;
const POLL_MS = 2000;

export async function publishCommand(deps: Deps, args: string[], out: (text: string) => void): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { post: { type: "string" }, "dry-run": { type: "boolean" }, "no-wait": { type: "boolean" } },
  });
  if (values["dry-run"]) return dryRun(deps, values.post, out);
  return withWeChat(deps, async (wechat) => {
    const p = publisherFor(deps, { wechat });
    let report = await runPublisher(p, values.post === undefined ? {} : { only: values.post });
    if (values.post !== undefined && !values["no-wait"]) {
      const until = Date.now() + WAIT_MS;
      while (report.entries[0]?.outcome === "submitted" && Date.now() < until) {
        out(`${values.post}: ${report.entries[0].detail} …\n`);
        await new Promise((r) => setTimeout(r, POLL_MS));
        report = await runPublisher(p, { only: values.post });
      }
    }
    for (const e of report.problems) out(`problem: ${e.message}\n`);
    if (report.entries.length === 0) out("nothing due now (npm run cli -- posts lists what is scheduled)\n");
    for (const e of report.entries) out(line(e));
    return report.entries.some((e) => e.outcome === "failed" || e.outcome === "invalid" || e.outcome === "unknown") ? 1 : 0;
  });
}

const line = (e: RunReportEntry) => `${e.slug}: ${e.outcome} — ${e.detail}\n`;

/** A ledger row as it would be created for a post not seen yet (dry runs change nothing). */
function virtualRow(p: Publisher, post: Post): Publication {
  const now = p.clock.now();
  return {
    accountId: p.accountId, slug: post.slug, columnId: post.columnId, mode: post.mode, postTitle: post.title,
    scheduledAt: post.publishAt, state: "scheduled", issue: null, articleTitle: null, digest: null, contentHash: null,
    coverMediaId: null, coverUrl: null, draftRequestedAt: null, draftMediaId: null, draftedAt: null, submitRequestedAt: null,
    clientMsgId: null, publishId: null, msgId: null, msgDataId: null, submittedAt: null, articleId: null, articleUrl: null,
    publishedAt: null, sentCount: null, errorCount: null, failureCode: null, failureReason: null, attempts: 0,
    nextAttemptAt: null, leaseOwner: null, leaseUntil: new Date(0), revision: 0, createdAt: now, updatedAt: now,
  };
}

/** Plans as the scheduler would, renders what would be sent, checks it, calls nothing, records nothing. */
function dryRun(deps: Deps, only: string | undefined, out: (text: string) => void): number {
  const p = publisherFor(deps);
  const { posts, errors } = loadPosts(p.contentDir, { timezone: p.timezone, columns: p.columns() });
  for (const e of errors) out(`problem: ${e.message}\n`);
  const stored = p.store.list(p.accountId);
  const rows = new Map(stored.map((r) => [r.slug, r]));
  for (const a of planSync(posts, stored)) {
    if (a.kind === "track") rows.set(a.post.slug, virtualRow(p, a.post));
    else if (a.kind === "update") rows.set(a.row.slug, { ...a.row, state: "scheduled", scheduledAt: a.post.publishAt, attempts: 0, nextAttemptAt: null });
    else rows.set(a.row.slug, { ...a.row, state: "cancelled" });
    out(`would ${a.kind} ${a.kind === "cancel" ? a.row.slug : a.post.slug}\n`);
  }
  const issues = upcomingIssues(posts, [...rows.values()], (c) => p.store.lastIssue(p.accountId, c));
  const now = p.clock.now();
  const targets: { post: Post | undefined; row: Publication | undefined; verdict: string }[] = [];
  if (only !== undefined) {
    const row = rows.get(only);
    const post = posts.find((x) => x.slug === only);
    const verdict = row?.state !== "published" ? "would publish now" : editedSincePublished(row, post) ? `already published; ${EDITED_NOTE}` : "already published";
    targets.push({ post, row, verdict });
  } else {
    for (const a of planRun({ posts, rows: [...rows.values()], now, catchUpMs: p.catchUpMs })) {
      const verdict =
        a.kind === "miss" ? `would be reported missed (${Math.round(a.lateMs / 3600_000)} h late)` :
        a.kind === "hold" ? `due, would wait for ${a.behind}` :
        a.kind === "resume" ? `under way (${a.row.state}): would carry on` : "would publish now";
      targets.push({ post: a.post, row: a.row, verdict });
    }
  }
  if (targets.length === 0) out(`nothing due at ${dayjs(now).tz(p.timezone).format("YYYY-MM-DD HH:mm")} (npm run cli -- posts lists what is scheduled)\n`);
  let failed = errors.length > 0;
  for (const { post, row, verdict } of targets) {
    const slug = post?.slug ?? row?.slug ?? only ?? "?";
    if (!post) {
      out(`${slug}: ${verdict}, but there is no valid content/posts/${slug}.md\n`);
      failed = true;
      continue;
    }
    const column = p.columns().get(post.columnId)!;
    const checked = checkPost(post, column, p.contentDir, issues.get(post.slug) ?? 1);
    const a = checked.article;
    out(`${slug}: ${verdict} as ${post.mode === "mass" ? "群发 (mass send)" : "发布 (publish)"}\n`);
    out(`  title:   ${a.title}\n  digest:  ${a.digest}\n`);
    out(`  size:    ${[...a.html].length} characters (WeChat: < 20000), ${checked.images} image(s) to upload, ${a.footnotes.length} link(s) as footnotes\n`);
    for (const problem of checked.problems) out(`  problem: ${problem.message}\n`);
    if (checked.problems.length > 0) failed = true;
    if (only !== undefined) {
      const dir = deps.config.databasePath === ":memory:" ? tmpdir() : path.join(path.dirname(deps.config.databasePath), "preview");
      mkdirSync(dir, { recursive: true });
      const file = path.join(dir, `${slug}.html`);
      const title = a.title.replace(/&/g, "&amp;").replace(/</g, "&lt;");
      writeFileSync(file, `<!doctype html><meta charset="utf-8"><title>${title}</title><body style="max-width:677px;margin:24px auto"><h1 style="font-size:22px">${title}</h1>${a.html}</body>\n`);
      out(`  html:    ${file} (open it in a browser; images are placeholders)\n`);
    }
  }
  return failed ? 1 : 0;
}
