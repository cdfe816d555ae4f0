"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.IN_FLIGHT = void 0;
exports.planSync = planSync;
exports.planRun = planRun;
/** A row under way: it holds its column's next issue number. */
exports.IN_FLIGHT = new Set(["rendering", "drafted", "submitted", "waiting_quota"]);
/** A row that can be re-planned when its post changes. */
const REPLANNABLE = new Set(["scheduled", "missed", "failed", "cancelled"]);
function planSync(posts, rows) {
    const actions = [];
    const bySlug = new Map(rows.map((r) => [r.slug, r]));
    const live = new Map(posts.filter((p) => !p.draft).map((p) => [p.slug, p]));
    for (const post of live.values()) {
        const row = bySlug.get(post.slug);
        if (!row) {
            actions.push({ kind: "track", post });
            continue;
        }
        if (!REPLANNABLE.has(row.state))
            continue;
        const timeChanged = row.scheduledAt.getTime() !== post.publishAt.getTime();
        const detailsChanged = row.columnId !== post.columnId || row.mode !== post.mode || row.postTitle !== post.title;
        // scheduled: any change applies. missed / failed: a new publish_at is how an editor reschedules.
        // cancelled: the post is back.
        if ((row.state === "scheduled" && (timeChanged || detailsChanged)) ||
            ((row.state === "missed" || row.state === "failed") && timeChanged) ||
            row.state === "cancelled") {
            actions.push({ kind: "update", post, row });
        }
    }
    for (const row of rows) {
        if ((row.state === "scheduled" || row.state === "waiting_quota") && !live.has(row.slug)) {
            const onDisk = posts.find((p) => p.slug === row.slug);
            actions.push({ kind: "cancel", row, reason: onDisk ? "the post is marked draft: true" : "the post file was removed" });
        }
    }
    return actions;
}
const due = (at, now) => at === null || at.getTime() <= now.getTime();
function planRun({ posts, rows, now, catchUpMs }) {
    const postOf = new Map(posts.filter((p) => !p.draft).map((p) => [p.slug, p]));
    const actions = [];
    /** column → the slug holding its next issue. */
    const busy = new Map();
    for (const row of rows)
        if (exports.IN_FLIGHT.has(row.state))
            busy.set(row.columnId, row.slug);
    for (const row of [...rows].sort((a, b) => a.scheduledAt.getTime() - b.scheduledAt.getTime())) {
        const post = postOf.get(row.slug);
        if (row.state === "rendering" || row.state === "drafted" || row.state === "submitted") {
            if (due(row.nextAttemptAt, now))
                actions.push({ kind: "resume", row, post });
            continue;
        }
        if (row.state === "waiting_quota") {
            if (due(row.nextAttemptAt, now))
                actions.push({ kind: "publish", row, post });
            continue;
        }
        if (row.state !== "scheduled" || row.scheduledAt.getTime() > now.getTime() || !due(row.nextAttemptAt, now))
            continue;
        const lateMs = now.getTime() - row.scheduledAt.getTime();
        // A post already tried (and waiting for a retry) was on time; only a never-started one is missed.
        if (row.attempts === 0 && lateMs > catchUpMs) {
            actions.push({ kind: "miss", row, post, lateMs });
            continue;
        }
        const holder = busy.get(row.columnId);
        if (holder !== undefined && holder !== row.slug) {
            actions.push({ kind: "hold", row, post, behind: holder });
            continue;
        }
        busy.set(row.columnId, row.slug);
        actions.push({ kind: "publish", row, post });
    }
    return actions;
}
//# sourceMappingURL=pick-due.js.map