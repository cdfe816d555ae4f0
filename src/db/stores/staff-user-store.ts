import type { Db } from "../open-database";
import { COUNTY_ADMIN, type StaffGrant } from "./staff-role-store";

export interface StaffUser {
  id: number;
  name: string;
  passwordHash: string;
  createdAt: number;
  passwordChangedAt: number;
  lastLoginAt: number | null;
}

/** staff_users: the League committee staff who may open the dashboard. Names are case-insensitive. */
export interface StaffUserStore {
  findByName(name: string): StaffUser | undefined;
  findById(id: number): StaffUser | undefined;
  list(): StaffUser[];
  count(): number;
  /**
   * Adds the user with their first grant (county admin unless told: what `user add` did before
   * roles existed), in one transaction so no user exists without a role.
   * @returns the new user's id; throws if the name is taken (UNIQUE).
   */
  add(name: string, passwordHash: string, at: number, grant?: StaffGrant): number;
  setPassword(id: number, passwordHash: string, at: number): void;
  touchLogin(id: number, at: number): void;
  /** Deletes the user and (ON DELETE CASCADE) their sessions. @returns whether a user was removed */
  remove(name: string): boolean;
}

const COLUMNS = `id, name, password_hash AS passwordHash, created_at AS createdAt,
  password_changed_at AS passwordChangedAt, last_login_at AS lastLoginAt`;

export function createStaffUserStore(db: Db): StaffUserStore {
  const byName = db.prepare<{ name: string }, StaffUser>(`SELECT ${COLUMNS} FROM staff_users WHERE name = @name`);
  const byId = db.prepare<{ id: number }, StaffUser>(`SELECT ${COLUMNS} FROM staff_users WHERE id = @id`);
  const all = db.prepare<[], StaffUser>(`SELECT ${COLUMNS} FROM staff_users ORDER BY name`);
  const countAll = db.prepare<[], { n: number }>("SELECT count(*) AS n FROM staff_users");
  const insert = db.prepare(`
    INSERT INTO staff_users (name, password_hash, created_at, password_changed_at) VALUES (@name, @hash, @at, @at)`);
  const updatePassword = db.prepare("UPDATE staff_users SET password_hash = @hash, password_changed_at = @at WHERE id = @id");
  const updateLogin = db.prepare("UPDATE staff_users SET last_login_at = @at WHERE id = @id");
  const grantFirst = db.prepare("INSERT INTO staff_roles (user_id, role, account_id, granted_at) VALUES (@id, @role, @accountId, @at)");
  const addWithGrant = db.transaction((name: string, hash: string, at: number, grant: StaffGrant) => {
    const id = Number(insert.run({ name, hash, at }).lastInsertRowid);
    grantFirst.run({ id, role: grant.role, accountId: grant.accountId, at });
    return id;
  });
  const del = db.prepare("DELETE FROM staff_users WHERE name = @name");
  return {
    findByName: (name) => byName.get({ name }),
    findById: (id) => byId.get({ id }),
    list: () => all.all(),
    count: () => countAll.get()?.n ?? 0,
    add: (name, hash, at, grant = COUNTY_ADMIN) => addWithGrant(name, hash, at, grant),
    setPassword: (id, hash, at) => void updatePassword.run({ id, hash, at }),
    touchLogin: (id, at) => void updateLogin.run({ id, at }),
    remove: (name) => del.run({ name }).changes > 0,
  };
}
