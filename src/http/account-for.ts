import { COUNTY_ACCOUNT_ID } from "../matrix/declared-account";
import type { AccountSettings, Deps } from "../deps";
import { RequestError } from "../errors";

/** The account a webhook URL names: `/wechat` is the default one, `/wechat/:account` another. */
export function accountFor(deps: Deps, id: string | undefined): AccountSettings {
  const name = id ?? COUNTY_ACCOUNT_ID;
  const account = deps.accounts.get(name);
  if (!account) throw new RequestError("unknown_account", `no account "${name}" is configured`, 404);
  return account;
}
