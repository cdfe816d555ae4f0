import type { PostMode } from "./post";
import { dayjs } from "../time";

/** The 群发 quota as our ledger counts it: 订阅号 1 a day, 服务号 4 a month (protocol §5.5). */
export interface MassQuotaFacts {
  used: number;
  limit: number;
  period: "day" | "month";
}

export interface PlanFacts {
  mode: PostMode;
  /** When it goes out. */
  at: Date;
  /** SCHEDULE_TIMEZONE; the sentence names the zone (北京时间 for Asia/Shanghai). */
  timezone: string;
  /** For mass sends: the quota of the period the send falls in, as counted now. */
  quota?: MassQuotaFacts | undefined;
  /** "now": the sentence says 现在 instead of the time (publish now, a post already due). */
  now?: Date | undefined;
  /**
   * 微信认证. false: WeChat refuses freepublish and sendall through the API (48001, since 2025-07;
   * platform-2025.md §1a), so the post becomes a draft for a person to send: the sentence says so.
   */
  verified?: boolean | undefined;
}

/** The zone as editors say it. */
export function zoneName(timezone: string): string {
  if (timezone === "Asia/Shanghai") return "北京时间";
  if (timezone === "UTC" || timezone === "Etc/UTC") return "UTC";
  return timezone;
}

/**
 * What will happen to a post, in words an editor reads without help:
 * "北京时间 12月8日 20:00 群发给全部关注者（今天的群发次数：0/1）" or
 * "北京时间 12月8日 12:00 发布（不推送给关注者，在公众号主页和搜索中可见）".
 * Shared by `check`, `posts`, the 稿件 page and the 发布 page, so they never disagree.
 */
export function describePlan(f: PlanFacts): string {
  const when =
    f.now !== undefined && f.at.getTime() <= f.now.getTime()
      ? "现在"
      : `${zoneName(f.timezone)} ${dayjs(f.at).tz(f.timezone).format("M月D日 HH:mm")}`;
  if (f.verified === false) {
    const act = f.mode === "publish" ? "发表" : "群发";
    return `${when} 建草稿（本账号未认证，微信不允许通过接口${act}：草稿建好后请在公众号后台手动${act}）`;
  }
  if (f.mode === "publish") return `${when} 发布（不推送给关注者，在公众号主页和搜索中可见）`;
  const quota = f.quota ? `（${f.quota.period === "day" ? "当天" : "当月"}的群发次数：${f.quota.used}/${f.quota.limit}）` : "";
  return `${when} 群发给全部关注者${quota}`;
}
