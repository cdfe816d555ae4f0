import { createRandomPool } from "../../src/wechat/random-pool";

describe("createRandomPool", () => {
  it("gives 16 bytes at a time, never the same twice across refills", () => {
    const pool = createRandomPool(64); // refills every 4 draws
    const seen = new Set<string>();
    for (let i = 0; i < 40; i++) {
      const bytes = pool.next16();
      expect(bytes).toHaveLength(16);
      seen.add(bytes.toString("hex"));
    }
    expect(seen.size).toBe(40);
  });
});
