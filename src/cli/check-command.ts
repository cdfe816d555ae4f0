import { COUNTY_ACCOUNT_ID } from "../matrix/declared-account";
import type { CheckResult } from "./check-result";
import { existsSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import type { Config } from "../config";
import { loadContent } from "../bot/load-content";
import { openDatabase } from "../db/open-database";
import { createPublicationStore, type Publication, type PublicationStore } from "../db/stores/publication-store";
import type { ContentError } from "../errors";
import { describePlan } from "../posts/describe-plan";
import { checkColumnCovers } from "../posts/find-images";
import { loadPosts } from "../posts/load-posts";
import { fieldTitle } from "../posts/post-schema";
import { EXPIRED_DEMO_NOTE, isExpiredDemo, type Post } from "../posts/post";
import { massQuota } from "../publisher/mass-quota";
import { upcomingIssues } from "../publisher/upcoming-issues";
import { loadQaContent } from "../qa/load-qa-content";
import { accountHeading, checkTargets, matrixSummary, missingFolderResult, recheckCommand } from "./check-accounts";

/** The ledger as check reads it (deps.stores.publications, or the database file when it exists). */
export type CheckLedger = Pick<PublicationStore, "list" | "lastIssue" | "countMassSendsBetween">;

export interface CheckOptions {
  /** The clock's now: decides "time has passed" warnings. */
  now?: Date;
  ledger?: CheckLedger;
  accountId?: string;
}

/** Ledger states after which a post counts as sent (or handed to WeChat): no warning, not re-rendered. */
const NOT_SENT: ReadonlySet<string> = new Set(["scheduled", "missed", "failed", "cancelled", "skipped"]);

/**
 * `npm run cli -- check`: every problem of every content file in one pass (columns.yml, replies.yml,
 * menu.yml, qa.yml, checks.yml, each column's default cover, and each post: front matter, text,
 * pictures, and the article as it would be sent), each naming file, line and field; warnings for
 * times already passed; and for each valid post what will happen to it (describePlan).
 * Without a ledger given, reads the database only when it already exists (never creates it).
 */
export function checkContent(config: Config, options: CheckOptions = {}): CheckResult {
  const now = options.now ?? new Date();
  const accountId = options.accountId ?? COUNTY_ACCOUNT_ID;
  const bot = loadContent(config.contentDir);
  // With the bot's files broken, posts are still read (column ids and rendering wait for the fix).
  const columns = bot.content?.columnsById ?? null;
  const qa = loadQaContent(config.contentDir, columns ? new Set(columns.keys()) : undefined);
  const covers = columns ? checkColumnCovers(columns.values(), config.contentDir) : [];

  return withLedger(config, options.ledger, (ledger) => {
    const rows: Publication[] = ledger?.list(accountId) ?? [];
    const bySlug = new Map(rows.map((r) => [r.slug, r]));
    const isSent = (slug: string) => {
      const row = bySlug.get(slug);
      return row !== undefined && !NOT_SENT.has(row.state);
    };
    const base = { timezone: config.scheduleTimezone, columns };
    // Issue numbers (期数) come from the valid posts, so a first quick read finds them; the second
    // read checks everything, each post's title rendered with the number it will get.
    const valid = loadPosts(config.contentDir, base).posts;
    const issues = upcomingIssues(valid, rows, (c) => ledger?.lastIssue(accountId, c) ?? 0, { now });
    const { posts, errors, warnings } = loadPosts(config.contentDir, { ...base, contentDir: config.contentDir, now, isSent, issueOf: (s) => issues.get(s) });

    const problems = unique([...bot.errors, ...covers, ...qa.errors, ...errors]);
    const plans = posts.map((post) => ({ slug: post.slug, title: post.title, plan: planOf(post, { config, now, ledger, accountId, row: bySlug.get(post.slug) }) }));
    const rendered = posts.filter((p) => !isSent(p.slug)).length;
    const counts = `${problems.length} 个问题，${warnings.length} 条提醒`;
    const summary = bot.content
      ? `内容检查：${bot.content.columns.length} 个栏目，${bot.content.rules.all.length} 条关键词规则，${posts.length} 篇稿件没有问题（其中 ${rendered} 篇按发出时的样子排版检查过）；${counts}`
      : `内容检查：栏目或回复文件有错，稿件只检查了字段和正文；${counts}`;
    return { problems, warnings, plans, summary };
  });
}

function planOf(post: Post, c: { config: Config; now: Date; ledger: CheckLedger | undefined; accountId: string; row: Publication | undefined }): string {
  if (c.row && !NOT_SENT.has(c.row.state)) return `已交给微信（${c.row.state === "published" ? "已发出" : "处理中"}），不会再发`;
  if (post.draft) return "草稿（draft: true），不会发送";
  if (isExpiredDemo(post, c.now, c.row !== undefined)) return EXPIRED_DEMO_NOTE;
  const quota =
    post.mode === "mass" && c.ledger
      ? massQuota({ store: c.ledger, accountId: c.accountId, accountType: c.config.wechat.accountType, timezone: c.config.scheduleTimezone, at: post.publishAt }).facts
      : undefined;
  const sentence = describePlan({ mode: post.mode, at: post.publishAt, timezone: c.config.scheduleTimezone, quota, verified: c.config.wechat.verified });
  return post.publishAt.getTime() <= c.now.getTime() ? `${sentence}（时间已过，见上面的提醒）` : sentence;
}

/**
 * The same problem found twice (a column's missing cover, by the cover check and by a post) is said
 * once; each file's problems in line order, the files in the order they were checked.
 */
function unique(problems: ContentError[]): ContentError[] {
  const seen = new Set<string>();
  const files = new Map<string, ContentError[]>();
  for (const p of problems) {
    if (seen.has(p.message)) continue;
    seen.add(p.message);
    files.set(p.file, [...(files.get(p.file) ?? []), p]);
  }
  return [...files.values()].flatMap((list) => list.sort((a, b) => (a.line ?? 0) - (b.line ?? 0)));
}

function withLedger<T>(config: Config, given: CheckLedger | undefined, run: (ledger: CheckLedger | undefined) => T): T {
  if (given || config.databasePath === ":memory:" || !existsSync(config.databasePath)) return run(given);
  const db = openDatabase(config.databasePath);
  try {
    return run(createPublicationStore(db));
  } finally {
    db.close();
  }
}

/** One problem as editors read it: "第 5 行 · mode（发送方式）：…". */
function line(e: ContentError): string {
  const where = [e.line === undefined ? undefined : `第 ${e.line} 行`, e.field === undefined ? undefined : e.field.includes("[") ? e.field : fieldTitle(e.field)].filter(Boolean);
  return `  ${where.length ? `${where.join(" · ")}：` : ""}${e.problem}`;
}

/** Problems grouped by file (paths relative to where the command runs), each file's in line order. */
function byFile(list: readonly ContentError[]): string[] {
  const files = new Map<string, ContentError[]>();
  for (const e of list) files.set(e.file, [...(files.get(e.file) ?? []), e]);
  const out: string[] = [];
  for (const [file, errors] of files) {
    out.push(path.relative(process.cwd(), file) || file);
    out.push(...errors.map(line));
  }
  return out;
}

/**
 * check's report for people: problems, warnings, then what will happen to each post, then the summary.
 * @param again the command to run after fixing (a township's names its --account)
 */
export function formatCheckReport(r: CheckResult, contentDir: string, again = recheckCommand(undefined)): string {
  const out: string[] = [];
  if (r.problems.length > 0) out.push(`问题（必须改好才能发送）：`, ...byFile(r.problems), "");
  if (r.warnings.length > 0) out.push(`提醒：`, ...byFile(r.warnings), "");
  if (r.plans.length > 0) {
    out.push("稿件：");
    for (const p of r.plans) out.push(`  ${p.slug}  ${p.title}`, `      ${p.plan}`);
    out.push("");
  }
  out.push(r.summary);
  if (r.problems.length > 0) out.push(`改好 ${contentDir}/ 里的这些问题后，再运行 ${again}`);
  return out.join("\n") + "\n";
}

const jsonItem = (e: ContentError) => ({ file: e.file, line: e.line ?? null, field: e.field ?? null, problem: e.problem });
const jsonOf = (r: CheckResult) => ({ ok: r.problems.length === 0, problems: r.problems.map(jsonItem), warnings: r.warnings.map(jsonItem), posts: r.plans, summary: r.summary });

/**
 * `check [--account ID] [--json]`: every served account's content (county first), each under its
 * heading, then one summary; exit code 1 when any account has a problem. With only the county
 * account served (no accounts.yml, or townships without `env`), the report is exactly today's.
 */
export function checkCommand(config: Config, args: readonly string[], out: (text: string) => void, now: Date): number {
  let values: { account?: string | undefined; json?: boolean | undefined };
  try {
    ({ values } = parseArgs({ args: [...args], options: { account: { type: "string" }, json: { type: "boolean" } }, allowPositionals: true }));
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const what = code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE" ? "--account 后面要写账号 id，例如 --account lunnan" : `不认识的选项 ${/'(-[^' ]+)/.exec((err as Error).message)?.[1] ?? (err as Error).message}：只能写 --account 和 --json`;
    out(`check：${what}。用法：npm run cli -- check [--account 账号ID] [--json]\n`);
    return 1;
  }
  const only = values.account;
  const json = values.json === true;
  const chosen = checkTargets(config, only);
  if ("error" in chosen) {
    out(chosen.error + "\n");
    return 1;
  }
  const checked = chosen.targets.map((target) => ({
    target,
    // The county's missing content/ is reported file by file, as it always was.
    result: target.account.id === COUNTY_ACCOUNT_ID || existsSync(target.config.contentDir) ? checkContent(target.config, { now, accountId: target.account.id }) : missingFolderResult(target, config.contentDir),
  }));
  const failed = checked.some((c) => c.result.problems.length > 0);
  // Today's single-account output, unchanged: nothing else is served, and no account was named.
  if (checked.length === 1 && checked[0]!.target.account.id === COUNTY_ACCOUNT_ID && config.matrix.accounts.every((a) => a.id === COUNTY_ACCOUNT_ID || !a.served)) {
    const r = checked[0]!.result;
    out(json ? JSON.stringify(jsonOf(r), null, 2) + "\n" : formatCheckReport(r, config.contentDir));
    return failed ? 1 : 0;
  }
  const summary = matrixSummary(checked);
  if (json) {
    const accounts = checked.map(({ target, result }) => ({ id: target.account.id, name: target.account.name, contentDir: target.shownDir, ...jsonOf(result) }));
    out(JSON.stringify({ ok: !failed, accounts, summary }, null, 2) + "\n");
  } else {
    const reports = checked.map(({ target, result }) => `${accountHeading(target)}\n${formatCheckReport(result, target.shownDir, recheckCommand(target.account.id))}`);
    out(reports.join("\n") + (checked.length > 1 ? `\n${summary}\n` : ""));
  }
  return failed ? 1 : 0;
}
