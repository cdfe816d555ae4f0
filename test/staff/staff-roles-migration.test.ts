import Database from "better-sqlite3";
import { listMigrations, migrate } from "../../src/db/migrate";
import { createStaffRoleStore } from "../../src/db/stores/staff-role-store";
import { createStaffUserStore } from "../../src/db/stores/staff-user-store";

describe("migration 0014_staff_roles", () => {
  it("makes every user of an older install a county admin, and new users too unless told", () => {
    const db = new Database(":memory:");
    db.pragma("foreign_keys = ON");
    const all = listMigrations();
    migrate(db, all.filter((m) => m.version < 14));
    const at = Date.parse("2026-03-01T02:00:00Z");
    const insert = db.prepare("INSERT INTO staff_users (name, password_hash, created_at, password_changed_at) VALUES (?, 'scrypt$x', ?, ?)");
    insert.run("wangfang", at, at);
    insert.run("demo", at, at);
    expect(migrate(db, all)).toContain("0014_staff_roles.sql");

    const roles = createStaffRoleStore(db);
    expect(roles.all().map((g) => [g.userName, g.role, g.accountId, g.grantedAt])).toEqual([
      ["demo", "admin", "*", at],
      ["wangfang", "admin", "*", at],
    ]);

    const users = createStaffUserStore(db);
    const later = Date.parse("2026-11-23T02:00:00Z");
    const aygul = users.add("aygul", "scrypt$y", later, { role: "editor", accountId: "lunnan" });
    const liming = users.add("liming", "scrypt$z", later);
    expect(roles.grantsOf(aygul)).toEqual([{ role: "editor", accountId: "lunnan" }]);
    expect(roles.grantsOf(liming)).toEqual([{ role: "admin", accountId: "*" }]);
    // A removed user takes their grants along (ON DELETE CASCADE).
    users.remove("aygul");
    expect(roles.all().some((g) => g.userId === aygul)).toBe(false);
    db.close();
  });
});
