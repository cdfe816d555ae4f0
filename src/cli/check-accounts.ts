/**
 * Which accounts `npm run cli -- check` checks, and how their reports are headed and summed up
 * (issue 14). Each served account of content/accounts.yml has its own content folder (the county's
 * content/, a township's content/accounts/<id>/); check reads each one as the service would, county
 * first, so one run before a restart finds every problem of every account.
 */
import { COUNTY_ACCOUNT_ID } from "../matrix/declared-account";
import { existsSync } from "node:fs";
import path from "node:path";
import type { Config } from "../config";
import { ContentError } from "../errors";
import { builtAccounts, type ConfiguredAccount } from "../matrix/configure-accounts";
import { accountConfig } from "../matrix/scope-account";
import type { CheckResult } from "./check-result";

export interface CheckTarget {
  account: ConfiguredAccount;
  /** The config as this account sees it (its contentDir, type and verification). */
  config: Config;
  /** Its content folder as the operator types it: content/accounts/lunnan. */
  shownDir: string;
}

/** The folder as typed from where the command runs (absolute when it lies elsewhere). */
function shownPath(dir: string): string {
  const rel = path.relative(process.cwd(), dir);
  return rel === "" ? "." : rel.startsWith("..") ? dir : rel;
}

/** The command to run again after fixing one account. */
export function recheckCommand(accountId: string | undefined): string {
  return accountId === undefined ? "npm run cli -- check" : `npm run cli -- check --account ${accountId}`;
}

const targetOf = (config: Config, account: ConfiguredAccount): CheckTarget => {
  const scoped = accountConfig(config, account);
  return { account, config: scoped, shownDir: shownPath(scoped.contentDir) };
};

const label = (a: ConfiguredAccount) => `${a.id}（${a.name}）`;

/**
 * Every served account, the county first, then the townships in file order; or only `only`.
 * An account named with --account is checked even when not served (paused, or without `env`)
 * as long as its folder exists: staff prepare a township's folder before it goes live.
 */
export function checkTargets(config: Config, only: string | undefined): { targets: CheckTarget[] } | { error: string } {
  const accounts = config.matrix.accounts;
  if (only !== undefined) {
    const account = accounts.find((a) => a.id === only);
    if (!account) {
      return { error: `check：--account 写 content/accounts.yml 里的账号 id（${accounts.map(label).join("、")}），没有「${only}」这个账号` };
    }
    const target = targetOf(config, account);
    if (!account.served && account.id !== COUNTY_ACCOUNT_ID && !existsSync(target.config.contentDir)) {
      const why = account.paused ? "它在 content/accounts.yml 里写了 paused: true（已暂停）" : "它在 content/accounts.yml 里没有 env（只填附件，不由本系统收发）";
      return { error: `check：账号 ${label(account)} 不由本系统收发，${why}，也还没有内容文件夹 ${target.shownDir}/，没有要检查的内容` };
    }
    return { targets: [target] };
  }
  return { targets: builtAccounts(config.matrix).map((a) => targetOf(config, a)) };
}

/**
 * A served township without its folder: one problem that says how to make it, instead of one
 * "file not found" per file. The service leaves such a township unserved until it restarts.
 */
export function missingFolderResult(t: CheckTarget, countyDir: string): CheckResult {
  const d = t.shownDir;
  const from = shownPath(countyDir);
  const files = ["columns.yml", "replies.yml", "menu.yml", "qa.yml", "posts"].map((f) => path.join(from, f)).join(" ");
  const problem =
    `找不到内容文件夹 ${d}/：账号 ${label(t.account)}由本系统收发，需要自己的栏目、自动回复、菜单和稿件。` +
    `可以先复制团县委的作为起点：mkdir -p ${d} && cp -r ${files} ${d}/，再改成本镇的栏目和关键词、删掉复制来的稿件。` +
    `检查没有问题后重启服务，本账号才开始收发`;
  return { problems: [new ContentError(t.config.contentDir, problem)], warnings: [], plans: [], summary: `内容检查：没有内容文件夹 ${d}/；1 个问题，0 条提醒` };
}

/** "── 青春轮南（lunnan，content/accounts/lunnan）──" */
export function accountHeading(t: CheckTarget): string {
  return `── ${t.account.name}（${t.account.id}，${t.shownDir}）──`;
}

/** The one line after every account's report: how many accounts, which have problems, the totals. */
export function matrixSummary(checked: readonly { target: CheckTarget; result: CheckResult }[]): string {
  const failing = checked.filter((c) => c.result.problems.length > 0);
  const problems = checked.reduce((n, c) => n + c.result.problems.length, 0);
  const warnings = checked.reduce((n, c) => n + c.result.warnings.length, 0);
  const which = failing.map((c) => `${c.target.account.name}（${c.target.account.id}）${c.result.problems.length} 个`).join("、");
  const head = `矩阵检查：${checked.length} 个账号，${checked.length - failing.length} 个没有问题`;
  return failing.length === 0
    ? `${head}；共 0 个问题，${warnings} 条提醒`
    : `${head}，${failing.length} 个有问题（${which}）；共 ${problems} 个问题，${warnings} 条提醒。改好后运行上面各账号写的命令再检查`;
}
