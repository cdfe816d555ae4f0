import type { Db } from "../open-database";

/**
 * The 2025 datacube family's snapshots (migration 0012): readers and sharers per article per day
 * (getarticleread, getarticleshare), the account's day (getbizsummary), and each article's
 * cumulative figures since publication (getarticletotaldetail).
 */

export interface ArticleKey {
  msgId: string;
  msgDataId: string;
  articleIdx: number | null;
}

export interface BizDay {
  date: string;
  readUser: number;
  shareUser: number;
  zaikanUser: number;
  likeUser: number;
  commentCount: number;
  collectionUser: number;
  redirectOriPageUser: number;
  sendPageCount: number;
}

export interface ArticleDetail extends ArticleKey {
  title: string;
  contentUrl: string;
  publishDate: string;
  /** 0 已通知 (群发), 1 未开启通知 (发布). */
  publishType: number;
  statDate: string;
  readUser: number;
  shareUser: number;
  zaikanUser: number;
  likeUser: number;
  commentCount: number;
  collectionUser: number;
  readSubscribeUser: number;
  readFinishRate: number | null;
  readAvgActivetime: number | null;
}

/** One article over a date range: readers and sharers summed per day, with what its detail row says. */
export interface PublishedArticleRange extends ArticleKey {
  /** Sum of the daily read_user (a youth reading on two days counts twice). */
  readUser: number;
  shareUser: number;
  /** Any day of the range still being computed by WeChat. */
  isDelay: boolean;
  /** From getarticletotaldetail, null until it has answered for the article. */
  detail: ArticleDetail | null;
}

export interface DailyReaders {
  date: string;
  readUser: number;
  shareUser: number;
}

export interface StatsArticleStore {
  upsertReads(accountId: string, date: string, rows: (ArticleKey & { readUser: number })[], isDelay: boolean, at: number): void;
  upsertShares(accountId: string, date: string, rows: (ArticleKey & { shareUser: number })[], isDelay: boolean, at: number): void;
  upsertBizDay(accountId: string, day: BizDay, isDelay: boolean, at: number): void;
  /** Keeps the newest stat_date: an older answer never overwrites a newer one. */
  upsertDetail(accountId: string, detail: ArticleDetail, isDelay: boolean, at: number): void;
  dailyReaders(accountId: string, from: string, to: string): DailyReaders[];
  bizDays(accountId: string, from: string, to: string): BizDay[];
  /** Articles read, shared or published in [from, to], most read first. */
  articlesBetween(accountId: string, from: string, to: string): PublishedArticleRange[];
  /** Publish dates on or after `since` whose figures may still grow (≤ 30 days old, or is_delay). */
  openPublishDates(accountId: string, since: string): string[];
  transaction<T>(fn: () => T): T;
}

type Range = { account_id: string; from: string; to: string };

/** A detail row as selected (DETAIL_COLUMNS names every column after its field). */
type DetailRow = ArticleDetail;

const DETAIL_COLUMNS = `msg_id AS msgId, msg_data_id AS msgDataId, article_idx AS articleIdx, title, content_url AS contentUrl,
  publish_date AS publishDate, publish_type AS publishType, stat_date AS statDate, read_user AS readUser, share_user AS shareUser,
  zaikan_user AS zaikanUser, like_user AS likeUser, comment_count AS commentCount, collection_user AS collectionUser,
  read_subscribe_user AS readSubscribeUser, read_finish_rate AS readFinishRate, read_avg_activetime AS readAvgActivetime`;

export function createStatsArticleStore(db: Db): StatsArticleStore {
  // Reads and shares arrive from two endpoints; each upsert touches only its own column.
  const upsertRead = db.prepare(`
    INSERT INTO stats_article_reads (account_id, ref_date, msg_id, msg_data_id, article_idx, read_user, is_delay, fetched_at)
    VALUES (@account_id, @date, @msg_id, @msg_data_id, @article_idx, @n, @is_delay, @at)
    ON CONFLICT (account_id, ref_date, msg_id) DO UPDATE SET
      read_user = excluded.read_user, is_delay = excluded.is_delay, fetched_at = excluded.fetched_at`);
  const upsertShare = db.prepare(`
    INSERT INTO stats_article_reads (account_id, ref_date, msg_id, msg_data_id, article_idx, share_user, is_delay, fetched_at)
    VALUES (@account_id, @date, @msg_id, @msg_data_id, @article_idx, @n, @is_delay, @at)
    ON CONFLICT (account_id, ref_date, msg_id) DO UPDATE SET
      share_user = excluded.share_user, is_delay = max(stats_article_reads.is_delay, excluded.is_delay), fetched_at = excluded.fetched_at`);
  const upsertBiz = db.prepare(`
    INSERT INTO stats_biz_days (account_id, ref_date, read_user, share_user, zaikan_user, like_user, comment_count,
      collection_user, redirect_ori_page_user, send_page_count, is_delay, fetched_at)
    VALUES (@account_id, @date, @read_user, @share_user, @zaikan_user, @like_user, @comment_count,
      @collection_user, @redirect_ori_page_user, @send_page_count, @is_delay, @at)
    ON CONFLICT (account_id, ref_date) DO UPDATE SET
      read_user = excluded.read_user, share_user = excluded.share_user, zaikan_user = excluded.zaikan_user,
      like_user = excluded.like_user, comment_count = excluded.comment_count, collection_user = excluded.collection_user,
      redirect_ori_page_user = excluded.redirect_ori_page_user, send_page_count = excluded.send_page_count,
      is_delay = excluded.is_delay, fetched_at = excluded.fetched_at`);
  const upsertDetailRow = db.prepare(`
    INSERT INTO stats_article_details (account_id, msg_id, msg_data_id, article_idx, title, content_url, publish_date,
      publish_type, stat_date, read_user, share_user, zaikan_user, like_user, comment_count, collection_user,
      read_subscribe_user, read_finish_rate, read_avg_activetime, is_delay, fetched_at)
    VALUES (@account_id, @msg_id, @msg_data_id, @article_idx, @title, @content_url, @publish_date,
      @publish_type, @stat_date, @read_user, @share_user, @zaikan_user, @like_user, @comment_count, @collection_user,
      @read_subscribe_user, @read_finish_rate, @read_avg_activetime, @is_delay, @at)
    ON CONFLICT (account_id, msg_id) DO UPDATE SET
      title = excluded.title, content_url = excluded.content_url, publish_date = excluded.publish_date,
      publish_type = excluded.publish_type, stat_date = excluded.stat_date, read_user = excluded.read_user,
      share_user = excluded.share_user, zaikan_user = excluded.zaikan_user, like_user = excluded.like_user,
      comment_count = excluded.comment_count, collection_user = excluded.collection_user,
      read_subscribe_user = excluded.read_subscribe_user, read_finish_rate = excluded.read_finish_rate,
      read_avg_activetime = excluded.read_avg_activetime, is_delay = excluded.is_delay, fetched_at = excluded.fetched_at
    WHERE excluded.stat_date >= stats_article_details.stat_date`);

  const selectDaily = db.prepare<Range, DailyReaders>(`
    SELECT ref_date AS date, sum(read_user) AS readUser, sum(share_user) AS shareUser FROM stats_article_reads
    WHERE account_id = @account_id AND ref_date BETWEEN @from AND @to GROUP BY ref_date ORDER BY ref_date`);
  const selectBiz = db.prepare<Range, BizDay>(`
    SELECT ref_date AS date, read_user AS readUser, share_user AS shareUser, zaikan_user AS zaikanUser, like_user AS likeUser,
           comment_count AS commentCount, collection_user AS collectionUser, redirect_ori_page_user AS redirectOriPageUser,
           send_page_count AS sendPageCount
    FROM stats_biz_days WHERE account_id = @account_id AND ref_date BETWEEN @from AND @to ORDER BY ref_date`);
  const selectRead = db.prepare<Range, ArticleKey & { readUser: number; shareUser: number; isDelay: number }>(`
    SELECT msg_id AS msgId, msg_data_id AS msgDataId, article_idx AS articleIdx, sum(read_user) AS readUser,
           sum(share_user) AS shareUser, max(is_delay) AS isDelay
    FROM stats_article_reads WHERE account_id = @account_id AND ref_date BETWEEN @from AND @to GROUP BY msg_id`);
  const selectDetailsPublished = db.prepare<Range, DetailRow>(`
    SELECT ${DETAIL_COLUMNS} FROM stats_article_details
    WHERE account_id = @account_id AND publish_date BETWEEN @from AND @to`);
  const selectDetail = db.prepare<{ account_id: string; msg_id: string }, DetailRow>(
    `SELECT ${DETAIL_COLUMNS} FROM stats_article_details WHERE account_id = @account_id AND msg_id = @msg_id`,
  );
  const selectOpen = db.prepare<{ account_id: string; since: string }, { date: string }>(`
    SELECT DISTINCT publish_date AS date FROM stats_article_details
    WHERE account_id = @account_id AND publish_date >= @since ORDER BY publish_date`);

  const key = (accountId: string, date: string, r: ArticleKey, n: number, isDelay: boolean, at: number) => ({
    account_id: accountId,
    date,
    msg_id: r.msgId,
    msg_data_id: r.msgDataId,
    article_idx: r.articleIdx,
    n,
    is_delay: isDelay ? 1 : 0,
    at,
  });

  return {
    upsertReads(accountId, date, rows, isDelay, at) {
      for (const r of rows) upsertRead.run(key(accountId, date, r, r.readUser, isDelay, at));
    },
    upsertShares(accountId, date, rows, isDelay, at) {
      for (const r of rows) upsertShare.run(key(accountId, date, r, r.shareUser, isDelay, at));
    },
    upsertBizDay(accountId, d, isDelay, at) {
      upsertBiz.run({
        account_id: accountId,
        date: d.date,
        read_user: d.readUser,
        share_user: d.shareUser,
        zaikan_user: d.zaikanUser,
        like_user: d.likeUser,
        comment_count: d.commentCount,
        collection_user: d.collectionUser,
        redirect_ori_page_user: d.redirectOriPageUser,
        send_page_count: d.sendPageCount,
        is_delay: isDelay ? 1 : 0,
        at,
      });
    },
    upsertDetail(accountId, d, isDelay, at) {
      upsertDetailRow.run({
        account_id: accountId,
        msg_id: d.msgId,
        msg_data_id: d.msgDataId,
        article_idx: d.articleIdx,
        title: d.title,
        content_url: d.contentUrl,
        publish_date: d.publishDate,
        publish_type: d.publishType,
        stat_date: d.statDate,
        read_user: d.readUser,
        share_user: d.shareUser,
        zaikan_user: d.zaikanUser,
        like_user: d.likeUser,
        comment_count: d.commentCount,
        collection_user: d.collectionUser,
        read_subscribe_user: d.readSubscribeUser,
        read_finish_rate: d.readFinishRate,
        read_avg_activetime: d.readAvgActivetime,
        is_delay: isDelay ? 1 : 0,
        at,
      });
    },
    dailyReaders: (accountId, from, to) => selectDaily.all({ account_id: accountId, from, to }),
    bizDays: (accountId, from, to) => selectBiz.all({ account_id: accountId, from, to }),
    articlesBetween(accountId, from, to) {
      const range = { account_id: accountId, from, to };
      const out = new Map<string, PublishedArticleRange>();
      for (const r of selectRead.all(range)) {
        out.set(r.msgId, { ...r, isDelay: r.isDelay === 1, detail: selectDetail.get({ account_id: accountId, msg_id: r.msgId }) ?? null });
      }
      // Published in the range but not read yet: still listed, with 0 readers.
      for (const d of selectDetailsPublished.all(range)) {
        if (!out.has(d.msgId)) out.set(d.msgId, { msgId: d.msgId, msgDataId: d.msgDataId, articleIdx: d.articleIdx, readUser: 0, shareUser: 0, isDelay: false, detail: d });
      }
      return [...out.values()].sort((a, b) => b.readUser - a.readUser || (a.msgId < b.msgId ? -1 : 1));
    },
    openPublishDates: (accountId, since) => selectOpen.all({ account_id: accountId, since }).map((r) => r.date),
    transaction: (fn) => db.transaction(fn)(),
  };
}
