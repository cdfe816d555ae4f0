import { dayjs, DEFAULT_TIMEZONE, localDate } from "../time";
import type { SandboxMassSend } from "../db/stores/sandbox-job-store";
import {
  addDays,
  articleDay,
  dayNumber,
  engagementOf,
  followerOpenIds,
  followersOn,
  readSourcesOf,
  userSummaryOn,
  type ArticleDay,
} from "./fake-figures";
import { reject, type EndpointSpec, type Sandbox } from "./sandbox-context";

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;
/** Data exists from 2014-12-01; yesterday's is ready after 08:00 Beijing time (protocol §5.8). */
const FIRST_DATE = "2014-12-01";
const READY_HOUR = 8;
/** Reads of a mass-sent article are counted for its first 7 days by the old endpoints. */
const ARTICLE_DAYS = 7;
/** The 2025 family follows an article for 30 days and keeps nothing before 2025-11-01 (platform-2025.md §1d). */
const DETAIL_DAYS = 30;
const PUBLISHED_FIRST_DATE = "2025-11-01";
/** Yesterday's figures of the 2025 family are still being computed (is_delay) before 10:00. */
const FINAL_HOUR = 10;
/**
 * datacube calls an account may make per minute before 45011 "api minute-quota reach limit".
 * WeChat publishes no figure for datacube; this is the simulator's, above the refresh's own pace
 * (pace-calls.ts), so a client that ignores pacing finds out here and not in production.
 */
export const SANDBOX_DATACUBE_PER_MINUTE = 100;

/** The dates asked for: 61500 bad format, 61501 bad range (begin > end, over the span, not before today). */
function requestedDates(body: Record<string, unknown>, maxSpan: number, now: Date): string[] {
  const { begin_date: begin, end_date: end } = body;
  if (typeof begin !== "string" || typeof end !== "string" || !DATE_RE.test(begin) || !DATE_RE.test(end)) reject(61500);
  if (!dayjs(begin, "YYYY-MM-DD", true).isValid() || !dayjs(end, "YYYY-MM-DD", true).isValid()) reject(61500);
  const span = dayNumber(end) - dayNumber(begin);
  const today = localDate(now);
  if (span < 0 || span >= maxSpan || begin < FIRST_DATE || end >= today) reject(61501);
  const ready = dayjs(now).tz(DEFAULT_TIMEZONE).hour() >= READY_HOUR;
  const dates = Array.from({ length: span + 1 }, (_, i) => addDays(begin, i));
  return ready ? dates : dates.filter((d) => d < addDays(today, -1));
}

const dayStart = (date: string) => dayjs.tz(date, DEFAULT_TIMEZONE).valueOf();

/** mpnews sendall jobs of one local date. */
function sendsOn(sb: Sandbox, date: string): SandboxMassSend[] {
  return sb.stores.jobs
    .sendAllsBetween(sb.accountId, dayStart(date), dayStart(addDays(date, 1)))
    .filter((s) => s.msgtype === "mpnews" && s.msgDataId !== null);
}

function titles(sb: Sandbox, send: SandboxMassSend): string[] {
  const draft = send.mediaId ? sb.stores.content.findDraft(sb.accountId, send.mediaId) : undefined;
  return (draft?.articles ?? []).map((a) => String((a as { title?: unknown }).title ?? ""));
}

/** getarticlesummary counts an article only with ≥ 3 interactions (analysis_data doc; protocol §5.8). */
const counted = (d: ArticleDay) =>
  d.int_page_read_user + d.ori_page_read_user + d.share_user + d.share_count + d.add_to_fav_count >= 3;

/** One article the 2025 family knows: a mass send's (已通知) or a freepublish job's (未开启通知). */
interface SentArticle {
  msgDataId: string;
  idx: number;
  title: string;
  sentDate: string;
  /** publish_type: 0 已通知 (群发), 1 未开启通知 (发布). */
  publishType: 0 | 1;
  /** Who could read it: every follower for a mass send, a third for a published one (not pushed). */
  audience: number;
}

/** Articles sent or published on `date` (mass sends and finished freepublish jobs). */
function articlesOf(sb: Sandbox, date: string): SentArticle[] {
  const followers = followersOn(sb.seed, date);
  const mass = sendsOn(sb, date).flatMap((send) =>
    titles(sb, send).map((title, i): SentArticle => ({ msgDataId: send.msgDataId!, idx: i + 1, title, sentDate: date, publishType: 0, audience: followers })),
  );
  const from = dayStart(date);
  const to = dayStart(addDays(date, 1));
  const published = sb.stores.jobs
    .listPublications(sb.accountId, 1000)
    .filter((p) => p.status === 0 && p.createdAt >= from && p.createdAt < to)
    .reverse()
    .flatMap((p) => {
      const draft = sb.stores.content.findDraft(sb.accountId, p.mediaId);
      return (draft?.articles ?? []).map(
        (a, i): SentArticle => ({
          msgDataId: p.msgDataId,
          idx: i + 1,
          title: String((a as { title?: unknown }).title ?? ""),
          sentDate: date,
          publishType: 1,
          audience: Math.round(followers / 3),
        }),
      );
    });
  return [...mass, ...published];
}

/** Day `date` of an article: the same figures the old endpoints report for a mass send. */
const dayOf = (sb: Sandbox, a: SentArticle, date: string): ArticleDay => articleDay(sb.seed, a.msgDataId, a.idx, dayNumber(date) - dayNumber(a.sentDate), a.audience);

/** Articles that can have readers on `date`: sent in its 30 days up to it. */
function readableOn(sb: Sandbox, date: string): SentArticle[] {
  if (date < PUBLISHED_FIRST_DATE) return [];
  return Array.from({ length: DETAIL_DAYS }, (_, k) => addDays(date, -k)).flatMap((d) => articlesOf(sb, d));
}

/** is_delay: yesterday's figures are final only after FINAL_HOUR Beijing time. */
function isDelay(dates: string[], now: Date): boolean {
  const yesterday = addDays(localDate(now), -1);
  return dates.includes(yesterday) && dayjs(now).tz(DEFAULT_TIMEZONE).hour() < FINAL_HOUR;
}

function datacube(
  sb: Sandbox,
  name: string,
  maxSpan: number,
  rows: (date: string) => Record<string, unknown>[],
  options: { delayFlag?: boolean; quota: (now: Date) => void },
): EndpointSpec {
  return {
    method: "POST",
    path: `/datacube/${name}`,
    verifiedOnly: true,
    async handle(req) {
      options.quota(req.now);
      const dates = requestedDates(await req.json(), maxSpan, req.now);
      const list = dates.flatMap(rows);
      return options.delayFlag ? { list, is_delay: isDelay(dates, req.now) } : { list };
    },
  };
}

/** The datacube endpoints, with figures from fake-figures.ts and the sandbox's own sends and publications. */
export const datacubeEndpoints = (sb: Sandbox): EndpointSpec[] => {
  // Calls of the last minute, for 45011 (at most SANDBOX_DATACUBE_PER_MINUTE entries are kept).
  const recent: number[] = [];
  const quota = (now: Date) => {
    const t = now.getTime();
    while (recent.length > 0 && recent[0]! <= t - 60_000) recent.shift();
    if (recent.length >= SANDBOX_DATACUBE_PER_MINUTE) reject(45011);
    recent.push(t);
  };
  const old = { quota };
  const fresh = { quota, delayFlag: true };
  return [
    ...legacyEndpoints(sb, old),
    // getarticleread: readers per article and scene (doc: api_getarticleread).
    datacube(
      sb,
      "getarticleread",
      1,
      (date) =>
        readableOn(sb, date).flatMap((a) => {
          const day = dayOf(sb, a, date);
          const id = `${a.msgDataId}_${a.idx}`;
          if (day.int_page_read_user === 0) return [];
          return [{ ref_date: date, msgid: id, detail: { read_user: day.int_page_read_user, read_user_source: readSourcesOf(sb.seed, `${id}|${date}`, day.int_page_read_user, a.publishType === 0) } }];
        }),
      fresh,
    ),
    datacube(
      sb,
      "getarticleshare",
      1,
      (date) =>
        readableOn(sb, date).flatMap((a) => {
          const day = dayOf(sb, a, date);
          return day.share_user === 0 ? [] : [{ ref_date: date, msgid: `${a.msgDataId}_${a.idx}`, detail: { share_user: day.share_user } }];
        }),
      fresh,
    ),
    // getbizsummary: the account's day, all articles together (doc: api_getbizsummary, ≤ 30 days).
    datacube(
      sb,
      "getbizsummary",
      30,
      (date) => {
        const total = { read_user: 0, share_user: 0, zaikan_user: 0, like_user: 0, comment_count: 0, collection_user: 0, redirect_ori_page_user: 0 };
        for (const a of readableOn(sb, date)) {
          const day = dayOf(sb, a, date);
          const e = engagementOf(sb.seed, `${a.msgDataId}_${a.idx}|${date}`, day);
          total.read_user += day.int_page_read_user;
          total.share_user += day.share_user;
          total.zaikan_user += e.zaikan_user;
          total.like_user += e.like_user;
          total.comment_count += e.comment_count;
          total.collection_user += e.collection_user;
          total.redirect_ori_page_user += day.ori_page_read_user;
        }
        return date < PUBLISHED_FIRST_DATE ? [] : [{ ref_date: date, detail: { ...total, send_page_count: articlesOf(sb, date).length } }];
      },
      fresh,
    ),
    // getarticletotaldetail: articles published on the date, cumulative per stat_date, ≤ 30 days.
    datacube(
      sb,
      "getarticletotaldetail",
      1,
      (date) => {
        if (date < PUBLISHED_FIRST_DATE) return [];
        const last = addDays(localDate(sb.clock.now()), -1);
        return articlesOf(sb, date).map((a) => {
          const id = `${a.msgDataId}_${a.idx}`;
          const sum = { read_user: 0, share_user: 0, zaikan_user: 0, like_user: 0, comment_count: 0, collection_user: 0, read_subscribe_user: 0 };
          const detailList = [];
          for (let k = 0; k < DETAIL_DAYS && addDays(date, k) <= last; k++) {
            const statDate = addDays(date, k);
            const day = dayOf(sb, a, statDate);
            const e = engagementOf(sb.seed, `${id}|${statDate}`, day);
            sum.read_user += day.int_page_read_user;
            sum.share_user += day.share_user;
            for (const key of ["zaikan_user", "like_user", "comment_count", "collection_user", "read_subscribe_user"] as const) sum[key] += e[key];
            detailList.push({
              stat_date: statDate,
              ...sum,
              read_user_source: readSourcesOf(sb.seed, id, sum.read_user, a.publishType === 0),
              praise_money: 0,
              read_delivery_rate: a.publishType === 0 ? Math.round((sum.read_user / Math.max(1, a.audience)) * 1000) / 1000 : 0,
              read_finish_rate: 0.42,
              read_avg_activetime: 1.6,
              read_jump_position: [],
            });
          }
          return { ref_date: date, msgid: id, publish_type: a.publishType, title: a.title, content_url: `http://mp.weixin.qq.com/s?__biz=MzA5&mid=${a.msgDataId}&idx=${a.idx}&sn=sandbox`, detail_list: detailList };
        });
      },
      fresh,
    ),
  ];
};

/** The endpoints of before 2025: user figures, and the mass-sent article ones ("停止维护"). */
const legacyEndpoints = (sb: Sandbox, options: { quota: (now: Date) => void }): EndpointSpec[] => [
  datacube(sb, "getusersummary", 7, (date) => userSummaryOn(sb.seed, date).map((r) => ({ ref_date: date, ...r })), options),
  datacube(sb, "getusercumulate", 7, (date) => [{ ref_date: date, user_source: 0, cumulate_user: followersOn(sb.seed, date) }], options),
  datacube(sb, "getarticlesummary", 1, (date) =>
    Array.from({ length: ARTICLE_DAYS }, (_, k) => addDays(date, -k)).flatMap((sent) =>
      sendsOn(sb, sent).flatMap((send) =>
        titles(sb, send).flatMap((title, i) => {
          const day = articleDay(sb.seed, send.msgDataId!, i + 1, dayNumber(date) - dayNumber(sent), followersOn(sb.seed, sent));
          return counted(day) ? [{ ref_date: date, msgid: `${send.msgDataId}_${i + 1}`, title, ...day }] : [];
        }),
      ),
    ),
    options,
  ),
  datacube(sb, "getarticletotal", 1, (date) => {
    const last = addDays(localDate(sb.clock.now()), -1);
    return sendsOn(sb, date).flatMap((send) =>
      titles(sb, send).map((title, i) => {
        const followers = followersOn(sb.seed, date);
        const sum: Record<string, number> = {};
        const details = [];
        for (let k = 0; k < ARTICLE_DAYS && addDays(date, k) <= last; k++) {
          for (const [key, v] of Object.entries(articleDay(sb.seed, send.msgDataId!, i + 1, k, followers))) sum[key] = (sum[key] ?? 0) + v;
          details.push({ stat_date: addDays(date, k), target_user: followers, ...sum });
        }
        return { ref_date: date, msgid: `${send.msgDataId}_${i + 1}`, title, details };
      }),
    );
  }, options),
];

const PAGE = 10_000;

/** GET /cgi-bin/user/get?next_openid= → {total, count, data:{openid}, next_openid} (10 000 a page). */
export const userGetEndpoint = (sb: Sandbox): EndpointSpec => {
  let cache: { total: number; ids: string[] } | undefined;
  return {
    method: "GET",
    path: "/cgi-bin/user/get",
    handle(req) {
      const total = followersOn(sb.seed, localDate(req.now));
      if (cache?.total !== total) cache = { total, ids: followerOpenIds(sb.seed, total) };
      const after = req.query.next_openid ?? "";
      const start = after === "" ? 0 : cache.ids.indexOf(after) + 1;
      if (start === 0 && after !== "") reject(40003);
      const page = cache.ids.slice(start, start + PAGE);
      if (page.length === 0) return { total, count: 0, next_openid: "" };
      return { total, count: page.length, data: { openid: page }, next_openid: page[page.length - 1] };
    },
  };
};

/**
 * POST /cgi-bin/user/info/updateremark {openid, remark}: verified accounts only (48001, as WeChat's
 * permission table says for unverified ones); remark under 30 bytes (45096 otherwise, as observed).
 */
export const updateRemarkEndpoint = (_sb: Sandbox): EndpointSpec => ({
  method: "POST",
  path: "/cgi-bin/user/info/updateremark",
  verifiedOnly: true,
  async handle(req) {
    const body = await req.json();
    if (typeof body.openid !== "string" || body.openid === "") reject(40003);
    if (typeof body.remark !== "string" || Buffer.byteLength(body.remark, "utf8") >= 30) reject(45096);
    return { errcode: 0, errmsg: "ok" };
  },
});
