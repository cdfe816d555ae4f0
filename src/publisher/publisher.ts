import type { Column } from "../bot/bot-content";
import type { Deps } from "../deps";
import { createPublicationStore, type Publication, type PublicationStore } from "../db/stores/publication-store";
import { createUploadedImageStore } from "../db/stores/uploaded-image-store";
import { categoryLogger, type Logger } from "../logger";
import type { Clock } from "../time";
import type { ApiClient } from "../wechat/api-client";
import { createImageUploader, type ImageUploader } from "./upload-images";

/**
 * The named points of publishing one post, in order. Tests kill the process right after each one
 * (hooks.afterStep) to prove a restart still makes exactly one draft and one send.
 */
export const PUBLISH_STEPS = [
  "rendering",
  "rendered",
  "draft-intent",
  "draft-sent",
  "drafted",
  "submit-intent",
  "submit-sent",
  "submitted",
  "published",
] as const;
export type PublishStep = (typeof PUBLISH_STEPS)[number];

export interface PublisherHooks {
  /** Called right after `step` was done (and, for intents and results, recorded). */
  afterStep?(step: PublishStep, row: Publication): void;
}

/** Everything publishing needs; built from Deps by publisherFor(), or by tests directly. */
export interface Publisher {
  accountId: string;
  contentDir: string;
  /** SCHEDULE_TIMEZONE: publish_at without offset, quota days. */
  timezone: string;
  catchUpMs: number;
  /** A mass send over the 群发 quota: wait for the next slot (default) or go out as 发布 now. */
  quotaFallback: "wait" | "publish";
  accountType: "subscription" | "service";
  /** 微信认证: unverified accounts can only make drafts through the API (48001; describePlan says so). */
  verified: boolean;
  wechat: Pick<ApiClient, "media" | "material" | "draft" | "freepublish" | "mass">;
  store: PublicationStore;
  uploads: ImageUploader;
  clock: Clock;
  log: Logger;
  /** The columns of content/columns.yml as last loaded without problems. */
  columns(): ReadonlyMap<string, Column>;
  /** This process as a lease holder. */
  owner: string;
  leaseMs: number;
  /** After a submit whose answer was lost: how long WeChat may take before we submit again (publish mode). */
  settleMs: number;
  hooks: PublisherHooks;
  /** Told when a publication succeeds (the bot's article catalog refreshes). */
  onPublished(row: Publication): void;
}

export interface PublisherOptions {
  wechat?: Publisher["wechat"];
  hooks?: PublisherHooks;
  leaseMs?: number;
  settleMs?: number;
  owner?: string;
}

export const DEFAULT_LEASE_MS = 5 * 60_000;
export const DEFAULT_SETTLE_MS = 10 * 60_000;

/** The publisher of a Deps; it takes leases as this process (deps.leaseOwner, made once at startup). */
export function publisherFor(deps: Deps, options: PublisherOptions = {}): Publisher {
  const log = categoryLogger(deps.log, "publisher");
  const accountId = deps.account.id;
  const wechat = options.wechat ?? deps.wechat;
  const store = createPublicationStore(deps.db);
  const publisher: Publisher = {
    accountId,
    contentDir: deps.config.contentDir,
    timezone: deps.config.scheduleTimezone,
    catchUpMs: deps.config.publishCatchUpHours * 3600_000,
    quotaFallback: deps.config.publishQuotaFallback,
    accountType: deps.config.wechat.accountType,
    verified: deps.config.wechat.verified,
    wechat,
    store,
    uploads: createImageUploader({ accountId, wechat, store: createUploadedImageStore(deps.db), clock: deps.clock, log }),
    clock: deps.clock,
    log,
    columns: () => deps.content.current().columnsById,
    owner: options.owner ?? deps.leaseOwner,
    leaseMs: options.leaseMs ?? DEFAULT_LEASE_MS,
    settleMs: options.settleMs ?? DEFAULT_SETTLE_MS,
    hooks: options.hooks ?? {},
    onPublished: () => deps.catalog.invalidate(),
  };
  return publisher;
}
