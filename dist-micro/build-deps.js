"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.buildDeps = buildDeps;
exports.closeDeps = closeDeps;
exports.pointSandboxAtWebhook = pointSandboxAtWebhook;
const open_database_1 = require("./db/open-database");
const message_store_1 = require("./db/stores/message-store");
const settings_store_1 = require("./db/stores/settings-store");
const logger_1 = require("./logger");
const time_1 = require("./time");
const watch_content_1 = require("./bot/watch-content");
const resolve_accounts_1 = require("./resolve-accounts");
const api_client_1 = require("./wechat/api-client");
const build_qa_1 = require("./qa/build-qa");
const publication_store_1 = require("./db/stores/publication-store");
const article_catalog_1 = require("./publisher/article-catalog");
const lease_owner_1 = require("./publisher/lease-owner");
const staff_reply_store_1 = require("./db/stores/staff-reply-store");
const inbox_store_1 = require("./db/stores/inbox-store");
const customer_send_store_1 = require("./db/stores/customer-send-store");
const inbox_service_1 = require("./inbox/inbox-service");
const push_journal_1 = require("./db/stores/push-journal");
const handle_push_1 = require("./webhook/handle-push");
/**
 * Pushes the journal holds at most (push-journal.ts): at a county account's few pushes a second,
 * hours of a locked database; at the benchmark's full load, about a second.
 */
const JOURNAL_CAPACITY = 10_000;
/** Loaded only in sandbox mode: with credentials, the simulator's code stays out of memory. */
function buildSandbox(config, db, clock, log, secrets) {
    const { createSandboxApp } = require("./sandbox/create-sandbox-app");
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
function buildDeps(config, log, options = {}) {
    const clock = options.clock ?? time_1.systemClock;
    const db = (0, open_database_1.openDatabase)(config.databasePath, options.service ? { busyTimeoutMs: handle_push_1.SERVICE_BUSY_TIMEOUT_MS } : {});
    try {
        const settings = (0, settings_store_1.createSettingsStore)(db);
        const secrets = (0, resolve_accounts_1.resolveSecrets)(config, settings, clock);
        const accounts = (0, resolve_accounts_1.resolveAccounts)(config, secrets);
        const content = (0, watch_content_1.watchContent)(config.contentDir, (0, logger_1.categoryLogger)(log, "content"));
        const messages = (0, message_store_1.createMessageStore)(db);
        const pushJournal = (0, push_journal_1.openPushJournal)(options.service ? (0, push_journal_1.journalPathFor)(config.databasePath) : ":memory:", JOURNAL_CAPACITY);
        const sandbox = config.sandbox ? buildSandbox(config, db, clock, log, secrets) : undefined;
        const apiBase = options.apiBase ?? config.wechat.apiBase ?? (sandbox ? sandbox.apiBase(`http://127.0.0.1:${config.port}`) : api_client_1.WECHAT_API_BASE);
        // The bot lists what the publisher published; job-finish pushes update the same ledger.
        const publications = (0, publication_store_1.createPublicationStore)(db);
        const catalog = options.catalog ?? (0, article_catalog_1.createArticleCatalog)(publications, clock);
        const wechat = (0, api_client_1.createApiClient)({ baseUrl: apiBase, appId: secrets.appId, appSecret: secrets.appSecret, db, clock, log });
        const qa = (0, build_qa_1.buildQa)({ config, db, clock, log, wechat, botContent: content, accounts });
        const staffReplies = (0, staff_reply_store_1.createStaffReplyStore)(db);
        const inboxStore = (0, inbox_store_1.createInboxStore)(db);
        const customerSends = (0, customer_send_store_1.createCustomerSendStore)(db);
        const inboxWith = (client) => (0, inbox_service_1.createInboxService)({
            accountId: "default",
            inbox: inboxStore,
            staffReplies,
            sends: customerSends,
            tickets: qa.store,
            articles: () => catalog.byColumn("default"),
            wechat: client,
            clock,
            log: (0, logger_1.categoryLogger)(log, "inbox"),
            verified: config.wechat.verified,
        });
        const inbox = inboxWith(wechat);
        return {
            config,
            log,
            clock,
            db,
            stores: { messages, settings, qaTickets: qa.store, publications, staffReplies },
            pushJournal,
            accounts,
            content,
            catalog,
            qa,
            inbox,
            inboxWith,
            wechat,
            ...(sandbox ? { sandbox } : {}),
            leaseOwner: (0, lease_owner_1.newLeaseOwner)(),
            lifecycle: { stopping: false },
        };
    }
    catch (err) {
        db.close();
        throw err;
    }
}
/** Releases what buildDeps opened: stops watching, closes the journal and the db. */
function closeDeps(deps) {
    deps.sandbox?.close();
    deps.pushJournal.close();
    deps.content.close();
    deps.qa.close();
    deps.db.close();
}
/**
 * Sandbox mode: the simulator pushes PUBLISHJOBFINISH / MASSSENDJOBFINISH to the webhook at
 * `origin`, signed (and in safe mode encrypted) as WeChat does. The server points it at itself;
 * CLI commands point their own copy at the running server, so results reach the ledger either way.
 */
function pointSandboxAtWebhook(deps, origin) {
    if (!deps.sandbox)
        return;
    const account = deps.accounts.get("default");
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
//# sourceMappingURL=build-deps.js.map