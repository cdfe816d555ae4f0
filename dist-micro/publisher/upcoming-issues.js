"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.upcomingIssues = upcomingIssues;
const pick_due_1 = require("./pick-due");
/**
 * The 期数 each post has or will probably get: the number of a published or under-way row, the
 * editor's own `issue:`, else the column's next numbers in publish_at order. A forecast for `posts`,
 * `check` and dry runs; the real number is taken when publishing starts and committed on success.
 */
function upcomingIssues(posts, rows, lastIssue) {
    const bySlug = new Map(rows.map((r) => [r.slug, r]));
    const next = new Map();
    const counter = (columnId) => {
        if (!next.has(columnId)) {
            const inFlight = rows.filter((r) => r.columnId === columnId && pick_due_1.IN_FLIGHT.has(r.state) && r.issue !== null).map((r) => r.issue);
            next.set(columnId, Math.max(lastIssue(columnId), ...inFlight));
        }
        return next.get(columnId);
    };
    const issues = new Map();
    for (const post of [...posts].sort((a, b) => a.publishAt.getTime() - b.publishAt.getTime())) {
        const row = bySlug.get(post.slug);
        if (row && row.issue !== null && (row.state === "published" || pick_due_1.IN_FLIGHT.has(row.state))) {
            issues.set(post.slug, row.issue);
        }
        else if (post.issue !== undefined) {
            issues.set(post.slug, post.issue);
        }
        else if (post.draft) {
            issues.set(post.slug, counter(post.columnId) + 1);
        }
        else {
            const n = counter(post.columnId) + 1;
            next.set(post.columnId, n);
            issues.set(post.slug, n);
        }
    }
    return issues;
}
//# sourceMappingURL=upcoming-issues.js.map