import type { Config } from "./config";
import type { Logger } from "./logger";
import type { Clock } from "./time";
import type { Db } from "./db/open-database";
import type { Checkpointer } from "./db/checkpoint-worker";
import type { MessageStore } from "./db/stores/message-store";
import type { QaTicketStore } from "./db/stores/qa-ticket-store";
import type { PublicationStore } from "./db/stores/publication-store";
import type { PushJournal } from "./db/stores/push-journal";
import type { StaffReplyStore } from "./db/stores/staff-reply-store";
import type { FollowerStore } from "./db/stores/follower-store";
import type { AuditStore } from "./db/stores/audit-store";
import type { TownshipFigureStore } from "./db/stores/township-figure-store";
import type { StaffPhoneStore } from "./db/stores/staff-phone-store";
import type { InboxService } from "./inbox/inbox-service";
import type { QaDecision } from "./qa/decide-qa";
import type { SettingsStore } from "./db/stores/settings-store";
import type { WebhookSettings } from "./wechat/decode-push";
import type { ContentSource } from "./bot/watch-content";
import type { PublishedArticle } from "./bot/route-message";
import type { ApiClient } from "./wechat/api-client";
import type { SandboxApp } from "./sandbox/create-sandbox-app";
import type { Qa } from "./qa/build-qa";
import type { ConfiguredAccount } from "./matrix/configure-accounts";

/** The raw secrets behind an account's webhook, for signing test pushes (CLI `send`). */
export interface AccountSecrets {
  token: string;
  appId: string;
  /** AppSecret for the API; in sandbox mode a generated one the simulator checks. */
  appSecret: string;
  encodingAesKey: string | undefined;
  originalId: string;
}

/** The account a Deps speaks for (issue 14): the county's `default`, or a township's. */
export interface ServedAccount {
  id: string;
  /** As content/accounts.yml declares it (name, township, level, type, verified…). */
  declared: ConfiguredAccount;
  /** Its webhook and API secrets (generated and kept in the database in sandbox mode). */
  secrets: AccountSecrets;
  /** Its content folder: content/ for the county, content/accounts/<id>/ for a township. */
  contentDir: string;
}

/** Published articles per column, as the bot lists them (the publisher keeps it current). */
export interface ArticleCatalog {
  /** Per column, its latest published articles, newest first: what the router reads. */
  byColumn(accountId: string): ReadonlyMap<string, readonly PublishedArticle[]>;
  latestArticles(accountId: string, columnId: string, limit: number): PublishedArticle[];
  /** Drops the snapshot: the next read goes to the ledger (called when this process publishes). */
  invalidate(): void;
}

/** The webhook's view of one official account. */
export interface AccountSettings extends WebhookSettings {
  accountId: string;
  /** 原始ID (gh_…); WeChat sends it as ToUserName. */
  originalId: string;
}

/**
 * Everything the service's parts need, built once in main.ts / cli.ts and passed in
 * (no module-level singletons: tests build their own with a fixed clock and :memory: db).
 */
export interface Deps {
  /**
   * As seen by `account`: contentDir, wechat (type, verified) and dashboard.accountName are the
   * account's own (matrix/scope-account.ts); everything else is the instance's.
   */
  config: Config;
  /** The account this Deps speaks for: content, wechat, qa, inbox and sandbox below are its own. */
  account: ServedAccount;
  /**
   * Every served account's Deps by id, the county's first (this one when it is the county's).
   * A township whose content could not be loaded at boot is left out and named in matrixProblems.
   */
  matrix: ReadonlyMap<string, Deps>;
  /** Accounts declared to be served that could not be, and why (shown on the 矩阵 page). */
  matrixProblems: ReadonlyMap<string, string>;
  log: Logger;
  clock: Clock;
  db: Db;
  stores: { messages: MessageStore; settings: SettingsStore; qaTickets: QaTicketStore; publications: PublicationStore; staffReplies: StaffReplyStore; followers: FollowerStore; audit: AuditStore; townshipFigures: TownshipFigureStore; staffPhones: StaffPhoneStore };
  /** Pushes answered while another process held the database's lock, until folded (webhook/handle-push.ts). */
  pushJournal: PushJournal<QaDecision>;
  accounts: ReadonlyMap<string, AccountSettings>;
  content: ContentSource;
  catalog: ArticleCatalog;
  /** The typed WeChat API client (the sandbox's in sandbox mode). */
  wechat: ApiClient;
  /** The embedded WeChat simulator, present only in sandbox mode (no credentials configured). */
  sandbox?: SandboxApp;
  /** Who this process is when it takes a publication's lease (publisher/lease-owner.ts). */
  leaseOwner: string;
  /** The service's WAL checkpoints, off the event loop (db/checkpoint-worker.ts); absent in the CLI and tests. */
  checkpointer?: Checkpointer;
  /** Set when SIGTERM arrives: health turns 503 so a load balancer stops sending. */
  lifecycle: { stopping: boolean };
  /** 青年之声 Q&A: tickets, answers and their delivery (the webhook runs its intake: qa/decide-qa.ts). */
  qa: Qa;
  /** The inbox (私信): threads, staff replies within WeChat's window, remarks. */
  inbox: InboxService;
  /** The same inbox sending through another API client (sandbox mode: the simulator served in-process, cli/cli-wechat.ts). */
  inboxWith(wechat: ApiClient): InboxService;
}
