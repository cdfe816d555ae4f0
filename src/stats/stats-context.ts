import type { ColumnCategory } from "../bot/bot-content";
import type { Clock } from "../time";
import type { ContentError } from "../errors";
import type { StatsStores } from "./stats-stores";

/** A column as the reports see it: id, display name (轮青诚聘) and reporting category (致富信息). */
export interface ReportColumn {
  id: string;
  name: string;
  category: ColumnCategory;
}

/**
 * What every stats presenter reads from: the stores, "now", the account and the columns. Built
 * per request by the dashboard, once by `cli stats`, and by the bench straight from dist/.
 */
export interface StatsContext {
  stores: StatsStores;
  clock: Clock;
  accountId: string;
  /** The account's display name (账号名称), e.g. 青春轮台. */
  accountName: string;
  /** Day boundaries (SCHEDULE_TIMEZONE, Asia/Shanghai). */
  timezone: string;
  /** columns.yml order. */
  columns: readonly ReportColumn[];
  /** The content check (`cli check`): problems of every file under content/, for the 内容检查 page. */
  contentCheck?: () => { problems: ContentError[]; summary: string };
  /** Days of message-log rollup a read may do on its own before falling back to live reads. */
  rollupBudgetDays?: number;
}
