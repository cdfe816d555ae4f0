import { randomBytes } from "node:crypto";
import { z } from "zod";
import { WeChatApiError } from "../errors";
import type { Logger } from "../logger";
import type { Clock } from "../time";
import type { AccessTokenStore } from "../db/stores/access-token-store";
import { parseWire, type WireBody } from "./api-types";
import { backoffDelay, BUSY_ERRCODE, type BackoffOptions } from "./api-errcodes";

export interface AccessTokenDeps {
  appId: string;
  appSecret: string;
  accountId: string;
  store: AccessTokenStore;
  clock: Clock;
  log: Logger;
  sleep: (ms: number) => Promise<void>;
  /** POSTs /cgi-bin/stable_token once (no retry); errcode ≠ 0 throws WeChatApiError. */
  post: (path: string, json: unknown) => Promise<WireBody>;
  backoff: BackoffOptions;
  /** How long one process may hold the refresh lease (covers a slow stable_token call). */
  leaseMs?: number;
  /** How often a waiting process looks at the shared row again. */
  pollMs?: number;
}

export interface AccessTokenProvider {
  /** A usable token: cached in SQLite, else refreshed by exactly one process while the others wait. */
  get(): Promise<string>;
  /** Drops `token` if it is still the cached one (compare-and-set). @returns whether it was dropped */
  invalidate(token: string): boolean;
}

const STABLE_TOKEN = "/cgi-bin/stable_token";

/**
 * WeChat refreshes a stable token 5 min before it expires and keeps the old one valid meanwhile,
 * so we stop using a token expires_in − 300 s after getting it (protocol §5.1; silenceper's margin).
 */
const EXPIRY_MARGIN_S = 300;

const stableTokenResponse = z.object({ access_token: z.string().min(1), expires_in: z.coerce.number().int() });

/**
 * The access token from POST /cgi-bin/stable_token in normal mode (force_refresh:false), which
 * returns the same token to every caller and never invalidates a live one (§5.1). Shared by the
 * web process, the scheduler and every CLI run through one SQLite row: the process that finds it
 * stale takes a lease in a BEGIN IMMEDIATE transaction and refreshes; the others poll the row until
 * the new token lands or the lease runs out, so there is never a stampede (anchors.md pain point #1).
 */
export function createAccessTokenProvider(deps: AccessTokenDeps): AccessTokenProvider {
  const leaseMs = deps.leaseMs ?? 15_000;
  const pollMs = deps.pollMs ?? 100;
  const owner = `${process.pid}-${randomBytes(4).toString("hex")}`;
  const { store, accountId, log } = deps;

  async function fetchStableToken(): Promise<{ token: string; expiresIn: number }> {
    const body = { grant_type: "client_credential", appid: deps.appId, secret: deps.appSecret, force_refresh: false };
    for (let attempt = 0; ; attempt++) {
      try {
        const wire = await deps.post(STABLE_TOKEN, body);
        const parsed = parseWire(stableTokenResponse, wire, STABLE_TOKEN);
        return { token: parsed.access_token, expiresIn: parsed.expires_in };
      } catch (err) {
        const busy = err instanceof WeChatApiError && err.errcode === BUSY_ERRCODE;
        if (!busy || attempt >= deps.backoff.maxRetries) throw err;
        const delay = backoffDelay(attempt, deps.backoff);
        log.warn({ endpoint: STABLE_TOKEN, errcode: BUSY_ERRCODE, attempt: attempt + 1, delayMs: delay }, "wechat busy; backing off");
        await deps.sleep(delay);
      }
    }
  }

  async function refresh(): Promise<string> {
    try {
      const { token, expiresIn } = await fetchStableToken();
      const now = deps.clock.now().getTime();
      const expiresAt = now + Math.max(0, expiresIn - EXPIRY_MARGIN_S) * 1000;
      store.save({ accountId, token, expiresAt, now });
      log.info({ accountId, expiresIn }, "access token refreshed");
      return token;
    } catch (err) {
      store.release(accountId, owner);
      const errcode = err instanceof WeChatApiError ? err.errcode : undefined;
      // Kept for the 矩阵 page: a bad secret or 40164 stops everything this account does (issue 14).
      store.recordFailure(accountId, { at: deps.clock.now().getTime(), errcode: errcode ?? null, detail: err instanceof WeChatApiError ? err.errmsg : (err as Error).message });
      log.warn({ accountId, endpoint: STABLE_TOKEN, errcode, error: (err as Error).message }, "access token refresh failed");
      throw err;
    }
  }

  return {
    async get() {
      const cached = store.peek(accountId, deps.clock.now().getTime());
      if (cached) return cached;
      let waitedMs = 0;
      for (;;) {
        // A frozen or skewed clock must not keep us waiting forever on a dead process's lease:
        // past the lease length in real waiting, take over.
        const takeOver = waitedMs > leaseMs;
        const got = store.acquire({ accountId, owner, now: deps.clock.now().getTime(), leaseMs, takeOver });
        if (got.kind === "cached") return got.token;
        if (got.kind === "leased") return refresh();
        if (waitedMs === 0) log.debug({ accountId }, "another process is refreshing the access token; waiting");
        await deps.sleep(pollMs);
        waitedMs += pollMs;
      }
    },
    invalidate(token) {
      return store.invalidate(accountId, token);
    },
  };
}
