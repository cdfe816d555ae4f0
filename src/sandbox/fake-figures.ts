import { createHash } from "node:crypto";

/**
 * Plausible, deterministic figures for a county League account: followers growing a few a day
 * since the account opened, reads of mass-sent articles decaying over a week. Same seed and
 * date → same numbers, in any process and any TZ (dates are "YYYY-MM-DD" strings).
 */

const ORIGIN = Date.UTC(2019, 2, 1); // the simulated account opened on 2019-03-01
const DAY_MS = 86_400_000;

/** A number in [0, 1) from the seed and the parts. */
export function unit(seed: string, ...parts: (string | number)[]): number {
  return createHash("sha256").update([seed, ...parts].join("|")).digest().readUInt32BE(0) / 2 ** 32;
}

export function dayNumber(date: string): number {
  const [y, m, d] = date.split("-").map(Number);
  return Math.floor((Date.UTC(y!, m! - 1, d!) - ORIGIN) / DAY_MS);
}

export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split("-").map(Number);
  return new Date(Date.UTC(y!, m! - 1, d! + days)).toISOString().slice(0, 10);
}

/** Followers at the end of `date`: base + rate × days + a jitter below the rate (never decreasing). */
export function followersOn(seed: string, date: string): number {
  const n = Math.max(0, dayNumber(date));
  const base = 600 + Math.floor(unit(seed, "base") * 900);
  const rate = 2 + unit(seed, "rate") * 3;
  return base + Math.floor(n * rate) + Math.floor(unit(seed, "jitter", date) * Math.floor(rate));
}

/** getusersummary rows for one day: sources 0 (其他), 1 (搜索), 17 (名片分享), 30 (扫码); cancels under 0. */
export function userSummaryOn(seed: string, date: string): { user_source: number; new_user: number; cancel_user: number }[] {
  const net = followersOn(seed, date) - followersOn(seed, addDays(date, -1));
  const cancel = Math.floor(unit(seed, "cancel", date) * 4);
  let remaining = net + cancel;
  const rows = [];
  for (const [source, share] of [[30, 0.45], [1, 0.3], [17, 0.15]] as const) {
    const n = Math.min(remaining, Math.round((net + cancel) * share * (0.7 + 0.6 * unit(seed, "src", source, date))));
    remaining -= n;
    if (n > 0) rows.push({ user_source: source, new_user: n, cancel_user: 0 });
  }
  return [{ user_source: 0, new_user: remaining, cancel_user: cancel }, ...rows];
}

/** Follower OpenIDs: 28 characters like real ones, stable per seed (position i). */
export function followerOpenIds(seed: string, total: number): string[] {
  const ids: string[] = [];
  for (let i = 0; i < total; i++) {
    ids.push("o" + createHash("sha1").update(`${seed}|follower|${i}`).digest("base64url").slice(0, 27));
  }
  return ids;
}

export interface ArticleDay {
  int_page_read_user: number;
  int_page_read_count: number;
  ori_page_read_user: number;
  ori_page_read_count: number;
  share_user: number;
  share_count: number;
  add_to_fav_user: number;
  add_to_fav_count: number;
}

/** Day `k` (0 = the day it was sent) of article `idx` of mass send `msgDataId` to `followers`. */
export function articleDay(seed: string, msgDataId: string, idx: number, k: number, followers: number): ArticleDay {
  const u = (...p: (string | number)[]) => unit(seed, "article", msgDataId, idx, k, ...p);
  const appeal = (0.05 + 0.08 * unit(seed, "appeal", msgDataId, idx)) * (idx === 1 ? 1 : 0.45);
  const decay = 0.3 + 0.15 * unit(seed, "decay", msgDataId);
  const readers = Math.round(followers * appeal * decay ** k * (0.85 + 0.3 * u("r")));
  const sharers = Math.round(readers * (0.03 + 0.04 * u("s")));
  const favs = Math.round(readers * (0.005 + 0.015 * u("f")));
  const original = Math.round(readers * 0.01 * u("o"));
  return {
    int_page_read_user: readers,
    int_page_read_count: Math.round(readers * (1.05 + 0.25 * u("rc"))),
    ori_page_read_user: original,
    ori_page_read_count: original + Math.round(original * 0.2 * u("oc")),
    share_user: sharers,
    share_count: Math.round(sharers * (1.1 + 0.4 * u("sc"))),
    add_to_fav_user: favs,
    add_to_fav_count: favs + Math.round(favs * 0.1 * u("fc")),
  };
}

/** Scenes getarticleread names (doc: 全部、公众号消息、聊天会话、朋友圈、公众号主页、其他、推荐、搜一搜). */
const SCENES = ["公众号消息", "聊天会话", "朋友圈", "公众号主页", "推荐", "搜一搜", "其他"] as const;

/**
 * Readers of one article-day split by scene, summing to `readUser`, with "全部" first as WeChat
 * lists it. A pushed (群发) article is read mostly from the message; a published one (发布, not
 * pushed) from the account's page, chats and 朋友圈.
 */
export function readSourcesOf(seed: string, id: string, readUser: number, pushed: boolean): { user_count: number; scene_desc: string }[] {
  const weights = (pushed ? [0.62, 0.14, 0.1, 0.05, 0.04, 0.02, 0.03] : [0, 0.3, 0.28, 0.22, 0.1, 0.05, 0.05]).map(
    (w, i) => w * (0.8 + 0.4 * unit(seed, "scene", id, i)),
  );
  const sum = weights.reduce((a, w) => a + w, 0);
  let left = readUser;
  const parts = weights.map((w, i) => {
    const n = i === weights.length - 1 ? left : Math.min(left, Math.floor((readUser * w) / sum));
    left -= n;
    return { user_count: n, scene_desc: SCENES[i]! };
  });
  return [{ user_count: readUser, scene_desc: "全部" }, ...parts.filter((p) => p.user_count > 0)];
}

/** 点赞, 在看, 留言, 收藏 and 阅读后关注 of one article-day, from its readers (same seed, same figures). */
export function engagementOf(seed: string, id: string, day: ArticleDay) {
  const u = (p: string) => unit(seed, "engage", id, p);
  const readers = day.int_page_read_user;
  return {
    like_user: Math.round(readers * (0.015 + 0.02 * u("like"))),
    zaikan_user: Math.round(readers * (0.005 + 0.01 * u("zaikan"))),
    comment_count: Math.round(readers * 0.004 * u("comment")),
    collection_user: day.add_to_fav_user,
    read_subscribe_user: Math.round(readers * 0.01 * u("subscribe")),
  };
}
