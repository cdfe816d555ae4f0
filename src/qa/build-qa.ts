import type { Config } from "../config";
import type { ContentSource } from "../bot/watch-content";
import type { Db } from "../db/open-database";
import { createQaTicketStore, type QaTicketStore } from "../db/stores/qa-ticket-store";
import { categoryLogger, type Logger } from "../logger";
import type { Clock } from "../time";
import type { ApiClient } from "../wechat/api-client";
import { readQaCounts, type QaCounts, type QaPeriodUnit } from "./count-qa";
import { createQaService, type QaService } from "./qa-service";
import { createCustomerSendStore } from "../db/stores/customer-send-store";
import { AppError } from "../errors";
import { QA_FILE } from "./qa-content";
import { watchQaContent, type QaContentSource } from "./watch-qa-content";
import { writeRoundup } from "./write-roundup";

/** The 青年之声 part of deps: its store and content (the webhook runs the intake), and what staff use (dashboard, CLI). */
export interface Qa {
  store: QaTicketStore;
  content: QaContentSource;
  service: QaService;
  /** The same service sending through another client (the CLI's in-process sandbox: cli-wechat.ts). */
  serviceWith(wechat: ApiClient): QaService;
  /** Figures per week or month for the periods covering [from, to] (local dates). */
  counts(unit: QaPeriodUnit, from: string, to: string): QaCounts[];
  /** Writes the picked answers into a draft post under content/posts/; null when none is picked. */
  roundup(since?: string): ReturnType<typeof writeRoundup>;
  close(): void;
}

export interface BuildQaOptions {
  config: Config;
  db: Db;
  clock: Clock;
  log: Logger;
  wechat: ApiClient;
  /** The bot's content: the roundup's column must be one of its columns. */
  botContent: ContentSource;
  /** Watch content/qa.yml for edits (the server); CLI runs read it once. */
  watch?: boolean;
  /** The account whose tickets these are (`default` unless a township's). */
  accountId?: string;
}

/** @throws ContentLoadError when content/qa.yml is missing or broken at boot, like the bot's files. */
export function buildQa(o: BuildQaOptions): Qa {
  const log = categoryLogger(o.log, "qa");
  const store = createQaTicketStore(o.db);
  const columns = () => new Set(o.botContent.current().columns.map((c) => c.id));
  const content = watchQaContent(o.config.contentDir, log, columns, { watch: o.watch ?? true });
  const timezone = o.config.scheduleTimezone;
  const sends = createCustomerSendStore(o.db);
  const serviceWith = (wechat: ApiClient) =>
    createQaService({
      store,
      sends,
      content: () => content.current(),
      clock: o.clock,
      log,
      verified: o.config.wechat.verified,
      ...(o.accountId ? { accountId: o.accountId } : {}),
      send: (openId, message) => wechat.custom.send(openId, message),
    });
  const service = serviceWith(o.wechat);
  return {
    store,
    content,
    service,
    serviceWith,
    counts: (unit, from, to) => readQaCounts(store, service.accountId, unit, from, to, timezone),
    roundup(since) {
      if (!content.current().enabled) throw new AppError("qa_disabled", `${o.config.contentDir} 里没有 ${QA_FILE}：先照仓库 content/ 里的示例写好 ${QA_FILE}，开通青年之声`, { expose: true });
      const settings = content.current().roundup;
      const column = o.botContent.current().columnsById.get(settings.column);
      return writeRoundup(
        { store, clock: o.clock, accountId: service.accountId, contentDir: o.config.contentDir, timezone, settings, titleTemplate: column?.titleTemplate },
        since,
      );
    },
    close: () => content.close(),
  };
}
