"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.followJobResult = followJobResult;
const apply_result_1 = require("./apply-result");
/**
 * PUBLISHJOBFINISH and MASSSENDJOBFINISH pushed to the webhook update the ledger
 * at once. They are a shortcut, not the source of truth (the event's name is unreliable and it may
 * never come: protocol §2, §8 item 6), so the publisher also polls freepublish/get and mass/get.
 * Both paths apply results idempotently by compare-and-set, whichever comes first.
 */
function followJobResult(sink, accountId, message) {
    const apply = (find, run, ref) => {
        // Two tries: a concurrent write (the poller) makes the first compare-and-set miss.
        for (let i = 0; i < 2; i++) {
            const row = find();
            if (!row) {
                sink.log.info({ ref }, "job event for a job the ledger does not know (sent from the MP console?)");
                return;
            }
            if (run(row) !== undefined)
                return;
        }
    };
    if (message.type === "publish_finished") {
        apply(() => sink.store.findByPublishId(accountId, message.publishId), (row) => (0, apply_result_1.applyPublishResult)(sink, row, { status: message.publishStatus, articleId: message.articleId, articleUrls: message.articleUrls, failIdx: message.failIdx }, "PUBLISHJOBFINISH"), message.publishId);
    }
    else if (message.type === "mass_send_finished") {
        apply(() => sink.store.findByMsgId(accountId, message.msgId), (row) => (0, apply_result_1.applyMassResult)(sink, row, { status: message.status, sentCount: message.sentCount, errorCount: message.errorCount, articleUrls: message.articleUrls }, "MASSSENDJOBFINISH"), message.msgId);
    }
}
//# sourceMappingURL=job-events.js.map