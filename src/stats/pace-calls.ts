import type { Clock } from "../time";

/**
 * Calls one account may make to datacube per minute during a refresh. WeChat publishes no minute
 * figure for datacube, but it does answer 45011 ("api minute-quota reach limit") and 45009 (daily
 * quota) when an account calls too fast or too often (protocol §6). A daily run is about 15 calls
 * and passes at once; a first backfill of 90 days (~240 calls) is spread over about 4 minutes.
 */
export const DATACUBE_CALLS_PER_MINUTE = 60;

const MINUTE_MS = 60_000;
/**
 * A call is counted when it starts, and WeChat counts it when it arrives: the first call of a run
 * also fetches the token, so it arrives later than it started. Without a margin, the bench saw an
 * account's 61st call reach the simulator 0.3 s inside the minute (README, Benchmarks).
 */
const MARGIN_MS = 1_000;

/** Waits before a call until fewer than `perMinute` calls were made in the last minute. */
export interface Pacer {
  beforeCall(): Promise<void>;
  /** Milliseconds spent waiting so far (for the progress report). */
  waitedMs(): number;
}

/**
 * A sliding one-minute window over this run's calls, for one account (each account's refresh has
 * its own pacer, as WeChat's limits are per account). Holds at most `perMinute` timestamps.
 */
export function createPacer(perMinute: number, clock: Clock, sleep: (ms: number) => Promise<void>): Pacer {
  if (!Number.isInteger(perMinute) || perMinute < 1) throw new Error(`stats: calls per minute must be a whole number ≥ 1, not ${perMinute}`);
  const recent: number[] = [];
  let waited = 0;
  return {
    async beforeCall() {
      let now = clock.now().getTime();
      while (recent.length > 0 && recent[0]! <= now - MINUTE_MS) recent.shift();
      if (recent.length >= perMinute) {
        const wait = recent[0]! + MINUTE_MS + MARGIN_MS - now;
        waited += wait;
        await sleep(wait);
        now = clock.now().getTime();
        recent.shift();
      }
      recent.push(now);
    },
    waitedMs: () => waited,
  };
}
