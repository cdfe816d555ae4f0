"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.datacubeEndpoints = datacubeEndpoints;
const zod_1 = require("zod");
const api_types_1 = require("../api-types");
const count = zod_1.z.coerce.number().int().default(0);
const counters = {
    int_page_read_user: count,
    int_page_read_count: count,
    ori_page_read_user: count,
    ori_page_read_count: count,
    share_user: count,
    share_count: count,
    add_to_fav_user: count,
    add_to_fav_count: count,
};
const list = (row) => zod_1.z.object({ list: zod_1.z.array(row).default([]) });
const userSummary = list(zod_1.z.object({ ref_date: zod_1.z.string(), user_source: count, new_user: count, cancel_user: count }));
const userCumulate = list(zod_1.z.object({ ref_date: zod_1.z.string(), cumulate_user: count }));
const articleSummary = list(zod_1.z.object({ ref_date: zod_1.z.string(), msgid: zod_1.z.coerce.string(), title: zod_1.z.string(), ...counters }));
const articleTotal = list(zod_1.z.object({
    ref_date: zod_1.z.string(),
    msgid: zod_1.z.coerce.string(),
    title: zod_1.z.string(),
    details: zod_1.z.array(zod_1.z.object({ stat_date: zod_1.z.string(), target_user: count, ...counters })).default([]),
}));
function toCounters(w) {
    return {
        intPageReadUser: w.int_page_read_user,
        intPageReadCount: w.int_page_read_count,
        oriPageReadUser: w.ori_page_read_user,
        oriPageReadCount: w.ori_page_read_count,
        shareUser: w.share_user,
        shareCount: w.share_count,
        addToFavUser: w.add_to_fav_user,
        addToFavCount: w.add_to_fav_count,
    };
}
function splitMsgId(msgid) {
    const [dataId = msgid, idx] = msgid.split("_");
    return idx === undefined ? { msgId: msgid, msgDataId: dataId } : { msgId: msgid, msgDataId: dataId, articleIdx: Number(idx) };
}
/**
 * 数据统计 (POST /datacube/<name> {begin_date, end_date}; protocol §5.8). Verified accounts only
 * (48001). Max span: user* 7 days, article* 1 day. Yesterday's data is ready after ~08:00–10:00.
 * Only mass-sent articles appear in the article stats.
 */
function datacubeEndpoints(call) {
    const fetchList = async (name, range, schema) => {
        const path = `/datacube/${name}`;
        const json = { begin_date: range.beginDate, end_date: range.endDate };
        return (0, api_types_1.parseWire)(schema, await call({ path, method: "POST", json, retryOnBusy: true }), path);
    };
    return {
        async getUserSummary(range) {
            const wire = await fetchList("getusersummary", range, userSummary);
            return wire.list.map((r) => ({ refDate: r.ref_date, userSource: r.user_source, newUser: r.new_user, cancelUser: r.cancel_user }));
        },
        async getUserCumulate(range) {
            const wire = await fetchList("getusercumulate", range, userCumulate);
            return wire.list.map((r) => ({ refDate: r.ref_date, cumulateUser: r.cumulate_user }));
        },
        async getArticleSummary(range) {
            const wire = await fetchList("getarticlesummary", range, articleSummary);
            return wire.list.map((r) => ({ refDate: r.ref_date, ...splitMsgId(r.msgid), title: r.title, ...toCounters(r) }));
        },
        async getArticleTotal(range) {
            const wire = await fetchList("getarticletotal", range, articleTotal);
            return wire.list.map((r) => ({
                refDate: r.ref_date,
                ...splitMsgId(r.msgid),
                title: r.title,
                details: r.details.map((d) => ({ statDate: d.stat_date, targetUser: d.target_user, ...toCounters(d) })),
            }));
        },
    };
}
//# sourceMappingURL=datacube.js.map