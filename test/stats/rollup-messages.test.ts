import { lastClosedDay, rollupMessageDays, rollupMessages } from "../../src/stats/rollup-messages";
import { readMessageDays, readActivityTotal } from "../../src/stats/read-message-days";
import { inbound } from "../helpers/inbound";
import { bj, statsWorld, type StatsWorld } from "./stats-fixture";

const A = "oYouthA_000000000000000000001";
const B = "oYouthB_000000000000000000002";

/** A few pushes around Beijing midnights: the day is Asia/Shanghai's whatever TZ the process runs in. */
function seed(w: StatsWorld) {
  w.push(inbound.text("招聘", { openId: A, createdAt: bj("2026-11-30 23:59") }), { ruleId: "careers:exact:招聘", columnId: "careers", matchMode: "exact" });
  w.push(inbound.text("有没有篮球赛", { openId: B, createdAt: bj("2026-11-30 21:00") }), { ruleId: "default", matchMode: "default" });
  w.push(inbound.subscribe({ openId: B, createdAt: bj("2026-11-30 20:00"), sceneId: "job-fair-2026" }), { ruleId: "welcome", matchMode: "event" });
  // 00:01 on 12-01 in Beijing is still 11-30 in UTC.
  w.push(inbound.text("2", { openId: A, createdAt: bj("2026-12-01 00:01") }), { ruleId: "careers:menu:2", columnId: "careers", matchMode: "menu" });
  w.push(inbound.text("有没有篮球赛", { openId: A, createdAt: bj("2026-12-01 08:00") }), { ruleId: "default", matchMode: "default" });
  w.push(inbound.text("有没有篮球赛", { openId: B, createdAt: bj("2026-12-01 09:00") }), { ruleId: "default-suppressed", matchMode: "default" });
  w.push(inbound.click("COLUMN_NEWS", { openId: B, createdAt: bj("2026-12-01 12:00") }), { ruleId: "news:click:COLUMN_NEWS", columnId: "news", matchMode: "click" });
  // Today (12-02): never rolled up, read live.
  w.push(inbound.text("实习", { openId: A, createdAt: bj("2026-12-02 09:30") }), { ruleId: "students:exact:实习", columnId: "students", matchMode: "exact" });
}

const sorted = (rows: readonly object[]) => rows.map((r) => JSON.stringify(r, Object.keys(r).sort())).sort();

describe("message-log rollups", () => {
  it("counts per Beijing day: youths, messages, events, answered and unmatched", () => {
    const w = statsWorld(); // 2026-12-02 10:00 Beijing
    seed(w);
    const days = readMessageDays(w.ctx, "2026-11-30", "2026-12-02");
    expect(days.activity).toEqual([
      { day: "2026-11-30", youths: 2, messages: 2, events: 1, system: 0, answered: 1, unmatched: 1 },
      { day: "2026-12-01", youths: 2, messages: 3, events: 1, system: 0, answered: 1, unmatched: 2 },
      { day: "2026-12-02", youths: 1, messages: 1, events: 0, system: 0, answered: 1, unmatched: 0 },
    ]);
    expect(days.unmatched).toEqual([{ content: "有没有篮球赛", n: 3 }]);
    expect(days.types.filter((t) => t.msgType === "subscribe")).toEqual([{ day: "2026-11-30", msgType: "subscribe", n: 1 }]);
    expect(days.scenes).toEqual([{ msgType: "subscribe", scene: "job-fair-2026", n: 1 }]);
    expect(days.rules.find((r) => r.ruleId === "careers:menu:2")).toEqual({ columnId: "careers", ruleId: "careers:menu:2", matchMode: "menu", n: 1 });
    expect(days.liveDays).toEqual(["2026-12-02"]);
  });

  it("gives the same figures from the rollups as from the log itself", () => {
    const w = statsWorld();
    seed(w);
    const live = readMessageDays({ ...w.ctx, rollupBudgetDays: 0 }, "2026-11-29", "2026-12-02");
    expect(live.liveDays).toEqual(["2026-11-29", "2026-11-30", "2026-12-01", "2026-12-02"]);
    expect(rollupMessageDays(w.ctx, 100)).toBe(2); // 11-30 and 12-01: the first day of the log up to yesterday
    const rolled = readMessageDays(w.ctx, "2026-11-29", "2026-12-02");
    expect(rolled.liveDays).toEqual(["2026-12-02"]);
    for (const key of ["types", "scenes", "rules", "activity", "unmatched"] as const) expect(sorted(rolled[key])).toEqual(sorted(live[key]));
    expect(readActivityTotal(w.ctx, "2026-11-30", "2026-12-02")).toMatchObject({ messages: 6, answered: 3, unmatched: 3, events: 2 });
  });

  it("is idempotent and rolls up only days that are over", async () => {
    const w = statsWorld("2026-12-01T16:03:00Z"); // 00:03 on 12-02: 12-01 ended 3 minutes ago, not settled yet
    seed(w);
    expect(lastClosedDay(w.clock.now(), "Asia/Shanghai")).toBe("2026-11-30");
    expect(await rollupMessages(w.ctx)).toBe(1);
    w.clock.advance(10 * 60_000);
    expect(await rollupMessages(w.ctx)).toBe(1);
    expect(await rollupMessages(w.ctx)).toBe(0);
    const rows = () => (w.db.prepare("SELECT count(*) AS n FROM stats_rule_days").get() as { n: number }).n;
    const before = rows();
    w.stores.sync.record("default", "message_rollup", { status: "ok" }, 0);
    w.db.prepare("UPDATE stats_sync_state SET synced_through = NULL WHERE source = 'message_rollup'").run();
    expect(await rollupMessages(w.ctx)).toBe(2);
    expect(rows()).toBe(before);
  });
});
