import type { Config } from "./config";
import type { ArticleCatalog, Deps } from "./deps";
import { openDatabase } from "./db/open-database";
import { createMessageStore } from "./db/stores/message-store";
import { startCheckpointer } from "./db/checkpoint-worker";
import { createSettingsStore } from "./db/stores/settings-store";
import { categoryLogger, type Logger } from "./logger";
import { systemClock, type Clock } from "./time";
import { watchContent } from "./bot/watch-content";
import { resolveAccounts, resolveSecrets, type AccountSecrets } from "./resolve-accounts";
import { createApiClient, WECHAT_API_BASE, type ApiClient } from "./wechat/api-client";
import type { SandboxApp } from "./sandbox/create-sandbox-app";
import { buildQa } from "./qa/build-qa";
import type { Db } from "./db/open-database";
import { createPublicationStore } from "./db/stores/publication-store";
import { createArticleCatalog } from "./publisher/article-catalog";
import { newLeaseOwner } from "./publisher/lease-owner";
import { createStaffReplyStore } from "./db/stores/staff-reply-store";
import { createFollowerStore } from "./db/stores/follower-store";
import { createAuditStore } from "./db/stores/audit-store";
import { createTownshipFigureStore } from "./db/stores/township-figure-store";
import { createStaffPhoneStore } from "./db/stores/staff-phone-store";
import { createInboxStore } from "./db/stores/inbox-store";
import { createCustomerSendStore } from "./db/stores/customer-send-store";
import { createInboxService } from "./inbox/inbox-service";
import { journalPathFor, openPushJournal } from "./db/stores/push-journal";
import type { QaDecision } from "./qa/decide-qa";
import { SERVICE_BUSY_TIMEOUT_MS } from "./webhook/handle-push";

export interface BuildOptions {
  clock?: Clock;
  catalog?: ArticleCatalog;
  /** Where the API client calls; default: WECHAT_API_BASE, else WeChat's, else this server's sandbox. */
  apiBase?: string;
  /**
   * The long-running service: its SQLite connection waits for another process's lock at most
   * SERVICE_BUSY_TIMEOUT_MS (the CLI waits 5 s), and pushes answered meanwhile go to the push
   * journal on disk beside the database (webhook/handle-push.ts). Otherwise the journal is in memory.
   */
  service?: boolean;
}

/**
 * Pushes the journal holds at most (push-journal.ts): at a county account's few pushes a second,
 * hours of a locked database; at the benchmark's full load, about a second.
 */
const JOURNAL_CAPACITY = 10_000;

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
  const db = openDatabase(config.databasePath, options.service ? { busyTimeoutMs: SERVICE_BUSY_TIMEOUT_MS } : {});
  try {
    const settings = createSettingsStore(db);
    const secrets = resolveSecrets(config, settings, clock);
    const accounts = resolveAccounts(config, secrets);
    const content = watchContent(config.contentDir, categoryLogger(log, "content"));
    const checkpointer =
      options.service && config.databasePath !== ":memory:"
        ? startCheckpointer(db, config.databasePath, (err) => log.error({ category: "db", err }, "checkpoint thread failed: automatic checkpoints back on"))
        : undefined;
    const messages = createMessageStore(db);
    const pushJournal = openPushJournal<QaDecision>(options.service ? journalPathFor(config.databasePath) : ":memory:", JOURNAL_CAPACITY);
    const sandbox = config.sandbox ? buildSandbox(config, db, clock, log, secrets) : undefined;
    const apiBase =
      options.apiBase ?? config.wechat.apiBase ?? (sandbox ? sandbox.apiBase(`http://127.0.0.1:${config.port}`) : WECHAT_API_BASE);
    // The bot lists what the publisher published; job-finish pushes update the same ledger.
    const publications = createPublicationStore(db);
    const catalog = options.catalog ?? createArticleCatalog(publications, clock);
    const wechat = createApiClient({ baseUrl: apiBase, appId: secrets.appId, appSecret: secrets.appSecret, db, clock, log });
    const qa = buildQa({ config, db, clock, log, wechat, botContent: content, accounts });
    const staffReplies = createStaffReplyStore(db);
    const inboxStore = createInboxStore(db);
    const customerSends = createCustomerSendStore(db);
    const inboxWith = (client: ApiClient) => createInboxService({
      accountId: "default",
      inbox: inboxStore,
      staffReplies,
      sends: customerSends,
      tickets: qa.store,
      articles: () => catalog.byColumn("default"),
      wechat: client,
      clock,
      log: categoryLogger(log, "inbox"),
      verified: config.wechat.verified,
    });
    const inbox = inboxWith(wechat);
    return {
      config,
      log,
      clock,
      db,
      stores: { messages, settings, qaTickets: qa.store, publications, staffReplies, followers: createFollowerStore(db), audit: createAuditStore(db), townshipFigures: createTownshipFigureStore(db), staffPhones: createStaffPhoneStore(db) },
      pushJournal,
      accounts,
      content,
      catalog,
      qa,
      inbox,
      inboxWith,
      wechat,
      ...(sandbox ? { sandbox } : {}),
      leaseOwner: newLeaseOwner(),
      lifecycle: { stopping: false },
      ...(checkpointer ? { checkpointer } : {}),
    };
  } catch (err) {
    db.close();
    throw err;
  }
}

/** Releases what buildDeps opened: stops watching, closes the journal and the db. */
/**
 * Closes everything synchronously; the promise resolves once the checkpoint thread (service only)
 * has run its last checkpoint and closed its own connection, so the data dir may then be removed.
 */
export function closeDeps(deps: Deps): Promise<void> {
  deps.sandbox?.close();
  const checkpointStopped = deps.checkpointer?.stop() ?? Promise.resolve();
  deps.pushJournal.close();
  deps.content.close();
  deps.qa.close();
  deps.db.close();
  return checkpointStopped;
}

/**
 * Sandbox mode: the simulator pushes PUBLISHJOBFINISH / MASSSENDJOBFINISH to the webhook at
 * `origin`, signed (and in safe mode encrypted) as WeChat does. The server points it at itself;
 * CLI commands point their own copy at the running server, so results reach the ledger either way;
 * `query` ("?via=cli-…") tells one command's pushes apart in the sandbox's outbox (cli/job-event-route.ts).
 */
export function pointSandboxAtWebhook(deps: Deps, origin: string, query = ""): void {
  if (!deps.sandbox) return;
  const account = deps.accounts.get("default")!;
  deps.sandbox.configure({
    callback: {
      url: `${origin}/wechat${query}`,
      token: account.token,
      encryptMode: account.encryptMode,
      originalId: account.originalId,
      encodingAesKey: deps.config.wechat.encodingAesKey ?? deps.stores.settings.get("sandbox.encoding_aes_key"),
    },
  });
}
