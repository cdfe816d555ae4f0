import type { Config } from "./config";
import type { ArticleCatalog, Deps } from "./deps";
import { openDatabase } from "./db/open-database";
import { createMessageStore } from "./db/stores/message-store";
import { createMessageLog } from "./db/stores/message-log";
import { createSettingsStore } from "./db/stores/settings-store";
import { categoryLogger, type Logger } from "./logger";
import { systemClock, type Clock } from "./time";
import { watchContent } from "./bot/watch-content";
import { routeMessage } from "./bot/route-message";
import { resolveAccounts, resolveSecrets, type AccountSecrets } from "./resolve-accounts";
import { createApiClient, WECHAT_API_BASE } from "./wechat/api-client";
import { replyToCustomMessage } from "./wechat/reply-to-custom-message";
import type { SandboxApp } from "./sandbox/create-sandbox-app";
import { buildQa } from "./qa/build-qa";
import type { InboundMessage } from "./wechat/types";
import type { Db } from "./db/open-database";
import { createPublicationStore } from "./db/stores/publication-store";
import { createArticleCatalog, invalidateCatalog } from "./publisher/article-catalog";
import { createJobEventHandler } from "./publisher/job-events";

export interface BuildOptions {
  clock?: Clock;
  catalog?: ArticleCatalog;
  /** Where the API client calls; default: WECHAT_API_BASE, else WeChat's, else this server's sandbox. */
  apiBase?: string;
}

/** In sandbox mode, what a youth did opens the simulated customer-service window as WeChat's would. */
function interactionKind(m: InboundMessage): "message" | "click" | "subscribe" | "scan" | undefined {
  switch (m.type) {
    case "subscribe":
    case "scan":
    case "click":
      return m.type;
    case "text":
    case "image":
    case "voice":
    case "video":
    case "shortvideo":
    case "location":
    case "link":
      return "message";
    default:
      return undefined;
  }
}

/** Loaded only in sandbox mode: with credentials, the simulator's code stays out of memory. */
function buildSandbox(config: Config, db: Db, clock: Clock, log: Logger, secrets: AccountSecrets): SandboxApp {
  const { createSandboxApp } = require("./sandbox/create-sandbox-app") as typeof import("./sandbox/create-sandbox-app");
  return createSandboxApp({
    db,
    clock,
    log,
    appId: secrets.appId,
    appSecret: secrets.appSecret,
    accountType: config.wechat.accountType,
    verified: config.wechat.verified,
  });
}

/**
 * The composition root shared by the server and the CLI: config → db → stores → content → deps.
 * Throws ContentError if content/ is broken at boot (the service must not start without rules).
 */
export function buildDeps(config: Config, log: Logger, options: BuildOptions = {}): Deps {
  const clock = options.clock ?? systemClock;
  const db = openDatabase(config.databasePath);
  try {
    const settings = createSettingsStore(db);
    const secrets = resolveSecrets(config, settings, clock);
    const accounts = resolveAccounts(config, secrets);
    const content = watchContent(config.contentDir, categoryLogger(log, "content"));
    const messages = createMessageLog(createMessageStore(db), {
      onFlushError: (err, lost) => log.error({ category: "db", err, lost }, "message log write failed"),
    });
    // A restart must not forget pushes WeChat may still retry.
    for (const accountId of accounts.keys()) messages.rememberSince(accountId, new Date(clock.now().getTime() - 120_000), clock.now());
    const sandbox = config.sandbox ? buildSandbox(config, db, clock, log, secrets) : undefined;
    const apiBase =
      options.apiBase ?? config.wechat.apiBase ?? (sandbox ? sandbox.apiBase(`http://127.0.0.1:${config.port}`) : WECHAT_API_BASE);
    // The bot lists what the publisher published; job-finish pushes update the same ledger.
    const publications = createPublicationStore(db);
    const catalog = options.catalog ?? createArticleCatalog(publications, clock);
    const onJobEvent = createJobEventHandler({
      store: publications,
      clock,
      log: categoryLogger(log, "publisher"),
      onPublished: () => invalidateCatalog(catalog),
    });
    const wechat = createApiClient({ baseUrl: apiBase, appId: secrets.appId, appSecret: secrets.appSecret, db, clock, log });
    // 青年之声 (issue 7): its keywords come before the bot's, and waiting answers ride on the bot's replies.
    const qa = buildQa({ config, db, clock, log, wechat, botContent: content, accounts });
    return {
      config,
      log,
      clock,
      db,
      stores: { messages, settings },
      accounts,
      content,
      catalog,
      onJobEvent,
      route: qa.wrap((message, facts) => routeMessage(message, content.current(), facts)),
      qa,
      wechat,
      ...(sandbox ? { sandbox } : {}),
      ...(sandbox
        ? {
            observeInbound: (_accountId: string, message: InboundMessage) => {
              const kind = interactionKind(message);
              if (kind) sandbox.recordInteraction(message.openId, kind, message.createdAt);
            },
          }
        : {}),
      deliverLate: async (_accountId, openId, reply) => {
        const message = replyToCustomMessage(reply);
        if (message) await wechat.custom.send(openId, message);
      },
      lifecycle: { stopping: false },
    };
  } catch (err) {
    db.close();
    throw err;
  }
}

/** Releases what buildDeps opened: writes the buffered message log, stops watching, closes the db. */
export function closeDeps(deps: Deps): void {
  deps.sandbox?.close();
  deps.stores.messages.flush();
  deps.content.close();
  deps.qa.close();
  deps.db.close();
}

/**
 * Sandbox mode: the simulator pushes PUBLISHJOBFINISH / MASSSENDJOBFINISH to the webhook at
 * `origin`, signed (and in safe mode encrypted) as WeChat does. The server points it at itself;
 * CLI commands point their own copy at the running server, so results reach the ledger either way.
 */
export function pointSandboxAtWebhook(deps: Deps, origin: string): void {
  if (!deps.sandbox) return;
  const account = deps.accounts.get("default")!;
  deps.sandbox.configure({
    callback: {
      url: `${origin}/wechat`,
      token: account.token,
      encryptMode: account.encryptMode,
      originalId: account.originalId,
      encodingAesKey: deps.config.wechat.encodingAesKey ?? deps.stores.settings.get("sandbox.encoding_aes_key"),
    },
  });
}
