import { createHash, randomBytes, randomInt, timingSafeEqual } from "node:crypto";

/** A code lives 10 minutes: long enough to pick up the phone, short enough to be worthless later. */
export const BIND_CODE_TTL_MS = 10 * 60_000;

/** Six digits, as a person types them on a phone keyboard. */
export const newBindCode = (): string => String(randomInt(0, 1_000_000)).padStart(6, "0");

export const newSalt = (): string => randomBytes(16).toString("base64url");

/** Salted SHA-256: a copy of the database does not show live codes (each needs its own million tries). */
export const hashBindCode = (salt: string, code: string): string => createHash("sha256").update(`${salt}:${code}`).digest("hex");

export function bindCodeMatches(salt: string, codeHash: string, code: string): boolean {
  const a = Buffer.from(hashBindCode(salt, code), "hex");
  const b = Buffer.from(codeHash, "hex");
  return a.length === b.length && timingSafeEqual(a, b);
}
