import { webhookPathOf } from "./webhook/webhook-path";
import type { Config } from "./config";
import type { AccountSettings, ArticleCatalog, Deps } from "./deps";
import { openDatabase } from "./db/open-database";
import { buildAccountParts, closeParts, type AccountParts } from "./build-account-parts";
import { createMessageStore } from "./db/stores/message-store";
import { startCheckpointer } from "./db/checkpoint-worker";
import { createSettingsStore } from "./db/stores/settings-store";
import type { Logger } from "./logger";
import { systemClock, type Clock } from "./time";
import { webhookSettingsOf } from "./resolve-accounts";
import { builtAccounts } from "./matrix/configure-accounts";
import { COUNTY_ACCOUNT_ID } from "./matrix/declared-account";
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
    for (const declared of builtAccounts(config.matrix)) {
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
