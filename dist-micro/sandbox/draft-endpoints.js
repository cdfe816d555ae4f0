"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.freepublishGetEndpoint = exports.freepublishSubmitEndpoint = exports.draftAddEndpoint = void 0;
exports.draftInBox = draftInBox;
const node_crypto_1 = require("node:crypto");
const finish_jobs_1 = require("./finish-jobs");
const sandbox_context_1 = require("./sandbox-context");
const validate_draft_1 = require("./validate-draft");
/** POST /cgi-bin/draft/add {articles:[…]} → {media_id}, with the documented limits (validate-draft.ts). */
const draftAddEndpoint = (sb) => ({
    method: "POST",
    path: "/cgi-bin/draft/add",
    async handle(req) {
        const articles = (0, validate_draft_1.validateDraft)(await req.json(), sb.stores.content, sb.accountId);
        const mediaId = (0, node_crypto_1.randomBytes)(32).toString("base64url");
        sb.stores.content.addDraft(sb.accountId, mediaId, articles, req.now.getTime());
        return { media_id: mediaId };
    },
});
exports.draftAddEndpoint = draftAddEndpoint;
/** A draft that is still in the draft box, else 40007 invalid media_id. */
function draftInBox(sb, mediaId) {
    const draft = typeof mediaId === "string" ? sb.stores.content.findDraft(sb.accountId, mediaId) : undefined;
    if (!draft || draft.status !== "draft")
        (0, sandbox_context_1.reject)(40007);
    return draft;
}
/**
 * POST /cgi-bin/freepublish/submit {media_id} → {errcode 0, publish_id, msg_data_id}; the job
 * ends after jobDelayMs and PUBLISHJOBFINISH is pushed (protocol §5.4). 48001 when unverified.
 */
const freepublishSubmitEndpoint = (sb) => ({
    method: "POST",
    path: "/cgi-bin/freepublish/submit",
    verifiedOnly: true,
    async handle(req) {
        const draft = draftInBox(sb, (await req.json()).media_id);
        const { publishId, msgDataId } = sb.stores.jobs.addPublication(sb.accountId, draft.mediaId, req.now.getTime());
        sb.later(sb.settings.jobDelayMs, () => (0, finish_jobs_1.finishPublication)(sb, publishId));
        return { errcode: 0, errmsg: "ok", publish_id: publishId, msg_data_id: msgDataId };
    },
});
exports.freepublishSubmitEndpoint = freepublishSubmitEndpoint;
/** POST /cgi-bin/freepublish/get {publish_id} → the job's state (53502 for an unknown id). */
const freepublishGetEndpoint = (sb) => ({
    method: "POST",
    path: "/cgi-bin/freepublish/get",
    verifiedOnly: true,
    async handle(req) {
        const publishId = String((await req.json()).publish_id ?? "");
        let pub = sb.stores.jobs.findPublication(sb.accountId, publishId);
        if (!pub)
            (0, sandbox_context_1.reject)(53502);
        // Finished by the clock even if this process never ran the timer (a restart, another process).
        if (pub.status === 1 && req.now.getTime() - pub.createdAt >= sb.settings.jobDelayMs) {
            await (0, finish_jobs_1.finishPublication)(sb, publishId);
            pub = sb.stores.jobs.findPublication(sb.accountId, publishId);
        }
        const body = { publish_id: pub.publishId, publish_status: pub.status };
        if (pub.status === 0) {
            body.article_id = pub.articleId;
            body.article_detail = {
                count: pub.articleUrls.length,
                item: pub.articleUrls.map((url, i) => ({ idx: i + 1, article_url: url })),
            };
        }
        if (pub.failIdx.length > 0)
            body.fail_idx = pub.failIdx;
        return body;
    },
});
exports.freepublishGetEndpoint = freepublishGetEndpoint;
//# sourceMappingURL=draft-endpoints.js.map