import { randomBytes } from "node:crypto";
import type { SandboxMediaKind } from "../db/stores/sandbox-content-store";
import type { Upload } from "./sandbox-context";
import { reject, type EndpointSpec, type Sandbox } from "./sandbox-context";

type ImageFormat = "jpeg" | "png" | "gif" | "bmp";

/** The format by its magic bytes, as a server that does not trust names would check. */
function sniff(data: Buffer): ImageFormat | undefined {
  if (data.length >= 3 && data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff) return "jpeg";
  if (data.length >= 8 && data.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return "png";
  if (data.subarray(0, 4).toString("latin1") === "GIF8") return "gif";
  if (data.subarray(0, 2).toString("latin1") === "BM") return "bmp";
  return undefined;
}

const EXT_FORMAT: Record<string, ImageFormat> = { jpg: "jpeg", jpeg: "jpeg", png: "png", gif: "gif", bmp: "bmp" };

/** Limits per kind (doc:svc/api/material/permanent/api_uploadimage, api_addmaterial; protocol §5.2). */
const RULES: Record<SandboxMediaKind, { formats: ImageFormat[]; maxBytes: number; tooLarge: number }> = {
  // "jpg/png, < 1 MB": exactly 1 MB is already too large.
  uploadimg: { formats: ["jpeg", "png"], maxBytes: 1024 * 1024 - 1, tooLarge: 40009 },
  image: { formats: ["jpeg", "png", "gif", "bmp"], maxBytes: 10 * 1024 * 1024, tooLarge: 40009 },
  thumb: { formats: ["jpeg"], maxBytes: 64 * 1024, tooLarge: 40012 },
};

/** 40005 for a type the kind does not take (by name and by content), the size code when too big. */
function checkUpload(kind: SandboxMediaKind, upload: Upload): ImageFormat {
  const rule = RULES[kind];
  const ext = upload.filename.includes(".") ? upload.filename.split(".").pop()!.toLowerCase() : "";
  const byName = EXT_FORMAT[ext];
  const byContent = sniff(upload.data);
  if (!byName || !byContent || byName !== byContent || !rule.formats.includes(byContent)) reject(40005);
  if (upload.tooLarge || upload.data.length > rule.maxBytes) reject(rule.tooLarge);
  return byContent;
}

const mmbizUrl = (format: ImageFormat) =>
  `http://mmbiz.qpic.cn/sz_mmbiz_${format === "jpeg" ? "jpg" : format}/${randomBytes(24).toString("base64url")}/0?wx_fmt=${format}`;

function store(sb: Sandbox, kind: SandboxMediaKind, upload: Upload, format: ImageFormat, now: Date) {
  const mediaId = kind === "uploadimg" ? null : randomBytes(32).toString("base64url");
  const url = kind === "thumb" ? null : mmbizUrl(format);
  sb.stores.content.addMedia(sb.accountId, {
    kind,
    mediaId,
    url,
    filename: upload.filename,
    contentType: upload.contentType,
    size: upload.data.length,
    createdAt: now.getTime(),
  });
  return { mediaId, url };
}

/** POST /cgi-bin/media/uploadimg: answers JSON as text/plain, like the real one (protocol §5.2). */
export const uploadImgEndpoint = (sb: Sandbox): EndpointSpec => ({
  method: "POST",
  path: "/cgi-bin/media/uploadimg",
  textPlain: true,
  async handle(req) {
    const upload = await req.upload(RULES.uploadimg.maxBytes);
    const format = checkUpload("uploadimg", upload);
    const { url } = store(sb, "uploadimg", upload, format, req.now);
    return { url, errcode: 0, errmsg: "ok" };
  },
});

/** POST /cgi-bin/material/add_material?type=image|thumb → {media_id, url?}. */
export const addMaterialEndpoint = (sb: Sandbox): EndpointSpec => ({
  method: "POST",
  path: "/cgi-bin/material/add_material",
  async handle(req) {
    const kind = req.query.type;
    if (kind !== "image" && kind !== "thumb") reject(40004, { hint: "the sandbox simulates type=image and type=thumb" });
    const upload = await req.upload(RULES[kind].maxBytes);
    const format = checkUpload(kind, upload);
    const { mediaId, url } = store(sb, kind, upload, format, req.now);
    return url === null ? { media_id: mediaId } : { media_id: mediaId, url };
  },
});
