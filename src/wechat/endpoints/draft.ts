import { z } from "zod";
import { parseWire, type ApiCall } from "../api-types";

const DRAFT_ADD = "/cgi-bin/draft/add";
const DRAFT_BATCHGET = "/cgi-bin/draft/batchget";

/**
 * One article of a draft (doc:svc/api/draftbox/draftmanage/api_draft_add; protocol §5.3).
 * WeChat's limits: title ≤ 32 chars, author ≤ 16, digest ≤ 128, content < 20 000 chars
 * (tags included) and < 1 MB; content_source_url ≤ 1 KB. Preflight them before calling.
 */
export interface DraftArticle {
  /** `news` (default) or `newspic` (plain-text content, images only). */
  articleType?: "news" | "newspic";
  title: string;
  author?: string;
  /** Single-article drafts only; WeChat takes the first 54 chars of the body when empty. */
  digest?: string;
  /** news: HTML with inline styles, image URLs from media/uploadimg. newspic: plain text only. */
  content: string;
  /**
   * newspic only: the pictures (1–20, the first is the cover), each a permanent image material's
   * media_id (add_material type=image): image_info.image_list[].image_media_id (api_draft_add doc).
   */
  imageMediaIds?: string[];
  /** 阅读原文 link. */
  contentSourceUrl?: string;
  /** Permanent media_id of the cover; required for `news`. */
  thumbMediaId?: string;
  needOpenComment?: boolean;
  onlyFansCanComment?: boolean;
  /** Cover crops as X1_Y1_X2_Y2, normalised 0–1. */
  picCrop2351?: string;
  picCrop11?: string;
}

const flag = (v: boolean | undefined) => (v === undefined ? undefined : v ? 1 : 0);

/** The wire shape of one article (snake_case, 0/1 flags); undefined fields are left out. */
export function toWireArticle(a: DraftArticle): Record<string, unknown> {
  const wire: Record<string, unknown> = {
    article_type: a.articleType,
    title: a.title,
    author: a.author,
    digest: a.digest,
    content: a.content,
    content_source_url: a.contentSourceUrl,
    thumb_media_id: a.thumbMediaId,
    need_open_comment: flag(a.needOpenComment),
    only_fans_can_comment: flag(a.onlyFansCanComment),
    pic_crop_235_1: a.picCrop2351,
    pic_crop_1_1: a.picCrop11,
    image_info: a.imageMediaIds === undefined ? undefined : { image_list: a.imageMediaIds.map((id) => ({ image_media_id: id })) },
  };
  for (const key of Object.keys(wire)) if (wire[key] === undefined) delete wire[key];
  return wire;
}

const draftAddResponse = z.object({ media_id: z.string().min(1) });

/** A draft in the box as draft/batchget lists it (no_content: the articles without their HTML). */
export interface DraftSummary {
  mediaId: string;
  updatedAt: Date;
  articles: { title: string; digest?: string }[];
}

const batchGetResponse = z.object({
  total_count: z.coerce.number().int().default(0),
  item: z
    .array(
      z.object({
        media_id: z.string(),
        update_time: z.coerce.number().default(0),
        content: z
          .object({ news_item: z.array(z.object({ title: z.string().default(""), digest: z.string().optional() })).default([]) })
          .default({}),
      }),
    )
    .default([]),
});

/** The draft box (草稿箱). A draft leaves it once published or mass-sent. */
export function draftEndpoints(call: ApiCall) {
  return {
    /** draft/add → the draft's media_id (used by freepublish/submit and mass sendall). */
    async add(articles: DraftArticle[]): Promise<{ mediaId: string }> {
      const body = await call({
        path: DRAFT_ADD,
        method: "POST",
        json: { articles: articles.map(toWireArticle) },
        // A duplicate draft is harmless (the publisher records which one it used).
        retryOnBusy: true,
      });
      return { mediaId: parseWire(draftAddResponse, body, DRAFT_ADD).media_id };
    },

    /**
     * draft/batchget {offset, count ≤ 20, no_content}: the drafts still in the box, newest first.
     * The publisher reads it after a crash between draft/add and recording its media_id.
     */
    async batchGet(offset = 0, count = 20): Promise<{ totalCount: number; drafts: DraftSummary[] }> {
      const json = { offset, count, no_content: 1 };
      const body = await call({ path: DRAFT_BATCHGET, method: "POST", json, retryOnBusy: true });
      const wire = parseWire(batchGetResponse, body, DRAFT_BATCHGET);
      return {
        totalCount: wire.total_count,
        drafts: wire.item.map((i) => ({
          mediaId: i.media_id,
          updatedAt: new Date(i.update_time * 1000),
          articles: i.content.news_item.map((a) => (a.digest === undefined ? { title: a.title } : { title: a.title, digest: a.digest })),
        })),
      };
    },
  };
}
