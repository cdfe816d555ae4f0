import { randomBytes } from "node:crypto";
import { hostname } from "node:os";

/** Identifies this process as the holder of a publication's lease: host:pid:nonce. */
export function newLeaseOwner(): string {
  return `${hostname()}:${process.pid}:${randomBytes(4).toString("hex")}`;
}

/**
 * Whether `owner` was a process on this machine that no longer runs (killed, crashed): its lease
 * can be taken over at once instead of waiting for it to expire. Another host, or a pid that still
 * answers, is presumed alive.
 */
export function isDeadLocalOwner(owner: string | null): boolean {
  if (owner === null) return false;
  const [host, pidText] = owner.split(":");
  const pid = Number(pidText);
  if (host !== hostname() || !Number.isInteger(pid) || pid <= 0 || pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return false;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "ESRCH";
  }
}
