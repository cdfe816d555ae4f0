import { existsSync } from "node:fs";
import type { Config } from "../config";
import { loadContent } from "../bot/load-content";
import { openDatabase } from "../db/open-database";
import { createPublicationStore, type Publication } from "../db/stores/publication-store";
import type { ContentError } from "../errors";
import { checkPost } from "../posts/check-post";
import { loadPosts } from "../posts/load-posts";
import { upcomingIssues } from "../publisher/upcoming-issues";
import { loadQaContent } from "../qa/load-qa-content";

export interface CheckResult {
  problems: ContentError[];
  summary: string;
}

/**
 * `npm run cli -- check`: every problem of every content file at once (columns.yml, replies.yml,
 * menu.yml and each post, rendered as it would be sent), each naming file, line and field. Reads
 * the ledger only when the database already exists (for the issue numbers posts will get).
 */
export function checkContent(config: Config): CheckResult {
  const bot = loadContent(config.contentDir);
  // With the bot's files broken, posts are still read (column ids and rendering wait for the fix).
  const columns = bot.content?.columnsById ?? null;
  const { posts, errors } = loadPosts(config.contentDir, { timezone: config.scheduleTimezone, columns });
  // content/qa.yml (青年之声): its roundup column must be one of columns.yml's.
  const qa = loadQaContent(config.contentDir, columns ? new Set(columns.keys()) : undefined);
  const problems: ContentError[] = [...bot.errors, ...qa.errors, ...errors];

  let rows: Publication[] = [];
  let lastIssue = (_columnId: string) => 0;
  if (config.databasePath !== ":memory:" && existsSync(config.databasePath)) {
    const db = openDatabase(config.databasePath);
    const store = createPublicationStore(db);
    rows = store.list("default");
    const counters = new Map<string, number>();
    for (const c of columns?.keys() ?? []) counters.set(c, store.lastIssue("default", c));
    db.close();
    lastIssue = (c) => counters.get(c) ?? 0;
  }
  const issues = upcomingIssues(posts, rows, lastIssue);
  const published = new Set(rows.filter((r) => r.state === "published").map((r) => r.slug));
  let checked = 0;
  for (const post of posts) {
    const column = columns?.get(post.columnId);
    if (!column || published.has(post.slug)) continue;
    problems.push(...checkPost(post, column, config.contentDir, issues.get(post.slug) ?? 1).problems);
    checked++;
  }
  const summary = bot.content
    ? `content OK: ${bot.content.columns.length} columns, ${bot.content.rules.all.length} keyword rules, ${posts.length} posts (${checked} rendered and checked)`
    : `${posts.length} posts read`;
  return { problems, summary };
}
