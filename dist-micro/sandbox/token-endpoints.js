"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.stableTokenEndpoint = void 0;
exports.checkAccessToken = checkAccessToken;
exports.revokeRejectedToken = revokeRejectedToken;
const node_crypto_1 = require("node:crypto");
const time_1 = require("../time");
const sandbox_context_1 = require("./sandbox-context");
const TOKEN_TTL_MS = 7200_000;
/** WeChat hands out a new stable token once the current one has ≤ 5 min left (protocol §5.1). */
const RENEW_WITHIN_MS = 300_000;
/** Force mode: 20 a day, at least 30 s apart; beyond that 45009 (protocol §5.1). */
const FORCE_PER_DAY = 20;
const FORCE_MIN_GAP_MS = 30_000;
const newToken = () => `93_${(0, node_crypto_1.randomBytes)(96).toString("base64url")}`;
/** The token the request carries, if live: else 41001 missing, 42001 expired, 40001 unknown or superseded. */
function checkAccessToken(sb, token, now) {
    if (!token)
        (0, sandbox_context_1.reject)(41001);
    const row = sb.stores.tokens.find(token);
    if (!row || row.accountId !== sb.accountId || row.revokedAt !== null)
        (0, sandbox_context_1.reject)(40001);
    if (row.expiresAt <= now.getTime())
        (0, sandbox_context_1.reject)(42001);
    return token;
}
/** After a forced 40001/40014/42001 the token used is really dead, so a refresh yields a new one. */
function revokeRejectedToken(sb, token, now) {
    sb.stores.tokens.revoke(token, now.getTime());
}
function issue(sb, now, forced) {
    const accessToken = newToken();
    sb.stores.tokens.issue({ accountId: sb.accountId, accessToken, issuedAt: now, expiresAt: now + TOKEN_TTL_MS, forced });
    return { access_token: accessToken, expires_in: TOKEN_TTL_MS / 1000 };
}
/**
 * POST /cgi-bin/stable_token {grant_type, appid, secret, force_refresh}. Normal mode returns the
 * live token to everyone (with its remaining expires_in); force mode revokes it and issues another.
 */
const stableTokenEndpoint = (sb) => ({
    method: "POST",
    path: "/cgi-bin/stable_token",
    public: true,
    async handle(req) {
        const body = await req.json();
        if (body.grant_type !== "client_credential")
            (0, sandbox_context_1.reject)(40002);
        if (!body.appid)
            (0, sandbox_context_1.reject)(41002);
        if (body.appid !== sb.appId)
            (0, sandbox_context_1.reject)(40013);
        if (!body.secret)
            (0, sandbox_context_1.reject)(41004);
        if (body.secret !== sb.appSecret)
            (0, sandbox_context_1.reject)(40125);
        if (sb.settings.stableTokenDelayMs > 0) {
            await new Promise((resolve) => setTimeout(resolve, sb.settings.stableTokenDelayMs));
        }
        // Decide after the delay and without awaiting again, so concurrent callers share one token.
        const now = sb.clock.now().getTime();
        if (body.force_refresh === true) {
            const forced = sb.stores.tokens.forcedSince(sb.accountId, (0, time_1.startOfLocalDay)(new Date(now)).getTime());
            if (forced.count >= FORCE_PER_DAY || (forced.lastAt !== null && now - forced.lastAt < FORCE_MIN_GAP_MS))
                (0, sandbox_context_1.reject)(45009);
            sb.stores.tokens.revokeAll(sb.accountId, now);
            return issue(sb, now, true);
        }
        const current = sb.stores.tokens.current(sb.accountId);
        if (current && current.expiresAt - now > RENEW_WITHIN_MS) {
            return { access_token: current.accessToken, expires_in: Math.floor((current.expiresAt - now) / 1000) };
        }
        return issue(sb, now, false);
    },
});
exports.stableTokenEndpoint = stableTokenEndpoint;
//# sourceMappingURL=token-endpoints.js.map