import { z } from "zod";
import { parseWire, type ApiCall } from "../api-types";

const GET = "/cgi-bin/user/get";
const UPDATE_REMARK = "/cgi-bin/user/info/updateremark";
/** 设置用户备注名: "新的备注名，长度必须小于30字节" (doc:svc/api/usermanage/userinfo/api_updateremark). */
export const MAX_REMARK_BYTES = 30;

export interface FollowerPage {
  total: number;
  count: number;
  openIds: string[];
  /** Pass it to the next call; undefined once WeChat answers an empty next_openid (the end). */
  nextOpenId: string | undefined;
}

const getResponse = z.object({
  total: z.coerce.number().int(),
  count: z.coerce.number().int(),
  data: z.object({ openid: z.array(z.string()).default([]) }).optional(),
  next_openid: z.string().optional(),
});

/** 用户管理 (doc:svc/api/usermanage/userinfo/api_getfans; protocol §5.9). */
export function userEndpoints(call: ApiCall) {
  return {
    /** user/get: up to 10 000 followers per page, starting after `nextOpenId`. */
    async get(nextOpenId?: string): Promise<FollowerPage> {
      const body = await call({ path: GET, method: "GET", query: { next_openid: nextOpenId ?? "" }, retryOnBusy: true });
      const wire = parseWire(getResponse, body, GET);
      return {
        total: wire.total,
        count: wire.count,
        openIds: wire.data?.openid ?? [],
        nextOpenId: wire.next_openid ? wire.next_openid : undefined,
      };
    },
    /** user/info/updateremark: the follower's 备注名 as the MP console shows it (verified service accounts). */
    async updateRemark(openId: string, remark: string): Promise<void> {
      await call({ path: UPDATE_REMARK, method: "POST", json: { openid: openId, remark }, retryOnBusy: true });
    },
  };
}
