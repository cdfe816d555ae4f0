"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.createStatsSnapshotStore = createStatsSnapshotStore;
const COUNTS_SQL = `
  sum(int_page_read_user) AS intPageReadUser, sum(int_page_read_count) AS intPageReadCount,
  sum(ori_page_read_user) AS oriPageReadUser, sum(ori_page_read_count) AS oriPageReadCount,
  sum(share_user) AS shareUser, sum(share_count) AS shareCount,
  sum(add_to_fav_user) AS addToFavUser, sum(add_to_fav_count) AS addToFavCount`;
function createStatsSnapshotStore(db) {
    const deleteSources = db.prepare("DELETE FROM stats_follower_sources WHERE account_id = @account_id AND ref_date = @date");
    const insertSource = db.prepare(`
    INSERT INTO stats_follower_sources (account_id, ref_date, user_source, new_user, cancel_user)
    VALUES (@account_id, @date, @user_source, @new_user, @cancel_user)`);
    const upsertSummary = db.prepare(`
    INSERT INTO stats_follower_days (account_id, ref_date, new_user, cancel_user, fetched_at)
    VALUES (@account_id, @date, @new_user, @cancel_user, @at)
    ON CONFLICT (account_id, ref_date) DO UPDATE SET
      new_user = excluded.new_user, cancel_user = excluded.cancel_user, fetched_at = excluded.fetched_at`);
    const upsertCumulate = db.prepare(`
    INSERT INTO stats_follower_days (account_id, ref_date, cumulate_user, fetched_at)
    VALUES (@account_id, @date, @cumulate_user, @at)
    ON CONFLICT (account_id, ref_date) DO UPDATE SET
      cumulate_user = excluded.cumulate_user, fetched_at = excluded.fetched_at`);
    const upsertCount = db.prepare(`
    INSERT INTO stats_follower_counts (account_id, counted_on, total, counted_at) VALUES (@account_id, @date, @total, @at)
    ON CONFLICT (account_id, counted_on) DO UPDATE SET total = excluded.total, counted_at = excluded.counted_at`);
    const upsertArticle = db.prepare(`
    INSERT INTO stats_article_days (account_id, ref_date, msg_id, msg_data_id, article_idx, title,
      int_page_read_user, int_page_read_count, ori_page_read_user, ori_page_read_count,
      share_user, share_count, add_to_fav_user, add_to_fav_count, fetched_at)
    VALUES (@account_id, @date, @msg_id, @msg_data_id, @article_idx, @title,
      @int_page_read_user, @int_page_read_count, @ori_page_read_user, @ori_page_read_count,
      @share_user, @share_count, @add_to_fav_user, @add_to_fav_count, @at)
    ON CONFLICT (account_id, ref_date, msg_id) DO UPDATE SET
      title = excluded.title, int_page_read_user = excluded.int_page_read_user,
      int_page_read_count = excluded.int_page_read_count, ori_page_read_user = excluded.ori_page_read_user,
      ori_page_read_count = excluded.ori_page_read_count, share_user = excluded.share_user,
      share_count = excluded.share_count, add_to_fav_user = excluded.add_to_fav_user,
      add_to_fav_count = excluded.add_to_fav_count, fetched_at = excluded.fetched_at`);
    const upsertTotal = db.prepare(`
    INSERT INTO stats_article_totals (account_id, msg_id, msg_data_id, article_idx, title, sent_date, stat_date,
      target_user, int_page_read_user, int_page_read_count, share_user, share_count, add_to_fav_user, fetched_at)
    VALUES (@account_id, @msg_id, @msg_data_id, @article_idx, @title, @sent_date, @stat_date,
      @target_user, @int_page_read_user, @int_page_read_count, @share_user, @share_count, @add_to_fav_user, @at)
    ON CONFLICT (account_id, msg_id) DO UPDATE SET
      title = excluded.title, sent_date = excluded.sent_date, stat_date = excluded.stat_date,
      target_user = excluded.target_user, int_page_read_user = excluded.int_page_read_user,
      int_page_read_count = excluded.int_page_read_count, share_user = excluded.share_user,
      share_count = excluded.share_count, add_to_fav_user = excluded.add_to_fav_user, fetched_at = excluded.fetched_at
    WHERE excluded.stat_date >= stats_article_totals.stat_date`);
    const selectFollowerDays = db.prepare(`
    SELECT ref_date AS date, new_user AS newUser, cancel_user AS cancelUser, cumulate_user AS cumulateUser
    FROM stats_follower_days WHERE account_id = @account_id AND ref_date BETWEEN @from AND @to ORDER BY ref_date`);
    const selectSources = db.prepare(`
    SELECT user_source AS userSource, sum(new_user) AS newUser, sum(cancel_user) AS cancelUser
    FROM stats_follower_sources WHERE account_id = @account_id AND ref_date BETWEEN @from AND @to
    GROUP BY user_source ORDER BY sum(new_user) DESC, user_source`);
    const selectCumulate = db.prepare(`
    SELECT ref_date AS date, cumulate_user AS cumulateUser FROM stats_follower_days
    WHERE account_id = @account_id AND ref_date <= @date AND cumulate_user IS NOT NULL ORDER BY ref_date DESC LIMIT 1`);
    const selectCount = db.prepare(`
    SELECT counted_on AS date, total FROM stats_follower_counts
    WHERE account_id = @account_id AND counted_on <= @date ORDER BY counted_on DESC LIMIT 1`);
    const selectDailyReads = db.prepare(`
    SELECT ref_date AS date, sum(int_page_read_user) AS readUser, sum(int_page_read_count) AS readCount,
           sum(share_count) AS shareCount
    FROM stats_article_days WHERE account_id = @account_id AND ref_date BETWEEN @from AND @to
    GROUP BY ref_date ORDER BY ref_date`);
    const selectArticleTotals = db.prepare(`
    SELECT msg_id AS msgId, msg_data_id AS msgDataId, article_idx AS articleIdx, max(title) AS title,
           min(ref_date) AS firstDate, ${COUNTS_SQL}
    FROM stats_article_days WHERE account_id = @account_id AND ref_date BETWEEN @from AND @to
    GROUP BY msg_id ORDER BY intPageReadCount DESC, msg_id`);
    const selectReach = db.prepare(`
    SELECT msg_id AS msgId, sent_date AS sentDate, target_user AS targetUser FROM stats_article_totals
    WHERE account_id = @account_id AND sent_date BETWEEN @from AND @to`);
    const selectReadThrough = db.prepare(`
    SELECT sum(int_page_read_count) AS n FROM stats_article_days WHERE account_id = @account_id AND ref_date <= @to`);
    const range = (accountId, from, to) => ({ account_id: accountId, from, to });
    return {
        upsertFollowerSummary(accountId, date, sources, at) {
            deleteSources.run({ account_id: accountId, date });
            let newUser = 0;
            let cancelUser = 0;
            for (const s of sources) {
                insertSource.run({ account_id: accountId, date, user_source: s.userSource, new_user: s.newUser, cancel_user: s.cancelUser });
                newUser += s.newUser;
                cancelUser += s.cancelUser;
            }
            upsertSummary.run({ account_id: accountId, date, new_user: newUser, cancel_user: cancelUser, at });
        },
        upsertFollowerCumulate(accountId, date, cumulateUser, at) {
            upsertCumulate.run({ account_id: accountId, date, cumulate_user: cumulateUser, at });
        },
        upsertFollowerCount(accountId, date, total, at) {
            upsertCount.run({ account_id: accountId, date, total, at });
        },
        upsertArticleDay(accountId, r, at) {
            upsertArticle.run({
                account_id: accountId,
                date: r.date,
                msg_id: r.msgId,
                msg_data_id: r.msgDataId,
                article_idx: r.articleIdx,
                title: r.title,
                int_page_read_user: r.intPageReadUser,
                int_page_read_count: r.intPageReadCount,
                ori_page_read_user: r.oriPageReadUser,
                ori_page_read_count: r.oriPageReadCount,
                share_user: r.shareUser,
                share_count: r.shareCount,
                add_to_fav_user: r.addToFavUser,
                add_to_fav_count: r.addToFavCount,
                at,
            });
        },
        upsertArticleTotal(accountId, r, at) {
            upsertTotal.run({
                account_id: accountId,
                msg_id: r.msgId,
                msg_data_id: r.msgDataId,
                article_idx: r.articleIdx,
                title: r.title,
                sent_date: r.sentDate,
                stat_date: r.statDate,
                target_user: r.targetUser,
                int_page_read_user: r.intPageReadUser,
                int_page_read_count: r.intPageReadCount,
                share_user: r.shareUser,
                share_count: r.shareCount,
                add_to_fav_user: r.addToFavUser,
                at,
            });
        },
        followerDays: (accountId, from, to) => selectFollowerDays.all(range(accountId, from, to)),
        followerSources: (accountId, from, to) => selectSources.all(range(accountId, from, to)),
        cumulateOn: (accountId, date) => selectCumulate.get({ account_id: accountId, date }),
        followerCountOn: (accountId, date) => selectCount.get({ account_id: accountId, date }),
        dailyReads: (accountId, from, to) => selectDailyReads.all(range(accountId, from, to)),
        articleTotals(accountId, from, to) {
            const rows = selectArticleTotals.all(range(accountId, from, to));
            // Reach is known per send; an article read in the range may have been sent up to 7 days before it.
            const reach = new Map(selectReach.all(range(accountId, shiftDate(from, -7), to)).map((r) => [r.msgId, r]));
            return rows.map((r) => {
                const known = reach.get(r.msgId);
                return { ...r, sentDate: known?.sentDate ?? null, targetUser: known?.targetUser ?? null };
            });
        },
        readCountThrough: (accountId, to) => selectReadThrough.get({ account_id: accountId, to })?.n ?? 0,
        transaction: (fn) => db.transaction(fn)(),
    };
}
/** "YYYY-MM-DD" plus `days` (calendar arithmetic, no time zone involved). */
function shiftDate(date, days) {
    const [y, m, d] = date.split("-").map(Number);
    return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}
//# sourceMappingURL=stats-snapshot-store.js.map