"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.createStatsStores = createStatsStores;
const stats_message_store_1 = require("../db/stores/stats-message-store");
const stats_publication_store_1 = require("../db/stores/stats-publication-store");
const stats_snapshot_store_1 = require("../db/stores/stats-snapshot-store");
const stats_sync_store_1 = require("../db/stores/stats-sync-store");
const qa_ticket_store_1 = require("../db/stores/qa-ticket-store");
const comment_count_store_1 = require("../db/stores/comment-count-store");
function createStatsStores(db) {
    return {
        snapshots: (0, stats_snapshot_store_1.createStatsSnapshotStore)(db),
        sync: (0, stats_sync_store_1.createStatsSyncStore)(db),
        messages: (0, stats_message_store_1.createStatsMessageStore)(db),
        publications: (0, stats_publication_store_1.createStatsPublicationStore)(db),
        qa: (0, qa_ticket_store_1.createQaTicketStore)(db),
        comments: (0, comment_count_store_1.createCommentCountStore)(db),
    };
}
//# sourceMappingURL=stats-stores.js.map