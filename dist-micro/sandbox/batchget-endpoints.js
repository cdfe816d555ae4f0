"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.freepublishBatchGetEndpoint = exports.draftBatchGetEndpoint = void 0;
const finish_jobs_1 = require("./finish-jobs");
const sandbox_context_1 = require("./sandbox-context");
/** How far back the simulator looks; a real account's box is paged the same way (offset, count). */
const SCAN_LIMIT = 1000;
/** {offset, count (1–20), no_content} as draft/batchget and freepublish/batchget take it; else 47001. */
function page(body) {
    const offset = body.offset ?? 0;
    const count = body.count ?? 20;
    if (typeof offset !== "number" || typeof count !== "number" || offset < 0 || count < 1 || count > 20) {
        (0, sandbox_context_1.reject)(47001, { hint: "offset ≥ 0 and 1 ≤ count ≤ 20" });
    }
    return { offset, count, noContent: body.no_content === 1 };
}
const seconds = (ms) => Math.floor(ms / 1000);
/** Publish jobs past their duration end now, as freepublish/get ends them (a restart, another process). */
async function finishDuePublications(sb, now) {
    for (const pub of sb.stores.jobs.listPublications(sb.accountId, SCAN_LIMIT)) {
        if (pub.status === 1 && now.getTime() - pub.createdAt >= sb.settings.jobDelayMs)
            await (0, finish_jobs_1.finishPublication)(sb, pub.publishId);
    }
}
function newsItem(article, noContent, url) {
    const a = { ...article };
    if (noContent)
        delete a.content;
    return url === undefined ? a : { ...a, url };
}
/**
 * POST /cgi-bin/draft/batchget {offset, count, no_content} → {total_count, item_count,
 * item:[{media_id, content:{news_item}, update_time}]}: the drafts still in the box, newest first
 * (doc:svc/api/draftbox/draftmanage/api_draft_batchget).
 */
const draftBatchGetEndpoint = (sb) => ({
    method: "POST",
    path: "/cgi-bin/draft/batchget",
    async handle(req) {
        const { offset, count, noContent } = page(await req.json());
        await finishDuePublications(sb, req.now);
        const inBox = sb.stores.content.listDrafts(sb.accountId, SCAN_LIMIT).filter((d) => d.status === "draft");
        const item = inBox.slice(offset, offset + count).map((d) => ({
            media_id: d.mediaId,
            content: { news_item: d.articles.map((a) => newsItem(a, noContent)), create_time: seconds(d.createdAt), update_time: seconds(d.updatedAt) },
            update_time: seconds(d.updatedAt),
        }));
        return { total_count: inBox.length, item_count: item.length, item };
    },
});
exports.draftBatchGetEndpoint = draftBatchGetEndpoint;
/**
 * POST /cgi-bin/freepublish/batchget {offset, count, no_content} → {total_count, item_count,
 * item:[{article_id, content:{news_item:[…, url]}, update_time}]}: successful publications only,
 * newest first (doc:svc/api/public/api_freepublish_batchget). 48001 when unverified.
 */
const freepublishBatchGetEndpoint = (sb) => ({
    method: "POST",
    path: "/cgi-bin/freepublish/batchget",
    verifiedOnly: true,
    async handle(req) {
        const { offset, count, noContent } = page(await req.json());
        await finishDuePublications(sb, req.now);
        const published = sb.stores.jobs.listPublications(sb.accountId, SCAN_LIMIT).filter((p) => p.status === 0 && p.articleId !== null);
        const item = published.slice(offset, offset + count).map((p) => {
            const articles = sb.stores.content.findDraft(sb.accountId, p.mediaId)?.articles ?? [];
            const at = seconds(p.finishedAt ?? p.createdAt);
            return {
                article_id: p.articleId,
                content: { news_item: articles.map((a, i) => newsItem(a, noContent, p.articleUrls[i] ?? "")), create_time: at, update_time: at },
                update_time: at,
            };
        });
        return { total_count: published.length, item_count: item.length, item };
    },
});
exports.freepublishBatchGetEndpoint = freepublishBatchGetEndpoint;
//# sourceMappingURL=batchget-endpoints.js.map