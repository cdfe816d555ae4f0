import type { Deps } from "../deps";
import { pointSandboxAtWebhook } from "../build-deps";
import { resolveSecrets } from "../resolve-accounts";
import { createApiClient, type ApiClient } from "../wechat/api-client";

/**
 * The API client a CLI command uses. In sandbox mode the simulator is served in this process on a
 * loopback port, on the same database as the server's, so the command works whether or not the
 * server runs and sees the same simulated WeChat (drafts, jobs, quotas).
 */
export async function withWeChat<T>(deps: Deps, fn: (wechat: ApiClient) => Promise<T>): Promise<T> {
  if (!deps.sandbox) return fn(deps.wechat);
  const served = await deps.sandbox.listen(0);
  // Job results go to the running server's webhook (if it is not running, polling still finishes the job).
  pointSandboxAtWebhook(deps, `http://127.0.0.1:${deps.config.port}`);
  try {
    const secrets = resolveSecrets(deps.config, deps.stores.settings, deps.clock);
    const wechat = createApiClient({ baseUrl: served.baseUrl, appId: secrets.appId, appSecret: secrets.appSecret, db: deps.db, clock: deps.clock, log: deps.log });
    return await fn(wechat);
  } finally {
    await deps.sandbox.idle();
    await served.close();
  }
}
