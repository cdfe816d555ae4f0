"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.runPublisher = runPublisher;
const load_posts_1 = require("../posts/load-posts");
const time_1 = require("../time");
const pick_due_1 = require("./pick-due");
const publish_post_1 = require("./publish-post");
/**
 * One run of the publisher (the scheduler's job every minute, `npm run cli -- publish`): keep the
 * ledger in step with content/posts, then publish what is due, carry on what is under way, ask
 * WeChat about submitted jobs, and report missed posts. Never throws for one post's trouble.
 */
async function runPublisher(p, options = {}) {
    const { posts, errors } = (0, load_posts_1.loadPosts)(p.contentDir, { timezone: p.timezone, columns: p.columns() });
    const entries = [];
    const now = p.clock.now();
    for (const action of (0, pick_due_1.planSync)(posts, p.store.list(p.accountId))) {
        if (action.kind === "track") {
            const created = p.store.insert({ accountId: p.accountId, slug: action.post.slug, columnId: action.post.columnId, mode: action.post.mode, postTitle: action.post.title, scheduledAt: action.post.publishAt }, { step: "scheduled", detail: action.post.publishAtText }, now);
            if (created)
                p.log.info({ post: created.slug, at: created.scheduledAt }, "post scheduled");
        }
        else if (action.kind === "update") {
            const { post, row } = action;
            p.store.save({ ...row, state: "scheduled", columnId: post.columnId, mode: post.mode, postTitle: post.title, scheduledAt: post.publishAt, attempts: 0, nextAttemptAt: null, failureCode: null, failureReason: null }, { step: "rescheduled", detail: `${row.state} → scheduled for ${post.publishAtText}` }, now);
            p.log.info({ post: row.slug, from: row.state, at: post.publishAt }, "post rescheduled");
        }
        else {
            p.store.save({ ...action.row, state: "cancelled", failureReason: action.reason, nextAttemptAt: null }, { step: "cancelled", detail: action.reason }, now);
            p.log.info({ post: action.row.slug, reason: action.reason }, "scheduled post cancelled");
        }
    }
    if (options.only !== undefined) {
        entries.push(await publishNow(p, options.only, posts, errors));
        return { problems: errors, entries };
    }
    for (const action of (0, pick_due_1.planRun)({ posts, rows: p.store.list(p.accountId), now, catchUpMs: p.catchUpMs })) {
        const { row } = action;
        if (action.kind === "miss") {
            const reason = `was due ${(0, time_1.dayjs)(row.scheduledAt).tz(p.timezone).format("YYYY-MM-DD HH:mm")}, ${hoursLate(action.lateMs)} late: more than the ${p.catchUpMs / 3600_000} h catch-up window; send it with: npm run cli -- publish --post ${row.slug}`;
            p.store.save({ ...row, state: "missed", failureCode: "missed", failureReason: reason }, { step: "missed", detail: reason }, now);
            p.log.warn({ post: row.slug, lateMs: action.lateMs }, `post missed: ${reason}`);
            entries.push({ slug: row.slug, outcome: "missed", detail: reason });
        }
        else if (action.kind === "hold") {
            // The post ahead may have finished earlier in this run.
            const ahead = p.store.find(p.accountId, action.behind);
            if (ahead && !pick_due_1.IN_FLIGHT.has(ahead.state)) {
                entries.push(toEntry(await (0, publish_post_1.advancePublication)(p, row.slug, action.post)));
            }
            else {
                entries.push({ slug: row.slug, outcome: "held", detail: `due, waiting for ${action.behind} of the same column (issue numbers stay in order)` });
            }
        }
        else {
            entries.push(toEntry(await (0, publish_post_1.advancePublication)(p, row.slug, action.post)));
        }
    }
    return { problems: errors, entries };
}
function hoursLate(ms) {
    const h = ms / 3600_000;
    return h >= 48 ? `${Math.floor(h / 24)} days` : `${h.toFixed(1)} h`;
}
function toEntry(r) {
    return { slug: r.slug, outcome: r.state, detail: r.detail };
}
/** `publish --post SLUG`: a person decided; missed, failed and future posts go now. */
async function publishNow(p, slug, posts, errors) {
    const post = posts.find((x) => x.slug === slug);
    const problems = errors.filter((e) => e.file.endsWith(`/${slug}.md`) || e.file.endsWith(`\\${slug}.md`));
    if (problems.length > 0)
        return { slug, outcome: "invalid", detail: problems.map((e) => e.message).join("\n") };
    let row = p.store.find(p.accountId, slug);
    if (!post && !row)
        return { slug, outcome: "unknown", detail: `no post content/posts/${slug}.md` };
    if (post?.draft)
        return { slug, outcome: "draft", detail: "the post is marked draft: true; set draft: false first" };
    if (!row)
        return { slug, outcome: "unknown", detail: "not in the ledger" };
    if (row.state === "published")
        return { slug, outcome: "published", detail: `already ${(0, publish_post_1.describePublication)(p, row)}` };
    const now = p.clock.now();
    // Recorded either way: a person decided to send this post now.
    const restart = row.state === "failed" || row.state === "missed" || row.state === "cancelled" || (row.state === "scheduled" && row.attempts > 0);
    const decided = restart ? { ...row, state: "scheduled", attempts: 0, nextAttemptAt: null, failureCode: null, failureReason: null } : row;
    row = p.store.save(decided, { step: "publish_now", detail: `requested by a person; was ${row.state}` }, now) ?? row;
    const holder = p.store
        .list(p.accountId)
        .find((r) => r.slug !== slug && r.columnId === row.columnId && ["rendering", "drafted", "submitted", "waiting_quota"].includes(r.state));
    if (holder && row.state === "scheduled") {
        return { slug, outcome: "held", detail: `${holder.slug} of the same column is still under way (${holder.state}); try again when it is done` };
    }
    if (row.nextAttemptAt !== null && row.state !== "waiting_quota") {
        row = p.store.save({ ...row, nextAttemptAt: null }, { step: "publish_now" }, now) ?? row;
    }
    return toEntry(await (0, publish_post_1.advancePublication)(p, slug, post));
}
//# sourceMappingURL=run-publisher.js.map