import type { PublicationStore } from "../db/stores/publication-store";
import type { MassQuotaFacts } from "../posts/describe-plan";
import { dayjs } from "../time";

export interface MassQuotaInput {
  store: Pick<PublicationStore, "countMassSendsBetween">;
  accountId: string;
  /** 订阅号 or 服务号 (WECHAT_ACCOUNT_TYPE). */
  accountType: "subscription" | "service";
  /** SCHEDULE_TIMEZONE: quota days and months are local ones. */
  timezone: string;
  /** The instant whose day (and month) is asked about: now, or a post's publish_at. */
  at: Date;
}

export interface MassQuota {
  /** What describePlan shows: "（当天的群发次数：0/1）". */
  facts: MassQuotaFacts;
  /** undefined: a 群发 is allowed at `at`. Else the start of the next day or month that allows one. */
  freesAt: Date | undefined;
}

/**
 * The 群发 quota as our ledger counts it, the one place that knows the rule (DESIGN rule 16).
 * 订阅号: 1 a day. 服务号: 4 a month, and to all followers at most once a day
 * (doc:svc/guide/product/message/Batch_Sends.html; protocol §5.5). Sends waiting for an admin's
 * approval count: once confirmed they use the quota. WeChat's own 45028 stays the judge, since
 * sends made in the MP console count too and our ledger does not see them.
 */
export function massQuota({ store, accountId, accountType, timezone, at }: MassQuotaInput): MassQuota {
  const local = dayjs(at).tz(timezone);
  const dayStart = local.startOf("day");
  const dayEnd = dayStart.add(1, "day");
  const today = store.countMassSendsBetween(accountId, dayStart.toDate(), dayEnd.toDate());
  if (accountType === "subscription") {
    return { facts: { used: today, limit: 1, period: "day" }, freesAt: today >= 1 ? dayEnd.toDate() : undefined };
  }
  const monthStart = local.startOf("month");
  const monthEnd = monthStart.add(1, "month");
  const month = store.countMassSendsBetween(accountId, monthStart.toDate(), monthEnd.toDate());
  if (month >= 4) return { facts: { used: month, limit: 4, period: "month" }, freesAt: monthEnd.toDate() };
  if (today >= 1) return { facts: { used: today, limit: 1, period: "day" }, freesAt: dayEnd.toDate() };
  return { facts: { used: month, limit: 4, period: "month" }, freesAt: undefined };
}
