import { openDatabase, type Db } from "../../src/db/open-database";
import { createQaTicketStore } from "../../src/db/stores/qa-ticket-store";
import { formatDuration, isoWeekKey, median, periodsBetween, readQaCounts } from "../../src/qa/count-qa";

const HOUR = 3600_000;
/** Beijing wall time → instant (UTC+8, no DST). */
const bj = (s: string) => new Date(`${s}:00+08:00`).getTime();

interface Fixture {
  key: string;
  asked: string;
  answeredAfterHours?: number;
  delivered?: boolean;
  notQuestion?: boolean;
}

/**
 * Hand-computed figures (times in Beijing):
 *   week 2026-W48 (11-23 … 11-29): A 2 h, delivered · B 49 h, delivered · C unanswered · X not a question
 *   week 2026-W49 (11-30 … 12-06): D asked 11-30 00:30 (still Sunday in UTC), 8 h, not delivered ·
 *                                  E asked 12-01 00:30 (still 11-30 in UTC), 4 h, delivered · F exactly 48 h, delivered
 *   W48: asked 3, answered 2, delivered 2, within 48 h 1, median of (2 h, 49 h) = 25 h 30 min
 *   W49: asked 3, answered 3, delivered 2, within 48 h 3, median of (4 h, 8 h, 48 h) = 8 h
 *   2026-11 (A B C D): asked 4, answered 3, delivered 2, within 48 h 2, median of (2, 8, 49 h) = 8 h
 *   2026-12 (E F):     asked 2, answered 2, delivered 2, within 48 h 2, median of (4, 48 h) = 26 h
 */
const FIXTURE: Fixture[] = [
  { key: "A", asked: "2026-11-23 10:00", answeredAfterHours: 2, delivered: true },
  { key: "B", asked: "2026-11-25 09:00", answeredAfterHours: 49, delivered: true },
  { key: "C", asked: "2026-11-29 23:30" },
  { key: "X", asked: "2026-11-24 15:00", notQuestion: true },
  { key: "D", asked: "2026-11-30 00:30", answeredAfterHours: 8 },
  { key: "E", asked: "2026-12-01 00:30", answeredAfterHours: 4, delivered: true },
  { key: "F", asked: "2026-12-02 10:00", answeredAfterHours: 48, delivered: true },
];

function seed(db: Db): void {
  const insert = db.prepare(`
    INSERT INTO qa_tickets (open_id, question, asked_at, source_dedup_key, state, answer, answered_at, delivery, delivered_at, updated_at)
    VALUES (@open_id, @question, @asked_at, @key, @state, @answer, @answered_at, @delivery, @delivered_at, @asked_at)`);
  for (const f of FIXTURE) {
    const asked = bj(f.asked);
    const answered = f.answeredAfterHours === undefined ? null : asked + f.answeredAfterHours * HOUR;
    insert.run({
      open_id: `o_${f.key}`,
      question: `问题${f.key}`,
      asked_at: asked,
      key: `m:${f.key}`,
      state: f.notQuestion ? "not_question" : answered === null ? "open" : "answered",
      answer: answered === null ? null : "答复",
      answered_at: answered,
      delivery: f.delivered ? "delivered" : answered === null ? "none" : "pending",
      delivered_at: f.delivered ? answered! + 60_000 : null,
    });
  }
}

describe("readQaCounts", () => {
  let db: Db;
  beforeAll(() => {
    db = openDatabase(":memory:");
    seed(db);
  });
  afterAll(() => db.close());

  it("counts per Asia/Shanghai week as computed by hand, whatever the process TZ", () => {
    const weeks = readQaCounts(createQaTicketStore(db), "default", "week", "2026-11-23", "2026-12-06", "Asia/Shanghai");
    expect(weeks).toEqual([
      { unit: "week", key: "2026-W48", from: "2026-11-23", to: "2026-11-29", asked: 3, answered: 2, delivered: 2, answeredWithin48h: 1, medianAnswerMs: 25.5 * HOUR },
      { unit: "week", key: "2026-W49", from: "2026-11-30", to: "2026-12-06", asked: 3, answered: 3, delivered: 2, answeredWithin48h: 3, medianAnswerMs: 8 * HOUR },
    ]);
  });

  it("counts per Asia/Shanghai month as computed by hand", () => {
    const months = readQaCounts(createQaTicketStore(db), "default", "month", "2026-11-01", "2026-12-31", "Asia/Shanghai");
    expect(months.map(({ key, asked, answered, delivered, answeredWithin48h, medianAnswerMs }) => [key, asked, answered, delivered, answeredWithin48h, medianAnswerMs])).toEqual([
      ["2026-11", 4, 3, 2, 2, 8 * HOUR],
      ["2026-12", 2, 2, 2, 2, 26 * HOUR],
    ]);
  });

  it("gives empty periods zeros and no median", () => {
    const [w] = readQaCounts(createQaTicketStore(db), "default", "week", "2026-11-16", "2026-11-22", "Asia/Shanghai");
    expect(w).toMatchObject({ key: "2026-W47", asked: 0, answered: 0, delivered: 0, answeredWithin48h: 0, medianAnswerMs: null });
  });
});

describe("periodsBetween", () => {
  it("covers a range with whole Monday-to-Sunday weeks, ISO-numbered across the new year", () => {
    expect(periodsBetween("week", "2026-12-30", "2027-01-05").map((p) => [p.key, p.from, p.to])).toEqual([
      ["2026-W53", "2026-12-28", "2027-01-03"],
      ["2027-W01", "2027-01-04", "2027-01-10"],
    ]);
    expect(isoWeekKey("2025-12-29")).toBe("2026-W01");
  });

  it("covers a range with whole calendar months", () => {
    expect(periodsBetween("month", "2026-11-15", "2027-02-01").map((p) => [p.key, p.from, p.to])).toEqual([
      ["2026-11", "2026-11-01", "2026-11-30"],
      ["2026-12", "2026-12-01", "2026-12-31"],
      ["2027-01", "2027-01-01", "2027-01-31"],
      ["2027-02", "2027-02-01", "2027-02-28"],
    ]);
  });
});

describe("median / formatDuration", () => {
  it("takes the middle value, or the mean of the two middle ones", () => {
    expect(median([])).toBeNull();
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it("writes durations the way staff read them", () => {
    expect(formatDuration(null)).toBe("—");
    expect(formatDuration(45 * 60_000)).toBe("45分");
    expect(formatDuration(25.5 * HOUR)).toBe("25小时30分");
    expect(formatDuration(8 * HOUR)).toBe("8小时");
    expect(formatDuration(53 * HOUR)).toBe("2天5小时");
  });
});
