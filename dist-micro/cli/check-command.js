"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.checkContent = checkContent;
const node_fs_1 = require("node:fs");
const load_content_1 = require("../bot/load-content");
const open_database_1 = require("../db/open-database");
const publication_store_1 = require("../db/stores/publication-store");
const check_post_1 = require("../posts/check-post");
const load_posts_1 = require("../posts/load-posts");
const upcoming_issues_1 = require("../publisher/upcoming-issues");
const load_qa_content_1 = require("../qa/load-qa-content");
/**
 * `npm run cli -- check`: every problem of every content file at once (columns.yml, replies.yml,
 * menu.yml and each post, rendered as it would be sent), each naming file, line and field. Reads
 * the ledger only when the database already exists (for the issue numbers posts will get).
 */
function checkContent(config) {
    const bot = (0, load_content_1.loadContent)(config.contentDir);
    // With the bot's files broken, posts are still read (column ids and rendering wait for the fix).
    const columns = bot.content?.columnsById ?? null;
    const { posts, errors } = (0, load_posts_1.loadPosts)(config.contentDir, { timezone: config.scheduleTimezone, columns });
    // content/qa.yml (青年之声): its roundup column must be one of columns.yml's.
    const qa = (0, load_qa_content_1.loadQaContent)(config.contentDir, columns ? new Set(columns.keys()) : undefined);
    const problems = [...bot.errors, ...qa.errors, ...errors];
    let rows = [];
    let lastIssue = (_columnId) => 0;
    if (config.databasePath !== ":memory:" && (0, node_fs_1.existsSync)(config.databasePath)) {
        const db = (0, open_database_1.openDatabase)(config.databasePath);
        const store = (0, publication_store_1.createPublicationStore)(db);
        rows = store.list("default");
        const counters = new Map();
        for (const c of columns?.keys() ?? [])
            counters.set(c, store.lastIssue("default", c));
        db.close();
        lastIssue = (c) => counters.get(c) ?? 0;
    }
    const issues = (0, upcoming_issues_1.upcomingIssues)(posts, rows, lastIssue);
    const published = new Set(rows.filter((r) => r.state === "published").map((r) => r.slug));
    let checked = 0;
    for (const post of posts) {
        const column = columns?.get(post.columnId);
        if (!column || published.has(post.slug))
            continue;
        problems.push(...(0, check_post_1.checkPost)(post, column, config.contentDir, issues.get(post.slug) ?? 1).problems);
        checked++;
    }
    const summary = bot.content
        ? `content OK: ${bot.content.columns.length} columns, ${bot.content.rules.all.length} keyword rules, ${posts.length} posts (${checked} rendered and checked)`
        : `${posts.length} posts read`;
    return { problems, summary };
}
//# sourceMappingURL=check-command.js.map