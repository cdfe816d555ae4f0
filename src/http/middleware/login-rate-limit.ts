import type { StaffLoginFailureStore } from "../../db/stores/staff-login-failure-store";
import type { Clock } from "../../time";

export interface LoginRateLimitOptions {
  failures: StaffLoginFailureStore;
  clock: Clock;
  /** Failures allowed per IP and name within the window (default 5 in 15 min). */
  maxPerName?: number;
  /** Failures allowed per IP over all names (default 20): stops guessing across many names. */
  maxPerIp?: number;
  windowMs?: number;
}

export type LimitCheck = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/**
 * Login throttling: a sliding window of failed attempts per "<ip>|<name>" and per "<ip>|*", kept
 * in the database so a restart does not reset it. A success clears the name's failures.
 */
export function createLoginRateLimit(options: LoginRateLimitOptions) {
  const windowMs = options.windowMs ?? 15 * 60_000;
  const limits = { name: options.maxPerName ?? 5, ip: options.maxPerIp ?? 20 };
  const keys = (ip: string, name: string) => ({ name: `${ip}|${name.trim().toLowerCase()}`, ip: `${ip}|*` });

  return {
    check(ip: string, name: string): LimitCheck {
      const now = options.clock.now().getTime();
      const k = keys(ip, name);
      let retryAt = 0;
      for (const [key, max] of [[k.name, limits.name], [k.ip, limits.ip]] as const) {
        const { n, oldest } = options.failures.countSince(key, now - windowMs);
        // Blocked until enough of the window's failures have aged out to go below the limit.
        if (n >= max && oldest !== null) retryAt = Math.max(retryAt, oldest + windowMs);
      }
      return retryAt > now ? { allowed: false, retryAfterSeconds: Math.ceil((retryAt - now) / 1000) } : { allowed: true };
    },
    fail(ip: string, name: string): void {
      const now = options.clock.now().getTime();
      const k = keys(ip, name);
      options.failures.prune(now - windowMs);
      options.failures.add(k.name, now);
      options.failures.add(k.ip, now);
    },
    succeed(ip: string, name: string): void {
      options.failures.clear(keys(ip, name).name);
    },
  };
}

export type LoginRateLimit = ReturnType<typeof createLoginRateLimit>;
