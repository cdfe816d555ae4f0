import type { PublicationFact } from "../../db/stores/stats-publication-store";
import { commentCountKey } from "../../db/stores/comment-count-store";
import { addDays, dayStart, eachDay, formatMinute } from "../../stats/dates";
import type { StatsContext } from "../../stats/stats-context";
import { articleFigureSource } from "../../stats/article-figures";
import { emptyPage, formatNumber, type DateRange, type PageModel } from "./page-model";
import { label, MODE_LABELS } from "./labels";

const NOTE_THRESHOLD =
  "微信只统计当天阅读、分享、收藏合计不少于 3 次的图文（数据分析文档），互动很少的文章可能不出现；只有群发的图文有阅读数据。";

/** How an article went out, as getarticletotaldetail's publish_type says. */
const PUBLISH_TYPE_LABELS: Record<number, string> = { 0: "群发（已通知）", 1: "发布（未通知）" };

/**
 * 文章: readers and sharers of every published and mass-sent article (the 2025 datacube endpoints),
 * or, where the account may only use the old ones, reads of mass-sent articles; joined to the
 * ledger for column and 期数. The page always names where its figures came from.
 */
export function presentArticles(ctx: StatsContext, range: DateRange): PageModel {
  const page = emptyPage("文章");
  page.range = range;
  const figures = articleFigureSource(ctx);
  // An article read in the range was published at most 30 days before it (getarticletotaldetail's window).
  const pubs = ctx.stores.publications.listBetween(
    ctx.accountId,
    dayStart(addDays(range.from, figures.source === "new" ? -31 : -8), ctx.timezone),
    dayStart(addDays(range.to, 1), ctx.timezone),
  );
  const byDataId = new Map<string, PublicationFact>();
  for (const p of pubs) if (p.msgDataId) byDataId.set(p.msgDataId, p);
  const columnName = (id: string) => ctx.columns.find((c) => c.id === id)?.name ?? id;
  // 留言 as last read on the 留言 page (comment index is 0-based; datacube's article_idx counts from 1).
  const commentCounts = ctx.stores.comments.all(ctx.accountId);
  const comments = (msgDataId: string | null, idx: number) =>
    msgDataId === null ? null : (commentCounts.get(commentCountKey(msgDataId, idx))?.total ?? null);
  const COMMENTS_COLUMN = { key: "comments", label: "留言", numeric: true } as const;

  if (figures.source === "new") return presentPublishedArticles(ctx, range, page, byDataId, columnName, comments);
  const state = ctx.stores.sync.get(ctx.accountId, "articles");
  if (figures.source === "none" || !state) {
    const reads = ctx.stores.sync.get(ctx.accountId, "article_reads");
    const refused = [reads, state].find((x) => x?.status === "unavailable");
    page.notices.push({
      level: "warn",
      text:
        refused
          ? `公众号未认证或没有图文数据接口的权限（微信接口返回 errcode ${refused.errcode ?? "48001"}），无法读取图文阅读数据。下表列出本系统的发布记录和群发送达人数（来自群发结果通知）。`
          : "尚未从微信同步图文数据（每天 08:40 自动同步，也可运行 npm run cli -- stats refresh）。下表暂列本系统的发布记录和群发送达人数。",
    });
    const published = pubs.filter((p) => p.state === "published" && p.publishedAt !== null && p.publishedAt < dayStart(addDays(range.to, 1), ctx.timezone) && p.publishedAt >= dayStart(range.from, ctx.timezone));
    page.kpis = [
      { label: "发布文章", value: formatNumber(published.length) },
      { label: "群发送达", value: formatNumber(published.reduce((a, p) => a + (p.sentCount ?? 0), 0)) },
    ];
    page.tables.push({
      id: "reach",
      caption: "发布与送达（本系统记录）",
      columns: [
        { key: "publishedAt", label: "发布时间" },
        { key: "column", label: "栏目" },
        { key: "issue", label: "期数", numeric: true },
        { key: "title", label: "标题" },
        { key: "mode", label: "方式" },
        { key: "sentCount", label: "送达人数", numeric: true },
        COMMENTS_COLUMN,
      ],
      rows: published.map((p) => ({
        publishedAt: formatMinute(p.publishedAt!, ctx.timezone),
        column: columnName(p.columnId),
        issue: p.issue,
        title: p.title,
        mode: label(MODE_LABELS, p.mode),
        sentCount: p.sentCount,
        comments: comments(p.msgDataId, 0),
      })),
      empty: "这段时间没有发布文章。",
    });
    return page;
  }
  page.notices.push({ level: "info", text: figures.label! });
  if (state.status === "error") page.notices.push({ level: "warn", text: `最近一次同步图文数据失败（${state.detail ?? "未知原因"}），下次同步时自动重试。` });
  page.notices.push({ level: "info", text: NOTE_THRESHOLD });

  const articles = ctx.stores.snapshots.articleTotals(ctx.accountId, range.from, range.to);
  const daily = new Map(ctx.stores.snapshots.dailyReads(ctx.accountId, range.from, range.to).map((d) => [d.date, d]));
  const days = eachDay(range.from, range.to);
  page.kpis = [
    { label: "阅读次数", value: formatNumber(articles.reduce((a, r) => a + r.intPageReadCount, 0)) },
    { label: "阅读人数（按日累加）", value: formatNumber(articles.reduce((a, r) => a + r.intPageReadUser, 0)) },
    { label: "分享次数", value: formatNumber(articles.reduce((a, r) => a + r.shareCount, 0)) },
    { label: "有阅读的文章", value: formatNumber(articles.length) },
  ];
  page.charts.push({
    id: "reads",
    title: "每日阅读",
    kind: "bar",
    labels: days,
    series: [
      { label: "阅读次数", data: days.map((d) => daily.get(d)?.readCount ?? 0) },
      { label: "阅读人数", type: "line", data: days.map((d) => daily.get(d)?.readUser ?? 0) },
      { label: "分享次数", type: "line", data: days.map((d) => daily.get(d)?.shareCount ?? 0) },
    ],
  });
  const top = articles.slice(0, 10);
  page.charts.push({
    id: "top-articles",
    title: "阅读最多的文章",
    kind: "bar",
    labels: top.map((a) => (a.title.length > 16 ? `${a.title.slice(0, 15)}…` : a.title)),
    series: [{ label: "阅读次数", data: top.map((a) => a.intPageReadCount) }],
  });
  page.tables.push({
    id: "articles",
    caption: "图文阅读（微信官方数据，按所选日期内的阅读累加）",
    columns: [
      { key: "title", label: "标题" },
      { key: "column", label: "栏目" },
      { key: "issue", label: "期数", numeric: true },
      { key: "sentDate", label: "发送日期" },
      { key: "targetUser", label: "送达人数", numeric: true },
      { key: "readUser", label: "阅读人数", numeric: true },
      { key: "readCount", label: "阅读次数", numeric: true },
      { key: "shareUser", label: "分享人数", numeric: true },
      { key: "shareCount", label: "分享次数", numeric: true },
      { key: "favUser", label: "收藏人数", numeric: true },
      COMMENTS_COLUMN,
    ],
    rows: articles.map((a) => {
      const pub = byDataId.get(a.msgDataId);
      return {
        title: a.title,
        column: pub ? columnName(pub.columnId) : null,
        issue: pub?.issue ?? null,
        sentDate: a.sentDate ?? a.firstDate,
        targetUser: a.targetUser,
        readUser: a.intPageReadUser,
        readCount: a.intPageReadCount,
        shareUser: a.shareUser,
        shareCount: a.shareCount,
        favUser: a.addToFavUser,
        comments: comments(a.msgDataId, (a.articleIdx ?? 1) - 1),
      };
    }),
    empty: "这段时间没有图文阅读数据。",
  });
  return page;
}

/** The 2025 endpoints: every article, published or mass-sent, with its figures since publication. */
function presentPublishedArticles(
  ctx: StatsContext,
  range: DateRange,
  page: PageModel,
  byDataId: Map<string, PublicationFact>,
  columnName: (id: string) => string,
  comments: (msgDataId: string | null, idx: number) => number | null,
): PageModel {
  page.notices.push({ level: "info", text: articleFigureSource(ctx).label! });
  const state = ctx.stores.sync.get(ctx.accountId, "article_reads");
  if (state?.status === "error") page.notices.push({ level: "warn", text: `最近一次同步图文数据失败（${state.detail ?? "未知原因"}），数据截至 ${state.syncedThrough ?? "—"}，下次同步时自动重试。` });
  page.notices.push({
    level: "info",
    text: "阅读人数、分享人数按日累加（同一人两天都读算两次）；“累计”各列是文章发表以来（最多 30 天）的合计。发布（未通知）的文章不推送给关注者，也有阅读数据。",
  });
  const articles = ctx.stores.articles.articlesBetween(ctx.accountId, range.from, range.to);
  if (articles.some((a) => a.isDelay)) page.notices.push({ level: "info", text: "部分数据微信仍在计算（is_delay），下次同步后更新。" });
  const daily = new Map(ctx.stores.articles.dailyReaders(ctx.accountId, range.from, range.to).map((d) => [d.date, d]));
  const biz = ctx.stores.articles.bizDays(ctx.accountId, range.from, range.to);
  const days = eachDay(range.from, range.to);
  const title = (a: (typeof articles)[number]) => a.detail?.title || byDataId.get(a.msgDataId)?.title || a.msgId;
  page.kpis = [
    { label: "阅读人数（按日累加）", value: formatNumber(articles.reduce((n, a) => n + a.readUser, 0)) },
    { label: "分享人数（按日累加）", value: formatNumber(articles.reduce((n, a) => n + a.shareUser, 0)) },
    { label: "点赞", value: formatNumber(biz.length > 0 ? biz.reduce((n, d) => n + d.likeUser, 0) : null) },
    { label: "在看", value: formatNumber(biz.length > 0 ? biz.reduce((n, d) => n + d.zaikanUser, 0) : null) },
    { label: "文章", value: formatNumber(articles.length) },
  ];
  page.charts.push({
    id: "reads",
    title: "每日阅读与分享人数",
    kind: "bar",
    labels: days,
    series: [
      { label: "阅读人数", data: days.map((d) => daily.get(d)?.readUser ?? 0) },
      { label: "分享人数", type: "line", data: days.map((d) => daily.get(d)?.shareUser ?? 0) },
    ],
  });
  const top = articles.slice(0, 10);
  page.charts.push({
    id: "top-articles",
    title: "阅读最多的文章",
    kind: "bar",
    labels: top.map((a) => (title(a).length > 16 ? `${title(a).slice(0, 15)}…` : title(a))),
    series: [{ label: "阅读人数", data: top.map((a) => a.readUser) }],
  });
  page.tables.push({
    id: "articles",
    caption: "图文数据（微信官方数据，新接口）",
    columns: [
      { key: "title", label: "标题" },
      { key: "column", label: "栏目" },
      { key: "issue", label: "期数", numeric: true },
      { key: "publishDate", label: "发表日期" },
      { key: "publishType", label: "方式" },
      { key: "readUser", label: "阅读人数", numeric: true, group: "所选日期内" },
      { key: "shareUser", label: "分享人数", numeric: true, group: "所选日期内" },
      { key: "totalRead", label: "阅读人数", numeric: true, group: "发表以来累计" },
      { key: "like", label: "点赞", numeric: true, group: "发表以来累计" },
      { key: "zaikan", label: "在看", numeric: true, group: "发表以来累计" },
      { key: "collection", label: "收藏", numeric: true, group: "发表以来累计" },
      { key: "subscribe", label: "阅读后关注", numeric: true, group: "发表以来累计" },
      { key: "comments", label: "留言", numeric: true },
    ],
    rows: articles.map((a) => {
      const pub = byDataId.get(a.msgDataId);
      return {
        title: title(a),
        column: pub ? columnName(pub.columnId) : null,
        issue: pub?.issue ?? null,
        publishDate: a.detail?.publishDate ?? null,
        publishType: a.detail ? (PUBLISH_TYPE_LABELS[a.detail.publishType] ?? String(a.detail.publishType)) : null,
        readUser: a.readUser,
        shareUser: a.shareUser,
        totalRead: a.detail?.readUser ?? null,
        like: a.detail?.likeUser ?? null,
        zaikan: a.detail?.zaikanUser ?? null,
        collection: a.detail?.collectionUser ?? null,
        subscribe: a.detail?.readSubscribeUser ?? null,
        comments: comments(a.msgDataId, (a.articleIdx ?? 1) - 1),
      };
    }),
    empty: "这段时间没有图文数据。",
  });
  return page;
}
