import type { StaffLoginFailureStore } from "../../db/stores/staff-login-failure-store";
import type { Clock } from "../../time";

export interface LoginRateLimitOptions {
  failures: StaffLoginFailureStore;
  clock: Clock;
  /** Attempts allowed per IP and name within the window (default 5 in 15 min). */
  maxPerName?: number;
  /** Attempts allowed per IP over all names (default 20): stops guessing across many names. */
  maxPerIp?: number;
  windowMs?: number;
}

/** An attempt counted before its password check; hand it back to `succeed` if the password was right. */
export interface LoginAttempt {
  readonly ip: string;
  readonly name: string;
  readonly ids: readonly number[];
}

export type LimitCheck = { allowed: true; attempt: LoginAttempt } | { allowed: false; retryAfterSeconds: number };

/**
 * Login throttling: a sliding window of attempts per "<ip>|<name>" and per "<ip>|*", kept in the
 * database so a restart does not reset it.
 *
 * `reserve` counts the attempt before the (slow, asynchronous) scrypt check, in one synchronous
 * transaction with the count it depends on. Counting only after the check let any number of
 * parallel guesses pass the count before the first failure was written (issue 12): now at most
 * `maxPerName` guesses per IP and name reach the hash in a window, however many arrive at once.
 * A success withdraws its attempt and clears the name's failures.
 */
export function createLoginRateLimit(options: LoginRateLimitOptions) {
  const windowMs = options.windowMs ?? 15 * 60_000;
  const limits = { name: options.maxPerName ?? 5, ip: options.maxPerIp ?? 20 };
  const keys = (ip: string, name: string) => ({ name: `${ip}|${name.trim().toLowerCase()}`, ip: `${ip}|*` });
  const { failures } = options;

  return {
    reserve(ip: string, name: string): LimitCheck {
      const now = options.clock.now().getTime();
      const k = keys(ip, name);
      return failures.atomically((): LimitCheck => {
        failures.prune(now - windowMs);
        let retryAt = 0;
        for (const [key, max] of [[k.name, limits.name], [k.ip, limits.ip]] as const) {
          const { n, oldest } = failures.countSince(key, now - windowMs);
          // Blocked until enough of the window's attempts have aged out to go below the limit.
          if (n >= max && oldest !== null) retryAt = Math.max(retryAt, oldest + windowMs);
        }
        if (retryAt > now) return { allowed: false, retryAfterSeconds: Math.ceil((retryAt - now) / 1000) };
        return { allowed: true, attempt: { ip, name, ids: [failures.add(k.name, now), failures.add(k.ip, now)] } };
      });
    },
    succeed(attempt: LoginAttempt): void {
      failures.atomically(() => {
        for (const id of attempt.ids) failures.remove(id);
        failures.clear(keys(attempt.ip, attempt.name).name);
      });
    },
  };
}

export type LoginRateLimit = ReturnType<typeof createLoginRateLimit>;
