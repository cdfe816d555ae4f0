import type { Context } from "koa";
import getRawBody from "raw-body";
import { RequestError } from "../errors";

/**
 * Reads the request body as UTF-8 text with a size limit. WeChat posts raw XML (text/xml, some
 * proxies rewrite the type), so no body parser runs before this (co-wechat #21, #27).
 */
export async function readRawBody(ctx: Context, limitBytes: number): Promise<string> {
  const declared = Number(ctx.get("content-length") || NaN);
  if (Number.isFinite(declared) && declared > limitBytes) {
    throw new RequestError("body_too_large", `body of ${declared} bytes exceeds the ${limitBytes}-byte limit`, 413);
  }
  try {
    return await getRawBody(ctx.req, { limit: limitBytes, encoding: "utf8" });
  } catch (err) {
    const e = err as { type?: string; status?: number; message?: string };
    if (e.type === "entity.too.large") {
      throw new RequestError("body_too_large", `body exceeds the ${limitBytes}-byte limit`, 413, err);
    }
    throw new RequestError("body_unreadable", `could not read the body: ${e.message ?? "aborted"}`, 400, err);
  }
}
