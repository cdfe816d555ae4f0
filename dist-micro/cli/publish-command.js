"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.PUBLISH_USAGE = void 0;
exports.publishCommand = publishCommand;
const node_fs_1 = require("node:fs");
const node_os_1 = require("node:os");
const node_path_1 = __importDefault(require("node:path"));
const node_util_1 = require("node:util");
const edited_since_published_1 = require("../publisher/edited-since-published");
const check_post_1 = require("../posts/check-post");
const load_posts_1 = require("../posts/load-posts");
const pick_due_1 = require("../publisher/pick-due");
const publisher_1 = require("../publisher/publisher");
const run_publisher_1 = require("../publisher/run-publisher");
const upcoming_issues_1 = require("../publisher/upcoming-issues");
const time_1 = require("../time");
const cli_wechat_1 = require("./cli-wechat");
exports.PUBLISH_USAGE = `  publish [--post SLUG] [--dry-run] [--no-wait]
                                publish what is due now (what the scheduler does every minute);
                                --post: this post now, even if missed, failed or not yet due;
                                --dry-run: show what would be sent (and write its HTML), call nothing
`;
/** How long `publish --post` follows a submitted job before leaving it to the scheduler. */
const WAIT_MS = 60_000;
const POLL_MS = 2000;
async function publishCommand(deps, args, out) {
    const { values } = (0, node_util_1.parseArgs)({
        args,
        options: { post: { type: "string" }, "dry-run": { type: "boolean" }, "no-wait": { type: "boolean" } },
    });
    if (values["dry-run"])
        return dryRun(deps, values.post, out);
    return (0, cli_wechat_1.withWeChat)(deps, async (wechat) => {
        const p = (0, publisher_1.publisherFor)(deps, { wechat });
        let report = await (0, run_publisher_1.runPublisher)(p, values.post === undefined ? {} : { only: values.post });
        if (values.post !== undefined && !values["no-wait"]) {
            const until = Date.now() + WAIT_MS;
            while (report.entries[0]?.outcome === "submitted" && Date.now() < until) {
                out(`${values.post}: ${report.entries[0].detail} …\n`);
                await new Promise((r) => setTimeout(r, POLL_MS));
                report = await (0, run_publisher_1.runPublisher)(p, { only: values.post });
            }
        }
        for (const e of report.problems)
            out(`problem: ${e.message}\n`);
        if (report.entries.length === 0)
            out("nothing due now (npm run cli -- posts lists what is scheduled)\n");
        for (const e of report.entries)
            out(line(e));
        return report.entries.some((e) => e.outcome === "failed" || e.outcome === "invalid" || e.outcome === "unknown") ? 1 : 0;
    });
}
const line = (e) => `${e.slug}: ${e.outcome} — ${e.detail}\n`;
/** A ledger row as it would be created for a post not seen yet (dry runs change nothing). */
function virtualRow(p, post) {
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
function dryRun(deps, only, out) {
    const p = (0, publisher_1.publisherFor)(deps);
    const { posts, errors } = (0, load_posts_1.loadPosts)(p.contentDir, { timezone: p.timezone, columns: p.columns() });
    for (const e of errors)
        out(`problem: ${e.message}\n`);
    const stored = p.store.list(p.accountId);
    const rows = new Map(stored.map((r) => [r.slug, r]));
    for (const a of (0, pick_due_1.planSync)(posts, stored)) {
        if (a.kind === "track")
            rows.set(a.post.slug, virtualRow(p, a.post));
        else if (a.kind === "update")
            rows.set(a.row.slug, { ...a.row, state: "scheduled", scheduledAt: a.post.publishAt, attempts: 0, nextAttemptAt: null });
        else
            rows.set(a.row.slug, { ...a.row, state: "cancelled" });
        out(`would ${a.kind} ${a.kind === "cancel" ? a.row.slug : a.post.slug}\n`);
    }
    const issues = (0, upcoming_issues_1.upcomingIssues)(posts, [...rows.values()], (c) => p.store.lastIssue(p.accountId, c));
    const now = p.clock.now();
    const targets = [];
    if (only !== undefined) {
        const row = rows.get(only);
        const post = posts.find((x) => x.slug === only);
        const verdict = row?.state !== "published" ? "would publish now" : (0, edited_since_published_1.editedSincePublished)(row, post) ? `already published; ${edited_since_published_1.EDITED_NOTE}` : "already published";
        targets.push({ post, row, verdict });
    }
    else {
        for (const a of (0, pick_due_1.planRun)({ posts, rows: [...rows.values()], now, catchUpMs: p.catchUpMs })) {
            const verdict = a.kind === "miss" ? `would be reported missed (${Math.round(a.lateMs / 3600_000)} h late)` :
                a.kind === "hold" ? `due, would wait for ${a.behind}` :
                    a.kind === "resume" ? `under way (${a.row.state}): would carry on` : "would publish now";
            targets.push({ post: a.post, row: a.row, verdict });
        }
    }
    if (targets.length === 0)
        out(`nothing due at ${(0, time_1.dayjs)(now).tz(p.timezone).format("YYYY-MM-DD HH:mm")} (npm run cli -- posts lists what is scheduled)\n`);
    let failed = errors.length > 0;
    for (const { post, row, verdict } of targets) {
        const slug = post?.slug ?? row?.slug ?? only ?? "?";
        if (!post) {
            out(`${slug}: ${verdict}, but there is no valid content/posts/${slug}.md\n`);
            failed = true;
            continue;
        }
        const column = p.columns().get(post.columnId);
        const checked = (0, check_post_1.checkPost)(post, column, p.contentDir, issues.get(post.slug) ?? 1);
        const a = checked.article;
        out(`${slug}: ${verdict} as ${post.mode === "mass" ? "群发 (mass send)" : "发布 (publish)"}\n`);
        out(`  title:   ${a.title}\n  digest:  ${a.digest}\n`);
        out(`  size:    ${[...a.html].length} characters (WeChat: < 20000), ${checked.images} image(s) to upload, ${a.footnotes.length} link(s) as footnotes\n`);
        for (const problem of checked.problems)
            out(`  problem: ${problem.message}\n`);
        if (checked.problems.length > 0)
            failed = true;
        if (only !== undefined) {
            const dir = deps.config.databasePath === ":memory:" ? (0, node_os_1.tmpdir)() : node_path_1.default.join(node_path_1.default.dirname(deps.config.databasePath), "preview");
            (0, node_fs_1.mkdirSync)(dir, { recursive: true });
            const file = node_path_1.default.join(dir, `${slug}.html`);
            const title = a.title.replace(/&/g, "&amp;").replace(/</g, "&lt;");
            (0, node_fs_1.writeFileSync)(file, `<!doctype html><meta charset="utf-8"><title>${title}</title><body style="max-width:677px;margin:24px auto"><h1 style="font-size:22px">${title}</h1>${a.html}</body>\n`);
            out(`  html:    ${file} (open it in a browser; images are placeholders)\n`);
        }
    }
    return failed ? 1 : 0;
}
//# sourceMappingURL=publish-command.js.map