import { randomBytes } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import type { Deps } from "../deps";
import { pointSandboxAtWebhook } from "../build-deps";
import { webhookPathOf } from "../webhook/webhook-path";
import { createPushHandler } from "../webhook/handle-push";
import { findRunningService, type ServiceProbe } from "./running-service";

/** What editors call the events (the wire names stay in brackets for whoever reads the logs). */
const EVENT_NAMES: Record<string, string> = {
  MASSSENDJOBFINISH: "群发结果通知（MASSSENDJOBFINISH）",
  PUBLISHJOBFINISH: "发布结果通知（PUBLISHJOBFINISH）",
};

export interface JobEventRoute {
  /** Where the job-finish events of this command went, one Chinese line each (none: no job finished). */
  report(): string[];
  close(): Promise<void>;
}

/**
 * Sandbox mode: where this command's simulator pushes its job-finish events. To the service running
 * on the same database when there is one (it recorded its address at listen, running-service.ts);
 * otherwise to this command's own copy of the webhook's push handler on a loopback port, so the
 * result (送达人数, the article's URL) is recorded by the same code (handle-push → record-push)
 * and nothing is lost when the service is down. Never guessed from PORT (issue 15).
 */
export async function routeJobEvents(deps: Deps, probe?: ServiceProbe): Promise<JobEventRoute> {
  const sandbox = deps.sandbox;
  if (!sandbox) return { report: () => [], close: async () => {} };
  // Tells this command's pushes apart from the service's in the sandbox's outbox.
  const marker = `?via=cli-${randomBytes(4).toString("hex")}`;
  const service = await findRunningService(deps.stores.settings, probe);
  let origin = service;
  let close = async () => {};
  if (origin === undefined) {
    const pushes = createPushHandler(deps);
    const server = createServer((req, res) => {
      if (!pushes.serve(req, res)) res.writeHead(404).end();
    });
    await new Promise<void>((resolve, reject) => server.once("error", reject).listen(0, "127.0.0.1", resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    close = () =>
      new Promise<void>((resolve) => {
        pushes.close();
        server.closeAllConnections();
        server.close(() => resolve());
      });
  }
  pointSandboxAtWebhook(deps, origin, marker);
  const path = webhookPathOf(deps.account.id);
  const url = `${origin}${path}${marker}`;
  return {
    close,
    report() {
      const ours = sandbox.inspect(50).pushes.filter((p) => p.url === url).reverse();
      return ours.map((p) => {
        const name = EVENT_NAMES[p.event] ?? p.event;
        if (service === undefined) {
          return p.httpStatus === 200
            ? `${name}：服务未在运行，本命令已直接记录结果（与服务接收时同一段代码）`
            : `${name}：服务未在运行，本命令记录结果失败（${p.error ?? `HTTP ${p.httpStatus}`}）；请把这一行和上面的日志发给技术人员`;
        }
        return p.httpStatus === 200
          ? `${name}：已送到运行中的服务 ${origin}${path}，服务已记录结果`
          : `${name}：送到运行中的服务 ${origin}${path} 失败（${p.error ?? `HTTP ${p.httpStatus}`}）；请查看服务日志，确认服务与本命令使用同一个 .env`;
      });
    },
  };
}
