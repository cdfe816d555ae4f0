"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.createLoginRateLimit = createLoginRateLimit;
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
function createLoginRateLimit(options) {
    const windowMs = options.windowMs ?? 15 * 60_000;
    const limits = { name: options.maxPerName ?? 5, ip: options.maxPerIp ?? 20 };
    const keys = (ip, name) => ({ name: `${ip}|${name.trim().toLowerCase()}`, ip: `${ip}|*` });
    const { failures } = options;
    return {
        reserve(ip, name) {
            const now = options.clock.now().getTime();
            const k = keys(ip, name);
            return failures.atomically(() => {
                failures.prune(now - windowMs);
                let retryAt = 0;
                for (const [key, max] of [[k.name, limits.name], [k.ip, limits.ip]]) {
                    const { n, oldest } = failures.countSince(key, now - windowMs);
                    // Blocked until enough of the window's attempts have aged out to go below the limit.
                    if (n >= max && oldest !== null)
                        retryAt = Math.max(retryAt, oldest + windowMs);
                }
                if (retryAt > now)
                    return { allowed: false, retryAfterSeconds: Math.ceil((retryAt - now) / 1000) };
                return { allowed: true, attempt: { ip, name, ids: [failures.add(k.name, now), failures.add(k.ip, now)] } };
            });
        },
        succeed(attempt) {
            failures.atomically(() => {
                for (const id of attempt.ids)
                    failures.remove(id);
                failures.clear(keys(attempt.ip, attempt.name).name);
            });
        },
    };
}
//# sourceMappingURL=login-rate-limit.js.map