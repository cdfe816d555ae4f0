"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.finishPublication = finishPublication;
exports.finishMassSend = finishMassSend;
const node_crypto_1 = require("node:crypto");
const time_1 = require("../time");
const fake_figures_1 = require("./fake-figures");
const job_events_1 = require("./job-events");
const articleUrl = () => `http://mp.weixin.qq.com/s/${(0, node_crypto_1.randomBytes)(16).toString("base64url")}`;
function articleCount(sb, mediaId) {
    if (mediaId === null)
        return 0;
    return sb.stores.content.findDraft(sb.accountId, mediaId)?.articles.length ?? 0;
}
/**
 * Ends a publish job once (timer or a late freepublish/get, whichever comes first) with the
 * configured outcome, takes the draft out of the draft box on success, and pushes PUBLISHJOBFINISH.
 */
async function finishPublication(sb, publishId) {
    const pub = sb.stores.jobs.findPublication(sb.accountId, publishId);
    if (!pub || pub.status !== 1)
        return;
    const now = sb.clock.now();
    const { status, failIdx } = sb.settings.publishOutcome;
    const ok = status === 0;
    const result = {
        publishId,
        status,
        articleId: ok ? (0, node_crypto_1.randomBytes)(24).toString("base64url") : null,
        articleUrls: ok ? Array.from({ length: articleCount(sb, pub.mediaId) }, articleUrl) : [],
        failIdx: ok ? [] : failIdx,
    };
    if (!sb.stores.jobs.finishPublication(sb.accountId, publishId, result, now.getTime()))
        return;
    // "上传到草稿箱中的素材被群发或发布后，该素材将从草稿箱中移除" (api_draft_add doc).
    if (ok)
        sb.stores.content.setDraftStatus(sb.accountId, pub.mediaId, "published", now.getTime());
    await (0, job_events_1.pushJobEvent)(sb, {
        name: "PUBLISHJOBFINISH",
        refId: publishId,
        fromUser: "mphelper",
        xml: (to) => (0, job_events_1.publishJobFinishXml)(to, (0, time_1.unixSeconds)(now), result),
    });
}
/** Ends a mass send once as "send success" to today's followers and pushes MASSSENDJOBFINISH. */
async function finishMassSend(sb, msgId) {
    const send = sb.stores.jobs.findMassSend(sb.accountId, msgId);
    if (!send || send.status !== "SENDING")
        return;
    const now = sb.clock.now();
    const total = (0, fake_figures_1.followersOn)(sb.seed, (0, time_1.localDate)(now));
    const errorCount = Math.floor((0, fake_figures_1.unit)(sb.seed, "mass-errors", msgId) * 3);
    const result = {
        msgId,
        status: "send success",
        totalCount: total,
        filterCount: total,
        sentCount: total - errorCount,
        errorCount,
        articleUrls: Array.from({ length: articleCount(sb, send.mediaId) }, articleUrl),
    };
    if (!sb.stores.jobs.finishMassSend(sb.accountId, msgId, { status: "SEND_SUCCESS", totalCount: total }, now.getTime()))
        return;
    // The admin who sends is a follower too; the vector's FromUserName is an ordinary OpenID.
    const [admin = "mphelper"] = (0, fake_figures_1.followerOpenIds)(sb.seed, 1);
    await (0, job_events_1.pushJobEvent)(sb, {
        name: "MASSSENDJOBFINISH",
        refId: msgId,
        fromUser: admin,
        xml: (to) => (0, job_events_1.massSendJobFinishXml)(to, admin, (0, time_1.unixSeconds)(now), result),
    });
}
//# sourceMappingURL=finish-jobs.js.map