// The stats refresh of a 12-account matrix on the sandbox (issue 14, "Scale and speed"), plain
// Node against the built dist/ (run `npm run build` first):
//   node test/bench/matrix-stats-bench.mjs
// Builds the deps as the service does (buildDeps from dist/, sandbox mode: no WeChat credentials,
// the default config, so STATS_BACKFILL_DAYS is the default 90) and serves the simulators of every
// account on a local port as main.ts does. Runs, in order (env BENCH_STATS_RUNS, default "prep,daily"):
//   first    — the scheduler's own "refresh-stats" job (JOBS → eachAccount → runStatsJob, every
//              account side by side) on the empty database, in real time: the 90-day backfill,
//              ~240 calls an account at the pace of pace-calls.ts, so over 3 minutes. Opt-in.
//   backfill — the same first backfill, account after account, through refreshStats and
//              rollupMessages (what runStatsJob calls) with the pace's waits skipped on the clock
//              instead of slept; its clock time is what the pace costs. ~1 minute of CPU. Opt-in.
//   prep     — as backfill, over the last 31 days only and the accounts side by side: the state a
//              daily run starts from (the backfill's length matters only on the first run; every
//              later run starts from the stored watermarks). Then, the busiest case: every account
//              published an article on each of the last 30 days, so the daily run asks each of those
//              publish dates again (getarticletotaldetail follows an article for 30 days).
//   daily    — the next morning at 10:40 (the clock moved a day on): the scheduler's own job, in
//              real time with real pacing, fetching what every morning's run fetches.
// The clock starts at 2026-11-23 10:40 Beijing time (the second daily run: figures final), so
// every run asks for the same dates. Every call the simulators receive is counted per account at
// its clock time: how many calls each account made and the most in any sliding minute (the pace
// allows DATACUBE_CALLS_PER_MINUTE). Quota refusals (45009, 45011) left in the sync table are
// counted too. stdout: one JSON line per run. Env: BENCH_TOWNSHIPS (default 11).
import { createRequire } from "node:module";
import { createServer } from "node:http";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { performance } from "node:perf_hooks";
import { makeMatrixContent, sandboxEnv } from "./matrix-content.mjs";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const dist = join(root, "dist");
const require = createRequire(import.meta.url);
if (!existsSync(join(dist, "scheduler/jobs.js"))) {
  console.error("matrix-stats-bench: dist/ is missing or stale; run `npm run build` first");
  process.exit(1);
}
const { loadConfig } = require(join(dist, "config.js"));
const { createLogger, categoryLogger } = require(join(dist, "logger.js"));
const { buildDeps, closeDeps } = require(join(dist, "build-deps.js"));
const { createApp } = require(join(dist, "http/create-app.js"));
const { JOBS } = require(join(dist, "scheduler/jobs.js"));
const { DATACUBE_CALLS_PER_MINUTE } = require(join(dist, "stats/pace-calls.js"));
const { refreshStats } = require(join(dist, "stats/refresh-stats.js"));
const { rollupMessages } = require(join(dist, "stats/rollup-messages.js"));
const { createStatsStores } = require(join(dist, "stats/stats-stores.js"));

const TOWNSHIPS = Number(process.env.BENCH_TOWNSHIPS ?? 11);
const RUNS = (process.env.BENCH_STATS_RUNS ?? "prep,daily").split(",").filter(Boolean);
const TARGET_MS = 30_000;
const START = Date.parse("2026-11-23T10:40:00+08:00");
const DAY = 86_400_000;
/** The simulator's own minute quota (sandbox/stats-endpoints.ts): 45011 above it. */
const SANDBOX_PER_MINUTE = 100;

/**
 * Real time from START, plus whatever was skipped: `skip(ms)` is the pace's sleep in the backfill
 * run (the clock moves, nobody waits) and the day between two daily runs.
 */
function benchClock() {
  const t0 = performance.now();
  let skipped = 0;
  return {
    now: () => new Date(START + Math.round(performance.now() - t0) + skipped),
    skip: (ms) => { skipped += ms; },
  };
}

/** A free port on loopback: the sandbox's API base is fixed from PORT when the deps are built. */
function freePort() {
  return new Promise((res, rej) => {
    const s = createServer();
    s.once("error", rej);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => res(port));
    });
  });
}

const content = makeMatrixContent({ townships: TOWNSHIPS });
const dataDir = mkdtempSync(join(tmpdir(), "bench-matrix-stats-"));
const port = await freePort();
const env = {
  ...sandboxEnv(),
  NODE_ENV: "production",
  PORT: String(port),
  HOST: "127.0.0.1",
  DATABASE_PATH: join(dataDir, "app.db"),
  CONTENT_DIR: content,
  LOG_LEVEL: "warn",
  LOG_FORMAT: "json",
};
const config = loadConfig(env);
// Logs to stderr: stdout carries this script's JSON lines only.
const log = createLogger({ level: config.logLevel, format: "json", destination: { write: (s) => process.stderr.write(s) } });
const clock = benchClock();
const deps = buildDeps(config, log, { service: true, clock });
const simulators = [...deps.matrix.values()].flatMap((scoped) => (scoped.sandbox ? [scoped.sandbox.router] : []));
const app = createApp(deps, simulators);
const stats = createStatsStores(deps.db);

// Every call to a simulator, at its clock time: /sandbox/<api> is the county's, /sandbox/<id>/<api> a township's.
const calls = [];
const handler = app.callback();
const server = createServer((req, res) => {
  const m = /^\/sandbox(?:\/(t\d+))?\/(.+?)(?:\?|$)/.exec(req.url ?? "");
  if (m) calls.push({ account: m[1] ?? "default", api: m[2], at: clock.now().getTime() });
  handler(req, res);
});
await new Promise((r) => server.listen(port, "127.0.0.1", r));

const job = JOBS.find((j) => j.name === "refresh-stats");

/**
 * The most calls in any 60-second window, by a sweep over the sorted call times, and the span of
 * the tightest such window (how far inside the minute its last call came).
 */
function maxPerMinute(times) {
  let best = 0, span = null;
  for (let i = 0, j = 0; i < times.length; i++) {
    while (times[i] - times[j] >= 60_000) j++;
    if (i - j + 1 > best || (i - j + 1 === best && times[i] - times[j] < span)) [best, span] = [i - j + 1, times[i] - times[j]];
  }
  return { best, span };
}

/** An article a day over the 30 days before `day` (YYYY-MM-DD), as the stats job stores their details. */
function articleADay(accountId, day) {
  const at = clock.now().getTime();
  const dates = Array.from({ length: 30 }, (_, k) => new Date(Date.parse(`${day}T00:00:00Z`) - (k + 1) * DAY).toISOString().slice(0, 10));
  stats.articles.transaction(() => {
    dates.forEach((date, k) => {
      const msgDataId = String(2_247_480_000 + k);
      stats.articles.upsertDetail(accountId, {
        msgId: `${msgDataId}_1`, msgDataId, articleIdx: 1, title: `【轮青关注】青年工作动态 ${date}`, contentUrl: `https://mp.weixin.qq.com/s/bench${k}`,
        publishDate: date, publishType: k % 3 === 0 ? 1 : 0, statDate: dates[0], readUser: 300 - k * 5, shareUser: 12, zaikanUser: 3, likeUser: 9,
        commentCount: 1, collectionUser: 2, readSubscribeUser: 250 - k * 4, readFinishRate: 0.42, readAvgActivetime: 48,
      }, false, at);
    });
  });
}

/** runStatsJob's two steps for one account, with the pace's waits skipped on the clock. */
async function backfillOne(scoped, backfillDays) {
  const base = { stores: stats, clock, accountId: scoped.account.id, timezone: scoped.config.scheduleTimezone };
  const t0 = clock.now().getTime();
  await refreshStats({
    ...base,
    log: categoryLogger(scoped.log, "stats"),
    wechat: scoped.wechat,
    backfillDays,
    sleep: async (ms) => clock.skip(ms),
  });
  await rollupMessages(base);
  return clock.now().getTime() - t0;
}

const min = (xs) => Math.min(...xs);
const max = (xs) => Math.max(...xs);
let ranBefore = false;
try {
  for (const run of RUNS) {
    if (!["first", "backfill", "prep", "daily"].includes(run)) throw new Error(`matrix-stats-bench: unknown run ${run} in BENCH_STATS_RUNS`);
    // The daily run is the next morning's: a day after whatever ran before it.
    if (run === "daily" && ranBefore) clock.skip(DAY);
    ranBefore = true;
    const from = calls.length;
    const clockFrom = clock.now().getTime();
    const t0 = performance.now();
    const pacedMs = [];
    if (run === "backfill") for (const scoped of deps.matrix.values()) pacedMs.push(await backfillOne(scoped, config.dashboard.statsBackfillDays));
    else if (run === "prep") {
      await Promise.all([...deps.matrix.values()].map((scoped) => backfillOne(scoped, 31)));
      const today = new Date(clock.now().getTime() + 8 * 3_600_000).toISOString().slice(0, 10); // Beijing: a fixed +08:00
      for (const id of deps.matrix.keys()) articleADay(id, today);
    }
    else await job.run(deps);
    const ms = performance.now() - t0;
    const mine = calls.slice(from);
    const perAccount = {};
    for (const id of deps.matrix.keys()) {
      const all = mine.filter((c) => c.account === id);
      const datacube = all.filter((c) => c.api.startsWith("datacube/")).map((c) => c.at);
      const refused = stats.sync.all(id).filter((s) => s.attemptedAt >= clockFrom && (s.errcode === 45009 || s.errcode === 45011)).length;
      const minute = maxPerMinute(datacube);
      perAccount[id] = { calls: all.length, datacube: datacube.length, datacubeMaxPerMinute: minute.best, tightestMinuteMs: minute.span, quotaRefusals: refused };
    }
    const v = Object.values(perAccount);
    const r = {
      run,
      accounts: deps.matrix.size,
      backfillDays: run === "prep" ? 31 : run === "daily" ? null : config.dashboard.statsBackfillDays,
      ms: Math.round(ms),
      // backfill: how long the pace makes one account's first backfill take (clock time, skipped waits included).
      ...(run === "backfill" ? { pacedMsPerAccount: { min: Math.round(min(pacedMs)), max: Math.round(max(pacedMs)) } } : {}),
      calls: mine.length,
      callsPerAccount: { min: min(v.map((x) => x.calls)), max: max(v.map((x) => x.calls)) },
      datacubePerAccount: { min: min(v.map((x) => x.datacube)), max: max(v.map((x) => x.datacube)) },
      // The pace's measure: the most datacube calls one account made in any sliding minute.
      datacubeMaxPerMinute: max(v.map((x) => x.datacubeMaxPerMinute)),
      // Of the accounts at that most: the shortest span its calls took (ms; < 60,000 by definition).
      tightestMinuteMs: min(v.filter((x) => x.datacubeMaxPerMinute === max(v.map((y) => y.datacubeMaxPerMinute))).map((x) => x.tightestMinuteMs ?? 60_000)),
      paceLimit: DATACUBE_CALLS_PER_MINUTE,
      sandboxLimit: SANDBOX_PER_MINUTE,
      quotaRefusals: v.reduce((a, x) => a + x.quotaRefusals, 0),
      targetMs: TARGET_MS,
      perAccount,
    };
    r.pace = r.datacubeMaxPerMinute <= DATACUBE_CALLS_PER_MINUTE && r.quotaRefusals === 0;
    // Only the scheduler's own runs are judged against 30 s; a backfill's clock time is the pace's.
    r.ok = run === "backfill" || run === "prep" ? r.pace : r.ms < TARGET_MS && r.pace;
    console.log(JSON.stringify(r));
  }
} finally {
  await new Promise((r) => server.close(r));
  await closeDeps(deps);
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(content, { recursive: true, force: true });
}
