import { COUNTY_ACCOUNT_ID } from "../matrix/declared-account";
import { WeChatApiError } from "../errors";
import { categoryLogger, type Logger } from "../logger";
import type { Clock } from "../time";
import type { Db } from "../db/open-database";
import { createAccessTokenStore } from "../db/stores/access-token-store";
import { createAccessTokenProvider } from "./access-token";
import { backoffDelay, DEFAULT_BACKOFF, retryActionFor, type BackoffOptions } from "./api-errcodes";
import type { ApiCall, ApiRequest, WireBody } from "./api-types";
import { requestWeChat } from "./request-wechat";
import { commentEndpoints } from "./endpoints/comment";
import { customEndpoints } from "./endpoints/custom";
import { datacubeEndpoints } from "./endpoints/datacube";
import { draftEndpoints } from "./endpoints/draft";
import { freepublishEndpoints } from "./endpoints/freepublish";
import { massEndpoints } from "./endpoints/mass";
import { materialEndpoints } from "./endpoints/material";
import { mediaEndpoints } from "./endpoints/media";
import { menuEndpoints } from "./endpoints/menu";
import { userEndpoints } from "./endpoints/user";

export interface ApiClientDeps {
  /** config.wechat.apiBase: https://api.weixin.qq.com in production, the sandbox otherwise. */
  baseUrl: string;
  appId: string;
  appSecret: string;
  db: Db;
  clock: Clock;
  log: Logger;
  /** Injected so tests do not wait out real backoffs. */
  sleep?: (ms: number) => Promise<void>;
  accountId?: string;
  fetch?: typeof fetch;
  backoff?: Partial<BackoffOptions>;
  timeoutMs?: number;
  /** Refresh lease and poll interval of the shared token row (see access-token.ts). */
  tokenLeaseMs?: number;
  tokenPollMs?: number;
}

export type ApiClient = ReturnType<typeof createApiClient>;

export const WECHAT_API_BASE = "https://api.weixin.qq.com";

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * The one way out to WeChat's API. Every call gets the shared access token; errcode ≠ 0 becomes
 * WeChatApiError; a rejected token (40001/40014/42001) is dropped by compare-and-set, refreshed
 * once and the call retried once; -1 backs off (bounded exponential) where repeating is harmless;
 * everything else (quota, window, permission: 45009, 45028, 48001, 45015, 45047…) fails at once.
 */
export function createApiClient(deps: ApiClientDeps) {
  const log = categoryLogger(deps.log, "wechat");
  const sleep = deps.sleep ?? realSleep;
  const backoff: BackoffOptions = { ...DEFAULT_BACKOFF, ...deps.backoff };
  const accountId = deps.accountId ?? COUNTY_ACCOUNT_ID;
  const options = { baseUrl: deps.baseUrl, fetch: deps.fetch ?? fetch, timeoutMs: deps.timeoutMs ?? 15_000, log };

  const tokens = createAccessTokenProvider({
    appId: deps.appId,
    appSecret: deps.appSecret,
    accountId,
    store: createAccessTokenStore(deps.db),
    clock: deps.clock,
    log,
    sleep,
    backoff,
    leaseMs: deps.tokenLeaseMs,
    pollMs: deps.tokenPollMs,
    post: (path, json) => requestWeChat({ path, method: "POST", json, retryOnBusy: true }, undefined, options),
  });

  const call: ApiCall = async (request: ApiRequest): Promise<WireBody> => {
    let refreshed = false;
    for (let busyRetries = 0; ; ) {
      const token = await tokens.get();
      try {
        return await requestWeChat(request, token, options);
      } catch (err) {
        if (!(err instanceof WeChatApiError)) throw err;
        const action = retryActionFor(err.errcode);
        const context = { endpoint: request.path, errcode: err.errcode, errmsg: err.errmsg };
        if (action === "refresh-token" && !refreshed) {
          refreshed = true;
          const dropped = tokens.invalidate(token);
          log.warn({ ...context, dropped }, "access token rejected; refreshing once and retrying");
          continue;
        }
        if (action === "back-off" && request.retryOnBusy && busyRetries < backoff.maxRetries) {
          const delayMs = backoffDelay(busyRetries, backoff);
          busyRetries++;
          log.warn({ ...context, attempt: busyRetries, delayMs }, "wechat busy; backing off");
          await sleep(delayMs);
          continue;
        }
        log.warn(context, "wechat api error");
        throw err;
      }
    }
  };

  return {
    /** The current access token (for the rare caller that needs it raw, e.g. a diagnostics command). */
    getAccessToken: () => tokens.get(),
    media: mediaEndpoints(call),
    material: materialEndpoints(call),
    draft: draftEndpoints(call),
    freepublish: freepublishEndpoints(call),
    mass: massEndpoints(call, { clock: deps.clock, sleep }),
    custom: customEndpoints(call),
    menu: menuEndpoints(call),
    datacube: datacubeEndpoints(call),
    user: userEndpoints(call),
    comment: commentEndpoints(call),
  };
}
