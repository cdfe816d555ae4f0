import type { Db } from "../open-database";

export const ROLES = ["admin", "editor", "viewer"] as const;
export type Role = (typeof ROLES)[number];

/** Every account of the matrix, in a grant. */
export const ALL_ACCOUNTS = "*";

/** One grant: `role` on `accountId` (an id of content/accounts.yml, or `*`). */
export interface StaffGrant {
  role: Role;
  accountId: string;
}

/** What a user had before roles existed, and what a new user gets unless told otherwise. */
export const COUNTY_ADMIN: StaffGrant = { role: "admin", accountId: ALL_ACCOUNTS };

export interface UserGrant extends StaffGrant {
  userId: number;
  userName: string;
  grantedAt: number;
}

/** staff_roles (migration 0014): who may do what on which account. */
export interface StaffRoleStore {
  grantsOf(userId: number): StaffGrant[];
  /** Every grant of every user, by user name, then account, then role. */
  all(): UserGrant[];
  /** @returns false when the user already had this grant */
  grant(userId: number, grant: StaffGrant, at: number): boolean;
  /** @returns false when the user did not have this grant */
  revoke(userId: number, grant: StaffGrant): boolean;
}

export function createStaffRoleStore(db: Db): StaffRoleStore {
  const byUser = db.prepare<{ userId: number }, StaffGrant>(
    "SELECT role, account_id AS accountId FROM staff_roles WHERE user_id = @userId ORDER BY account_id, role",
  );
  const everyone = db.prepare<[], UserGrant>(`
    SELECT r.user_id AS userId, u.name AS userName, r.role, r.account_id AS accountId, r.granted_at AS grantedAt
      FROM staff_roles r JOIN staff_users u ON u.id = r.user_id
     ORDER BY u.name, r.account_id, r.role`);
  const insert = db.prepare("INSERT OR IGNORE INTO staff_roles (user_id, role, account_id, granted_at) VALUES (@userId, @role, @accountId, @at)");
  const del = db.prepare("DELETE FROM staff_roles WHERE user_id = @userId AND role = @role AND account_id = @accountId");
  return {
    grantsOf: (userId) => byUser.all({ userId }),
    all: () => everyone.all(),
    grant: (userId, g, at) => insert.run({ userId, role: g.role, accountId: g.accountId, at }).changes > 0,
    revoke: (userId, g) => del.run({ userId, role: g.role, accountId: g.accountId }).changes > 0,
  };
}
