import { loadConfig } from "../../src/config";
import { buildDeps } from "../../src/build-deps";
import type { Deps } from "../../src/deps";
import { fixedClock } from "../../src/time";
import { captureLog } from "../helpers/build-test-deps";

/** 2026-12-01 10:00 Beijing time: the fixture's job fair (09:00) is due, the 12-04 and 12-08 posts are ahead. */
export const NOW = "2026-12-01T02:00:00Z";

/**
 * Deps as a CLI command gets them in sandbox mode (no credentials), on a fixed clock. Jobs finish
 * in 50 ms instead of 1.5 s: the commands wait for the simulator before they exit.
 */
export function sandboxDeps(contentDir: string, env: Record<string, string> = {}, at = NOW): Deps {
  const config = loadConfig({ DATABASE_PATH: ":memory:", CONTENT_DIR: contentDir, LOG_LEVEL: "silent", ...env });
  const deps = buildDeps(config, captureLog("warn").log, { clock: fixedClock(at) });
  deps.sandbox!.configure({ jobDelayMs: 50 });
  return deps;
}

/** What a command printed. */
export function capture() {
  const o = { text: "", out: (t: string) => void (o.text += t) };
  return o;
}

/** Columns a string takes in a terminal (CJK and full-width forms: two). */
export function displayWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u.test(ch) ? 2 : 1;
  return w;
}
