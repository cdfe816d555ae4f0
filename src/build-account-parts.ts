/**
 * One served account's own parts of Deps (issue 14): its config view, content, simulator, API
 * client, 青年之声 and inbox. build-deps.ts puts one together per account of the matrix.
 */
import type { Config } from "./config";
import type { AccountSecrets, ArticleCatalog, Deps, ServedAccount } from "./deps";
import type { Db } from "./db/open-database";
import type { SettingsStore } from "./db/stores/settings-store";
import type { InboxStore } from "./db/stores/inbox-store";
import type { StaffReplyStore } from "./db/stores/staff-reply-store";
import type { CustomerSendStore } from "./db/stores/customer-send-store";
import { categoryLogger, type Logger } from "./logger";
import type { Clock } from "./time";
import { watchContent } from "./bot/watch-content";
import { resolveSecrets } from "./resolve-accounts";
import type { ConfiguredAccount } from "./matrix/configure-accounts";
import { COUNTY_ACCOUNT_ID } from "./matrix/declared-account";
import { accountConfig } from "./matrix/scope-account";
import { createApiClient, WECHAT_API_BASE, type ApiClient } from "./wechat/api-client";
import type { SandboxApp } from "./sandbox/create-sandbox-app";
import { buildQa } from "./qa/build-qa";
import { createInboxService } from "./inbox/inbox-service";

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
export type AccountParts = Pick<Deps, "config" | "log" | "account" | "content" | "wechat" | "qa" | "inbox" | "inboxWith" | "sandbox">;

/**
 * One served account's parts. Throws ContentError when its content folder is missing or broken
 * (the county's stops the boot, as before; a township's only leaves that township unserved).
 */
export function buildAccountParts(
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

/** Stops what one account's parts started: the simulator's jobs and the content watchers. */
export function closeParts(parts: AccountParts): void {
  parts.sandbox?.close();
  parts.content.close();
  parts.qa.close();
}
