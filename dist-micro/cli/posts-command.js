"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.POSTS_USAGE = void 0;
exports.postsCommand = postsCommand;
const node_util_1 = require("node:util");
const load_posts_1 = require("../posts/load-posts");
const publish_post_1 = require("../publisher/publish-post");
const publisher_1 = require("../publisher/publisher");
const upcoming_issues_1 = require("../publisher/upcoming-issues");
const edited_since_published_1 = require("../publisher/edited-since-published");
const time_1 = require("../time");
const format_table_1 = require("./format-table");
exports.POSTS_USAGE = `  posts [--history SLUG]        list content/posts with time (北京 and 新疆), column, 期数 and ledger state;
                                --history: every recorded step of one post
`;
/** 新疆时间: UTC+6, common in daily life in 轮台 though official time is Beijing's (anchors.md D, lesson 1). */
const XINJIANG_OFFSET_MINUTES = 6 * 60;
/**
 * `npm run cli -- posts`: what the publisher knows: every post, when it goes out (Beijing time and
 * 新疆时间, so nobody schedules two hours off), its column and 期数, and what happened to it.
 */
function postsCommand(deps, args, out) {
    const { values } = (0, node_util_1.parseArgs)({ args, options: { history: { type: "string" } } });
    const p = (0, publisher_1.publisherFor)(deps);
    if (values.history !== undefined) {
        const events = p.store.events(p.accountId, values.history);
        if (events.length === 0) {
            out(`no recorded steps for ${values.history}\n`);
            return 1;
        }
        for (const e of events)
            out(`${(0, time_1.dayjs)(e.at).tz(p.timezone).format("YYYY-MM-DD HH:mm:ss")}  ${e.step.padEnd(14)} ${e.state.padEnd(13)} ${e.detail ?? ""}\n`);
        return 0;
    }
    const { posts, errors } = (0, load_posts_1.loadPosts)(p.contentDir, { timezone: p.timezone, columns: p.columns() });
    const rows = p.store.list(p.accountId);
    const bySlug = new Map(rows.map((r) => [r.slug, r]));
    const issues = (0, upcoming_issues_1.upcomingIssues)(posts, rows, (c) => p.store.lastIssue(p.accountId, c));
    const tableRows = posts
        .slice()
        .sort((a, b) => a.publishAt.getTime() - b.publishAt.getTime())
        .map((post) => {
        const row = bySlug.get(post.slug);
        const state = post.draft ? "draft" : (row?.state ?? "new");
        const issue = issues.get(post.slug);
        const confirmed = row?.state === "published";
        return {
            slug: post.slug,
            column: p.columns().get(post.columnId)?.name ?? post.columnId,
            mode: post.mode === "mass" ? "群发" : "发布",
            beijing: (0, time_1.dayjs)(post.publishAt).tz(p.timezone).format("MM-DD HH:mm"),
            xinjiang: (0, time_1.dayjs)(post.publishAt).utcOffset(XINJIANG_OFFSET_MINUTES).format("HH:mm"),
            issue: issue === undefined ? "—" : confirmed ? String(issue) : `${issue}?`,
            state,
            detail: post.draft
                ? "draft: true (not published)"
                : row
                    ? `${(0, edited_since_published_1.editedSincePublished)(row, post) ? `${edited_since_published_1.EDITED_NOTE}; ` : ""}${(0, publish_post_1.describePublication)(p, row)}`
                    : "not yet seen by the scheduler",
        };
    });
    out((0, format_table_1.formatTextTable)({
        id: "posts",
        caption: `posts in ${p.contentDir}/posts (期数 with ? is a forecast)`,
        columns: [
            { key: "slug", label: "post" },
            { key: "column", label: "栏目" },
            { key: "mode", label: "方式" },
            { key: "beijing", label: "北京时间" },
            { key: "xinjiang", label: "新疆时间" },
            { key: "issue", label: "期数" },
            { key: "state", label: "state" },
            { key: "detail", label: "detail" },
        ],
        rows: tableRows,
        empty: "(no posts yet: add content/posts/YYYY-MM-DD-name.md)",
    }) + "\n");
    for (const r of rows.filter((r) => !posts.some((x) => x.slug === r.slug))) {
        out(`(ledger only) ${r.slug}: ${(0, publish_post_1.describePublication)(p, r)}\n`);
    }
    if (errors.length > 0) {
        out(`\n${errors.length} problem(s); these posts are not published until fixed:\n${errors.map((e) => `  - ${e.message}`).join("\n")}\n`);
        return 1;
    }
    return 0;
}
//# sourceMappingURL=posts-command.js.map