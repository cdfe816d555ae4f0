import type { SandboxContentStore } from "../db/stores/sandbox-content-store";
import { reject } from "./sandbox-context";

/** Characters as WeChat counts them (code points, so one CJK character is one). */
const chars = (s: string) => [...s].length;
const bytes = (s: string) => Buffer.byteLength(s, "utf8");

const str = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);

/**
 * The checks of draft/add (doc:svc/api/draftbox/draftmanage/api_draft_add; protocol §5.3):
 * 1–8 articles (45008); title required (44003), ≤ 32 chars (45003); author ≤ 16 (45110);
 * digest ≤ 128 (45004); content required (44003), < 20 000 chars tags included and < 1 MB (45002);
 * content_source_url ≤ 1 KB (45005); news needs a permanent thumb_media_id (40007).
 * newspic (图片消息): image_info.image_list of 1–20 permanent images (40007 for anything else,
 * 47001 for more than 20), plain text only and within the doc's 2 KB row (45166, the
 * code wenyan reads as "newspic text too long"); no thumb_media_id needed.
 * @returns the articles as received
 */
export function validateDraft(body: Record<string, unknown>, content: SandboxContentStore, accountId: string): unknown[] {
  const articles = body.articles;
  if (!Array.isArray(articles) || articles.length === 0) reject(44003);
  if (articles.length > 8) reject(45008);
  for (const raw of articles) {
    if (typeof raw !== "object" || raw === null) reject(47001);
    const a = raw as Record<string, unknown>;
    const title = str(a.title);
    const html = str(a.content);
    if (!title) reject(44003, { hint: "title is required" });
    if (chars(title) > 32) reject(45003);
    const author = str(a.author);
    if (author !== undefined && chars(author) > 16) reject(45110);
    const digest = str(a.digest);
    if (digest !== undefined && chars(digest) > 128) reject(45004);
    if (!html) reject(44003, { hint: "content is required" });
    if (chars(html) >= 20_000 || bytes(html) >= 1024 * 1024) reject(45002);
    const type = a.article_type ?? "news";
    const source = str(a.content_source_url);
    if (source !== undefined && bytes(source) > 1024) reject(45005);
    for (const flag of ["need_open_comment", "only_fans_can_comment"]) {
      if (a[flag] !== undefined && a[flag] !== 0 && a[flag] !== 1) reject(47001, { hint: `${flag} must be 0 or 1` });
    }
    if (type !== "news" && type !== "newspic") reject(47001, { hint: "article_type must be news or newspic" });
    if (type === "news") {
      const thumb = str(a.thumb_media_id);
      const media = thumb ? content.findMedia(accountId, thumb) : undefined;
      if (!media || media.kind === "uploadimg") reject(40007, { hint: "thumb_media_id must be a permanent image or thumb" });
    } else {
      checkNewspic(a, html, content, accountId);
    }
  }
  return articles;
}

/** "图片消息则仅支持纯文本", "图片数量最多为20张", each image_media_id "必须是永久MediaID" (api_draft_add doc). */
function checkNewspic(a: Record<string, unknown>, text: string, content: SandboxContentStore, accountId: string): void {
  if (/<\/?[a-z][^>]*>/i.test(text) || bytes(text) > 2048) reject(45166, { hint: "newspic content is plain text, at most 2 KB" });
  const info = a.image_info as { image_list?: unknown } | undefined;
  const list = info?.image_list;
  if (!Array.isArray(list) || list.length === 0) reject(44003, { hint: "newspic needs image_info.image_list" });
  if (list.length > 20) reject(47001, { hint: "newspic takes at most 20 images" });
  for (const item of list) {
    const id = str((item as Record<string, unknown> | null)?.image_media_id);
    const media = id ? content.findMedia(accountId, id) : undefined;
    if (!media || media.kind !== "image") reject(40007, { hint: "image_media_id must be a permanent image (add_material type=image)" });
  }
}
