import { parsePublishAt } from "../../src/posts/parse-publish-at";

const at = (text: string, tz = "Asia/Shanghai") => {
  const r = parsePublishAt(text, tz);
  if (!r.ok) throw new Error(r.problem);
  return r.at.toISOString();
};
const problem = (text: string) => {
  const r = parsePublishAt(text, "Asia/Shanghai");
  if (r.ok) throw new Error(`accepted ${text}`);
  return r.problem;
};

describe("parsePublishAt", () => {
  it("reads a time without offset as Beijing time (SCHEDULE_TIMEZONE)", () => {
    expect(at("2026-12-01 09:00")).toBe("2026-12-01T01:00:00.000Z");
    expect(at("2026-12-01T09:00:30")).toBe("2026-12-01T01:00:30.000Z");
    expect(at("2026-12-1 9:05")).toBe("2026-12-01T01:05:00.000Z");
  });

  it("honours an explicit offset, e.g. 新疆时间 +06:00, +0600 or Z", () => {
    expect(at("2026-12-01 09:00 +06:00")).toBe("2026-12-01T03:00:00.000Z");
    expect(at("2026-12-01 09:00+0600")).toBe("2026-12-01T03:00:00.000Z");
    expect(at("2026-12-01T01:00Z")).toBe("2026-12-01T01:00:00.000Z");
    expect(at("2026-12-01 09:00 -05:00")).toBe("2026-12-01T14:00:00.000Z");
  });

  it("uses the configured zone for naive times", () => {
    expect(at("2026-12-01 09:00", "UTC")).toBe("2026-12-01T09:00:00.000Z");
  });

  it("refuses a date without a time of day, saying how to write it", () => {
    expect(problem("2026-12-01")).toBe('「2026-12-01」只有日期，没有几点几分：写成 2026-12-08 20:00 这样的格式（北京时间；新疆时间写 2026-12-08 20:00 +06:00）');
  });

  it("refuses text that is not a date and time", () => {
    expect(problem("next Friday")).toBe('「next Friday」不是日期和时间：写成 2026-12-08 20:00 这样的格式（北京时间；新疆时间写 2026-12-08 20:00 +06:00）');
  });

  it("refuses impossible dates and hours", () => {
    const msg = (t: string) => `「${t}」这个日期或时间不存在：检查几月几日和小时（0–23）`;
    expect(problem("2026-02-30 09:00")).toBe(msg("2026-02-30 09:00"));
    expect(problem("2026-12-01 25:00")).toBe(msg("2026-12-01 25:00"));
    expect(problem("2026-12-01 09:61")).toBe(msg("2026-12-01 09:61"));
  });

  it("refuses an impossible UTC offset", () => {
    expect(problem("2026-12-01 09:00 +15:00")).toBe('「2026-12-01 09:00 +15:00」的时区 +15:00 不存在：北京时间不用写时区，新疆时间写 +06:00');
  });
});
