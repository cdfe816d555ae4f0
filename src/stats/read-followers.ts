import { localDate } from "../time";
import { addDays, eachDay } from "./dates";
import { readMessageDays, type MessageDays } from "./read-message-days";
import type { StatsContext } from "./stats-context";

export interface FollowerPoint {
  date: string;
  newUser: number | null;
  cancelUser: number | null;
  net: number | null;
  /** Followers at the end of the day; null when unknown (today, or our logs only). */
  cumulate: number | null;
}

/** Where follower figures come from: WeChat's datacube, or our own subscribe/unsubscribe log. */
export type FollowerSource = "datacube" | "logs";

export interface FollowerSeries {
  source: FollowerSource;
  points: FollowerPoint[];
  /** Why the figures come from our logs, or that the last sync failed (for a notice). */
  note?: string;
}

export const NOTE_UNVERIFIED =
  "公众号未认证（微信接口返回 48001），无法读取微信官方统计；关注数据来自本系统记录的关注/取消关注事件，只包含本系统上线以来的变化。";
export const NOTE_NEVER_SYNCED =
  "尚未从微信同步统计数据（每天 08:40 自动同步，10:30 重试；也可运行 npm run cli -- stats refresh）。以下关注数据暂来自本系统记录的关注/取消关注事件。";

/** Whether datacube follower data can be used, and the note to show when not (or when stale). */
export function followerSourceOf(ctx: StatsContext): { source: FollowerSource; note?: string } {
  const state = ctx.stores.sync.get(ctx.accountId, "followers");
  if (state?.status === "unavailable") return { source: "logs", note: NOTE_UNVERIFIED };
  if (!state || state.succeededAt === null) return { source: "logs", note: NOTE_NEVER_SYNCED };
  if (state.status === "error") {
    return { source: "datacube", note: `最近一次同步微信统计失败（${state.detail ?? "未知原因"}），数据截至 ${state.syncedThrough ?? "—"}，下次同步时自动重试。` };
  }
  return { source: "datacube" };
}

/** Followers per day over [from, to]: datacube snapshots, else subscribe/unsubscribe events of our log. */
export function readFollowers(ctx: StatsContext, from: string, to: string, messages: MessageDays): FollowerSeries {
  const { source, note } = followerSourceOf(ctx);
  const days = eachDay(from, to);
  if (source === "datacube") {
    const byDate = new Map(ctx.stores.snapshots.followerDays(ctx.accountId, from, to).map((d) => [d.date, d]));
    const points = days.map((date): FollowerPoint => {
      const d = byDate.get(date);
      if (!d) return { date, newUser: null, cancelUser: null, net: null, cumulate: null };
      return { date, newUser: d.newUser, cancelUser: d.cancelUser, net: d.newUser - d.cancelUser, cumulate: d.cumulateUser };
    });
    return { source, points, ...(note ? { note } : {}) };
  }
  const subs = new Map<string, number>();
  const unsubs = new Map<string, number>();
  for (const t of messages.types) {
    if (t.msgType === "subscribe") subs.set(t.day, (subs.get(t.day) ?? 0) + t.n);
    if (t.msgType === "unsubscribe") unsubs.set(t.day, (unsubs.get(t.day) ?? 0) + t.n);
  }
  const points = days.map((date): FollowerPoint => {
    const n = subs.get(date) ?? 0;
    const c = unsubs.get(date) ?? 0;
    return { date, newUser: n, cancelUser: c, net: n - c, cumulate: null };
  });
  return { source, points, ...(note ? { note } : {}) };
}

/**
 * The follower count on `date`: user/get's total when it is newer than datacube's cumulate (it
 * counts today, datacube stops at yesterday), else the cumulate, else our log's lower bound.
 * user/get is asked even when datacube is not (an account may have one permission and not the other).
 */
export function followerCountOn(ctx: StatsContext, date: string): { value: number; source: "datacube" | "user_get" | "logs"; asOf: string | null } {
  const { source } = followerSourceOf(ctx);
  const counted = ctx.stores.snapshots.followerCountOn(ctx.accountId, date);
  const cumulate = source === "datacube" ? ctx.stores.snapshots.cumulateOn(ctx.accountId, date) : undefined;
  if (counted && (!cumulate || counted.date > cumulate.date)) return { value: counted.total, source: "user_get", asOf: counted.date };
  if (cumulate) return { value: cumulate.cumulateUser, source: "datacube", asOf: cumulate.date };
  return { value: ctx.stores.messages.subscribedYouths(ctx.accountId), source: "logs", asOf: null };
}

/**
 * Followers at the end of each day of `series`, for the 累计关注 chart. datacube's cumulate where
 * it has one; otherwise counted back from the newest known total (user/get, or the youths our log
 * saw subscribe) by the day's net change, so the line sits at the real count (12,290) instead of
 * climbing from 0 (issue 14). Null where nothing anchors a day.
 */
export function followerTotals(ctx: StatsContext, series: FollowerSeries): (number | null)[] {
  const points = series.points;
  const last = points[points.length - 1];
  if (!last) return [];
  const anchor = followerCountOn(ctx, last.date);
  const anchorDate = anchor.asOf ?? localDate(ctx.clock.now(), ctx.timezone);
  // The net change between the range's last day and the anchor's day, from our log.
  let after = 0;
  if (anchorDate > last.date && anchor.source !== "datacube") {
    const later = readMessageDays(ctx, addDays(last.date, 1), anchorDate, []);
    for (const t of later.types) after += t.msgType === "subscribe" ? t.n : t.msgType === "unsubscribe" ? -t.n : 0;
  }
  const totals: (number | null)[] = new Array<number | null>(points.length).fill(null);
  let running: number | null = anchorDate >= last.date ? anchor.value - after : null;
  for (let i = points.length - 1; i >= 0; i--) {
    const p = points[i]!;
    if (p.cumulate !== null) running = p.cumulate;
    if (p.date === anchor.asOf && anchor.source === "user_get") running = anchor.value;
    totals[i] = running;
    running = running === null || p.net === null ? null : running - p.net;
  }
  return totals;
}
