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
 * (48001). Max span: user* 7 days, article* 1 day. Yesterday's data is ready after ~08:00–10:00.
 * Only mass-sent articles appear in the article stats.
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
  };
}
