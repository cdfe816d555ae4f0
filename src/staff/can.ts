import { ALL_ACCOUNTS, type Role, type StaffGrant } from "../db/stores/staff-role-store";

/**
 * What a request wants to do: `view` (GET pages, CSV/xlsx exports), `edit` (an account's posts,
 * inbox, 青年之声, 留言, its township's 附件3 figures), `administer` (staff users, 附件3 locking,
 * the sandbox's controls: ask it on `*`).
 */
export type StaffAction = "view" | "edit" | "administer";

const RANK: Record<Role, number> = { viewer: 1, editor: 2, admin: 3 };
const NEEDS: Record<StaffAction, number> = { view: 1, edit: 2, administer: 3 };

/**
 * The one place that decides (issue 14, Roles): a grant answers when its role is high enough and
 * it is on `accountId` or on every account (`*`). Asked on `*`, only a `*` grant answers, so the
 * county-wide powers (users, locking) belong to the county admin and not to one account's admin.
 */
export function can(grants: readonly StaffGrant[], action: StaffAction, accountId: string): boolean {
  return grants.some((g) => RANK[g.role] >= NEEDS[action] && (g.accountId === ALL_ACCOUNTS || g.accountId === accountId));
}

/** Whether any of `accountIds` allows it (a 附件3 row shared by a township's accounts). */
export const canAny = (grants: readonly StaffGrant[], action: StaffAction, accountIds: readonly string[]): boolean =>
  accountIds.some((id) => can(grants, action, id));
