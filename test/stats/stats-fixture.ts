/**
 * A small, hand-countable world for the stats tests: a :memory: database, a fixed clock, the
 * League's five reporting categories over five columns, and helpers that write rows the way the
 * webhook (message store) and the publisher (publications ledger) write them.
 */
import { openDatabase, type Db } from "../../src/db/open-database";
import { createMessageStore, type PushOutcome } from "../../src/db/stores/message-store";
import { createStatsStores, type StatsStores } from "../../src/stats/stats-stores";
import type { ReportColumn, StatsContext } from "../../src/stats/stats-context";
import { fixedClock } from "../../src/time";
import type { InboundMessage } from "../../src/wechat/types";

export const COLUMNS: ReportColumn[] = [
  { id: "news", name: "轮青关注", category: "新闻娱乐" },
  { id: "careers", name: "轮青诚聘", category: "致富信息" },
  { id: "inspiration", name: "轮青励志", category: "其他" },
  { id: "students", name: "轮青大学生", category: "便民服务" },
  { id: "policy", name: "政策解读", category: "政策法规" },
];

/** Beijing wall-clock time "YYYY-MM-DD HH:mm" → instant (fixed +08:00, as Asia/Shanghai has no DST). */
export const bj = (s: string) => new Date(`${s.replace(" ", "T")}:00+08:00`);

export interface StatsWorld {
  db: Db;
  clock: ReturnType<typeof fixedClock>;
  stores: StatsStores;
  ctx: StatsContext;
  /** Records pushes as the webhook does (same columns, same youths upserts). */
  push(message: InboundMessage, outcome?: Partial<PushOutcome>, receivedAt?: Date): void;
  publication(p: PublicationSeed): void;
}

export interface PublicationSeed {
  slug: string;
  columnId: string;
  state?: string;
  issue?: number | null;
  title?: string;
  mode?: "mass" | "publish";
  scheduledAt: Date;
  publishedAt?: Date | null;
  msgDataId?: string | null;
  sentCount?: number | null;
  failureReason?: string | null;
}

/** `now` defaults to 2026-12-02 10:00 Beijing time (after 08:00: yesterday's datacube figures exist). */
export function statsWorld(now = "2026-12-02T02:00:00Z"): StatsWorld {
  const db = openDatabase(":memory:");
  const clock = fixedClock(now);
  const stores = createStatsStores(db);
  const messages = createMessageStore(db);
  const insertPublication = db.prepare(`
    INSERT INTO publications (account_id, post_slug, column_id, mode, post_title, scheduled_at, state, issue, article_title,
                              msg_data_id, published_at, sent_count, failure_reason, created_at, updated_at)
    VALUES ('default', @slug, @column_id, @mode, @title, @scheduled_at, @state, @issue, @title,
            @msg_data_id, @published_at, @sent_count, @failure_reason, @scheduled_at, @scheduled_at)`);
  return {
    db,
    clock,
    stores,
    ctx: { stores, clock, accountId: "default", accountName: "青春轮台", timezone: "Asia/Shanghai", columns: COLUMNS },
    push(message, outcome = {}, receivedAt = message.createdAt) {
      messages.recordMany([{ accountId: "default", message, receivedAt, outcome: { status: "replied", reply: null, ...outcome } }]);
    },
    publication(p) {
      const state = p.state ?? "published";
      insertPublication.run({
        slug: p.slug,
        column_id: p.columnId,
        mode: p.mode ?? "mass",
        title: p.title ?? p.slug,
        scheduled_at: p.scheduledAt.getTime(),
        state,
        issue: p.issue ?? null,
        msg_data_id: p.msgDataId ?? null,
        published_at: p.publishedAt === undefined ? (state === "published" ? p.scheduledAt.getTime() : null) : (p.publishedAt?.getTime() ?? null),
        sent_count: p.sentCount ?? null,
        failure_reason: p.failureReason ?? null,
      });
    },
  };
}
