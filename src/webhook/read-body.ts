import type { IncomingMessage } from "node:http";
import { RequestError } from "../errors";
import { readRawBody } from "../http/read-raw-body";

/**
 * Media types a push may be declared as. WeChat sends text/xml; some proxies rewrite it to
 * application/xml or text/plain, and a missing type is tolerated (co-wechat #21, #27). Anything
 * else (a form, JSON, multipart) is not a push.
 */
const XML_TYPES = new Set(["text/xml", "application/xml", "text/plain"]);

/** A push's body, refused before reading when its media type cannot be a push (415). */
export function readBody(req: IncomingMessage, limitBytes: number): Promise<string> {
  const type = req.headers["content-type"]?.split(";", 1)[0]!.trim().toLowerCase();
  if (type !== undefined && type !== "" && !XML_TYPES.has(type)) {
    return Promise.reject(new RequestError("unsupported_media_type", `content type ${type.slice(0, 40)} is not XML`, 415));
  }
  return readRawBody(req, limitBytes);
}
