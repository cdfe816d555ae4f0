import { COUNTY_ACCOUNT_ID } from "./matrix/declared-account";
import { webhookPathOf } from "./webhook/webhook-path";
import type { Config } from "./config";
import type { AccountSecrets, AccountSettings, ArticleCatalog, Deps, ServedAccount } from "./deps";
import { openDatabase } from "./db/open-database";
import { createMessageStore } from "./db/stores/message-store";
import { startCheckpointer } from "./db/checkpoint-worker";
import { createSettingsStore } from "./db/stores/settings-store";
import { categoryLogger, type Logger } from "./logger";
import { systemClock, type Clock } from "./time";
import { watchContent } from "./bot/watch-content";
import { resolveSecrets, webhookSettingsOf } from "./resolve-accounts";
import type { ConfiguredAccount } from "./matrix/configure-accounts";
import { accountConfig } from "./matrix/scope-account";
import type { SettingsStore } from "./db/stores/settings-store";
import type { InboxStore } from "./db/stores/inbox-store";
import type { StaffReplyStore } from "./db/stores/staff-reply-store";
import type { CustomerSendStore } from "./db/stores/customer-send-store";
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
function buildSandbox(config: Config, db: Db, clock: Clock, log: Logger, accountId: string, secrets: AccountSecrets): SandboxApp {
  const { createSandboxApp } = require("./sandbox/create-sandbox-app") as typeof import("./sandbox/create-sandbox-app");
  return createSandboxApp({
    db,
    clock,
    log,
    accountId,
    // Each township's simulated API under its own prefix, so its client's tokens are its own.
    ...(accountId === COUNTY_ACCOUNT_ID ? {} : { prefix: `/sandbox/${accountId}` }),
    appId: secrets.appId,
    appSecret: secrets.appSecret,
    accountType: config.wechat.accountType,
    verified: config.wechat.verified,
  });
}

/** What differs between two accounts' Deps: their config view, content, API client, 青年之声 and inbox. */
type AccountParts = Pick<Deps, "config" | "log" | "account" | "content" | "wechat" | "qa" | "inbox" | "inboxWith" | "sandbox">;

/**
 * One served account's parts. Throws ContentError when its content folder is missing or broken
 * (the county's stops the boot, as before; a township's only leaves that township unserved).
 */
function buildAccountParts(
  rootConfig: Config,
  declared: ConfiguredAccount,
  shared: { db: Db; clock: Clock; log: Logger; settings: SettingsStore; catalog: ArticleCatalog; apiBase: string | undefined },
  stores: { inbox: InboxStore; staffReplies: StaffReplyStore; sends: CustomerSendStore },
): AccountParts {
  const { db, clock, log } = shared;
  const config = accountConfig(rootConfig, declared);
  const secrets = resolveSecrets(rootConfig, shared.settings, clock, declared);
  const accountId = declared.id;
  const account: ServedAccount = { id: accountId, declared, secrets, contentDir: config.contentDir };
  const accountLog = accountId === COUNTY_ACCOUNT_ID ? log : log.child({ account: accountId });
  const content = watchContent(config.contentDir, categoryLogger(accountLog, "content"));
  try {
    const sandbox = config.sandbox ? buildSandbox(config, db, clock, accountLog, accountId, secrets) : undefined;
    const apiBase = shared.apiBase ?? (sandbox ? sandbox.apiBase(`http://127.0.0.1:${config.port}`) : WECHAT_API_BASE);
    const wechat = createApiClient({ baseUrl: apiBase, accountId, appId: secrets.appId, appSecret: secrets.appSecret, db, clock, log: accountLog });
    const qa = buildQa({ config, db, clock, log: accountLog, wechat, botContent: content, accountId });
    const inboxWith = (client: ApiClient) =>
      createInboxService({
        accountId,
        inbox: stores.inbox,
        staffReplies: stores.staffReplies,
        sends: stores.sends,
        tickets: qa.store,
        articles: () => shared.catalog.byColumn(accountId),
        wechat: client,
        clock,
        log: categoryLogger(accountLog, "inbox"),
        verified: config.wechat.verified,
      });
    return { config, log: accountLog, account, content, wechat, qa, inbox: inboxWith(wechat), inboxWith, ...(sandbox ? { sandbox } : {}) };
  } catch (err) {
    content.close();
    throw err;
  }
}

/**
 * The composition root shared by the server and the CLI: config → db → stores → each served
 * account's content and API client → deps. The Deps returned speaks for the county account;
 * deps.matrix holds one per served account (the county's is this one).
 * Throws ContentError if the county's content/ is broken at boot (the service must not start
 * without rules); a township's broken folder leaves only that township unserved (deps.matrixProblems).
 */
export function buildDeps(config: Config, log: Logger, options: BuildOptions = {}): Deps {
  const clock = options.clock ?? systemClock;
  const db = openDatabase(config.databasePath, options.service ? { busyTimeoutMs: SERVICE_BUSY_TIMEOUT_MS } : {});
  const built: AccountParts[] = [];
  try {
    const settings = createSettingsStore(db);
    const messages = createMessageStore(db);
    const pushJournal = openPushJournal<QaDecision>(options.service ? journalPathFor(config.databasePath) : ":memory:", JOURNAL_CAPACITY);
    // The bot lists what the publisher published; job-finish pushes update the same ledger.
    const publications = createPublicationStore(db);
    const catalog = options.catalog ?? createArticleCatalog(publications, clock);
    const staffReplies = createStaffReplyStore(db);
    const shared = { db, clock, log, settings, catalog, apiBase: options.apiBase ?? config.wechat.apiBase };
    const perAccount = { inbox: createInboxStore(db), staffReplies, sends: createCustomerSendStore(db) };

    const problems = new Map<string, string>(config.matrix.accounts.flatMap((a) => (a.unconfigured ? [[a.id, a.unconfigured] as const] : [])));
    const served = config.matrix.accounts.filter((a) => a.served || a.id === COUNTY_ACCOUNT_ID);
    for (const declared of served) {
      try {
        built.push(buildAccountParts(config, declared, shared, perAccount));
      } catch (err) {
        if (declared.id === COUNTY_ACCOUNT_ID) throw err;
        const why = err instanceof Error ? err.message : String(err);
        problems.set(declared.id, `内容文件夹有问题，本账号暂不收发：${why}`);
        log.error({ category: "content", account: declared.id, err }, "township account not served: its content folder is broken");
      }
    }
    const checkpointer =
      options.service && config.databasePath !== ":memory:"
        ? startCheckpointer(db, config.databasePath, (err) => log.error({ category: "db", err }, "checkpoint thread failed: automatic checkpoints back on"))
        : undefined;
    const matrix = new Map<string, Deps>();
    const accounts = new Map<string, AccountSettings>();
    const [county, ...townships] = built;
    const root: Deps = {
      ...county!,
      clock,
      db,
      stores: { messages, settings, qaTickets: county!.qa.store, publications, staffReplies, followers: createFollowerStore(db), audit: createAuditStore(db), townshipFigures: createTownshipFigureStore(db), staffPhones: createStaffPhoneStore(db) },
      pushJournal,
      accounts,
      matrix,
      matrixProblems: problems,
      catalog,
      leaseOwner: newLeaseOwner(),
      lifecycle: { stopping: false },
      ...(checkpointer ? { checkpointer } : {}),
    };
    for (const parts of [county!, ...townships]) {
      const scoped: Deps = parts === county ? root : { ...root, ...parts };
      if (!parts.account.declared.paused) accounts.set(parts.account.id, webhookSettingsOf(config, parts.account.id, parts.account.secrets));
      matrix.set(parts.account.id, scoped);
    }
    return root;
  } catch (err) {
    for (const parts of built) closeParts(parts);
    db.close();
    throw err;
  }
}

function closeParts(parts: AccountParts): void {
  parts.sandbox?.close();
  parts.content.close();
  parts.qa.close();
}

/** Releases what buildDeps opened: stops watching, closes the journal and the db. */
/**
 * Closes everything synchronously; the promise resolves once the checkpoint thread (service only)
 * has run its last checkpoint and closed its own connection, so the data dir may then be removed.
 */
export function closeDeps(deps: Deps): Promise<void> {
  for (const scoped of deps.matrix.values()) closeParts(scoped);
  const checkpointStopped = deps.checkpointer?.stop() ?? Promise.resolve();
  deps.pushJournal.close();
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
  for (const scoped of deps.matrix.values()) {
    if (!scoped.sandbox) continue;
    const { id, secrets } = scoped.account;
    scoped.sandbox.configure({
      callback: {
        url: `${origin}${webhookPathOf(id)}${query}`,
        token: secrets.token,
        encryptMode: deps.config.wechat.encryptMode,
        originalId: secrets.originalId,
        encodingAesKey: secrets.encodingAesKey,
      },
    });
  }
}
