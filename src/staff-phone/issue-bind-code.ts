import type { StaffPhoneStore } from "../db/stores/staff-phone-store";
import { BIND_CODE_TTL_MS, bindCodeMatches, hashBindCode, newBindCode, newSalt } from "./bind-code";

export interface IssuedCode {
  /** Shown once, on the page that asked for it; only its salted hash is stored. */
  code: string;
  expiresAt: Date;
}

/**
 * A new one-time code for a staff member (their earlier unused code stops working). Avoids the six
 * digits of another staff member's live code, so a code names exactly one login.
 */
export function issueBindCode(store: StaffPhoneStore, accountId: string, staffUserId: number, now: Date): IssuedCode {
  const live = store.recentCodes(accountId, new Date(now.getTime() - BIND_CODE_TTL_MS)).filter((c) => c.usedAt === null && c.expiresAt > now);
  let code = newBindCode();
  while (live.some((c) => bindCodeMatches(c.salt, c.codeHash, code))) code = newBindCode();
  const salt = newSalt();
  const expiresAt = new Date(now.getTime() + BIND_CODE_TTL_MS);
  store.issueCode({ accountId, staffUserId, salt, codeHash: hashBindCode(salt, code), createdAt: now, expiresAt });
  return { code, expiresAt };
}
