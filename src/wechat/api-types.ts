import { z } from "zod";
import { AppError } from "../errors";

/** A JSON object as WeChat sent it (snake_case); only src/wechat/ looks inside. */
export type WireBody = Record<string, unknown>;

/** One outbound call, described by an endpoint module and carried out by the API client. */
export interface ApiRequest {
  method?: "GET" | "POST";
  /** Path under the API base, e.g. "/cgi-bin/draft/add"; also the endpoint name in errors and logs. */
  path: string;
  query?: Record<string, string | undefined>;
  json?: unknown;
  form?: FormData;
  /**
   * Whether -1 (system busy) may be retried: only when doing the call twice does no harm
   * (reads, uploads, menu/create, sendall with a clientmsgid). Protocol §6: "Not safe to
   * blind-retry non-idempotent calls".
   */
  retryOnBusy: boolean;
}

/** Performs an ApiRequest with the access token, refresh and retry rules; resolves to the body when errcode is 0. */
export type ApiCall = (request: ApiRequest) => Promise<WireBody>;

/** A file to upload (multipart field `media`). */
export interface UploadFile {
  data: Uint8Array;
  filename: string;
  /** e.g. image/jpeg; guessed from the filename when absent. */
  contentType?: string;
}

/** WeChat ids come as numbers or strings depending on the endpoint and doc; we keep strings. */
export const wireId = z.union([z.string(), z.number()]).transform((v) => String(v));

/** Validates a response body at the edge; a surprise is an error that names the endpoint. */
export function parseWire<S extends z.ZodTypeAny>(schema: S, body: WireBody, endpoint: string): z.output<S> {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const issues = result.error.issues.map((i) => `${i.path.join(".") || "(body)"}: ${i.message}`).join("; ");
  throw new AppError("wechat_bad_response", `wechat: ${endpoint} answered an unexpected body: ${issues}`, {
    status: 502,
  });
}

const MIME_BY_EXT: Record<string, string> = {
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  png: "image/png",
  gif: "image/gif",
  bmp: "image/bmp",
};

/** The multipart body WeChat's upload endpoints expect: one file in the field `media`. */
export function mediaForm(file: UploadFile): FormData {
  const ext = file.filename.split(".").pop()?.toLowerCase() ?? "";
  const type = file.contentType ?? MIME_BY_EXT[ext] ?? "application/octet-stream";
  const form = new FormData();
  form.append("media", new Blob([file.data], { type }), file.filename);
  return form;
}
