"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.MAX_REMARK_BYTES = void 0;
exports.userEndpoints = userEndpoints;
const zod_1 = require("zod");
const api_types_1 = require("../api-types");
const GET = "/cgi-bin/user/get";
const UPDATE_REMARK = "/cgi-bin/user/info/updateremark";
/** 设置用户备注名: "新的备注名，长度必须小于30字节" (doc:svc/api/usermanage/userinfo/api_updateremark). */
exports.MAX_REMARK_BYTES = 30;
const getResponse = zod_1.z.object({
    total: zod_1.z.coerce.number().int(),
    count: zod_1.z.coerce.number().int(),
    data: zod_1.z.object({ openid: zod_1.z.array(zod_1.z.string()).default([]) }).optional(),
    next_openid: zod_1.z.string().optional(),
});
/** 用户管理 (doc:svc/api/usermanage/userinfo/api_getfans; protocol §5.9). */
function userEndpoints(call) {
    return {
        /** user/get: up to 10 000 followers per page, starting after `nextOpenId`. */
        async get(nextOpenId) {
            const body = await call({ path: GET, method: "GET", query: { next_openid: nextOpenId ?? "" }, retryOnBusy: true });
            const wire = (0, api_types_1.parseWire)(getResponse, body, GET);
            return {
                total: wire.total,
                count: wire.count,
                openIds: wire.data?.openid ?? [],
                nextOpenId: wire.next_openid ? wire.next_openid : undefined,
            };
        },
        /** user/info/updateremark: the follower's 备注名 as the MP console shows it (verified service accounts). */
        async updateRemark(openId, remark) {
            await call({ path: UPDATE_REMARK, method: "POST", json: { openid: openId, remark }, retryOnBusy: true });
        },
    };
}
//# sourceMappingURL=user.js.map