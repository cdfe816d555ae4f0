import { COUNTY_ACCOUNT_ID } from "./matrix/declared-account";
import type { Server } from "node:http";
import { loadConfig, loadDotEnv, type Config } from "./config";
import { ConfigError, ContentError } from "./errors";
import { createLogger, categoryLogger } from "./logger";
import { buildDeps, closeDeps, pointSandboxAtWebhook } from "./build-deps";
import { createApp } from "./http/create-app";
import { drainServer } from "./http/drain-server";
import { limitServer } from "./http/limit-server";
import type { Deps } from "./deps";
import { dashboardRoutes } from "./dashboard/routes/dashboard-routes";
import { bannerLine } from "./cli/banner-line";
import { describeStaffLogin } from "./cli/first-staff-user";
import { forgetRunningService, recordRunningService } from "./cli/running-service";
import { startScheduler } from "./scheduler/start-scheduler";
import { JOBS } from "./scheduler/jobs";

/**
 * After SIGTERM the server keeps accepting and answers 503 on /healthz for SHUTDOWN_GRACE_SECONDS,
 * so the proxy or load balancer in front sees the service stopping (a refused connection looks
 * like a crash); then in-flight requests get this long to finish before connections are cut.
 */
const DRAIN_MS = 10_000;

/** WeChat's console names for the three 消息加解密方式 (wechat-protocol.md §2). */
const ENCRYPT_MODE_NAMES: Record<string, string> = { plain: "明文模式", compat: "兼容模式", safe: "安全模式" };

/** What the operator reads at start: where everything is, in Chinese first (issue 15). */
export function describeStart(config: Config, deps: Pick<Deps, "account" | "matrix" | "matrixProblems">, url: string): string {
  const mode = config.wechat.encryptMode;
  const lines = [
    `青春轮台后台已启动：${url}`,
    bannerLine("微信消息接口", `${url}/wechat（消息加解密方式：${ENCRYPT_MODE_NAMES[mode] ?? mode} ${mode}）`),
  ];
  // The matrix's other accounts, each at its own URL (content/accounts.yml).
  for (const scoped of deps.matrix.values()) {
    const a = scoped.account;
    if (a.id === COUNTY_ACCOUNT_ID) continue;
    lines.push(bannerLine(`  ${a.declared.name}`, `${url}/wechat/${a.id}${a.declared.paused ? "（已暂停）" : ""}${config.sandbox ? `（令牌 ${a.secrets.token}）` : ""}`));
  }
  for (const [id, why] of deps.matrixProblems) {
    const name = config.matrix.accounts.find((a) => a.id === id)?.name ?? id;
    lines.push(bannerLine(`  ${name}`, `未启用（${id}）：${why.split("\n")[0]}`));
  }
  lines.push(bannerLine("健康检查", `${url}/healthz`));
  if (config.sandbox) {
    lines.push(
      bannerLine("运行模式", "沙箱（没有设置微信的 AppID 和 AppSecret，什么都不会发到微信）"),
      bannerLine("令牌 Token", `${deps.account.secrets.token}（本地生成，保存在 ${config.databasePath}）`),
      bannerLine("模拟微信", `${url}/sandbox（模拟的微信接口；它收到了什么：登录后台后看 ${url}/dashboard/sandbox/inspect）`),
      bannerLine("试一试", "npm run cli -- send 诚聘"),
      bannerLine("", "npm run cli -- send --event subscribe"),
    );
  }
  return lines.join("\n");
}

/**
 * Starts the HTTP server; SIGTERM/SIGINT turn /healthz to 503 for a grace period, then stop
 * accepting, finish in-flight requests and close the db.
 */
export async function main(): Promise<void> {
  loadDotEnv();
  let config: Config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n每一项设置的说明见 .env.example。\n`);
      process.exit(1);
    }
    throw err;
  }
  const log = createLogger({ level: config.logLevel, format: config.logFormat });
  const life = categoryLogger(log, "lifecycle");
  let deps: Deps;
  try {
    deps = buildDeps(config, log, { service: true });
  } catch (err) {
    if (err instanceof ContentError) {
      process.stderr.write(`${err.message}\n改好上面列出的文件后再启动；可以先运行 npm run cli -- check 检查。\n`);
      process.exit(1);
    }
    throw err;
  }
  const simulators = [...deps.matrix.values()].flatMap((scoped) => (scoped.sandbox ? [scoped.sandbox.router] : []));
  const app = createApp(deps, [dashboardRoutes(deps), ...simulators]);
  // Pushes answered from the journal before a crash or stop go into the database first.
  app.pushes.foldJournal();
  const server: Server = limitServer(app.listen(config.port, config.host));
  await new Promise<void>((resolve, reject) => {
    server.once("listening", resolve);
    server.once("error", reject);
  });
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : config.port;
  const host = config.host === "0.0.0.0" || config.host === "::" ? "127.0.0.1" : config.host;
  const origin = `http://${host}:${port}`;
  pointSandboxAtWebhook(deps, origin);
  // CLI commands send the sandbox's job-finish events here, whatever their PORT says (issue 15).
  recordRunningService(deps.stores.settings, { origin, pid: process.pid }, deps.clock.now());
  // Signals are handled before the service is announced: whoever reads the banner may stop it at
  // once (the tests do), and a SIGTERM with no handler would kill the process without draining.
  let scheduler: ReturnType<typeof startScheduler> | undefined;
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    life.info({ signal, graceMs: config.shutdownGraceMs }, "stopping: /healthz answers 503, then no new connections, finishing in-flight requests");
    // No new job runs; the one under way (a publication mid-step) finishes before the db closes.
    const schedulerStopped = scheduler ? scheduler.stop() : Promise.resolve();
    void drainServer(server, deps.lifecycle, {
      graceMs: config.shutdownGraceMs,
      timeoutMs: DRAIN_MS,
      onPhase: (phase) =>
        phase === "closing" ? life.info("stopping: no new connections") : life.warn("drain timeout, closing remaining connections"),
    }).then(() =>
      schedulerStopped.finally(() => {
        app.pushes.foldJournal();
        app.pushes.close();
        forgetRunningService(deps.stores.settings, process.pid);
        return closeDeps(deps).then(() => life.info("stopped cleanly"));
      }),
    );
  };
  process.once("SIGTERM", () => stop("SIGTERM"));
  process.once("SIGINT", () => stop("SIGINT"));
  const staffLines = await describeStaffLogin(deps, origin);
  process.stdout.write([describeStart(config, deps, origin), ...staffLines].join("\n") + "\n");
  life.info({ port, sandbox: config.sandbox }, "service started");
  // Publishing and stats run on their own clock; started once the webhook can receive job results.
  if (!stopping) scheduler = startScheduler(deps, JOBS);
}

if (require.main === module) {
  main().catch((err) => {
    // EADDRINUSE is the one an operator meets most (a second `npm start`, another service on PORT).
    const code = (err as NodeJS.ErrnoException).code;
    const hint = code === "EADDRINUSE" ? "端口已被别的程序占用：停掉它，或在 .env 里设 PORT 换一个端口。\n" : "";
    process.stderr.write(`启动失败，服务已退出：${hint}${(err as Error).stack ?? String(err)}\n`);
    process.exit(1);
  });
}
