import { z } from "zod";
import { parseWire, type ApiCall } from "../api-types";

/** Inclusive range of local (Asia/Shanghai) dates, "YYYY-MM-DD"; end ≤ yesterday. */
export interface DateRange {
  beginDate: string;
  endDate: string;
}

/** One row per (refDate, userSource): sum the rows for a day's total (protocol §5.8). */
export interface UserSummaryRow {
  refDate: string;
  /** 0 其他合计, 1 公众号搜索, 17 名片分享, 30 扫描二维码, 57 文章内账号名称, 100 微信广告, … */
  userSource: number;
  newUser: number;
  cancelUser: number;
}

export interface UserCumulateRow {
  refDate: string;
  cumulateUser: number;
}

export interface ArticleCounters {
  intPageReadUser: number;
  intPageReadCount: number;
  oriPageReadUser: number;
  oriPageReadCount: number;
  shareUser: number;
  shareCount: number;
  addToFavUser: number;
  addToFavCount: number;
}

export interface ArticleSummaryRow extends ArticleCounters {
  refDate: string;
  /** WeChat's "msgid": "<msg_data_id>_<index>" of a mass send. */
  msgId: string;
  /** The mass send's msg_data_id (the part before "_"). */
  msgDataId: string;
  /** 1-based article index in the send, when msgid carries one. */
  articleIdx?: number;
  title: string;
}

export interface ArticleTotalRow {
  refDate: string;
  msgId: string;
  msgDataId: string;
  articleIdx?: number;
  title: string;
  details: (ArticleCounters & { statDate: string; targetUser: number })[];
}

/**
 * The 2025 "发表内容" family (platform-2025.md §1d; doc:subscription/api/wedata/news/api_getarticleread,
 * api_getarticleshare, api_getbizsummary, api_getarticletotaldetail). It counts published (发布) and
 * mass-sent (群发) articles alike, from 2025-11-01 on, and says whether a day's figures are still
 * being computed (`is_delay`). Read counts are people (read_user), not page views.
 */
export interface ArticleReadRow {
  refDate: string;
  msgId: string;
  msgDataId: string;
  articleIdx?: number;
  /** 阅读人数 (all sources). */
  readUser: number;
  /** Readers per scene: 公众号消息, 聊天会话, 朋友圈, 公众号主页, 推荐, 搜一搜, 其他. */
  readSources: { scene: string; userCount: number }[];
}

export interface ArticleShareRow {
  refDate: string;
  msgId: string;
  msgDataId: string;
  articleIdx?: number;
  shareUser: number;
}

/** getbizsummary: the account's published content on one day, all articles together. */
export interface BizSummaryRow {
  refDate: string;
  readUser: number;
  shareUser: number;
  /** 在看 (爱心赞). */
  zaikanUser: number;
  /** 点赞 (拇指赞). */
  likeUser: number;
  commentCount: number;
  collectionUser: number;
  redirectOriPageUser: number;
  /** 发布篇数 that day. */
  sendPageCount: number;
}

/** Cumulative figures of one article from its publication up to `statDate` (inclusive). */
export interface ArticleDetailFigures {
  statDate: string;
  readUser: number;
  shareUser: number;
  zaikanUser: number;
  likeUser: number;
  commentCount: number;
  collectionUser: number;
  /** 阅读后关注人数. */
  readSubscribeUser: number;
  /** 阅读送达率 / 阅读完成率 (0–1), 平均阅读时长 (minutes); null when WeChat leaves them out. */
  readDeliveryRate: number | null;
  readFinishRate: number | null;
  readAvgActivetime: number | null;
}

/** getarticletotaldetail: one article published on `refDate`, with its first ≤ 30 days. */
export interface ArticleDetailRow {
  /** The day it was published (发表日期). */
  refDate: string;
  msgId: string;
  msgDataId: string;
  articleIdx?: number;
  /** 0 已通知 (pushed to followers: 群发), 1 未开启通知 (发布 only). */
  publishType: number;
  title: string;
  contentUrl: string;
  details: ArticleDetailFigures[];
}

/** A list answer of the 2025 family: rows and whether WeChat is still computing them. */
export interface DelayedList<T> {
  rows: T[];
  /** `is_delay`: true while the figures of the range are not final yet (refetch later). */
  isDelay: boolean;
}

const count = z.coerce.number().int().default(0);
const counters = {
  int_page_read_user: count,
  int_page_read_count: count,
  ori_page_read_user: count,
  ori_page_read_count: count,
  share_user: count,
  share_count: count,
  add_to_fav_user: count,
  add_to_fav_count: count,
};
const list = <T extends z.ZodTypeAny>(row: T) => z.object({ list: z.array(row).default([]) });
const userSummary = list(z.object({ ref_date: z.string(), user_source: count, new_user: count, cancel_user: count }));
const userCumulate = list(z.object({ ref_date: z.string(), cumulate_user: count }));
const articleSummary = list(z.object({ ref_date: z.string(), msgid: z.coerce.string(), title: z.string(), ...counters }));
const articleTotal = list(
  z.object({
    ref_date: z.string(),
    msgid: z.coerce.string(),
    title: z.string(),
    details: z.array(z.object({ stat_date: z.string(), target_user: count, ...counters })).default([]),
  }),
);

const rate = z.coerce.number().nullable().optional().transform((v) => v ?? null);
const readSources = z.array(z.object({ user_count: count, scene_desc: z.string() })).default([]);
const delayed = <T extends z.ZodTypeAny>(row: T) => z.object({ list: z.array(row).default([]), is_delay: z.union([z.boolean(), z.number().transform((n) => n !== 0)]).default(false) });
const articleRead = delayed(
  z.object({
    ref_date: z.string(),
    msgid: z.coerce.string(),
    detail: z.object({ read_user: count, read_user_source: readSources }).default({}),
  }),
);
const articleShare = delayed(z.object({ ref_date: z.string(), msgid: z.coerce.string(), detail: z.object({ share_user: count }).default({}) }));
const engagement = {
  share_user: count,
  zaikan_user: count,
  like_user: count,
  comment_count: count,
  collection_user: count,
};
const bizSummary = delayed(
  z.object({
    ref_date: z.string(),
    detail: z.object({ read_user: count, ...engagement, redirect_ori_page_user: count, send_page_count: count }).default({}),
  }),
);
const articleDetail = delayed(
  z.object({
    ref_date: z.string(),
    msgid: z.coerce.string(),
    publish_type: count,
    title: z.string().default(""),
    content_url: z.string().default(""),
    detail_list: z
      .array(
        z.object({
          stat_date: z.string(),
          read_user: count,
          ...engagement,
          read_subscribe_user: count,
          read_delivery_rate: rate,
          read_finish_rate: rate,
          read_avg_activetime: rate,
        }),
      )
      .default([]),
  }),
);

function toCounters(w: z.infer<z.ZodObject<typeof counters>>): ArticleCounters {
  return {
    intPageReadUser: w.int_page_read_user,
    intPageReadCount: w.int_page_read_count,
    oriPageReadUser: w.ori_page_read_user,
    oriPageReadCount: w.ori_page_read_count,
    shareUser: w.share_user,
    shareCount: w.share_count,
    addToFavUser: w.add_to_fav_user,
    addToFavCount: w.add_to_fav_count,
  };
}

function splitMsgId(msgid: string): { msgId: string; msgDataId: string; articleIdx?: number } {
  const [dataId = msgid, idx] = msgid.split("_");
  return idx === undefined ? { msgId: msgid, msgDataId: dataId } : { msgId: msgid, msgDataId: dataId, articleIdx: Number(idx) };
}

/**
 * 数据统计 (POST /datacube/<name> {begin_date, end_date}; protocol §5.8). Verified accounts only
 * (48001). Max span: DATACUBE_MAX_DAYS. Yesterday's data is ready after ~08:00–10:00.
 * getarticlesummary / getarticletotal ("停止维护") see only mass-sent articles; the 2025 family
 * (getarticleread, getarticleshare, getbizsummary, getarticletotaldetail) sees published ones too.
 */
export function datacubeEndpoints(call: ApiCall) {
  const fetchList = async <S extends z.ZodTypeAny>(name: string, range: DateRange, schema: S): Promise<z.output<S>> => {
    const path = `/datacube/${name}`;
    const json = { begin_date: range.beginDate, end_date: range.endDate };
    return parseWire(schema, await call({ path, method: "POST", json, retryOnBusy: true }), path);
  };
  return {
    async getUserSummary(range: DateRange): Promise<UserSummaryRow[]> {
      const wire = await fetchList("getusersummary", range, userSummary);
      return wire.list.map((r) => ({ refDate: r.ref_date, userSource: r.user_source, newUser: r.new_user, cancelUser: r.cancel_user }));
    },
    async getUserCumulate(range: DateRange): Promise<UserCumulateRow[]> {
      const wire = await fetchList("getusercumulate", range, userCumulate);
      return wire.list.map((r) => ({ refDate: r.ref_date, cumulateUser: r.cumulate_user }));
    },
    async getArticleSummary(range: DateRange): Promise<ArticleSummaryRow[]> {
      const wire = await fetchList("getarticlesummary", range, articleSummary);
      return wire.list.map((r) => ({ refDate: r.ref_date, ...splitMsgId(r.msgid), title: r.title, ...toCounters(r) }));
    },
    async getArticleTotal(range: DateRange): Promise<ArticleTotalRow[]> {
      const wire = await fetchList("getarticletotal", range, articleTotal);
      return wire.list.map((r) => ({
        refDate: r.ref_date,
        ...splitMsgId(r.msgid),
        title: r.title,
        details: r.details.map((d) => ({ statDate: d.stat_date, targetUser: d.target_user, ...toCounters(d) })),
      }));
    },
    async getArticleRead(range: DateRange): Promise<DelayedList<ArticleReadRow>> {
      const wire = await fetchList("getarticleread", range, articleRead);
      return {
        isDelay: wire.is_delay,
        rows: wire.list.map((r) => ({
          refDate: r.ref_date,
          ...splitMsgId(r.msgid),
          readUser: r.detail.read_user,
          readSources: r.detail.read_user_source.map((s) => ({ scene: s.scene_desc, userCount: s.user_count })),
        })),
      };
    },
    async getArticleShare(range: DateRange): Promise<DelayedList<ArticleShareRow>> {
      const wire = await fetchList("getarticleshare", range, articleShare);
      return { isDelay: wire.is_delay, rows: wire.list.map((r) => ({ refDate: r.ref_date, ...splitMsgId(r.msgid), shareUser: r.detail.share_user })) };
    },
    async getBizSummary(range: DateRange): Promise<DelayedList<BizSummaryRow>> {
      const wire = await fetchList("getbizsummary", range, bizSummary);
      return {
        isDelay: wire.is_delay,
        rows: wire.list.map(({ ref_date, detail: d }) => ({
          refDate: ref_date,
          readUser: d.read_user,
          shareUser: d.share_user,
          zaikanUser: d.zaikan_user,
          likeUser: d.like_user,
          commentCount: d.comment_count,
          collectionUser: d.collection_user,
          redirectOriPageUser: d.redirect_ori_page_user,
          sendPageCount: d.send_page_count,
        })),
      };
    },
    async getArticleTotalDetail(range: DateRange): Promise<DelayedList<ArticleDetailRow>> {
      const wire = await fetchList("getarticletotaldetail", range, articleDetail);
      return {
        isDelay: wire.is_delay,
        rows: wire.list.map((r) => ({
          refDate: r.ref_date,
          ...splitMsgId(r.msgid),
          publishType: r.publish_type,
          title: r.title,
          contentUrl: r.content_url,
          details: r.detail_list.map((d) => ({
            statDate: d.stat_date,
            readUser: d.read_user,
            shareUser: d.share_user,
            zaikanUser: d.zaikan_user,
            likeUser: d.like_user,
            commentCount: d.comment_count,
            collectionUser: d.collection_user,
            readSubscribeUser: d.read_subscribe_user,
            readDeliveryRate: d.read_delivery_rate,
            readFinishRate: d.read_finish_rate,
            readAvgActivetime: d.read_avg_activetime,
          })),
        })),
      };
    },
  };
}

/**
 * The widest range each endpoint accepts, in days (begin..end inclusive; 61501 beyond it).
 * user*: 7 (protocol §5.8). Old article*: 1. The 2025 family: getbizsummary 30; getarticleread,
 * getarticleshare and getarticletotaldetail one day per call (their doc takes a single date; SDKs
 * that probed them live send begin_date = end_date).
 */
export const DATACUBE_MAX_DAYS = {
  getusersummary: 7,
  getusercumulate: 7,
  getarticlesummary: 1,
  getarticletotal: 1,
  getarticleread: 1,
  getarticleshare: 1,
  getbizsummary: 30,
  getarticletotaldetail: 1,
} as const;

/** The 2025 family keeps figures from this day on (their docs: "数据存储起始时间为2025-11-01"). */
export const PUBLISHED_STATS_FIRST_DATE = "2025-11-01";

/** getarticletotaldetail follows an article for this many days after publication. */
export const ARTICLE_DETAIL_DAYS = 30;
