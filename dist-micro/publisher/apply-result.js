"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.massOutcome = massOutcome;
exports.recordSuccess = recordSuccess;
exports.applyPublishResult = applyPublishResult;
exports.applyMassResult = applyMassResult;
/** publish_status (protocol §2): 0 success, 1 publishing, 2–6 failures. */
const PUBLISH_FAILURES = {
    2: "WeChat's original-content check failed (publish_status 2, 原创失败)",
    3: "WeChat could not publish it (publish_status 3, 常规失败); open the draft in the MP console",
    4: "WeChat's review rejected it (publish_status 4, 平台审核不通过)",
    5: "published, then every article was deleted by a user (publish_status 5)",
    6: "published, then every article was blocked by WeChat (publish_status 6)",
};
/** MASSSENDJOBFINISH err(n) (protocol §2). */
const MASS_ERRORS = {
    "10001": "suspected advertising",
    "20001": "politics",
    "20004": "society",
    "20002": "pornography",
    "20006": "crime",
    "20008": "fraud",
    "20013": "copyright",
    "22000": "mutual promotion",
    "21000": "other",
};
/** SEND_SUCCESS / "send success" → success; SENDING → pending; SEND_FAIL, DELETE, "send fail", err(n) → failure. */
function massOutcome(status) {
    const s = status.trim().toLowerCase();
    if (s === "send_success" || s === "send success")
        return "success";
    if (s === "sending")
        return "pending";
    return "failure";
}
function massFailureReason(status) {
    const code = /^err\((\d+)\)$/i.exec(status.trim())?.[1];
    if (code)
        return `WeChat stopped the mass send: ${status}${MASS_ERRORS[code] ? ` (${MASS_ERRORS[code]})` : ""}`;
    return `the mass send ended as ${status}`;
}
/**
 * Records a success once: state published, the issue (期数) committed to column_issues in the same
 * transaction. A later report for a row already published only fills in what was missing (the
 * article URL comes with MASSSENDJOBFINISH, not with mass/get).
 */
function recordSuccess(sink, row, fields, via) {
    const now = sink.clock.now();
    if (row.state === "published") {
        const fill = {};
        for (const [k, v] of Object.entries(fields)) {
            if (v !== undefined && v !== null && row[k] === null)
                fill[k] = v;
        }
        if (Object.keys(fill).length === 0)
            return row;
        const saved = sink.store.save({ ...row, ...fill }, { step: "result_details", detail: via }, now);
        if (saved)
            sink.onPublished(saved);
        return saved;
    }
    const next = {
        ...row,
        ...fields,
        state: "published",
        publishedAt: now,
        nextAttemptAt: null,
        failureCode: null,
        failureReason: null,
    };
    const saved = sink.store.savePublished(next, { step: "published", detail: `${via}; issue ${row.issue ?? "-"}` }, now);
    if (saved) {
        sink.log.info({ post: row.slug, issue: saved.issue, url: saved.articleUrl, via }, "post published");
        sink.onPublished(saved);
    }
    return saved;
}
function recordJobFailure(sink, row, code, reason, via) {
    if (row.state !== "submitted")
        return row;
    const now = sink.clock.now();
    const saved = sink.store.save({ ...row, state: "failed", failureCode: code, failureReason: reason, nextAttemptAt: null }, { step: "failed", detail: `${via}: ${reason}` }, now);
    if (saved)
        sink.log.error({ post: row.slug, code, reason, via }, "publication failed");
    return saved;
}
/** Applies a publish job's state (freepublish/get or PUBLISHJOBFINISH) to its row. */
function applyPublishResult(sink, row, result, via) {
    if (result.status === 1)
        return row;
    if (result.status === 0) {
        return recordSuccess(sink, row, { articleId: result.articleId ?? null, articleUrl: result.articleUrls[0] ?? null }, via);
    }
    const reason = PUBLISH_FAILURES[result.status] ?? `WeChat reported publish_status ${result.status}`;
    if (row.state === "published") {
        // 5 / 6 after success: the article was removed later. The publication did happen; note it.
        sink.store.save(row, { step: "removed_later", detail: `${via}: ${reason}` }, sink.clock.now());
        return row;
    }
    const failed = result.failIdx.length > 0 ? ` (article ${result.failIdx.join(", ")})` : "";
    return recordJobFailure(sink, row, `publish_status_${result.status}`, reason + failed, via);
}
/** Applies a mass send's state (mass/get or MASSSENDJOBFINISH) to its row. */
function applyMassResult(sink, row, result, via) {
    const outcome = massOutcome(result.status);
    if (outcome === "pending")
        return row;
    if (outcome === "success") {
        return recordSuccess(sink, row, { articleUrl: result.articleUrls?.[0] ?? null, sentCount: result.sentCount ?? null, errorCount: result.errorCount ?? null }, via);
    }
    if (row.state === "published")
        return row;
    return recordJobFailure(sink, row, `mass_${result.status.trim().toLowerCase().replace(/[^a-z0-9]+/g, "_")}`, massFailureReason(result.status), via);
}
//# sourceMappingURL=apply-result.js.map