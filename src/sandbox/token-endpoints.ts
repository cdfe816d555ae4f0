import { randomBytes } from "node:crypto";
import { startOfLocalDay } from "../time";
import { reject, type EndpointSpec, type Sandbox } from "./sandbox-context";

const TOKEN_TTL_MS = 7200_000;
/** WeChat hands out a new stable token once the current one has ≤ 5 min left (protocol §5.1). */
const RENEW_WITHIN_MS = 300_000;
/** Force mode: 20 a day, at least 30 s apart; beyond that 45009 (protocol §5.1). */
const FORCE_PER_DAY = 20;
const FORCE_MIN_GAP_MS = 30_000;

const newToken = () => `93_${randomBytes(96).toString("base64url")}`;

/** The token the request carries, if live: else 41001 missing, 42001 expired, 40001 unknown or superseded. */
export function checkAccessToken(sb: Sandbox, token: string | undefined, now: Date): string {
  if (!token) reject(41001);
  const row = sb.stores.tokens.find(token);
  if (!row || row.accountId !== sb.accountId || row.revokedAt !== null) reject(40001);
  if (row.expiresAt <= now.getTime()) reject(42001);
  return token;
}

/** After a forced 40001/40014/42001 the token used is really dead, so a refresh yields a new one. */
export function revokeRejectedToken(sb: Sandbox, token: string, now: Date): void {
  sb.stores.tokens.revoke(token, now.getTime());
}

function issue(sb: Sandbox, now: number, forced: boolean) {
  const accessToken = newToken();
  sb.stores.tokens.issue({ accountId: sb.accountId, accessToken, issuedAt: now, expiresAt: now + TOKEN_TTL_MS, forced });
  return { access_token: accessToken, expires_in: TOKEN_TTL_MS / 1000 };
}

/**
 * POST /cgi-bin/stable_token {grant_type, appid, secret, force_refresh}. Normal mode returns the
 * live token to everyone (with its remaining expires_in); force mode revokes it and issues another.
 */
export const stableTokenEndpoint = (sb: Sandbox): EndpointSpec => ({
  method: "POST",
  path: "/cgi-bin/stable_token",
  public: true,
  async handle(req) {
    const body = await req.json();
    if (body.grant_type !== "client_credential") reject(40002);
    if (!body.appid) reject(41002);
    if (body.appid !== sb.appId) reject(40013);
    if (!body.secret) reject(41004);
    if (body.secret !== sb.appSecret) reject(40125);
    if (sb.settings.stableTokenDelayMs > 0) {
      await new Promise((resolve) => setTimeout(resolve, sb.settings.stableTokenDelayMs));
    }
    // Decide after the delay and without awaiting again, so concurrent callers share one token.
    const now = sb.clock.now().getTime();
    if (body.force_refresh === true) {
      const forced = sb.stores.tokens.forcedSince(sb.accountId, startOfLocalDay(new Date(now)).getTime());
      if (forced.count >= FORCE_PER_DAY || (forced.lastAt !== null && now - forced.lastAt < FORCE_MIN_GAP_MS)) reject(45009);
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
