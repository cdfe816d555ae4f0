import { eachDay } from "./dates";
import type { MessageDays } from "./read-message-days";
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

/** The follower count on `date`: datacube's cumulate, else user/get's total, else our log's lower bound. */
export function followerCountOn(ctx: StatsContext, date: string): { value: number; source: "datacube" | "user_get" | "logs"; asOf: string | null } {
  const { source } = followerSourceOf(ctx);
  if (source === "datacube") {
    const cumulate = ctx.stores.snapshots.cumulateOn(ctx.accountId, date);
    const counted = ctx.stores.snapshots.followerCountOn(ctx.accountId, date);
    if (counted && (!cumulate || counted.date > cumulate.date)) return { value: counted.total, source: "user_get", asOf: counted.date };
    if (cumulate) return { value: cumulate.cumulateUser, source: "datacube", asOf: cumulate.date };
  }
  return { value: ctx.stores.messages.subscribedYouths(ctx.accountId), source: "logs", asOf: null };
}
