import { can } from "../../src/staff/can";
import { canLock } from "../../src/matrix/can-lock";
import type { StaffGrant } from "../../src/db/stores/staff-role-store";

const LUNNAN_EDITOR: StaffGrant[] = [{ role: "editor", accountId: "lunnan" }];
const COUNTY_VIEWER: StaffGrant[] = [{ role: "viewer", accountId: "default" }];
const COUNTY_ADMIN: StaffGrant[] = [{ role: "admin", accountId: "*" }];
const LUNNAN_ADMIN: StaffGrant[] = [{ role: "admin", accountId: "lunnan" }];

describe("can(grants, action, account)", () => {
  it("lets a township editor view and edit their own account only", () => {
    expect(can(LUNNAN_EDITOR, "view", "lunnan")).toBe(true);
    expect(can(LUNNAN_EDITOR, "edit", "lunnan")).toBe(true);
    expect(can(LUNNAN_EDITOR, "view", "default")).toBe(false);
    expect(can(LUNNAN_EDITOR, "edit", "yangxia")).toBe(false);
    expect(can(LUNNAN_EDITOR, "administer", "*")).toBe(false);
  });

  it("lets a viewer view and nothing else", () => {
    expect(can(COUNTY_VIEWER, "view", "default")).toBe(true);
    expect(can(COUNTY_VIEWER, "edit", "default")).toBe(false);
    expect(can(COUNTY_VIEWER, "view", "lunnan")).toBe(false);
  });

  it("gives the county admin (`*`) everything, and one account's admin only that account", () => {
    for (const account of ["default", "lunnan", "yangxia", "*"]) for (const action of ["view", "edit", "administer"] as const) expect(can(COUNTY_ADMIN, action, account)).toBe(true);
    expect(can(LUNNAN_ADMIN, "edit", "lunnan")).toBe(true);
    expect(can(LUNNAN_ADMIN, "administer", "*")).toBe(false);
    expect(can([], "view", "default")).toBe(false);
  });

  it("locks 附件3 only for the county admin; an identity without grants may not", () => {
    expect(canLock({ name: "wangfang", grants: COUNTY_ADMIN })).toBe(true);
    expect(canLock({ name: "aygul", grants: LUNNAN_ADMIN })).toBe(false);
    expect(canLock({ name: "cli" })).toBe(false);
  });
});
