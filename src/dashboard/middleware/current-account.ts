import type { Context } from "koa";
import type { StaffGrant } from "../../db/stores/staff-role-store";
import { can } from "../../staff/can";
import { readCookie, setCookie } from "./auth-session";

/** Which account's pages the dashboard shows; a preference, never a right (every route checks the role). */
export const ACCOUNT_COOKIE = "lt_account";

/**
 * The account whose pages this request gets (issue 14, the account switcher): `?account=<id>`
 * chooses and is remembered in a cookie; else the remembered one while the staff member may still
 * view it; else the first account they may view, the county's for county staff. An explicit
 * `?account=` of an account they may not view is kept, so its pages answer 403 rather than
 * silently showing another account.
 */
export function chooseAccount(ctx: Context, accountIds: readonly string[], grants: readonly StaffGrant[] | undefined, secure: boolean): string {
  const asked = typeof ctx.query["account"] === "string" ? ctx.query["account"] : undefined;
  if (asked !== undefined && accountIds.includes(asked)) {
    setCookie(ctx, ACCOUNT_COOKIE, asked, 365 * 86_400, secure);
    return asked;
  }
  const remembered = readCookie(ctx, ACCOUNT_COOKIE);
  const viewable = (id: string) => grants !== undefined && can(grants, "view", id);
  if (remembered !== undefined && accountIds.includes(remembered) && (grants === undefined || viewable(remembered))) return remembered;
  return accountIds.find(viewable) ?? accountIds[0]!;
}
