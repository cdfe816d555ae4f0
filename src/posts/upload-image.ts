import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { writeFileAtomic } from "./write-file-atomic";

/**
 * Pictures an editor adds on the 稿件 page land in content/posts/images/, next to the ones dropped
 * in by hand, so a post refers to them as images/<name> whichever way they came.
 */
export const IMAGES_DIR = "images";

/**
 * WeChat's cap for a picture it keeps (add_material type=image: 10 MB, protocol §5.2). Body
 * pictures go through media/uploadimg (< 1 MB), but the publisher shrinks larger ones itself
 * (publisher/prepare-image.ts), so the editor may bring a phone photo as it is.
 */
export const MAX_IMAGE_BYTES = 10 * 1024 * 1024;
export const MAX_IMAGE_NOTE = "10 MB（微信永久素材图片的上限）";

export type ImageKind = "jpg" | "png" | "gif" | "webp";

/**
 * The format by its first bytes: a name or a browser's Content-Type says nothing (an .jpg may be
 * an SVG or an HTML page that would run script when opened from the dashboard).
 */
export function sniffImage(data: Buffer): ImageKind | undefined {
  if (data.length >= 3 && data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff) return "jpg";
  if (data.length >= 8 && data.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return "png";
  if (data.length >= 6 && /^GIF8[79]a$/.test(data.subarray(0, 6).toString("latin1"))) return "gif";
  if (data.length >= 12 && data.subarray(0, 4).toString("latin1") === "RIFF" && data.subarray(8, 12).toString("latin1") === "WEBP") return "webp";
  return undefined;
}

export const IMAGE_CONTENT_TYPES: Record<ImageKind, string> = { jpg: "image/jpeg", png: "image/png", gif: "image/gif", webp: "image/webp" };

/** A name as it may sit in images/: lower-case ASCII letters, digits, hyphens, one extension. */
export const SAFE_IMAGE_NAME = /^[a-z0-9]+(?:-[a-z0-9]+)*\.(?:jpg|png|gif|webp)$/;

/**
 * A file name made safe: the directory part and anything but ASCII letters, digits and hyphens
 * dropped (a phone names photos 微信图片_2026….jpg or IMG_0042.JPG), the extension from the
 * content. An empty result takes the post's slug, else "image".
 */
export function safeImageName(original: string, kind: ImageKind, fallback: string): string {
  const base = path.basename(original.replace(/\\/g, "/")).replace(/\.[^.]*$/, "");
  const clean = base
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60)
    .replace(/-+$/, "");
  const stem = clean || fallback.replace(/[^a-z0-9-]/g, "").slice(0, 60) || "image";
  return `${stem}.${kind}`;
}

export type ImageUploadResult =
  | { ok: true; name: string; ref: string; kind: ImageKind; bytes: number; reused: boolean; renamed: boolean }
  | { ok: false; problem: string };

export interface ImageUpload {
  /** The name the browser sent (untrusted). */
  filename: string;
  data: Buffer;
  /** The multipart reader cut the file at the cap. */
  tooLarge: boolean;
}

const sha = (b: Buffer) => createHash("sha256").update(b).digest("hex");

/**
 * Saves one picture under content/posts/images/: checked by content (jpg, png, gif, webp: no SVG,
 * no HTML), at most MAX_IMAGE_BYTES, under a safe name. A name already taken by another picture
 * gets a suffix (-2, -3…): a picture of another post is never replaced. The same bytes under the
 * same name are reused. Every problem is a sentence for the editor.
 */
export function saveImage(contentDir: string, upload: ImageUpload, fallbackStem: string): ImageUploadResult {
  const shown = path.basename(upload.filename.replace(/\\/g, "/")) || "图片";
  if (upload.tooLarge || upload.data.length > MAX_IMAGE_BYTES) {
    return { ok: false, problem: `图片“${shown}”太大：最大 ${MAX_IMAGE_NOTE}。请在手机上用“压缩”或截图后再上传。` };
  }
  if (upload.data.length === 0) return { ok: false, problem: `图片“${shown}”是空文件，请重新选择。` };
  const kind = sniffImage(upload.data);
  if (!kind) {
    return { ok: false, problem: `“${shown}”不是 jpg、png、gif 或 webp 图片（按文件内容判断，与文件名无关；SVG 和网页文件不能上传）。` };
  }
  const dir = path.join(contentDir, "posts", IMAGES_DIR);
  mkdirSync(dir, { recursive: true });
  const wanted = safeImageName(upload.filename, kind, fallbackStem);
  const digest = sha(upload.data);
  const taken = new Set(readdirSync(dir).map((n) => n.toLowerCase()));
  const stem = wanted.slice(0, -(kind.length + 1));
  for (let n = 1; n < 1000; n++) {
    const name = n === 1 ? wanted : `${stem}-${n}.${kind}`;
    const file = path.join(dir, name);
    if (taken.has(name)) {
      if (existsSync(file) && sha(readFileSync(file)) === digest) {
        return { ok: true, name, ref: `${IMAGES_DIR}/${name}`, kind, bytes: upload.data.length, reused: true, renamed: n > 1 };
      }
      continue;
    }
    writeFileAtomic(file, upload.data);
    return { ok: true, name, ref: `${IMAGES_DIR}/${name}`, kind, bytes: upload.data.length, reused: false, renamed: name !== wanted || n > 1 };
  }
  return { ok: false, problem: `images/ 里已有太多名为“${stem}”的图片，请换个文件名再上传。` };
}
