import busboy from "busboy";
import type { Context } from "koa";
import { reject, SandboxReject, type Upload } from "./sandbox-context";


const JSON_LIMIT_BYTES = 2 * 1024 * 1024;

/** The raw request body, up to `limit` bytes (WeChat's article content may be close to 1 MB). */
async function readRaw(ctx: Context, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of ctx.req) {
    const buf = chunk as Buffer;
    size += buf.length;
    if (size > limit) reject(44002, { hint: "body too large for the sandbox" });
    chunks.push(buf);
  }
  return Buffer.concat(chunks);
}

/** The JSON body as an object; 44002 when empty, 47001 when it is not JSON (as WeChat answers). */
export async function readJson(ctx: Context): Promise<Record<string, unknown>> {
  const raw = await readRaw(ctx, JSON_LIMIT_BYTES);
  if (raw.length === 0) reject(44002);
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw.toString("utf8"));
  } catch {
    reject(47001);
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) reject(47001);
  return parsed as Record<string, unknown>;
}

/** The multipart file in field `media` (at most maxBytes kept); 41005 "media data missing" when there is none. */
export function readUpload(ctx: Context, maxBytes: number): Promise<Upload> {
  if (!ctx.is("multipart/form-data")) reject(41005);
  return new Promise<Upload>((resolve, rejectPromise) => {
    let upload: Upload | undefined;
    const parser = busboy({ headers: ctx.req.headers, limits: { files: 1, fileSize: maxBytes + 1 } });
    parser.on("file", (name, stream, info) => {
      if (name !== "media") {
        stream.resume();
        return;
      }
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        upload = {
          filename: info.filename ?? "",
          contentType: info.mimeType,
          data: Buffer.concat(chunks),
          // Busboy marks a file truncated once it reaches the limit, so the limit is maxBytes + 1.
          tooLarge: stream.truncated === true || chunks.reduce((n, c) => n + c.length, 0) > maxBytes,
        };
      });
    });
    parser.on("error", rejectPromise);
    parser.on("close", () => {
      if (upload) resolve(upload);
      else rejectPromise(new SandboxReject(41005));
    });
    ctx.req.pipe(parser);
  });
}
