/** Who is asking: the dashboard login (or "cli"). */
export interface StaffIdentity {
  name: string;
}

/**
 * Whether this staff member may lock (file) and unlock a month of 附件3. Issue 14 gives it to the
 * county admin; roles do not exist yet, so every signed-in staff member may. This is the one
 * place the roles work replaces.
 */
export function canLock(_staff: StaffIdentity): boolean {
  return true;
}
