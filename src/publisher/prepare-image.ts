import path from "node:path";
import type Sharp from "sharp";

/**
 * sharp (libvips, ~20 MB resident) is loaded on first use, not when the service starts (Node's
 * module cache keeps it afterwards): the webhook process should not carry it until it prepares
 * an image for publishing.
 */
const sharp = (...args: Parameters<typeof Sharp>): ReturnType<typeof Sharp> => (require("sharp") as typeof Sharp)(...args);
import { ContentError } from "../errors";

/** media/uploadimg takes "jpg/png, < 1 MB"; exactly 1 MB is already too large (protocol §5.2). */
export const MAX_UPLOAD_BYTES = 1024 * 1024 - 1;
/** Wider than any phone shows an article; larger pictures only cost bytes. */
export const MAX_WIDTH = 1280;

export interface PreparedImage {
  data: Buffer;
  filename: string;
  contentType: "image/jpeg" | "image/png";
  /** What was done to it, for the log ("webp → jpg", "resized 4032 → 1280 px"…); empty when sent as is. */
  changes: string[];
}

const JPEG_QUALITIES = [85, 75, 65, 55];
const WIDTHS = [MAX_WIDTH, 1080, 800, 640];

/**
 * Turns an editor's picture into what WeChat accepts: jpg or png under 1 MB. webp (refused in
 * drafts: obsidian-wechat-converter #69), gif (first frame) and oversized files are converted with
 * sharp; a jpg/png that already fits is sent byte for byte.
 * @throws ContentError when the file is not an image sharp can read
 */
export async function prepareImage(data: Buffer, file: string): Promise<PreparedImage> {
  const base = path.basename(file, path.extname(file));
  let meta: Sharp.Metadata;
  try {
    meta = await sharp(data).metadata();
  } catch (err) {
    throw new ContentError(file, `cannot read the image: ${(err as Error).message}`);
  }
  const format = meta.format;
  const width = meta.width ?? 0;
  if ((format === "jpeg" || format === "png") && data.length <= MAX_UPLOAD_BYTES && width <= MAX_WIDTH) {
    return { data, filename: `${base}.${format === "jpeg" ? "jpg" : "png"}`, contentType: format === "jpeg" ? "image/jpeg" : "image/png", changes: [] };
  }
  const changes: string[] = [];
  if (format !== "jpeg" && format !== "png") changes.push(`${format ?? "unknown"} → jpg/png`);
  if (format === "gif" && (meta.pages ?? 1) > 1) changes.push("animated gif: first frame only");
  // A transparent png or webp stays png when that fits; otherwise jpeg on white.
  const keepPng = (format === "png" || meta.hasAlpha === true) && format !== "jpeg";
  for (const w of WIDTHS) {
    const resized = () => sharp(data, { animated: false }).rotate().resize({ width: w, withoutEnlargement: true });
    if (keepPng) {
      const png = await resized().png({ compressionLevel: 9, palette: false }).toBuffer();
      if (png.length <= MAX_UPLOAD_BYTES) return done(png, "png", w);
    }
    for (const quality of JPEG_QUALITIES) {
      const jpg = await resized().flatten({ background: "#ffffff" }).jpeg({ quality, mozjpeg: true }).toBuffer();
      if (jpg.length <= MAX_UPLOAD_BYTES) return done(jpg, "jpg", w, quality);
    }
  }
  throw new ContentError(file, "the image stays over 1 MB even at 640 px wide; use a smaller picture");

  function done(out: Buffer, ext: "jpg" | "png", w: number, quality?: number): PreparedImage {
    if (width > w) changes.push(`resized ${width} → ${w} px wide`);
    if (quality !== undefined && format === "jpeg") changes.push(`re-encoded at quality ${quality}`);
    return { data: out, filename: `${base}.${ext}`, contentType: ext === "jpg" ? "image/jpeg" : "image/png", changes };
  }
}
