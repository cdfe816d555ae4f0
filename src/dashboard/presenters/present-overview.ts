import type { StatsContext } from "../../stats/stats-context";
import { readsBetween } from "../../stats/article-figures";
import { dayStart, addDays, formatMinute } from "../../stats/dates";
import { readMessageDays, type MessageDays } from "../../stats/read-message-days";
import { followerCountOn, followerTotals, readFollowers, type FollowerSeries } from "../../stats/read-followers";
import { emptyPage, formatNumber, type DateRange, type PageModel, type Table } from "./page-model";
import { label, SYNC_SOURCE_LABELS, SYNC_STATUS_LABELS } from "./labels";

const sum = (xs: readonly (number | null)[]) => xs.reduce<number>((a, x) => a + (x ?? 0), 0);

/** Per day: followers (datacube or logs) next to the message log's activity. */
export function dailyTable(followers: FollowerSeries, messages: MessageDays): Table {
  const activity = new Map(messages.activity.map((a) => [a.day, a]));
  return {
    id: "daily",
    caption: "每日概况",
    columns: [
      { key: "date", label: "日期" },
      { key: "newUser", label: "新关注", numeric: true },
      { key: "cancelUser", label: "取消关注", numeric: true },
      { key: "net", label: "净增", numeric: true },
      { key: "cumulate", label: "累计关注", numeric: true },
      { key: "messages", label: "收到消息", numeric: true },
      { key: "youths", label: "互动青年", numeric: true },
      { key: "answered", label: "关键词回复", numeric: true },
      { key: "unmatched", label: "未匹配", numeric: true },
    ],
    rows: followers.points.map((p) => {
      const a = activity.get(p.date);
      return {
        date: p.date,
        newUser: p.newUser,
        cancelUser: p.cancelUser,
        net: p.net,
        cumulate: p.cumulate,
        messages: a?.messages ?? 0,
        youths: a?.youths ?? 0,
        answered: a?.answered ?? 0,
        unmatched: a?.unmatched ?? 0,
      };
    }),
  };
}

/** Where each stats source stands: last success, watermark, and why not when it failed. */
export function syncTable(ctx: StatsContext): Table {
  return {
    id: "sync",
    caption: "数据同步状态",
    columns: [
      { key: "source", label: "数据" },
      { key: "status", label: "状态" },
      { key: "through", label: "数据截至" },
      { key: "attempted", label: "最近同步" },
      { key: "detail", label: "说明" },
    ],
    rows: ctx.stores.sync.all(ctx.accountId).map((s) => ({
      source: label(SYNC_SOURCE_LABELS, s.source),
      status: label(SYNC_STATUS_LABELS, s.status),
      through: s.syncedThrough,
      attempted: formatMinute(s.attemptedAt, ctx.timezone),
      detail: s.detail,
    })),
    empty: "尚未同步。统计任务每天 08:40 运行（10:30 重试），也可运行 npm run cli -- stats refresh。",
  };
}

/** 概览: the headline figures of the range, followers and messages per day. */
export function presentOverview(ctx: StatsContext, range: DateRange): PageModel {
  const page = emptyPage("概览");
  page.range = range;
  const messages = readMessageDays(ctx, range.from, range.to, []);
  const followers = readFollowers(ctx, range.from, range.to, messages);
  const count = followerCountOn(ctx, range.to);
  const published = ctx.stores.publications
    .statesBetween(ctx.accountId, dayStart(range.from, ctx.timezone), dayStart(addDays(range.to, 1), ctx.timezone))
    .find((s) => s.state === "published")?.n ?? 0;
  const activity = messages.activity;

  page.kpis = [
    {
      label: count.source === "logs" ? "关注青年（本系统记录）" : "关注人数",
      value: formatNumber(count.value),
      hint: count.asOf ? `截至 ${count.asOf}` : "本系统记录的关注事件",
    },
    { label: "净增关注", value: formatNumber(followers.points.some((p) => p.net !== null) ? sum(followers.points.map((p) => p.net)) : null) },
    { label: "收到消息", value: formatNumber(sum(activity.map((a) => a.messages))) },
    { label: "关键词回复", value: formatNumber(sum(activity.map((a) => a.answered))) },
    { label: "未匹配消息", value: formatNumber(sum(activity.map((a) => a.unmatched))) },
    { label: "发布文章", value: formatNumber(published) },
  ];
  // 概览 shows reads (issue 14): readers from the new endpoints, else page views from the old ones.
  const reads = readsBetween(ctx, range.from, range.to);
  page.kpis.push({ label: reads.label, value: formatNumber(reads.value), hint: reads.hint });
  if (followers.note) page.notices.push({ level: "warn", text: followers.note });

  const labels = followers.points.map((p) => p.date);
  page.charts.push({
    id: "followers",
    title: followers.source === "datacube" ? "关注人数变化" : "关注/取消关注（本系统记录）",
    kind: "bar",
    labels,
    series: [
      { label: "新关注", data: followers.points.map((p) => p.newUser) },
      { label: "取消关注", data: followers.points.map((p) => (p.cancelUser === null ? null : -p.cancelUser)) },
      { label: "累计关注", type: "line" as const, axis: "y1" as const, data: followerTotals(ctx, followers) },
    ],
  });
  const table = dailyTable(followers, messages);
  page.charts.push({
    id: "messages",
    title: "每日消息与互动青年",
    kind: "bar",
    labels,
    series: [
      { label: "收到消息", data: table.rows.map((r) => r["messages"] as number) },
      { label: "互动青年", type: "line", data: table.rows.map((r) => r["youths"] as number) },
    ],
  });
  page.tables.push(table, syncTable(ctx));
  return page;
}
