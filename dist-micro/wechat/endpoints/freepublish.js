"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.freepublishEndpoints = freepublishEndpoints;
const zod_1 = require("zod");
const api_types_1 = require("../api-types");
const SUBMIT = "/cgi-bin/freepublish/submit";
const GET = "/cgi-bin/freepublish/get";
const BATCHGET = "/cgi-bin/freepublish/batchget";
const submitResponse = zod_1.z.object({ publish_id: api_types_1.wireId, msg_data_id: api_types_1.wireId.optional() });
const getResponse = zod_1.z.object({
    publish_id: api_types_1.wireId,
    publish_status: zod_1.z.coerce.number().int(),
    article_id: zod_1.z.string().optional(),
    article_detail: zod_1.z
        .object({ item: zod_1.z.array(zod_1.z.object({ idx: zod_1.z.coerce.number().int(), article_url: zod_1.z.string() })).default([]) })
        .optional(),
    fail_idx: zod_1.z.array(zod_1.z.coerce.number().int()).default([]),
});
const batchGetResponse = zod_1.z.object({
    total_count: zod_1.z.coerce.number().int().default(0),
    item: zod_1.z
        .array(zod_1.z.object({
        article_id: zod_1.z.string(),
        update_time: zod_1.z.coerce.number().default(0),
        content: zod_1.z
            .object({ news_item: zod_1.z.array(zod_1.z.object({ title: zod_1.z.string().default(""), url: zod_1.z.string().default("") })).default([]) })
            .default({}),
    }))
        .default([]),
});
/**
 * 发布 (not pushed to followers, not in the history list; protocol §5.4). Since 2025-07
 * unverified and personal accounts get 48001 here.
 */
function freepublishEndpoints(call) {
    return {
        /**
         * freepublish/submit: errcode 0 only means the job was accepted; the result comes as
         * PUBLISHJOBFINISH and from freepublish/get. Not retried on -1 (a repeat would publish twice).
         */
        async submit(mediaId) {
            const body = await call({ path: SUBMIT, method: "POST", json: { media_id: mediaId }, retryOnBusy: false });
            const wire = (0, api_types_1.parseWire)(submitResponse, body, SUBMIT);
            return wire.msg_data_id === undefined
                ? { publishId: wire.publish_id }
                : { publishId: wire.publish_id, msgDataId: wire.msg_data_id };
        },
        /** freepublish/get: the source of truth for a publish job (the event name is unreliable, §2). */
        async get(publishId) {
            const body = await call({ path: GET, method: "POST", json: { publish_id: publishId }, retryOnBusy: true });
            const wire = (0, api_types_1.parseWire)(getResponse, body, GET);
            const state = {
                publishId: wire.publish_id,
                status: wire.publish_status,
                articleUrls: (wire.article_detail?.item ?? []).map((i) => ({ idx: i.idx, url: i.article_url })),
                failIdx: wire.fail_idx,
            };
            if (wire.article_id !== undefined)
                state.articleId = wire.article_id;
            return state;
        },
        /**
         * freepublish/batchget {offset, count ≤ 20, no_content}: successful publications, newest
         * first. The publisher reads it after a crash between submit and recording the publish_id.
         */
        async batchGet(offset = 0, count = 20) {
            const json = { offset, count, no_content: 1 };
            const body = await call({ path: BATCHGET, method: "POST", json, retryOnBusy: true });
            const wire = (0, api_types_1.parseWire)(batchGetResponse, body, BATCHGET);
            return {
                totalCount: wire.total_count,
                published: wire.item.map((i) => ({
                    articleId: i.article_id,
                    updatedAt: new Date(i.update_time * 1000),
                    articles: i.content.news_item.map((a) => ({ title: a.title, url: a.url })),
                })),
            };
        },
    };
}
//# sourceMappingURL=freepublish.js.map