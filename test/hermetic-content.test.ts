import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";

/**
 * `npm test` never reads the live content/ folder: editors change it every day, and a new post
 * must not break the suite (issue 15). Tests use test/fixtures/content (a frozen copy) or build
 * their own; `npm run check` validates the live folder, and .ci/run runs both.
 */
describe("tests are hermetic", () => {
  const root = join(__dirname, "..");
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) {
        if (name !== "fixtures" && name !== "node_modules") walk(p);
      } else if (/\.(ts|mjs)$/.test(name) && !p.includes(`${join("test", "bench")}`)) files.push(p);
    }
  };
  walk(__dirname);

  it("no test file names the repository's content/ folder", () => {
    // A path from a test file up into the repository's content/ ("../../content"), not fixtures/content.
    const live = /["'`](?:\.\.\/)+content["'`/]/;
    expect(live.test('join(__dirname, "../../content")')).toBe(true);
    expect(live.test('join(__dirname, "../fixtures/content")')).toBe(false);
    const offenders = files.filter((f) => f !== __filename && live.test(readFileSync(f, "utf8")));
    expect(offenders.map((f) => relative(root, f))).toEqual([]);
  });
});
