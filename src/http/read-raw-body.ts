import type { IncomingMessage } from "node:http";
import { RequestError } from "../errors";

/**
 * Reads the request body as UTF-8 text with a size limit. WeChat posts raw XML (text/xml, some
 * proxies rewrite the type), so no body parser runs before this (co-wechat #21, #27).
 * Hand-rolled rather than raw-body: it is a dozen lines here, and raw-body's stream plumbing
 * showed up in the webhook's profile.
 */
export function readRawBody(req: IncomingMessage, limitBytes: number): Promise<string> {
  const declared = contentLengthOf(req);
  if (Number.isFinite(declared) && declared > limitBytes) {
    return Promise.reject(new RequestError("body_too_large", `body of ${declared} bytes exceeds the ${limitBytes}-byte limit`, 413));
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const cleanup = () => {
      req.off("data", onData);
      req.off("end", onEnd);
      req.off("error", onError);
      req.off("aborted", onAborted);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limitBytes) {
        cleanup();
        req.resume();
        reject(new RequestError("body_too_large", `body exceeds the ${limitBytes}-byte limit`, 413));
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      cleanup();
      resolve(chunks.length === 1 ? chunks[0]!.toString("utf8") : Buffer.concat(chunks, size).toString("utf8"));
    };
    const onError = (err: Error) => {
      cleanup();
      reject(new RequestError("body_unreadable", `could not read the body: ${err.message}`, 400, err));
    };
    const onAborted = () => onError(new Error("request aborted"));
    req.on("data", onData);
    req.on("end", onEnd);
    req.on("error", onError);
    req.on("aborted", onAborted);
  });
}

/**
 * The declared Content-Length, read from rawHeaders: `req.headers` is built lazily by Node and
 * building it showed in the webhook's profile. NaN when absent or not a number.
 */
function contentLengthOf(req: IncomingMessage): number {
  const raw = req.rawHeaders;
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i]!;
    if (name.length === 14 && name.toLowerCase() === "content-length") return Number(raw[i + 1] || NaN);
  }
  return NaN;
}
