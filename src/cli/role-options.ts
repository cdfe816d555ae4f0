import { COUNTY_ACCOUNT_ID } from "../matrix/declared-account";
import type { Config } from "../config";
import { ALL_ACCOUNTS, ROLES, type Role, type StaffGrant } from "../db/stores/staff-role-store";
import { accountNames } from "../staff/account-names";

/** The account the CLI serves; accounts.yml names the others. */
const SERVED = COUNTY_ACCOUNT_ID;

/**
 * `--role` and `--account` of `user add/grant/revoke`. Without them: county admin of every
 * account, which is what `user add` made before roles existed.
 */
export function grantOfOptions(config: Config, command: string, values: { role?: string | undefined; account?: string | undefined }): StaffGrant {
  const role = values.role ?? "admin";
  const accountId = values.account ?? ALL_ACCOUNTS;
  if (!(ROLES as readonly string[]).includes(role)) {
    throw new Error(`${command}：--role 写 admin（县团委管理员）、editor（编辑）或 viewer（只读）之一，不是「${role}」`);
  }
  const known = accountNames(config, SERVED);
  if (accountId !== ALL_ACCOUNTS && !known.has(accountId)) {
    throw new Error(`${command}：--account 写 '*'（全部账号）或 content/accounts.yml 里的账号 id（${[...known.keys()].join("、")}），不是「${accountId}」`);
  }
  return { role: role as Role, accountId };
}

/** Names for `user list`: the same as the 人员 page. */
export const cliAccountNames = (config: Config) => accountNames(config, SERVED);
