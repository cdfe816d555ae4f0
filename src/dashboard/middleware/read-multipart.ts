import busboy from "busboy";
import type { Context } from "koa";
import { RequestError } from "../../errors";

/** One file of a multipart form, at most the route's limit kept (tooLarge says it was cut). */
export interface FormUpload {
  field: string;
  filename: string;
  data: Buffer;
  tooLarge: boolean;
}

export interface MultipartLimits {
  maxFiles: number;
  /** Each file is kept up to this (+1 to tell it was cut: `tooLarge`); the rest is drained. */
  maxFileBytes: number;
  /** The whole body: refused (413) before reading when the declared length is larger. */
  maxTotalBytes: number;
  /** The 413's text, naming the cap in words staff read. */
  tooLargeText: string;
}

/** Text fields of a dashboard form are small. */
const FIELD_LIMIT_BYTES = 16 * 1024;

/**
 * The fields and files of a multipart/form-data body (busboy), for the inbox's picture reply and
 * the 稿件 page's uploads. Nothing past a cap is kept: an oversized file is drained, more files
 * than `maxFiles` or a body over `maxTotalBytes` is a 413, a malformed body a 400.
 */
export function readMultipart(ctx: Context, limits: MultipartLimits): Promise<{ form: URLSearchParams; uploads: FormUpload[] }> {
  const declared = Number(ctx.get("content-length") || 0);
  if (declared > limits.maxTotalBytes) return Promise.reject(new RequestError("too_large", limits.tooLargeText, 413));
  return new Promise((resolve, reject) => {
    const form = new URLSearchParams();
    const uploads: FormUpload[] = [];
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: ctx.req.headers,
        limits: { files: limits.maxFiles, fields: 20, fieldSize: FIELD_LIMIT_BYTES, fileSize: limits.maxFileBytes + 1, parts: limits.maxFiles + 20 },
      });
    } catch {
      reject(new RequestError("bad_multipart", "表单格式不对 (multipart boundary missing)", 400));
      return;
    }
    let total = 0;
    parser.on("field", (name, value) => form.append(name, value));
    parser.on("file", (field, stream, info) => {
      const chunks: Buffer[] = [];
      let size = 0;
      stream.on("data", (c: Buffer) => {
        size += c.length;
        total += c.length;
        if (size <= limits.maxFileBytes + 1 && total <= limits.maxTotalBytes) chunks.push(c);
      });
      stream.on("end", () => {
        // An empty file input still sends a part with no name and no bytes: no upload.
        if (size === 0 && !info.filename) return;
        uploads.push({ field, filename: info.filename ?? "", data: Buffer.concat(chunks), tooLarge: stream.truncated === true || size > limits.maxFileBytes });
      });
    });
    parser.on("filesLimit", () => reject(new RequestError("too_many_files", `一次最多上传 ${limits.maxFiles} 个文件`, 413)));
    parser.on("error", () => reject(new RequestError("bad_multipart", "表单格式不对 (malformed multipart body)", 400)));
    parser.on("close", () => (total > limits.maxTotalBytes ? reject(new RequestError("too_large", limits.tooLargeText, 413)) : resolve({ form, uploads })));
    ctx.req.pipe(parser);
  });
}
