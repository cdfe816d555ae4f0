// The 矩阵 page and the 附件3 export of a 12-account matrix (issue 14, "Scale and speed"), plain
// Node against the built dist/ (run `npm run build` first):
//   node test/bench/matrix-dashboard-bench.mjs
// Seeds a year of 12 accounts (the county and t01…t11 of matrix-content.mjs) into a temporary
// SQLite file with the dashboard bench's seeder (seed-bench-data.mjs): 1,000,000 inbound messages
// (the county a quarter, each township the rest in equal shares), 2,000 publications in each
// account's own columns, a year of follower and reader snapshots, and 13 months of every
// township's 附件3 figures; rolls each account's message log up as the stats job does. Then
// builds the service as main.ts does (loadConfig, buildDeps, createApp with the dashboard and the
// simulators; sandbox mode; the clock fixed at 2026-11-23 10:00 Beijing time), signs in over HTTP
// as a county admin and times, over HTTP, the median of BENCH_RUNS requests after two discarded:
//   /dashboard/matrix (this month and 2026-10), /dashboard/matrix.csv — target < 100 ms;
//   /dashboard/township-report?month=2026-10 — target < 100 ms;
//   /dashboard/township-report/2026-10/attachment3.xlsx and .csv — target < 1 s.
// stdout: one JSON line per step and per page. Env: BENCH_MESSAGES (1000000), BENCH_RUNS (15).
import { createRequire } from "node:module";
import { createServer } from "node:http";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { performance } from "node:perf_hooks";
import { makeMatrixContent, sandboxEnv, townshipIds, TOWNSHIPS } from "./matrix-content.mjs";
import { createSeeder, COUNTY_COLUMNS, TOWNSHIP_COLUMNS } from "./seed-bench-data.mjs";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const dist = join(root, "dist");
const require = createRequire(import.meta.url);
if (!existsSync(join(dist, "dashboard/routes/dashboard-matrix-routes.js"))) {
  console.error("matrix-dashboard-bench: dist/ is missing or stale; run `npm run build` first");
  process.exit(1);
}
const { loadConfig } = require(join(dist, "config.js"));
const { createLogger } = require(join(dist, "logger.js"));
const { buildDeps, closeDeps } = require(join(dist, "build-deps.js"));
const { createApp } = require(join(dist, "http/create-app.js"));
const { dashboardRoutes } = require(join(dist, "dashboard/routes/dashboard-routes.js"));
const { fixedClock } = require(join(dist, "time.js"));
const { createStatsStores } = require(join(dist, "stats/stats-stores.js"));
const { rollupMessages } = require(join(dist, "stats/rollup-messages.js"));
const { createStaffUserStore } = require(join(dist, "db/stores/staff-user-store.js"));
const { createTownshipFigureStore } = require(join(dist, "db/stores/township-figure-store.js"));
const { hashPassword } = require(join(dist, "dashboard/middleware/auth-password.js"));
const { TABLE_FIELDS } = require(join(dist, "matrix/figure-fields.js"));

const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 1_000_000);
const PUBLICATIONS = 2_000;
const DAYS = 365;
const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const NOW = new Date("2026-11-23T02:00:00Z"); // 10:00 in Beijing
const ADMIN = { name: "wangfang", password: "Luntai-Youth-2026!" };
const TOWNSHIP_COUNT = 11;

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

const content = makeMatrixContent({ townships: TOWNSHIP_COUNT });
const dataDir = mkdtempSync(join(tmpdir(), "bench-matrix-dashboard-"));
const port = await freePort();
const config = loadConfig({
  ...sandboxEnv(),
  NODE_ENV: "production",
  PORT: String(port),
  HOST: "127.0.0.1",
  DATABASE_PATH: join(dataDir, "app.db"),
  CONTENT_DIR: content,
  LOG_LEVEL: "warn",
  LOG_FORMAT: "json",
});
const log = createLogger({ level: config.logLevel, format: "json", destination: { write: (s) => process.stderr.write(s) } });
const clock = fixedClock(NOW);
const deps = buildDeps(config, log, { service: true, clock });
const step = (name, t0, extra = {}) => console.log(JSON.stringify({ step: name, ms: Math.round(performance.now() - t0), ...extra }));

/** A cookie jar: what a browser sends back after signing in. */
const cookies = new Map();
async function get(path, init = {}) {
  const headers = new Headers(init.headers);
  if (cookies.size) headers.set("cookie", [...cookies].map(([k, v]) => `${k}=${v}`).join("; "));
  const res = await fetch(`http://127.0.0.1:${port}${path}`, { ...init, headers, redirect: "manual" });
  for (const line of res.headers.getSetCookie()) {
    const [pair = ""] = line.split(";");
    const eq = pair.indexOf("=");
    cookies.set(pair.slice(0, eq), pair.slice(eq + 1));
  }
  return res;
}
const hidden = (page, name) => new RegExp(`name="${name}" value="([^"]*)"`).exec(page)?.[1]?.replace(/&amp;/g, "&") ?? "";

let server;
try {
  const ids = ["default", ...townshipIds(TOWNSHIP_COUNT)];
  if (ids.some((id) => !deps.matrix.has(id))) throw new Error(`matrix-dashboard-bench: not every account is served: ${[...deps.matrix.keys()].join(", ")}; problems: ${[...deps.matrixProblems.values()].join("; ")}`);
  let t = performance.now();
  const accounts = ids.map((id) => (id === "default" ? { id, weight: 11 / 3, columns: COUNTY_COLUMNS } : { id, weight: 1, columns: TOWNSHIP_COLUMNS }));
  const seeder = createSeeder(deps.db, { now: NOW.getTime(), days: DAYS, accounts });
  const stats = createStatsStores(deps.db);
  const messages = seeder.seedMessages(MESSAGES);
  seeder.seedDatacube(stats, seeder.seedPublications(PUBLICATIONS));
  // 附件3: 13 months of every township's entered figures (成员数 adds up, as the form requires).
  const figures = createTownshipFigureStore(deps.db);
  const months = Array.from({ length: 12 }, (_, i) => `2025-${String(i + 1).padStart(2, "0")}`).concat(["2026-10"]);
  figures.transaction(() => {
    for (const month of months)
      for (const unit of TOWNSHIPS) {
        const values = Object.fromEntries(TABLE_FIELDS.map((f, k) => [f.key, (k * 7 + unit.length) % 40]));
        values.members = TABLE_FIELDS.filter((f) => f.groups.includes("微信群内成员数") && f.key !== "members").reduce((a, f) => a + values[f.key], 0);
        figures.save({ month, unit, values, savedAt: NOW, savedBy: "bench" });
      }
  });
  step("seed", t, { accounts: ids.length, messages, publications: PUBLICATIONS, days: DAYS });

  t = performance.now();
  let days = 0;
  for (const id of ids) days += await rollupMessages({ stores: stats, clock, accountId: id, timezone: config.scheduleTimezone });
  step("rollup", t, { days });

  createStaffUserStore(deps.db).add(ADMIN.name, await hashPassword(ADMIN.password), NOW.getTime(), { role: "admin", accountId: "*" });
  const simulators = [...deps.matrix.values()].flatMap((scoped) => (scoped.sandbox ? [scoped.sandbox.router] : []));
  server = createApp(deps, [dashboardRoutes(deps), ...simulators]).listen(port, "127.0.0.1");
  await new Promise((r) => server.once("listening", r));
  const form = await (await get("/dashboard/login")).text();
  const signedIn = await get("/dashboard/login", {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ name: ADMIN.name, password: ADMIN.password, _csrf: hidden(form, "_csrf"), next: hidden(form, "next") }).toString(),
  });
  if (signedIn.status !== 302) throw new Error(`matrix-dashboard-bench: signing in answered ${signedIn.status}, not 302`);

  const cases = [
    { page: "矩阵 /dashboard/matrix (2026-11)", path: "/dashboard/matrix", target: 100, expect: "青春群巴克" },
    { page: "矩阵 ?month=2026-10", path: "/dashboard/matrix?month=2026-10", target: 100, expect: "青春群巴克" },
    { page: "矩阵 .csv", path: "/dashboard/matrix.csv?month=2026-10", target: 100, expect: "青春群巴克" },
    { page: "附件3 page 2026-10", path: "/dashboard/township-report?month=2026-10", target: 100, expect: "群巴克镇" },
    { page: "附件3 .xlsx 2026-10", path: "/dashboard/township-report/2026-10/attachment3.xlsx", target: 1000 },
    { page: "附件3 .csv 2026-10", path: "/dashboard/township-report/2026-10/attachment3.csv", target: 1000, expect: "群巴克镇" },
  ];
  for (const c of cases) {
    const timings = [];
    let cold, bytes = 0;
    for (let i = 0; i < RUNS + 2; i++) {
      const s = performance.now();
      const res = await get(c.path);
      const body = Buffer.from(await res.arrayBuffer());
      const ms = performance.now() - s;
      if (res.status !== 200) throw new Error(`matrix-dashboard-bench: ${c.path} answered ${res.status}: ${body.toString("utf8").slice(0, 300)}`);
      if (c.expect && !body.toString("utf8").includes(c.expect)) throw new Error(`matrix-dashboard-bench: ${c.path} does not show ${c.expect}`);
      bytes = body.length;
      if (i === 0) cold = ms;
      if (i >= 2) timings.push(ms);
    }
    const ms = [...timings].sort((a, b) => a - b)[Math.floor(timings.length / 2)];
    console.log(JSON.stringify({ page: c.page, path: c.path, ms: Math.round(ms * 10) / 10, cold_ms: Math.round(cold * 10) / 10, bytes, target_ms: c.target, ok: ms < c.target }));
  }
} finally {
  if (server) await new Promise((r) => server.close(r));
  await closeDeps(deps);
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(content, { recursive: true, force: true });
}
