import { addDays, followerOpenIds, followersOn, userSummaryOn } from "../../src/sandbox/fake-figures";
import { makeDraft, startHarness, type Harness } from "./harness";

/** The sandbox's follower and read figures: deterministic per seed and date, growing, consistent. */

describe("fake figures", () => {
  it("are deterministic per seed and never shrink", () => {
    let previous = followersOn("wx-seed", "2025-01-01");
    expect(followersOn("wx-seed", "2025-01-01")).toBe(previous);
    expect(followersOn("other-seed", "2025-01-01")).not.toBe(previous);
    for (let d = 1; d < 400; d++) {
      const today = followersOn("wx-seed", addDays("2025-01-01", d));
      expect(today).toBeGreaterThanOrEqual(previous);
      previous = today;
    }
    expect(followersOn("wx-seed", "2026-12-01")).toBeGreaterThan(followersOn("wx-seed", "2025-12-01"));
  });

  it("split each day's growth over sources so that new − cancel = the cumulative difference", () => {
    for (const date of ["2026-03-01", "2026-07-15", "2026-11-30"]) {
      const rows = userSummaryOn("wx-seed", date);
      const net = rows.reduce((n, r) => n + r.new_user - r.cancel_user, 0);
      expect(net).toBe(followersOn("wx-seed", date) - followersOn("wx-seed", addDays(date, -1)));
      expect(rows.every((r) => r.new_user >= 0 && r.cancel_user >= 0)).toBe(true);
    }
  });

  it("give stable, distinct 28-character OpenIDs", () => {
    const ids = followerOpenIds("wx-seed", 500);
    expect(new Set(ids).size).toBe(500);
    expect(followerOpenIds("wx-seed", 3)).toEqual(ids.slice(0, 3));
    expect(ids.every((id) => /^o[A-Za-z0-9_-]{27}$/.test(id))).toBe(true);
  });
});

describe("datacube in the sandbox", () => {
  let h: Harness;
  afterEach(() => h.close());

  it("user summary and cumulate agree over a week", async () => {
    h = await startHarness();
    const range = { beginDate: "2026-11-24", endDate: "2026-11-30" };
    const cumulate = await h.client.datacube.getUserCumulate(range);
    const summary = await h.client.datacube.getUserSummary(range);
    expect(cumulate.map((r) => r.refDate)).toEqual(["2026-11-24", "2026-11-25", "2026-11-26", "2026-11-27", "2026-11-28", "2026-11-29", "2026-11-30"]);
    for (let i = 1; i < cumulate.length; i++) {
      const day = summary.filter((r) => r.refDate === cumulate[i]!.refDate);
      const net = day.reduce((n, r) => n + r.newUser - r.cancelUser, 0);
      expect(cumulate[i]!.cumulateUser - cumulate[i - 1]!.cumulateUser).toBe(net);
    }
    const followers = await h.client.user.get();
    expect(followers.total).toBeGreaterThanOrEqual(cumulate[6]!.cumulateUser);
  });

  it("reads of a mass-sent article appear under its msg_data_id, decaying by day and adding up in the totals", async () => {
    h = await startHarness();
    h.clock.set("2026-11-28T01:00:00Z"); // 09:00 Beijing
    const mediaId = await makeDraft(h.client, "【轮青诚聘】第12期 · 县人才市场招聘会");
    const sent = await h.client.mass.sendAll({ message: { type: "mpnews", mediaId } });
    await h.sandbox.idle();
    h.clock.set("2026-12-01T02:00:00Z");
    const days = ["2026-11-28", "2026-11-29", "2026-11-30"];
    const perDay = [];
    for (const date of days) {
      const rows = await h.client.datacube.getArticleSummary({ beginDate: date, endDate: date });
      const row = rows.find((r) => r.msgDataId === sent.msgDataId);
      expect(row).toMatchObject({ refDate: date, msgId: `${sent.msgDataId}_1`, articleIdx: 1, title: "【轮青诚聘】第12期 · 县人才市场招聘会" });
      perDay.push(row!.intPageReadUser);
    }
    expect(perDay[0]).toBeGreaterThan(perDay[2]!);
    const [total] = await h.client.datacube.getArticleTotal({ beginDate: "2026-11-28", endDate: "2026-11-28" });
    expect(total!.details.map((d) => d.statDate)).toEqual(days);
    expect(total!.details[2]!.intPageReadUser).toBe(perDay.reduce((a, b) => a + b, 0));
    expect(await h.client.datacube.getArticleTotal({ beginDate: "2026-11-27", endDate: "2026-11-27" })).toEqual([]);
  });

  it("leaves yesterday out before 08:00 Beijing time", async () => {
    h = await startHarness();
    h.clock.set("2026-12-01T23:30:00Z"); // 2026-12-02 07:30 in Beijing
    const rows = await h.client.datacube.getUserCumulate({ beginDate: "2026-11-30", endDate: "2026-12-01" });
    expect(rows.map((r) => r.refDate)).toEqual(["2026-11-30"]);
    h.clock.advance(3600_000);
    const later = await h.client.datacube.getUserCumulate({ beginDate: "2026-11-30", endDate: "2026-12-01" });
    expect(later.map((r) => r.refDate)).toEqual(["2026-11-30", "2026-12-01"]);
  });
});
