/**
 * What staff saw on the stats pages (issue 14, "Stats that keep working"), each reproduced from
 * realistic input before it was fixed: a MASSSENDJOBFINISH counted as a youth's event, the
 * followers chart drawn from 0, fractional steps on count axes.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { runInNewContext } from "node:vm";
import { presentMessages } from "../../src/dashboard/presenters/present-messages";
import { presentFollowers } from "../../src/dashboard/presenters/present-followers";
import { presentOverview } from "../../src/dashboard/presenters/present-overview";
import type { Chart } from "../../src/dashboard/presenters/page-model";
import { DASHBOARD_JS } from "../../src/dashboard/views/assets/dashboard-script";
import { rollupMessageDays } from "../../src/stats/rollup-messages";
import { parseMessage } from "../../src/wechat/parse-message";
import { inbound } from "../helpers/inbound";
import { bj, statsWorld, type StatsWorld } from "./stats-fixture";

const A = "oYouthA_000000000000000000001";
const wechatXml = (name: string) => readFileSync(join(__dirname, "..", "fixtures", "wechat", name), "utf8");

/** A youth follows, clicks the menu, writes once; WeChat reports two job results the same day. */
function seedDay(w: StatsWorld) {
  w.push(inbound.subscribe({ openId: A, createdAt: bj("2026-12-01 08:10") }), { ruleId: "welcome", matchMode: "event" });
  w.push(inbound.click("COLUMN_NEWS", { openId: A, createdAt: bj("2026-12-01 08:11") }), { ruleId: "news:click:COLUMN_NEWS", columnId: "news", matchMode: "click" });
  w.push(inbound.text("招聘", { openId: A, createdAt: bj("2026-12-01 08:12") }), { ruleId: "careers:exact:招聘", columnId: "careers", matchMode: "exact" });
  // The real pushes (research vectors), as WeChat sends them after a 群发 and a 发布.
  const mass = parseMessage(wechatXml("ev-masssendjobfinish-success.xml"));
  w.push({ ...mass, createdAt: bj("2026-12-01 20:05") }, {});
  const publish = parseMessage(wechatXml("ev-publishjobfinish.xml"));
  w.push({ ...publish, createdAt: bj("2026-12-01 20:06") }, {});
}

const kpi = (page: { kpis: { label: string; value: string }[] }, label: string) => page.kpis.find((k) => k.label === label)?.value;

describe("消息: job results are WeChat's, not a youth's", () => {
  it.each([
    ["read live from the log", 0],
    ["read from the rollups", 14],
  ])("counts MASSSENDJOBFINISH and PUBLISHJOBFINISH apart from 菜单与关注事件 (%s)", (_how, budget) => {
    const w = statsWorld();
    seedDay(w);
    const page = presentMessages({ ...w.ctx, rollupBudgetDays: budget }, { from: "2026-12-01", to: "2026-12-01" });
    expect(kpi(page, "菜单与关注事件")).toBe("2");
    expect(kpi(page, "微信系统通知")).toBe("2");
    expect(page.kpis.find((k) => k.label === "微信系统通知")?.hint).toContain("不计入互动");
    const activity = page.tables.find((t) => t.id === "activity")!;
    expect(activity.rows).toEqual([{ date: "2026-12-01", messages: 1, events: 2, system: 2, youths: 1, answered: 1, unmatched: 0 }]);
    // The stacked chart shows youths' pushes only; the system notices have their own series.
    const chart = page.charts.find((c) => c.id === "message-types")!;
    expect(chart.series.find((s) => s.label === "其他")?.data).toEqual([0]);
    expect(chart.series.find((s) => s.label === "微信系统通知")).toBeUndefined();
  });

  it("takes job results out of the events of days rolled up before the fix (migration 0012)", () => {
    const w = statsWorld();
    seedDay(w);
    expect(rollupMessageDays(w.ctx, 14)).toBe(1);
    // The row as the old rollup wrote it: events 4 (two of them job results), no system column value.
    w.db.prepare("UPDATE stats_activity_days SET events = 4, system = 0").run();
    const migration = readFileSync(join(__dirname, "..", "..", "src", "db", "migrations", "0012_article_stats.sql"), "utf8");
    const repair = migration.slice(migration.indexOf("UPDATE stats_activity_days SET"));
    w.db.exec(repair);
    expect(w.db.prepare("SELECT events, system FROM stats_activity_days").get()).toEqual({ events: 2, system: 2 });
  });
});

/** Runs the dashboard script against a fake Chart.js and DOM; returns every chart's config. */
function drawCharts(charts: Chart[]): { type: string; options: { scales?: Record<string, { beginAtZero?: boolean; ticks?: { precision?: number }; suggestedMin?: number }> } }[] {
  const made: { type: string; options: Record<string, unknown> }[] = [];
  const byId = new Map(charts.map((c) => [`chart-data-${c.id}`, { textContent: JSON.stringify({ kind: c.kind, labels: c.labels, series: c.series, ...(c.valueAxis ? { valueAxis: c.valueAxis } : {}) }) }]));
  const canvases = charts.map((c) => ({ getAttribute: () => c.id }));
  const Chart = function (this: unknown, _canvas: unknown, config: { type: string; options: Record<string, unknown> }) {
    made.push(config);
  } as unknown as { defaults: Record<string, unknown> };
  Chart.defaults = { font: {} };
  const document = { querySelectorAll: () => canvases, getElementById: (id: string) => byId.get(id) };
  runInNewContext(DASHBOARD_JS, { window: {}, document, Chart });
  return made as never;
}

describe("关注 and 概览 charts: axes that fit the figures", () => {
  function followerWorld() {
    const w = statsWorld();
    // A county account near 12,290 followers, a few new a day: datacube as synced.
    let total = 12_262;
    for (let d = 25; d <= 30; d++) {
      total += 5;
      w.stores.snapshots.upsertFollowerSummary("default", `2026-11-${d}`, [{ userSource: 30, newUser: 6, cancelUser: 1 }], 0);
      w.stores.snapshots.upsertFollowerCumulate("default", `2026-11-${d}`, total, 0);
    }
    w.stores.sync.record("default", "followers", { status: "ok", syncedThrough: "2026-11-30" }, 1);
    return w;
  }

  it("draws the follower total from near the real count, not from 0", () => {
    const w = followerWorld();
    const page = presentFollowers(w.ctx, { from: "2026-11-25", to: "2026-11-30" });
    const total = page.charts.find((c) => c.id === "follower-total")!;
    expect(total.series[0]!.data).toEqual([12_267, 12_272, 12_277, 12_282, 12_287, 12_292]);
    expect(total.valueAxis).toMatchObject({ beginAtZero: false });
    const [, drawn] = drawCharts(page.charts.filter((c) => c.kind !== "doughnut"));
    expect(drawn!.options.scales!["y"]!.beginAtZero).toBe(false);
  });

  it("draws the follower total from our own log at the real count when datacube is not available", () => {
    const w = statsWorld();
    w.stores.sync.record("default", "followers", { status: "unavailable", errcode: 48001, detail: "unavailable" }, 1);
    w.stores.snapshots.upsertFollowerCount("default", "2026-12-02", 12_290, 1); // user/get total, today
    w.push(inbound.subscribe({ openId: A, createdAt: bj("2026-12-01 09:00") }), { ruleId: "welcome", matchMode: "event" });
    w.push(inbound.subscribe({ openId: "oYouthB_000000000000000000002", createdAt: bj("2026-12-02 09:00") }), { ruleId: "welcome", matchMode: "event" });
    const page = presentFollowers(w.ctx, { from: "2026-11-30", to: "2026-12-02" });
    const total = page.charts.find((c) => c.id === "follower-total")!;
    // Backwards from today's count: 12,290 tonight, one fewer before each subscribe.
    expect(total.series[0]!.data).toEqual([12_288, 12_289, 12_290]);
  });

  it("never steps a count axis in fractions (2 new followers a day must not read 0.2, 0.4 …)", () => {
    const w = followerWorld();
    const pages = [presentFollowers(w.ctx, { from: "2026-11-25", to: "2026-11-30" }), presentOverview(w.ctx, { from: "2026-11-25", to: "2026-11-30" })];
    const drawn = drawCharts(pages.flatMap((p) => p.charts).filter((c) => c.kind !== "doughnut"));
    expect(drawn.length).toBeGreaterThan(3);
    for (const config of drawn) {
      for (const [, scale] of Object.entries(config.options.scales ?? {}).filter(([k]) => k.startsWith("y"))) expect(scale.ticks?.precision).toBe(0);
    }
  });
});
