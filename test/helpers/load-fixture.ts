import { readFileSync } from "node:fs";
import { join } from "node:path";

const FIXTURES = join(__dirname, "..", "fixtures");

/** Reads a fixture (a copy of a shared/research/vectors file) as UTF-8, path relative to test/fixtures. */
export function loadFixture(relPath: string): string {
  return readFileSync(join(FIXTURES, relPath), "utf8");
}

/** Reads and parses a JSON fixture, path relative to test/fixtures. */
export function loadJsonFixture<T>(relPath: string): T {
  return JSON.parse(loadFixture(relPath)) as T;
}
