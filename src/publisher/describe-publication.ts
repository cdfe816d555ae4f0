import type { Publication } from "../db/stores/publication-store";
import { zoneName } from "../posts/describe-plan";
import { dayjs } from "../time";
import { approvalDeadline } from "./follow-approval";
import type { Publisher } from "./publisher";

/** One line for people, in Chinese: what the row is waiting for, or what happened. */
export function describePublication(p: Pick<Publisher, "timezone">, row: Publication): string {
  const when = (d: Date | null) => (d ? `${zoneName(p.timezone)} ${dayjs(d).tz(p.timezone).format("YYYY-MM-DD HH:mm")}` : "?");
  const title = row.articleTitle ?? row.postTitle;
  switch (row.state) {
    case "published":
      return `已发布：${title}（${when(row.publishedAt)}）${row.articleUrl ? ` ${row.articleUrl}` : ""}`;
    case "submitted":
      return row.mode === "mass" ? `微信已接受群发（msg_id ${row.msgId}），等待结果` : `微信已接受发布任务（publish_id ${row.publishId}），等待结果`;
    case "awaiting_approval": {
      const deadline = approvalDeadline(row);
      return `等待管理员确认（截止 ${deadline ? dayjs(deadline).tz(p.timezone).format("HH:mm") : "?"}）：${row.failureReason ?? "请管理员在手机上确认群发"}`;
    }
    case "draft_only":
      return `草稿已建：${title}。${row.failureReason ?? "该账号无发布接口权限，请在公众号后台手动发表"}`;
    case "failed":
      return `失败：${row.failureReason ?? "?"}`;
    case "waiting_quota":
      return `等待群发次数（${when(row.nextAttemptAt)} 再试）`;
    case "missed":
      return `错过时间：原定 ${when(row.scheduledAt)}`;
    case "cancelled":
      return `已取消：${row.failureReason ?? "稿件已撤回"}`;
    case "skipped":
      return `已跳过${row.failureReason ? `：${row.failureReason}` : ""}`;
    case "scheduled":
      return `待发布：${when(row.scheduledAt)}`;
    default:
      return row.nextAttemptAt ? `进行中（${row.state}），${when(row.nextAttemptAt)} 重试：${row.failureReason ?? ""}` : `进行中（${row.state}）`;
  }
}
