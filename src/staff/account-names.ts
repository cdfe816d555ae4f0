import type { Config } from "../config";
import { loadAccounts } from "../matrix/load-accounts";

/**
 * Account id → 账号名称 from content/accounts.yml (read per call: a small file, and an edit shows
 * without a restart). A broken file leaves only the served account's name: the 附件3 page lists
 * the file's problems; here names are only for reading grants.
 */
export function accountNames(config: Config, servedAccountId: string): Map<string, string> {
  const { declaration } = loadAccounts(config.contentDir, {
    accountName: config.dashboard.accountName,
    accountType: config.wechat.accountType,
    verified: config.wechat.verified,
  });
  const names = new Map<string, string>([[servedAccountId, config.dashboard.accountName]]);
  for (const a of declaration?.accounts ?? []) names.set(a.id, a.name);
  return names;
}
