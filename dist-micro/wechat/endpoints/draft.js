"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.toWireArticle = toWireArticle;
exports.draftEndpoints = draftEndpoints;
const zod_1 = require("zod");
const api_types_1 = require("../api-types");
const DRAFT_ADD = "/cgi-bin/draft/add";
const DRAFT_BATCHGET = "/cgi-bin/draft/batchget";
const flag = (v) => (v === undefined ? undefined : v ? 1 : 0);
/** The wire shape of one article (snake_case, 0/1 flags); undefined fields are left out. */
function toWireArticle(a) {
    const wire = {
        article_type: a.articleType,
        title: a.title,
        author: a.author,
        digest: a.digest,
        content: a.content,
        content_source_url: a.contentSourceUrl,
        thumb_media_id: a.thumbMediaId,
        need_open_comment: flag(a.needOpenComment),
        only_fans_can_comment: flag(a.onlyFansCanComment),
        pic_crop_235_1: a.picCrop2351,
        pic_crop_1_1: a.picCrop11,
    };
    for (const key of Object.keys(wire))
        if (wire[key] === undefined)
            delete wire[key];
    return wire;
}
const draftAddResponse = zod_1.z.object({ media_id: zod_1.z.string().min(1) });
const batchGetResponse = zod_1.z.object({
    total_count: zod_1.z.coerce.number().int().default(0),
    item: zod_1.z
        .array(zod_1.z.object({
        media_id: zod_1.z.string(),
        update_time: zod_1.z.coerce.number().default(0),
        content: zod_1.z
            .object({ news_item: zod_1.z.array(zod_1.z.object({ title: zod_1.z.string().default(""), digest: zod_1.z.string().optional() })).default([]) })
            .default({}),
    }))
        .default([]),
});
/** The draft box (草稿箱). A draft leaves it once published or mass-sent. */
function draftEndpoints(call) {
    return {
        /** draft/add → the draft's media_id (used by freepublish/submit and mass sendall). */
        async add(articles) {
            const body = await call({
                path: DRAFT_ADD,
                method: "POST",
                json: { articles: articles.map(toWireArticle) },
                // A duplicate draft is harmless (the publisher records which one it used).
                retryOnBusy: true,
            });
            return { mediaId: (0, api_types_1.parseWire)(draftAddResponse, body, DRAFT_ADD).media_id };
        },
        /**
         * draft/batchget {offset, count ≤ 20, no_content}: the drafts still in the box, newest first.
         * The publisher reads it after a crash between draft/add and recording its media_id.
         */
        async batchGet(offset = 0, count = 20) {
            const json = { offset, count, no_content: 1 };
            const body = await call({ path: DRAFT_BATCHGET, method: "POST", json, retryOnBusy: true });
            const wire = (0, api_types_1.parseWire)(batchGetResponse, body, DRAFT_BATCHGET);
            return {
                totalCount: wire.total_count,
                drafts: wire.item.map((i) => ({
                    mediaId: i.media_id,
                    updatedAt: new Date(i.update_time * 1000),
                    articles: i.content.news_item.map((a) => (a.digest === undefined ? { title: a.title } : { title: a.title, digest: a.digest })),
                })),
            };
        },
    };
}
//# sourceMappingURL=draft.js.map