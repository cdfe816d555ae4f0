import type { StatsContext } from "../../stats/stats-context";
import { readMessageDays } from "../../stats/read-message-days";
import { followerCountOn, followerTotals, readFollowers } from "../../stats/read-followers";
import { emptyPage, formatNumber, type DateRange, type PageModel } from "./page-model";
import { USER_SOURCE_LABELS } from "./labels";

const sum = (xs: readonly (number | null)[]) => xs.reduce<number>((a, x) => a + (x ?? 0), 0);

/** 关注: followers per day, where new followers came from (datacube) and QR scenes (our log). */
export function presentFollowers(ctx: StatsContext, range: DateRange): PageModel {
  const page = emptyPage("关注");
  page.range = range;
  const messages = readMessageDays(ctx, range.from, range.to, ["scenes"]);
  const series = readFollowers(ctx, range.from, range.to, messages);
  const count = followerCountOn(ctx, range.to);
  if (series.note) page.notices.push({ level: "warn", text: series.note });
  if (series.source === "datacube") {
    page.notices.push({ level: "info", text: "微信官方数据每天 08:00 后才提供前一天的数字，今天的数据明天更新。" });
  }

  page.kpis = [
    { label: count.source === "logs" ? "关注青年（本系统记录）" : "关注人数", value: formatNumber(count.value), hint: count.asOf ? `截至 ${count.asOf}` : "" },
    { label: "新关注", value: formatNumber(sum(series.points.map((p) => p.newUser))) },
    { label: "取消关注", value: formatNumber(sum(series.points.map((p) => p.cancelUser))) },
    { label: "净增", value: formatNumber(sum(series.points.map((p) => p.net))) },
  ];

  const labels = series.points.map((p) => p.date);
  page.charts.push({
    id: "follower-changes",
    title: "每日新关注、取消关注与净增",
    kind: "bar",
    labels,
    series: [
      { label: "新关注", data: series.points.map((p) => p.newUser) },
      { label: "取消关注", data: series.points.map((p) => p.cancelUser) },
      { label: "净增", type: "line", data: series.points.map((p) => p.net) },
    ],
  });
  page.charts.push({
    id: "follower-total",
    title: series.source === "datacube" ? "累计关注人数" : "累计关注人数（由当前关注人数按本系统记录的关注事件倒推）",
    kind: "line",
    labels,
    series: [{ label: "累计关注", data: followerTotals(ctx, series) }],
    // Drawn near 12,290, not from 0: a change of a few followers must stay visible.
    valueAxis: { beginAtZero: false },
  });
  page.tables.push({
    id: "followers",
    caption: series.source === "datacube" ? "每日关注（微信官方数据）" : "每日关注（本系统记录）",
    columns: [
      { key: "date", label: "日期" },
      { key: "newUser", label: "新关注", numeric: true },
      { key: "cancelUser", label: "取消关注", numeric: true },
      { key: "net", label: "净增", numeric: true },
      { key: "cumulate", label: "累计关注", numeric: true },
    ],
    rows: series.points.map((p) => ({ date: p.date, newUser: p.newUser, cancelUser: p.cancelUser, net: p.net, cumulate: p.cumulate })),
  });

  if (series.source === "datacube") {
    const sources = ctx.stores.snapshots.followerSources(ctx.accountId, range.from, range.to);
    page.charts.push({
      id: "follower-sources",
      title: "新关注来源",
      kind: "doughnut",
      labels: sources.map((s) => USER_SOURCE_LABELS[s.userSource] ?? `来源 ${s.userSource}`),
      series: [{ label: "新关注", data: sources.map((s) => s.newUser) }],
    });
    page.tables.push({
      id: "sources",
      caption: "新关注来源",
      columns: [
        { key: "source", label: "来源" },
        { key: "code", label: "代码", numeric: true },
        { key: "newUser", label: "新关注", numeric: true },
        { key: "cancelUser", label: "取消关注", numeric: true },
      ],
      rows: sources.map((s) => ({ source: USER_SOURCE_LABELS[s.userSource] ?? "其他", code: s.userSource, newUser: s.newUser, cancelUser: s.cancelUser })),
      empty: "这段时间没有来源数据。",
    });
  }

  const scenes = new Map<string, { subscribe: number; scan: number }>();
  for (const t of messages.scenes) {
    if (t.msgType !== "subscribe" && t.msgType !== "scan") continue;
    const s = scenes.get(t.scene) ?? { subscribe: 0, scan: 0 };
    s[t.msgType] += t.n;
    scenes.set(t.scene, s);
  }
  page.tables.push({
    id: "scenes",
    caption: "带参数二维码（本系统记录）",
    columns: [
      { key: "scene", label: "场景值" },
      { key: "subscribe", label: "扫码关注", numeric: true },
      { key: "scan", label: "已关注再扫码", numeric: true },
    ],
    rows: [...scenes]
      .sort((a, b) => b[1].subscribe + b[1].scan - (a[1].subscribe + a[1].scan) || (a[0] < b[0] ? -1 : 1))
      .map(([scene, s]) => ({ scene, subscribe: s.subscribe, scan: s.scan })),
    empty: "这段时间没有通过带参数二维码的关注。",
  });
  return page;
}
