import { dayjs, DEFAULT_TIMEZONE, localDate } from "../time";
import type { SandboxMassSend } from "../db/stores/sandbox-job-store";
import { addDays, articleDay, dayNumber, followerOpenIds, followersOn, userSummaryOn, type ArticleDay } from "./fake-figures";
import { reject, type EndpointSpec, type Sandbox } from "./sandbox-context";

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;
/** Data exists from 2014-12-01; yesterday's is ready after 08:00 Beijing time (protocol §5.8). */
const FIRST_DATE = "2014-12-01";
const READY_HOUR = 8;
/** Reads of a mass-sent article are counted for its first 7 days. */
const ARTICLE_DAYS = 7;

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

function datacube(sb: Sandbox, name: string, maxSpan: number, rows: (date: string) => Record<string, unknown>[]): EndpointSpec {
  return {
    method: "POST",
    path: `/datacube/${name}`,
    verifiedOnly: true,
    async handle(req) {
      return { list: requestedDates(await req.json(), maxSpan, req.now).flatMap(rows) };
    },
  };
}

/** The four datacube endpoints we use, with figures from fake-figures.ts and the sandbox's own mass sends. */
export const datacubeEndpoints = (sb: Sandbox): EndpointSpec[] => [
  datacube(sb, "getusersummary", 7, (date) => userSummaryOn(sb.seed, date).map((r) => ({ ref_date: date, ...r }))),
  datacube(sb, "getusercumulate", 7, (date) => [{ ref_date: date, user_source: 0, cumulate_user: followersOn(sb.seed, date) }]),
  datacube(sb, "getarticlesummary", 1, (date) =>
    Array.from({ length: ARTICLE_DAYS }, (_, k) => addDays(date, -k)).flatMap((sent) =>
      sendsOn(sb, sent).flatMap((send) =>
        titles(sb, send).flatMap((title, i) => {
          const day = articleDay(sb.seed, send.msgDataId!, i + 1, dayNumber(date) - dayNumber(sent), followersOn(sb.seed, sent));
          return counted(day) ? [{ ref_date: date, msgid: `${send.msgDataId}_${i + 1}`, title, ...day }] : [];
        }),
      ),
    ),
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
  }),
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
