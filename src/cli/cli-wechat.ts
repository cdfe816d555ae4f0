import type { Deps } from "../deps";
import { createApiClient, type ApiClient } from "../wechat/api-client";
import { routeJobEvents } from "./job-event-route";
import type { ServiceProbe } from "./running-service";

export interface WithWeChatOptions {
  /** Told, in Chinese, where each job-finish event went (CLI output). */
  out?: (text: string) => void;
  /** Tests: how the running service is found. */
  probe?: ServiceProbe;
}

/**
 * The API client a CLI command uses. In sandbox mode the simulator is served in this process on a
 * loopback port, on the same database as the server's, so the command works whether or not the
 * server runs and sees the same simulated WeChat (drafts, jobs, quotas). Its job-finish events go
 * to the running service, or are recorded here when there is none (job-event-route.ts).
 */
export async function withWeChat<T>(deps: Deps, fn: (wechat: ApiClient) => Promise<T>, options: WithWeChatOptions = {}): Promise<T> {
  if (!deps.sandbox) return fn(deps.wechat);
  const served = await deps.sandbox.listen(0);
  const events = await routeJobEvents(deps, options.probe);
  try {
    const { id: accountId, secrets } = deps.account;
    const wechat = createApiClient({ baseUrl: served.baseUrl, accountId, appId: secrets.appId, appSecret: secrets.appSecret, db: deps.db, clock: deps.clock, log: deps.log });
    return await fn(wechat);
  } finally {
    await deps.sandbox.idle();
    await events.close();
    await served.close();
    for (const line of events.report()) options.out?.(`${line}\n`);
  }
}
