"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.createStatsPublicationStore = createStatsPublicationStore;
function createStatsPublicationStore(db) {
    const list = db.prepare(`
    SELECT post_slug AS slug, column_id AS columnId, mode, state, issue,
           coalesce(article_title, post_title) AS title, scheduled_at AS scheduledAt, published_at AS publishedAt,
           failure_code AS failureCode, failure_reason AS failureReason, msg_data_id AS msgDataId, sent_count AS sentCount
    FROM publications
    WHERE account_id = @account_id AND coalesce(published_at, scheduled_at) >= @from AND coalesce(published_at, scheduled_at) < @to
    ORDER BY coalesce(published_at, scheduled_at) DESC, id DESC`);
    // publications_by_column (account_id, column_id, state, published_at) answers this from the index.
    const perColumn = db.prepare(`
    SELECT column_id AS columnId, count(*) AS n FROM publications
    WHERE account_id = @account_id AND state = 'published' AND published_at >= @from AND published_at < @to
    GROUP BY column_id`);
    const states = db.prepare(`
    SELECT state, count(*) AS n FROM publications
    WHERE account_id = @account_id AND coalesce(published_at, scheduled_at) >= @from AND coalesce(published_at, scheduled_at) < @to
    GROUP BY state`);
    return {
        listBetween: (accountId, from, to) => list.all({ account_id: accountId, from, to }),
        publishedPerColumn: (accountId, from, to) => perColumn.all({ account_id: accountId, from, to }),
        statesBetween: (accountId, from, to) => states.all({ account_id: accountId, from, to }),
    };
}
//# sourceMappingURL=stats-publication-store.js.map