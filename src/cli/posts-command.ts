import { parseArgs } from "node:util";
import type { Deps } from "../deps";
import type { Publication } from "../db/stores/publication-store";
import { describePlan, zoneName } from "../posts/describe-plan";
import { loadPosts } from "../posts/load-posts";
import { EXPIRED_DEMO_NOTE, isExpiredDemo, type Post } from "../posts/post";
import { massQuota } from "../publisher/mass-quota";
import { publisherFor, type Publisher } from "../publisher/publisher";
import { upcomingIssues } from "../publisher/upcoming-issues";
import { EDITED_NOTE, editedSincePublished } from "../publisher/edited-since-published";
import { dayjs } from "../time";
import { formatTextTable } from "./format-table";
import { describeRow, stateName } from "./publication-words";

export const POSTS_USAGE = `  posts [--history SLUG] [--json]
                                列出 content/posts 的每篇稿件：栏目、期数、状态，以及将会发生什么
                                （北京时间，群发还是发布，当天的群发次数）；--history：一篇稿件的每一步记录
`;

/** One post as `posts --json` gives it: stable keys, ISO times. */
export interface PostListing {
  slug: string;
  title: string;
  column: string;
  columnName: string;
  mode: "mass" | "publish";
  publishAt: string;
  /** 期数: confirmed once published, else a forecast. */
  issue: number | null;
  issueConfirmed: boolean;
  /** The ledger's state; "new" before the scheduler tracks it, "draft" for draft: true. */
  state: string;
  stateName: string;
  /** What will happen or what happened, in Chinese. */
  plan: string;
  editedSincePublished: boolean;
}

/** What will happen to a post not sent yet, with the quota of its day for a 群发 (describePlan). */
function planOf(p: Publisher, post: Post): string {
  const quota = post.mode === "mass" ? massQuota({ store: p.store, accountId: p.accountId, accountType: p.accountType, timezone: p.timezone, at: post.publishAt }).facts : undefined;
  return describePlan({ mode: post.mode, at: post.publishAt, timezone: p.timezone, quota, now: p.clock.now(), verified: p.verified });
}

function listing(p: Publisher, post: Post, row: Publication | undefined, issue: number | undefined): PostListing {
  const demo = isExpiredDemo(post, p.clock.now(), row !== undefined);
  const state = post.draft ? "draft" : demo ? "demo" : (row?.state ?? "new");
  const edited = row !== undefined && editedSincePublished(row, post);
  const notSent = state === "new" || state === "scheduled";
  const plan = post.draft ? "draft: true，不会发布（删掉这一行或改为 false 才会排期）" : demo ? EXPIRED_DEMO_NOTE : notSent || !row ? planOf(p, post) : `${edited ? `${EDITED_NOTE}；` : ""}${describeRow(row, p.timezone)}`;
  return {
    slug: post.slug,
    title: post.title,
    column: post.columnId,
    columnName: p.columns().get(post.columnId)?.name ?? post.columnId,
    mode: post.mode,
    publishAt: post.publishAt.toISOString(),
    issue: row?.state === "published" ? row.issue : demo ? null : (issue ?? null),
    issueConfirmed: row?.state === "published",
    state,
    stateName: demo ? "示例" : stateName(state as Publication["state"] | "new" | "draft", post.mode),
    plan,
    editedSincePublished: edited,
  };
}

/**
 * `npm run cli -- posts`: every post, what the publisher will do with it in words (the sentence the
 * 发布 page and `check` show too), its column and 期数, and what happened to it.
 */
export function postsCommand(deps: Deps, args: string[], out: (text: string) => void): number {
  const { values } = parseArgs({ args, options: { history: { type: "string" }, json: { type: "boolean" } } });
  const p = publisherFor(deps);
  if (values.history !== undefined) return history(p, values.history, values.json === true, out);
  const { posts, errors } = loadPosts(p.contentDir, { timezone: p.timezone, columns: p.columns() });
  const rows = p.store.list(p.accountId);
  const bySlug = new Map(rows.map((r) => [r.slug, r]));
  const issues = upcomingIssues(posts, rows, (c) => p.store.lastIssue(p.accountId, c), { now: p.clock.now() });
  const listed = posts
    .slice()
    .sort((a, b) => a.publishAt.getTime() - b.publishAt.getTime())
    .map((post) => listing(p, post, bySlug.get(post.slug), issues.get(post.slug)));
  const ledgerOnly = rows.filter((r) => !posts.some((x) => x.slug === r.slug));
  if (values.json) {
    out(
      JSON.stringify(
        {
          timezone: p.timezone,
          posts: listed,
          ledgerOnly: ledgerOnly.map((r) => ({ slug: r.slug, state: r.state, stateName: stateName(r.state, r.mode), plan: describeRow(r, p.timezone) })),
          problems: errors.map((e) => ({ message: e.message })),
        },
        null,
        2,
      ) + "\n",
    );
    return errors.length > 0 ? 1 : 0;
  }
  out(
    formatTextTable({
      id: "posts",
      caption: `${p.contentDir}/posts 的稿件（期数带 ? 的是预计）`,
      columns: [
        { key: "slug", label: "稿件" },
        { key: "column", label: "栏目" },
        { key: "issue", label: "期数" },
        { key: "state", label: "状态" },
        { key: "at", label: zoneName(p.timezone) },
        { key: "plan", label: "将会 / 结果" },
      ],
      rows: listed.map((l) => ({
        slug: l.slug,
        column: l.columnName,
        issue: l.issue === null ? "—" : l.issueConfirmed ? `第${l.issue}期` : `第${l.issue}期?`,
        state: l.stateName,
        at: dayjs(l.publishAt).tz(p.timezone).format("M月D日 HH:mm"),
        plan: l.plan,
      })),
      empty: "（还没有稿件：在 content/posts/ 新建 YYYY-MM-DD-名称.md）",
    }) + "\n",
  );
  for (const r of ledgerOnly) out(`（文件已不在，只有记录）${r.slug}：${stateName(r.state, r.mode)}，${describeRow(r, p.timezone)}\n`);
  if (errors.length > 0) {
    out(`\n${errors.length} 个问题；这些稿件改好之前不会发布：\n${errors.map((e) => `  - ${e.message}`).join("\n")}\n`);
    return 1;
  }
  return 0;
}

/** `posts --history SLUG`: every recorded step of one post, oldest first. */
function history(p: Publisher, slug: string, json: boolean, out: (text: string) => void): number {
  const events = p.store.events(p.accountId, slug);
  if (json) {
    out(JSON.stringify({ slug, events: events.map((e) => ({ at: e.at.toISOString(), step: e.step, state: e.state, detail: e.detail })) }, null, 2) + "\n");
    return events.length === 0 ? 1 : 0;
  }
  if (events.length === 0) {
    out(`没有 ${slug} 的记录：检查稿件名（不带 .md），npm run cli -- posts 列出全部稿件\n`);
    return 1;
  }
  out(
    formatTextTable({
      id: "history",
      caption: `${slug} 的每一步（${zoneName(p.timezone)}）`,
      columns: [
        { key: "at", label: "时间" },
        { key: "step", label: "步骤" },
        { key: "state", label: "状态" },
        { key: "detail", label: "说明" },
      ],
      rows: events.map((e) => ({ at: dayjs(e.at).tz(p.timezone).format("M月D日 HH:mm:ss"), step: e.step, state: e.state, detail: e.detail })),
    }) + "\n",
  );
  return 0;
}
