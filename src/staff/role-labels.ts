import { ALL_ACCOUNTS, type Role, type StaffGrant } from "../db/stores/staff-role-store";
import type { StaffAction } from "./can";

/** The roles as staff read them. */
export const ROLE_LABELS: Record<Role, string> = { admin: "管理员", editor: "编辑", viewer: "只读（查看数字和导出）" };

export const ACTION_LABELS: Record<StaffAction, string> = { view: "查看", edit: "编辑", administer: "县团委管理员" };

/** An account id as staff read it: its name (from accounts.yml) when known, "全部账号" for `*`. */
export function accountLabel(accountId: string, names: ReadonlyMap<string, string>): string {
  if (accountId === ALL_ACCOUNTS) return "全部账号";
  const name = names.get(accountId);
  return name ? `${name}（${accountId}）` : accountId;
}

/** "青春轮南（lunnan） 编辑；全部账号 只读", or "没有任何权限". */
export function describeGrants(grants: readonly StaffGrant[], names: ReadonlyMap<string, string>): string {
  if (grants.length === 0) return "没有任何权限";
  return grants.map((g) => `${accountLabel(g.accountId, names)} ${ROLE_LABELS[g.role]}`).join("；");
}
