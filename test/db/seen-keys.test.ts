import { createSeenKeys } from "../../src/db/stores/seen-keys";

describe("createSeenKeys (the webhook's dedup filter)", () => {
  const msgId = (i: number) => `m:${(7_300_000_000_000_000_000n + BigInt(i)).toString()}`;

  it("never forgets a key within the window, across a generation change", () => {
    const seen = createSeenKeys({ rememberMs: 120_000 });
    for (let i = 0; i < 20_000; i++) seen.add("default", msgId(i), i * 10); // 200 s of pushes at 100/s
    // Everything added in the last 120 s is still there.
    for (let i = 8_000; i < 20_000; i++) expect(seen.mayHave("default", msgId(i))).toBe(true);
  });

  it("keeps accounts apart and rarely says maybe to a key never added", () => {
    const seen = createSeenKeys({ rememberMs: 120_000 });
    const rate = (from: number, to: number, scope = "default") => {
      let maybe = 0;
      for (let i = from; i < to; i++) if (seen.mayHave(scope, msgId(i))) maybe++;
      return maybe / (to - from);
    };
    for (let i = 0; i < 100_000; i++) seen.add("default", msgId(i), 0);
    expect(rate(1_000_000, 1_100_000)).toBeLessThan(0.001);
    expect(rate(0, 100_000, "luntai-town")).toBeLessThan(0.001);
    // Twice that within one window (a sustained 1,600 pushes a second) stays under 1%.
    for (let i = 100_000; i < 200_000; i++) seen.add("default", msgId(i), 0);
    expect(rate(1_000_000, 1_100_000)).toBeLessThan(0.01);
  });

  it("drops keys after two windows, all at once when time jumps", () => {
    const seen = createSeenKeys({ rememberMs: 1_000 });
    seen.add("default", "m:1", 0);
    seen.add("default", "m:2", 1_500);
    expect(seen.mayHave("default", "m:1")).toBe(true);
    seen.add("default", "m:3", 2_100);
    expect(seen.mayHave("default", "m:1")).toBe(false);
    expect(seen.mayHave("default", "m:2")).toBe(true);
    seen.add("default", "m:4", 60_000);
    expect(seen.mayHave("default", "m:2")).toBe(false);
    expect(seen.mayHave("default", "m:3")).toBe(false);
    expect(seen.mayHave("default", "m:4")).toBe(true);
  });

  it("refuses a size that is not a power of two", () => {
    expect(() => createSeenKeys({ rememberMs: 1_000, bits: 1000 })).toThrow(/power of two/);
  });
});
