import { buildMonthlyReport } from "../../src/stats/monthly-report";
import { presentReport } from "../../src/dashboard/presenters/present-report";
import { tableToCsv } from "../../src/dashboard/presenters/to-csv";
import { inbound } from "../helpers/inbound";
import { bj, statsWorld, type StatsWorld } from "./stats-fixture";

/**
 * November 2026 of a hand-countable account (now: 2026-12-02 10:00 Beijing).
 * Published in November (Beijing time): news 3, careers 2, students 1, policy 1, a removed column 1 → 8.
 * Also: news 1 + inspiration 2 in October, careers 1 in September; a careers post at 00:30 on
 * 12-01 (still November in UTC); a failed and a missed news post in November (not counted).
 */
function november(w: StatsWorld) {
  let n = 0;
  const pub = (columnId: string, at: string, extra: Partial<Parameters<StatsWorld["publication"]>[0]> = {}) =>
    w.publication({ slug: `2026-post-${++n}`, columnId, scheduledAt: bj(at), issue: n, ...extra });
  pub("news", "2026-11-03 09:00");
  pub("news", "2026-11-10 09:00");
  pub("news", "2026-11-24 18:00");
  pub("news", "2026-10-28 09:00");
  pub("news", "2026-11-12 09:00", { state: "failed", failureReason: "封面图片超过 1 MB" });
  pub("news", "2026-11-13 09:00", { state: "missed" });
  pub("careers", "2026-11-05 09:00");
  pub("careers", "2026-11-30 23:30");
  pub("careers", "2026-12-01 00:30");
  pub("careers", "2026-09-15 09:00");
  pub("students", "2026-11-18 09:00");
  pub("policy", "2026-11-20 09:00");
  pub("retired-column", "2026-11-21 09:00");
  pub("inspiration", "2026-10-08 09:00");
  pub("inspiration", "2026-10-22 09:00");

  const at = 1;
  for (let d = 1; d <= 30; d++) {
    const date = `2026-11-${String(d).padStart(2, "0")}`;
    w.stores.snapshots.upsertFollowerSummary("default", date, [{ userSource: 30, newUser: 5, cancelUser: 2 }], at);
    w.stores.snapshots.upsertFollowerCumulate("default", date, 2255 + 3 * d, at); // 2345 on 11-30
  }
  w.stores.snapshots.upsertFollowerCount("default", "2026-12-02", 2400, at);
  w.stores.sync.record("default", "followers", { status: "ok", syncedThrough: "2026-12-01" }, at);
  const reads = { msgDataId: "2247483", articleIdx: 1, title: "招聘会", intPageReadUser: 0, oriPageReadUser: 0, oriPageReadCount: 0, shareUser: 0, shareCount: 0, addToFavUser: 0, addToFavCount: 0 };
  w.stores.snapshots.upsertArticleDay("default", { ...reads, date: "2026-11-27", msgId: "2247483_1", intPageReadCount: 100 }, at);
  w.stores.snapshots.upsertArticleDay("default", { ...reads, date: "2026-11-28", msgId: "2247483_1", intPageReadCount: 50 }, at);
  w.stores.snapshots.upsertArticleDay("default", { ...reads, date: "2026-12-01", msgId: "2247483_1", intPageReadCount: 30 }, at);
  w.stores.sync.record("default", "articles", { status: "ok", syncedThrough: "2026-12-01" }, at);

  const answered = { columnId: "careers", ruleId: "careers:exact:招聘", matchMode: "exact" };
  w.push(inbound.text("招聘", { createdAt: bj("2026-11-02 10:00") }), answered);
  w.push(inbound.text("招聘", { createdAt: bj("2026-11-15 10:00") }), answered);
  w.push(inbound.text("招聘", { createdAt: bj("2026-11-30 23:00") }), answered);
  w.push(inbound.text("招聘", { createdAt: bj("2026-12-01 10:00") }), answered);
  w.push(inbound.text("你好", { createdAt: bj("2026-11-16 10:00") }), { ruleId: "default", matchMode: "default" });
  w.push(inbound.subscribe({ createdAt: bj("2026-11-16 09:00") }), { ruleId: "welcome", matchMode: "event" });
}

describe("buildMonthlyReport", () => {
  it("counts the month's published posts per reporting category (Beijing month, failed/missed left out)", () => {
    const w = statsWorld();
    november(w);
    const report = buildMonthlyReport(w.ctx, "2026-11");
    expect(report.asOf).toBe("2026-11-30");
    expect(report.rows).toEqual([
      {
        accountName: "青春轮台",
        followers: 2345,
        followersSource: "datacube",
        counts: { 政策法规: 1, 致富信息: 2, 新闻娱乐: 3, 便民服务: 1, 其他: 1 },
        total: 8,
      },
    ]);
    expect(report.columns.map((c) => [c.name, c.month, c.total])).toEqual([
      ["轮青关注", 3, 4],
      ["轮青诚聘", 2, 3],
      ["轮青励志", 0, 2],
      ["轮青大学生", 1, 1],
      ["政策解读", 1, 1],
      ["retired-column", 1, 1],
    ]);
  });

  it("writes the summary paragraph from the figures", () => {
    const w = statsWorld();
    november(w);
    const report = buildMonthlyReport(w.ctx, "2026-11");
    expect(report.facts).toEqual({ issuesTotal: 12, followers: 2345, jobPosts: 3, reads: 150, answered: 3, monthNewFollowers: 90 });
    expect(report.summary).toBe(
      "截至2026年11月30日，「青春轮台」已推送微信12期（其中轮青关注4期、轮青诚聘3期、轮青励志2期、轮青大学生1期、政策解读1期、retired-column1期），" +
        "收听青年2345人，发布招聘信息3条，图文累计阅读150次，自动回复青年咨询3次。11月发送信息8条，净增关注90人。",
    );
  });

  it("reports the running month up to today, with today's follower count from user/get", () => {
    const w = statsWorld();
    november(w);
    const report = buildMonthlyReport(w.ctx, "2026-12");
    expect(report.asOf).toBe("2026-12-02");
    expect(report.rows[0]).toMatchObject({ followers: 2400, followersSource: "user_get", total: 1, counts: { 致富信息: 1 } });
    expect(report.summary.startsWith("截至2026年12月2日，「青春轮台」已推送微信13期（其中轮青关注4期、轮青诚聘4期")).toBe(true);
  });

  it("falls back to our own follower records, and leaves reads out, when datacube is unavailable", () => {
    const w = statsWorld();
    november(w);
    w.stores.sync.record("default", "followers", { status: "unavailable", errcode: 48001, detail: "unavailable: account not verified" }, 2);
    w.stores.sync.record("default", "articles", { status: "unavailable", errcode: 48001 }, 2);
    w.db.prepare("UPDATE stats_sync_state SET succeeded_at = NULL WHERE source = 'articles'").run();
    const report = buildMonthlyReport(w.ctx, "2026-11");
    expect(report.rows[0]).toMatchObject({ followers: 1, followersSource: "logs" });
    expect(report.facts.reads).toBeNull();
    expect(report.summary).not.toContain("阅读");
    expect(presentReport(w.ctx, "2026-11").notices[0]?.text).toContain("本系统记录");
  });

  it("exports the 微信体系建设情况 table as CSV in the tracking table's layout", () => {
    const w = statsWorld();
    november(w);
    const table = presentReport(w.ctx, "2026-11").tables.find((t) => t.id === "system")!;
    expect(tableToCsv(table)).toBe(
      "\uFEFF账号名称,关注人数,本月发送信息数·政策法规,本月发送信息数·致富信息,本月发送信息数·新闻娱乐,本月发送信息数·便民服务,本月发送信息数·其他,总数\r\n" +
        "青春轮台,2345,1,2,3,1,1,8\r\n",
    );
  });
});
