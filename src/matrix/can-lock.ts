import { ALL_ACCOUNTS, type StaffGrant } from "../db/stores/staff-role-store";
import { can } from "../staff/can";

/** Who is asking: the dashboard login (or "cli") and their grants. */
export interface StaffIdentity {
  name: string;
  /** Absent: no rights (entering figures needs only a name; the route checked the role). */
  grants?: readonly StaffGrant[];
}

/** Locking (filing) and unlocking a month of 附件3 is the county admin's (issue 14, Roles). */
export function canLock(staff: StaffIdentity): boolean {
  return can(staff.grants ?? [], "administer", ALL_ACCOUNTS);
}
