import type { Config } from "./config";
import type { Logger } from "./logger";
import type { Clock } from "./time";
import type { Db } from "./db/open-database";
import type { MessageLog } from "./db/stores/message-log";
import type { SettingsStore } from "./db/stores/settings-store";
import type { WebhookSettings } from "./wechat/decode-push";
import type { InboundMessage, Reply } from "./wechat/types";
import type { ContentSource } from "./bot/watch-content";
import type { PublishedArticle, RouteFacts, RouteResult } from "./bot/route-message";
import type { ApiClient } from "./wechat/api-client";
import type { SandboxApp } from "./sandbox/create-sandbox-app";
import type { Qa } from "./qa/build-qa";

/** Published articles per column, as the bot lists them (the publisher keeps it current). */
export interface ArticleCatalog {
  latestArticles(accountId: string, columnId: string, limit: number): PublishedArticle[];
}

/** The webhook's view of one official account. */
export interface AccountSettings extends WebhookSettings {
  accountId: string;
  /** 原始ID (gh_…); WeChat sends it as ToUserName. */
  originalId: string;
}

/** Decides the reply to one push; defaults to the bot's keyword routing. May be slow (deadline applies). */
export type PushRouter = (message: InboundMessage, facts: RouteFacts) => RouteResult | Promise<RouteResult>;

/**
 * Everything the service's parts need, built once in main.ts / cli.ts and passed in
 * (no module-level singletons: tests build their own with a fixed clock and :memory: db).
 */
export interface Deps {
  config: Config;
  log: Logger;
  clock: Clock;
  db: Db;
  stores: { messages: MessageLog; settings: SettingsStore };
  accounts: ReadonlyMap<string, AccountSettings>;
  content: ContentSource;
  catalog: ArticleCatalog;
  route: PushRouter;
  /** The typed WeChat API client (the sandbox's in sandbox mode). */
  wechat: ApiClient;
  /** The embedded WeChat simulator, present only in sandbox mode (no credentials configured). */
  sandbox?: SandboxApp;
  /** Sees every new (non-retry) push; the sandbox uses it to open the customer-service window. */
  observeInbound?: (accountId: string, message: InboundMessage) => void;
  /** Job results (PUBLISHJOBFINISH / MASSSENDJOBFINISH) go to the publisher. */
  onJobEvent?: (accountId: string, message: InboundMessage) => void | Promise<void>;
  /** A reply that missed WeChat's deadline is sent through the customer-service API instead. */
  deliverLate?: (accountId: string, openId: string, reply: Reply) => Promise<void>;
  /** Set when SIGTERM arrives: health turns 503 so a load balancer stops sending. */
  lifecycle: { stopping: boolean };
  /** 青年之声 Q&A: tickets, answers and their delivery (route above already includes its intake). */
  qa: Qa;
}
