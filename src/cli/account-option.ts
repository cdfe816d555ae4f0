import type { Deps } from "../deps";

/**
 * `--account ID` of the CLI's account commands (posts, publish, preview, menu, qa, stats, send):
 * the operator acts as county admin on any served account of content/accounts.yml (issue 14).
 * Without it: the county account `default`, as before the matrix.
 */
export function takeAccountOption(args: readonly string[]): { accountId: string | undefined; rest: string[] } {
  const rest: string[] = [];
  let accountId: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === "--account") {
      accountId = args[i + 1];
      if (accountId === undefined || accountId.startsWith("--")) throw new Error("选项 --account 后面要写账号标识，例如 --account lunnan（content/accounts.yml 里的 id）");
      i++;
    } else if (a.startsWith("--account=")) {
      accountId = a.slice("--account=".length);
    } else {
      rest.push(a);
    }
  }
  return { accountId, rest };
}

/** The Deps of `accountId` (the county's when undefined); a clear error naming the served ones otherwise. */
export function accountDepsOf(deps: Deps, accountId: string | undefined): Deps {
  if (accountId === undefined) return deps;
  const scoped = deps.matrix.get(accountId);
  if (scoped) return scoped;
  const served = [...deps.matrix.values()].map((d) => `${d.account.id}（${d.config.dashboard.accountName}）`).join("、");
  const why = deps.matrixProblems.get(accountId);
  const declared = deps.config.matrix.accounts.find((a) => a.id === accountId);
  const reason = why ?? (declared ? (declared.paused ? "已暂停（accounts.yml 里 paused: true）" : "没有由本系统收发（accounts.yml 里没有写 env）") : "没有在 content/accounts.yml 里声明");
  throw new Error(`--account ${accountId}：${reason}。可用的账号：${served}`);
}
