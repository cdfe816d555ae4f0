import { backfillWindow, DATACUBE_FIRST_DATE, planDateSpans } from "../../src/stats/plan-date-spans";

describe("backfillWindow", () => {
  it("starts backfillDays before yesterday on the first run", () => {
    expect(backfillWindow({ syncedThrough: undefined, yesterday: "2026-12-01", initialDays: 30, refetchDays: 2 })).toEqual({
      beginDate: "2026-11-02",
      endDate: "2026-12-01",
    });
  });

  it("resumes after the last stored day, refetching the last refetchDays", () => {
    // Stored through 11-20: a gap of 11 days, all fetched.
    expect(backfillWindow({ syncedThrough: "2026-11-20", yesterday: "2026-12-01", initialDays: 90, refetchDays: 2 })).toEqual({
      beginDate: "2026-11-21",
      endDate: "2026-12-01",
    });
    // Up to date: only yesterday and the day before again (WeChat fills late data in after 08:30).
    expect(backfillWindow({ syncedThrough: "2026-12-01", yesterday: "2026-12-01", initialDays: 90, refetchDays: 2 })).toEqual({
      beginDate: "2026-11-30",
      endDate: "2026-12-01",
    });
    // Article totals keep growing for 7 days after sending.
    expect(backfillWindow({ syncedThrough: "2026-12-01", yesterday: "2026-12-01", initialDays: 90, refetchDays: 7 })?.beginDate).toBe("2026-11-25");
  });

  it("never asks for data before 2014-12-01", () => {
    expect(backfillWindow({ syncedThrough: undefined, yesterday: "2014-12-10", initialDays: 4000, refetchDays: 2 })).toEqual({
      beginDate: DATACUBE_FIRST_DATE,
      endDate: "2014-12-10",
    });
    expect(backfillWindow({ syncedThrough: undefined, yesterday: "2014-11-30", initialDays: 30, refetchDays: 2 })).toBeUndefined();
  });
});

describe("planDateSpans", () => {
  it("cuts a window into spans of at most maxDays, oldest first, covering every day once", () => {
    const spans = planDateSpans({ beginDate: "2026-11-02", endDate: "2026-12-01" }, 7);
    expect(spans).toEqual([
      { beginDate: "2026-11-02", endDate: "2026-11-08" },
      { beginDate: "2026-11-09", endDate: "2026-11-15" },
      { beginDate: "2026-11-16", endDate: "2026-11-22" },
      { beginDate: "2026-11-23", endDate: "2026-11-29" },
      { beginDate: "2026-11-30", endDate: "2026-12-01" },
    ]);
  });

  it("gives one-day spans for the article endpoints, across month and year ends", () => {
    expect(planDateSpans({ beginDate: "2026-12-30", endDate: "2027-01-02" }, 1).map((s) => s.beginDate)).toEqual([
      "2026-12-30",
      "2026-12-31",
      "2027-01-01",
      "2027-01-02",
    ]);
    expect(planDateSpans({ beginDate: "2028-02-28", endDate: "2028-03-01" }, 1)).toHaveLength(3);
  });
});
