import { COUNTY_ACCOUNT_ID } from "../matrix/declared-account";
import { createServer, type Server } from "node:http";
import Koa from "koa";
import Router from "@koa/router";
import { categoryLogger } from "../logger";
import { createSandboxApprovalStore } from "../db/stores/sandbox-approval-store";
import { createSandboxCommentStore } from "../db/stores/sandbox-comment-store";
import { createSandboxContentStore } from "../db/stores/sandbox-content-store";
import { createSandboxControlStore, type InteractionKind } from "../db/stores/sandbox-control-store";
import { createSandboxJobStore } from "../db/stores/sandbox-job-store";
import { createSandboxOutboxStore } from "../db/stores/sandbox-outbox-store";
import { createSandboxTokenStore } from "../db/stores/sandbox-token-store";
import { commentArticle, commentEndpoints } from "./comment-endpoints";
import { customSendEndpoint } from "./custom-endpoints";
import { draftAddEndpoint, freepublishGetEndpoint, freepublishSubmitEndpoint } from "./draft-endpoints";
import { draftBatchGetEndpoint, freepublishBatchGetEndpoint } from "./batchget-endpoints";
import { inspectSandbox, type SandboxInspection } from "./inspect-sandbox";
import { decideMassSend } from "./mass-approval";
import { massGetEndpoint, massPreviewEndpoint, massSendAllEndpoint } from "./mass-endpoints";
import { addMaterialEndpoint, uploadImgEndpoint } from "./media-endpoints";
import { menuCreateEndpoint, menuGetEndpoint } from "./menu-endpoints";
import { followerOpenIds } from "./fake-figures";
import { mountEndpoint } from "./mount-endpoint";
import type { EndpointSpec, Sandbox, SandboxDeps, SandboxSettings } from "./sandbox-context";
import { datacubeEndpoints, updateRemarkEndpoint, userGetEndpoint } from "./stats-endpoints";
import { stableTokenEndpoint } from "./token-endpoints";

export interface SandboxApp {
  /**
   * The simulated API under the prefix ("/sandbox"): mount with createApp(deps, [sandbox.router]).
   * Its control routes (inspect, faults, settings) are not here: the dashboard mounts them behind
   * the staff login (control-routes.ts).
   */
  router: Router;
  /** The API base URL to give the client once the app listens at `origin` (e.g. http://127.0.0.1:3000). */
  apiBase(origin: string): string;
  /** Serves the sandbox alone (tests: port 0 on 127.0.0.1). */
  listen(port?: number, host?: string): Promise<{ baseUrl: string; server: Server; close(): Promise<void> }>;
  /** The next `times` calls of `endpoint` ("draft/add", "/cgi-bin/draft/add", "datacube/getusersummary") answer `errcode`. */
  injectError(endpoint: string, errcode: number, times?: number, options?: { afterProcessing?: boolean }): void;
  clearErrors(): void;
  /** A youth did something: opens the customer-service window (message: 5 in 48 h; others: 3 in 1 min). */
  recordInteraction(openId: string, kind: InteractionKind, at?: Date): void;
  configure(settings: Partial<SandboxSettings>): void;
  /**
   * A youth comments on a published article (msg_data_id and 0-based index as the ledger has them);
   * it appears in comment/list like any other. Throws when the simulator sent no such article.
   * @returns the comment's user_comment_id
   */
  addComment(comment: { msgDataId: string; index?: number; content: string; openId?: string | null; at?: Date }): string;
  /**
   * The admin answers a sendall held by API 群发保护 (settings.massProtection): the one with this
   * clientmsgid, else the newest waiting one. Approved, the send goes out as any other. Throws
   * when none is waiting (never asked, decided already, or past its 30 minutes).
   * @returns the msg_id of the send made on approval
   */
  approveMassSend(clientMsgId?: string): string;
  refuseMassSend(clientMsgId?: string): void;
  /** Another party force-refreshed: every live token now answers 40001 and stable_token issues a new one. */
  revokeTokens(): void;
  countCalls(endpoint?: string): number;
  inspect(limit?: number): SandboxInspection;
  /** Resolves when scheduled jobs (publish, mass send) and their pushes are done. */
  idle(): Promise<void>;
  /** Cancels pending jobs (they finish lazily on the next freepublish/get or mass/get). */
  close(): void;
}

const DEFAULT_SETTINGS: SandboxSettings = {
  accountType: "subscription",
  verified: true,
  callback: undefined,
  jobDelayMs: 1500,
  stableTokenDelayMs: 0,
  publishOutcome: { status: 0, failIdx: [] },
  massProtection: false,
};

/** "draft/add" → "/cgi-bin/draft/add"; datacube paths keep their own root. */
export function normalizeEndpoint(endpoint: string): string {
  const bare = endpoint.replace(/^\/+/, "");
  return bare.startsWith("cgi-bin/") || bare.startsWith("datacube/") ? `/${bare}` : `/cgi-bin/${bare}`;
}

/**
 * The embedded WeChat API simulator: same endpoints, shapes, limits and errcodes as
 * api.weixin.qq.com for everything the service calls, state in SQLite (shared by the web process
 * and CLI runs), job-finish events pushed back to the webhook signed as WeChat signs them.
 */
export function createSandboxApp(deps: SandboxDeps): SandboxApp {
  const prefix = deps.prefix ?? "/sandbox";
  const log = categoryLogger(deps.log, "sandbox");
  const timers = new Map<NodeJS.Timeout, () => void>();
  const pending = new Set<Promise<void>>();
  const settings: SandboxSettings = { ...DEFAULT_SETTINGS };
  for (const key of Object.keys(DEFAULT_SETTINGS) as (keyof SandboxSettings)[]) {
    if (deps[key] !== undefined) Object.assign(settings, { [key]: deps[key] });
  }
  const sb: Sandbox = {
    accountId: deps.accountId ?? COUNTY_ACCOUNT_ID,
    appId: deps.appId,
    appSecret: deps.appSecret,
    seed: deps.seed ?? deps.appId,
    clock: deps.clock,
    log,
    settings,
    fetch: deps.fetch ?? fetch,
    stores: {
      tokens: createSandboxTokenStore(deps.db),
      control: createSandboxControlStore(deps.db),
      content: createSandboxContentStore(deps.db),
      jobs: createSandboxJobStore(deps.db),
      outbox: createSandboxOutboxStore(deps.db),
      comments: createSandboxCommentStore(deps.db),
      approvals: createSandboxApprovalStore(deps.db),
    },
    recentSendAlls: [],
    later(delayMs, task) {
      let settle!: () => void;
      const done = new Promise<void>((resolve) => (settle = resolve));
      const finish = () => {
        pending.delete(done);
        settle();
      };
      const timer = setTimeout(() => {
        timers.delete(timer);
        Promise.resolve()
          .then(task)
          .catch((err: unknown) => log.error({ err }, "sandbox job failed"))
          .finally(finish);
      }, delayMs);
      timer.unref();
      timers.set(timer, finish);
      pending.add(done);
    },
  };

  const specs: EndpointSpec[] = [
    stableTokenEndpoint(sb),
    uploadImgEndpoint(sb),
    addMaterialEndpoint(sb),
    updateRemarkEndpoint(sb),
    draftAddEndpoint(sb),
    freepublishSubmitEndpoint(sb),
    freepublishGetEndpoint(sb),
    draftBatchGetEndpoint(sb),
    freepublishBatchGetEndpoint(sb),
    massSendAllEndpoint(sb),
    massPreviewEndpoint(sb),
    massGetEndpoint(sb),
    customSendEndpoint(sb),
    menuCreateEndpoint(sb),
    menuGetEndpoint(sb),
    ...datacubeEndpoints(sb),
    userGetEndpoint(sb),
    ...commentEndpoints(sb),
  ];
  const known = new Set(specs.map((s) => s.path));
  const router = new Router({ prefix });
  for (const spec of specs) mountEndpoint(router, sb, spec);

  const app: SandboxApp = {
    router,
    apiBase: (origin) => origin.replace(/\/+$/, "") + prefix,
    async listen(port = 0, host = "127.0.0.1") {
      const koa = new Koa();
      koa.silent = true;
      koa.use(router.routes()).use(router.allowedMethods());
      const server = createServer(koa.callback());
      await new Promise<void>((resolve, reject) => server.once("error", reject).listen(port, host, resolve));
      const address = server.address();
      const actual = typeof address === "object" && address ? address.port : port;
      const close = () =>
        new Promise<void>((resolve) => {
          server.closeAllConnections();
          server.close(() => resolve());
        });
      return { baseUrl: app.apiBase(`http://${host}:${actual}`), server, close };
    },
    injectError(endpoint, errcode, times = 1, options = {}) {
      const path = normalizeEndpoint(endpoint);
      if (!known.has(path)) throw new Error(`sandbox: no simulated endpoint ${path} (known: ${[...known].join(", ")})`);
      const at = deps.clock.now().getTime();
      sb.stores.control.addFault({ accountId: sb.accountId, endpoint: path, errcode, times, afterProcessing: options.afterProcessing ?? false, at });
    },
    clearErrors: () => sb.stores.control.clearFaults(sb.accountId),
    recordInteraction(openId, kind, at = deps.clock.now()) {
      sb.stores.control.addInteraction(sb.accountId, openId, kind, at.getTime());
    },
    configure: (changes) => void Object.assign(settings, changes),
    addComment(c) {
      const at = c.at ?? deps.clock.now();
      let key;
      try {
        key = commentArticle(sb, { msg_data_id: c.msgDataId, index: c.index ?? 0 }, at);
      } catch {
        throw new Error(`sandbox: no published article with msg_data_id ${c.msgDataId} and index ${c.index ?? 0}`);
      }
      if (c.content.trim() === "") throw new Error("sandbox: a comment needs some text");
      const openId = c.openId === undefined ? followerOpenIds(sb.seed, 1)[0]! : c.openId;
      return String(sb.stores.comments.addComment(key, { openId, content: c.content, createdAt: at.getTime() }));
    },
    approveMassSend: (clientMsgId) => decideMassSend(sb, "approved", clientMsgId)!,
    refuseMassSend: (clientMsgId) => void decideMassSend(sb, "refused", clientMsgId),
    revokeTokens: () => void sb.stores.tokens.revokeAll(sb.accountId, deps.clock.now().getTime()),
    countCalls: (endpoint) => sb.stores.control.countCalls(sb.accountId, endpoint === undefined ? undefined : normalizeEndpoint(endpoint)),
    inspect: (limit) => inspectSandbox(sb, limit),
    async idle() {
      while (pending.size > 0) await Promise.all([...pending]);
    },
    close() {
      for (const [timer, finish] of timers) {
        clearTimeout(timer);
        finish();
      }
      timers.clear();
    },
  };
  return app;
}
