/**
 * One month's figures of every account of the matrix (issue 14, 矩阵 page), each read with the
 * same functions as that account's own 概览 and 月报, so the matrix never disagrees with them:
 * followers (followerCountOn / readFollowers), 发送 by category from the ledger (sentByCategory),
 * reads (readsBetween), messages from the day rollups (readMessageDays: never a scan of the log),
 * 青年之声 from the tickets of the month, and what the health column needs.
 */
import type { ColumnCategory } from "../bot/bot-content";
import type { ConfiguredAccount } from "../matrix/configure-accounts";
import type { AccessTokenStore, TokenFailure } from "../db/stores/access-token-store";
import type { PublicationFailure } from "../db/stores/stats-publication-store";
import type { StatsSource } from "../db/stores/stats-sync-store";
import { REPLY_WINDOW_MS } from "../inbox/reply-window";
import { localDate } from "../time";
import { readsBetween } from "./article-figures";
import { addDays, dayStart, minDate, monthDates } from "./dates";
import { sentByCategory } from "./monthly-report";
import { followerCountOn, readFollowers } from "./read-followers";
import { readMessageDays } from "./read-message-days";
import type { StatsContext } from "./stats-context";

/** Served here; 暂停 (paused: true); declared without env (only in 附件2/附件3); or served but broken at boot. */
export type AccountStanding = "served" | "paused" | "not_served" | "problem";

export interface AccountFigures {
  followers: {
    /** At the month's end (today while it runs). */
    total: number;
    source: "datacube" | "user_get" | "logs";
    /** Summed over the month's days; null when no day is known (datacube not synced yet). */
    newUser: number | null;
    cancelUser: number | null;
    net: number | null;
  };
  /** Published posts of the month by their column's category (附件3's 发送微信数). */
  sent: Record<ColumnCategory, number>;
  /** Readers (new endpoints) or page views (old ones) of the month; null when never synced. */
  reads: { value: number | null; label: string };
  /** Messages youths sent in the month (events left out). */
  messages: number;
  /** Questions asked in the month, how many have an answer, and how many wait past 48 h. */
  qa: { asked: number; answered: number; overdue: number };
  lastPublication: { title: string; at: number } | null;
  /** The access token: last fetched, and the last failure (older than refreshedAt once it recovered). */
  token: { refreshedAt: number | null; failure: TokenFailure | null };
  lastPushAt: number | null;
  /** The newest failed or missed publication, and the stats sources whose last run failed. */
  publicationFailure: PublicationFailure | null;
  statsErrors: { source: StatsSource; errcode: number | null; detail: string | null; at: number }[];
}

export interface MatrixAccount {
  id: string;
  name: string;
  township: string;
  level: "county" | "township";
  standing: AccountStanding;
  /** Why a "problem" account is not served (build-deps: its content folder). */
  problem?: string;
  /** For accounts with deps here (served, or the paused county account). */
  figures?: AccountFigures;
}

export interface MatrixSource {
  /** Every declared account, in content/accounts.yml order. */
  accounts: readonly ConfiguredAccount[];
  /** The stats context of a served account (undefined: not served here). */
  statsOf(accountId: string): StatsContext | undefined;
  problems: ReadonlyMap<string, string>;
  tokens: Pick<AccessTokenStore, "state">;
}

const sumKnown = (xs: readonly (number | null)[]): number | null => (xs.some((x) => x !== null) ? xs.reduce<number>((a, x) => a + (x ?? 0), 0) : null);

/** One served account's month. `month` must not be after the current month. */
export function readAccountFigures(ctx: StatsContext, tokens: MatrixSource["tokens"], month: string): AccountFigures {
  const { first, last } = monthDates(month);
  const now = ctx.clock.now().getTime();
  const asOf = minDate(last, localDate(ctx.clock.now(), ctx.timezone));
  const messages = readMessageDays(ctx, first, asOf, []);
  const days = readFollowers(ctx, first, asOf, messages).points;
  const count = followerCountOn(ctx, asOf);
  const newUser = sumKnown(days.map((d) => d.newUser));
  const cancelUser = sumKnown(days.map((d) => d.cancelUser));
  const reads = readsBetween(ctx, first, asOf);

  const tickets = ctx.stores.qa.times(ctx.accountId, new Date(dayStart(first, ctx.timezone)), new Date(dayStart(addDays(last, 1), ctx.timezone)));
  // Past 48 h an answer can no longer be sent to the youth directly (the customer-service window):
  // it waits until they write again. That is what 逾期 means to the staff on duty.
  const overdue = tickets.filter((t) => t.answeredAt === null && now - t.askedAt > REPLY_WINDOW_MS).length;

  const token = tokens.state(ctx.accountId);
  const published = ctx.stores.publications.lastPublished(ctx.accountId);
  return {
    followers: { total: count.value, source: count.source, newUser, cancelUser, net: newUser === null || cancelUser === null ? null : newUser - cancelUser },
    sent: sentByCategory(ctx, month),
    reads: { value: reads.value, label: reads.label },
    messages: messages.activity.reduce((a, d) => a + d.messages, 0),
    qa: { asked: tickets.length, answered: tickets.filter((t) => t.answeredAt !== null).length, overdue },
    lastPublication: published ? { title: published.title, at: published.publishedAt } : null,
    token: { refreshedAt: token?.refreshedAt ?? null, failure: token?.failure ?? null },
    lastPushAt: ctx.stores.messages.lastReceivedAt(ctx.accountId) ?? null,
    publicationFailure: ctx.stores.publications.lastFailure(ctx.accountId) ?? null,
    statsErrors: ctx.stores.sync
      .all(ctx.accountId)
      .filter((s) => s.status === "error" && s.source !== "message_rollup")
      .map((s) => ({ source: s.source, errcode: s.errcode, detail: s.detail, at: s.attemptedAt })),
  };
}

/** The accounts of `visible` (ids the staff member may view), in accounts.yml order, with their month. */
export function readMatrixFigures(source: MatrixSource, visible: (accountId: string) => boolean, month: string): MatrixAccount[] {
  return source.accounts
    .filter((a) => visible(a.id))
    .map((a): MatrixAccount => {
      const base = { id: a.id, name: a.name, township: a.township, level: a.level };
      const problem = source.problems.get(a.id);
      if (problem !== undefined) return { ...base, standing: "problem", problem };
      // A paused county account is still built (build-deps.ts): its month so far is shown beside the word 暂停.
      const ctx = source.statsOf(a.id);
      const figures = ctx ? { figures: readAccountFigures(ctx, source.tokens, month) } : {};
      return { ...base, standing: a.paused ? "paused" : ctx ? "served" : "not_served", ...figures };
    });
}
