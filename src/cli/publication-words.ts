import type { Publication, PublicationState } from "../db/stores/publication-store";
import { STATE_LABELS } from "../dashboard/presenters/labels";
import type { PostMode } from "../posts/post";
import { zoneName } from "../posts/describe-plan";
import { dayjs } from "../time";

/** "北京时间 12月8日 20:00": every time the CLI shows a person names its zone (issue 15). */
export function localTime(d: Date, timezone: string): string {
  return `${zoneName(timezone)} ${dayjs(d).tz(timezone).format("M月D日 HH:mm")}`;
}

/**
 * The state of a post in the 发布 page's words (labels.ts); "new": not in the ledger yet (the
 * scheduler tracks it within a minute). A 群发 that went out says so.
 */
export function stateName(state: PublicationState | "new" | "draft", mode: PostMode): string {
  if (state === "new") return "待发布";
  if (state === "draft") return "草稿（不发布）";
  if (state === "published") return mode === "mass" ? "已群发" : "已发布";
  return STATE_LABELS[state] ?? state;
}

/** What happened to a post, in a sentence (the ledger row's facts; reasons as the publisher wrote them). */
export function describeRow(row: Publication, timezone: string): string {
  const at = (d: Date | null) => (d ? localTime(d, timezone) : "时间未知");
  const send = row.mode === "mass" ? "群发" : "发布";
  switch (row.state) {
    case "published": {
      const reach = row.sentCount !== null ? `，送达 ${row.sentCount.toLocaleString("en-US")} 人` : row.mode === "mass" ? "，送达人数待微信通知" : "";
      return `${at(row.publishedAt)} 已${send}${reach}${row.articleUrl ? ` ${row.articleUrl}` : ""}`;
    }
    case "submitted":
      return `已提交微信${send}（${row.mode === "mass" ? `msg_id ${row.msgId ?? "?"}` : `publish_id ${row.publishId ?? "?"}`}），等待结果`;
    case "failed":
      return `失败：${row.failureReason ?? "原因未记录"}`;
    case "waiting_quota":
      return `今天的群发次数已用完，${at(row.nextAttemptAt)} 再发`;
    case "missed":
      return `错过了 ${at(row.scheduledAt)}；要现在发送：npm run cli -- publish --post ${row.slug}`;
    case "cancelled":
      return `已取消：${row.failureReason ?? "稿件已撤下"}`;
    case "draft_only":
      return row.failureReason ?? "该账号无发布接口权限，请在公众号后台手动发表";
    case "awaiting_approval":
      return row.failureReason ?? "请管理员在手机上确认群发（30 分钟内有效）";
    case "skipped":
      return `已跳过${row.failureReason ? `：${row.failureReason}` : ""}`;
    case "scheduled":
      return `定于 ${at(row.scheduledAt)} ${send}`;
    default:
      return row.nextAttemptAt ? `正在处理；${at(row.nextAttemptAt)} 重试：${row.failureReason ?? ""}` : "正在处理";
  }
}
