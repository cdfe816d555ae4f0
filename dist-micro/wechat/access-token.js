"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.createAccessTokenProvider = createAccessTokenProvider;
const node_crypto_1 = require("node:crypto");
const zod_1 = require("zod");
const errors_1 = require("../errors");
const api_types_1 = require("./api-types");
const api_errcodes_1 = require("./api-errcodes");
const STABLE_TOKEN = "/cgi-bin/stable_token";
/**
 * WeChat refreshes a stable token 5 min before it expires and keeps the old one valid meanwhile,
 * so we stop using a token expires_in − 300 s after getting it (protocol §5.1; silenceper's margin).
 */
const EXPIRY_MARGIN_S = 300;
const stableTokenResponse = zod_1.z.object({ access_token: zod_1.z.string().min(1), expires_in: zod_1.z.coerce.number().int() });
/**
 * The access token from POST /cgi-bin/stable_token in normal mode (force_refresh:false), which
 * returns the same token to every caller and never invalidates a live one (§5.1). Shared by the
 * web process, the scheduler and every CLI run through one SQLite row: the process that finds it
 * stale takes a lease in a BEGIN IMMEDIATE transaction and refreshes; the others poll the row until
 * the new token lands or the lease runs out, so there is never a stampede (anchors.md pain point #1).
 */
function createAccessTokenProvider(deps) {
    const leaseMs = deps.leaseMs ?? 15_000;
    const pollMs = deps.pollMs ?? 100;
    const owner = `${process.pid}-${(0, node_crypto_1.randomBytes)(4).toString("hex")}`;
    const { store, accountId, log } = deps;
    async function fetchStableToken() {
        const body = { grant_type: "client_credential", appid: deps.appId, secret: deps.appSecret, force_refresh: false };
        for (let attempt = 0;; attempt++) {
            try {
                const wire = await deps.post(STABLE_TOKEN, body);
                const parsed = (0, api_types_1.parseWire)(stableTokenResponse, wire, STABLE_TOKEN);
                return { token: parsed.access_token, expiresIn: parsed.expires_in };
            }
            catch (err) {
                const busy = err instanceof errors_1.WeChatApiError && err.errcode === api_errcodes_1.BUSY_ERRCODE;
                if (!busy || attempt >= deps.backoff.maxRetries)
                    throw err;
                const delay = (0, api_errcodes_1.backoffDelay)(attempt, deps.backoff);
                log.warn({ endpoint: STABLE_TOKEN, errcode: api_errcodes_1.BUSY_ERRCODE, attempt: attempt + 1, delayMs: delay }, "wechat busy; backing off");
                await deps.sleep(delay);
            }
        }
    }
    async function refresh() {
        try {
            const { token, expiresIn } = await fetchStableToken();
            const now = deps.clock.now().getTime();
            const expiresAt = now + Math.max(0, expiresIn - EXPIRY_MARGIN_S) * 1000;
            store.save({ accountId, token, expiresAt, now });
            log.info({ accountId, expiresIn }, "access token refreshed");
            return token;
        }
        catch (err) {
            store.release(accountId, owner);
            const errcode = err instanceof errors_1.WeChatApiError ? err.errcode : undefined;
            log.warn({ accountId, endpoint: STABLE_TOKEN, errcode, error: err.message }, "access token refresh failed");
            throw err;
        }
    }
    return {
        async get() {
            const cached = store.peek(accountId, deps.clock.now().getTime());
            if (cached)
                return cached;
            let waitedMs = 0;
            for (;;) {
                // A frozen or skewed clock must not keep us waiting forever on a dead process's lease:
                // past the lease length in real waiting, take over.
                const takeOver = waitedMs > leaseMs;
                const got = store.acquire({ accountId, owner, now: deps.clock.now().getTime(), leaseMs, takeOver });
                if (got.kind === "cached")
                    return got.token;
                if (got.kind === "leased")
                    return refresh();
                if (waitedMs === 0)
                    log.debug({ accountId }, "another process is refreshing the access token; waiting");
                await deps.sleep(pollMs);
                waitedMs += pollMs;
            }
        },
        invalidate(token) {
            return store.invalidate(accountId, token);
        },
    };
}
//# sourceMappingURL=access-token.js.map