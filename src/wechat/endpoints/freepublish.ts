import { z } from "zod";
import { parseWire, wireId, type ApiCall } from "../api-types";

const SUBMIT = "/cgi-bin/freepublish/submit";
const GET = "/cgi-bin/freepublish/get";
const BATCHGET = "/cgi-bin/freepublish/batchget";

export interface PublishSubmitted {
  /** Kept as a string: typed string in one doc, int in another (protocol §5.4). */
  publishId: string;
  msgDataId?: string;
}

/** 0 success, 1 publishing, 2 原创失败, 3 常规失败, 4 审核不通过, 5 用户删除, 6 系统封禁 (§2). */
export type PublishStatus = number;

export interface PublishState {
  publishId: string;
  status: PublishStatus;
  /** Only when status is 0; opaque (the official sample has a line break in it). */
  articleId?: string;
  articleUrls: { idx: number; url: string }[];
  /** 1-based indexes of failed articles (status 2 or 4). */
  failIdx: number[];
}

const submitResponse = z.object({ publish_id: wireId, msg_data_id: wireId.optional() });

const getResponse = z.object({
  publish_id: wireId,
  publish_status: z.coerce.number().int(),
  article_id: z.string().optional(),
  article_detail: z
    .object({ item: z.array(z.object({ idx: z.coerce.number().int(), article_url: z.string() })).default([]) })
    .optional(),
  fail_idx: z.array(z.coerce.number().int()).default([]),
});

/** A successfully published article set as freepublish/batchget lists it. */
export interface PublishedSummary {
  articleId: string;
  updatedAt: Date;
  articles: { title: string; url: string }[];
}

const batchGetResponse = z.object({
  total_count: z.coerce.number().int().default(0),
  item: z
    .array(
      z.object({
        article_id: z.string(),
        update_time: z.coerce.number().default(0),
        content: z
          .object({ news_item: z.array(z.object({ title: z.string().default(""), url: z.string().default("") })).default([]) })
          .default({}),
      }),
    )
    .default([]),
});

/**
 * 发布 (not pushed to followers, not in the history list; protocol §5.4). Since 2025-07
 * unverified and personal accounts get 48001 here.
 */
export function freepublishEndpoints(call: ApiCall) {
  return {
    /**
     * freepublish/submit: errcode 0 only means the job was accepted; the result comes as
     * PUBLISHJOBFINISH and from freepublish/get. Not retried on -1 (a repeat would publish twice).
     */
    async submit(mediaId: string): Promise<PublishSubmitted> {
      const body = await call({ path: SUBMIT, method: "POST", json: { media_id: mediaId }, retryOnBusy: false });
      const wire = parseWire(submitResponse, body, SUBMIT);
      return wire.msg_data_id === undefined
        ? { publishId: wire.publish_id }
        : { publishId: wire.publish_id, msgDataId: wire.msg_data_id };
    },

    /** freepublish/get: the source of truth for a publish job (the event name is unreliable, §2). */
    async get(publishId: string): Promise<PublishState> {
      const body = await call({ path: GET, method: "POST", json: { publish_id: publishId }, retryOnBusy: true });
      const wire = parseWire(getResponse, body, GET);
      const state: PublishState = {
        publishId: wire.publish_id,
        status: wire.publish_status,
        articleUrls: (wire.article_detail?.item ?? []).map((i) => ({ idx: i.idx, url: i.article_url })),
        failIdx: wire.fail_idx,
      };
      if (wire.article_id !== undefined) state.articleId = wire.article_id;
      return state;
    },

    /**
     * freepublish/batchget {offset, count ≤ 20, no_content}: successful publications, newest
     * first. The publisher reads it after a crash between submit and recording the publish_id.
     */
    async batchGet(offset = 0, count = 20): Promise<{ totalCount: number; published: PublishedSummary[] }> {
      const json = { offset, count, no_content: 1 };
      const body = await call({ path: BATCHGET, method: "POST", json, retryOnBusy: true });
      const wire = parseWire(batchGetResponse, body, BATCHGET);
      return {
        totalCount: wire.total_count,
        published: wire.item.map((i) => ({
          articleId: i.article_id,
          updatedAt: new Date(i.update_time * 1000),
          articles: i.content.news_item.map((a) => ({ title: a.title, url: a.url })),
        })),
      };
    },
  };
}
