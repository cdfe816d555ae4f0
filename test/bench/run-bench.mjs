// npm run bench: our webhook against a bare Koa baseline in the same run, driven by the shared
// harness (../shared/bench/webhook.mjs) exactly as WeChat would, in plain and aes (安全模式) mode.
// Prints ratios (the machine is noisy; absolute numbers mean little) and writes
// data/bench/webhook.json. Then the renderer (500 posts) and the dashboard queries (1,000,000
// messages). Env: BENCH_PARTS (default "webhook,render,dashboard"), BENCH_DURATION (s, default 10),
// BENCH_CONNECTIONS (default 50), BENCH_MODES (default "plain,aes").
import { spawn, spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from "node:fs";
import { join, resolve, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { tmpdir } from "node:os";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const shared = resolve(root, "../shared/bench");
const duration = Number(process.env.BENCH_DURATION ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 50);
const modes = (process.env.BENCH_MODES ?? "plain,aes").split(",");
const parts = new Set((process.env.BENCH_PARTS ?? "webhook,render,dashboard").split(","));
const hasTaskset = spawnSync("sh", ["-c", "command -v taskset"]).status === 0;

// The harness resolves `autocannon` from its own folder; run a copy from inside our tree so our
// node_modules (devDependency autocannon) serves it: ../shared is read-only.
const harnessDir = join(root, "node_modules", ".cache", "webhook-bench");
rmSync(harnessDir, { recursive: true, force: true });
mkdirSync(harnessDir, { recursive: true });
cpSync(join(shared, "webhook.mjs"), join(harnessDir, "webhook.mjs"));
cpSync(join(shared, "lib"), join(harnessDir, "lib"), { recursive: true });
const harness = join(harnessDir, "webhook.mjs");

const TOKEN = "BenchToken2026";
const APPID = "wx0123456789abcdef";
const AES_KEY = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";
const GH = "gh_4d00ed8d6399";

// Exactly what `npm run serve` runs: its VAR=value environment and its node flags.
const serveScript = JSON.parse(readFileSync(join(root, "package.json"), "utf8")).scripts.serve;
const serveTokens = serveScript.split(/\s+/);
const serveEnv = Object.fromEntries(serveTokens.filter((t) => /^[A-Z_]+=/.test(t)).map((t) => t.split("=", 2)));
const serveFlags = serveTokens.filter((t) => t.startsWith("--"));

const pinned = (core, cmd, args) => (hasTaskset ? ["taskset", ["-c", String(core), cmd, ...args]] : [cmd, args]);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function waitFor(url, ms = 15000) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    try {
      const r = await fetch(url);
      if (r.status < 500) return;
    } catch {}
    await sleep(100);
  }
  throw new Error(`bench: ${url} did not come up`);
}

function startServer(kind, mode, port, dbDir) {
  const env = { ...process.env, PORT: String(port), NODE_ENV: "production" };
  let args;
  if (kind === "baseline") {
    args = [join(root, "test/bench/baseline-server.mjs")];
  } else {
    Object.assign(env, {
      HOST: "127.0.0.1",
      DATABASE_PATH: join(dbDir, `bench-${mode}.db`),
      CONTENT_DIR: join(root, "content"),
      WECHAT_APP_ID: APPID,
      WECHAT_APP_SECRET: "bench-secret-not-used",
      WECHAT_TOKEN: TOKEN,
      WECHAT_ENCODING_AES_KEY: AES_KEY,
      WECHAT_ORIGINAL_ID: GH,
      WECHAT_ENCRYPT_MODE: mode === "aes" ? "safe" : "plain",
      WECHAT_API_BASE: "http://127.0.0.1:9/unused",
      LOG_LEVEL: "warn",
      LOG_FORMAT: "json",
    });
    Object.assign(env, serveEnv);
    args = [...serveFlags, join(root, "dist/main.js")];
  }
  const [cmd, argv] = pinned(0, process.execPath, args);
  const child = spawn(cmd, argv, { env, stdio: ["ignore", "pipe", "inherit"] });
  child.stdout.resume();
  return child;
}

function harnessArgs(mode, port) {
  const a = ["--url", `http://127.0.0.1:${port}/wechat`, "--token", TOKEN, "--mode", mode, "--gh", GH];
  if (mode === "aes") a.push("--aes-key", AES_KEY, "--appid", APPID);
  return a;
}

function runHarness(args) {
  const [cmd, argv] = pinned(1, process.execPath, [harness, ...args]);
  const r = spawnSync(cmd, argv, { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0 && !r.stdout) throw new Error(`bench: harness failed: ${r.stderr}`);
  return { json: r.stdout ? JSON.parse(r.stdout) : null, stderr: r.stderr, status: r.status };
}

async function measure(kind, mode, port, dbDir) {
  const child = startServer(kind, mode, port, dbDir);
  // The harness reads /proc of the server process itself, not of taskset (taskset execs).
  try {
    await waitFor(`http://127.0.0.1:${port}/healthz`);
    let verify = null;
    if (kind === "ours") {
      const v = runHarness(["verify", ...harnessArgs(mode, port), "--expect", "轮青诚聘"]);
      verify = { exit: v.status, summary: v.stderr.trim().split("\n").filter((l) => /FAIL|INFO|PASS/.test(l)) };
    }
    // Each request must be unique (we dedupe by MsgId): pool ≥ req/s × (warm-up + duration).
    const pool = mode === "aes" ? 120000 : 250000;
    const load = runHarness([
      ...harnessArgs(mode, port), "--duration", String(duration), "--connections", String(connections),
      "--pool", String(pool), "--server-pid", String(child.pid), "--quiet", ...(kind === "ours" ? ["--expect", "轮青诚聘"] : []),
    ]).json;
    return { load, verify };
  } finally {
    child.kill("SIGTERM");
    await new Promise((r) => child.once("exit", r));
  }
}

let allOk = true;
if (parts.has("webhook")) {
const dbDir = mkdtempSync(join(tmpdir(), "bench-db-"));
  const results = {};
  let port = 41000 + Math.floor(Math.random() * 1000);
  for (const mode of modes) {
    process.stderr.write(`\n== ${mode}: baseline (bare Koa)\n`);
    const baseline = await measure("baseline", mode, port++, dbDir);
    process.stderr.write(`== ${mode}: ours\n`);
    const ours = await measure("ours", mode, port++, dbDir);
    results[mode] = { baseline: baseline.load, ours: ours.load, verify: ours.verify };
  }
  rmSync(dbDir, { recursive: true, force: true });
  
  const TARGET = { plain: 0.55, aes: 0.32 };
  const rows = [];
  let ok = true;
  for (const [mode, r] of Object.entries(results)) {
    const tput = r.ours.rpsOverall / r.baseline.rpsOverall;
    const rss = r.ours.server.vmHWM_MB / r.baseline.server.vmHWM_MB;
    const p99 = r.ours.latencyMs.p99;
    const invalid = r.ours.invalidReplies ?? 0;
    const pass = tput >= TARGET[mode] && p99 < 25 && rss <= 1.3 && invalid === 0 && r.verify.exit === 0;
    ok &&= pass;
    rows.push({
      mode,
      "baseline req/s": Math.round(r.baseline.rpsOverall),
      "ours req/s": Math.round(r.ours.rpsOverall),
      "throughput ratio": `${tput.toFixed(2)}× (target ≥ ${TARGET[mode]}×)`,
      "ours p99 ms": `${p99.toFixed(2)} (target < 25)`,
      "peak RSS MB base/ours": `${r.baseline.server.vmHWM_MB.toFixed(0)}/${r.ours.server.vmHWM_MB.toFixed(0)}`,
      "RSS ratio": `${rss.toFixed(2)}× (target ≤ 1.3×)`,
      "ours CPU µs/req": r.ours.server.cpuUsPerRequest?.toFixed(0),
      "invalid replies": invalid,
      "verify": r.verify.exit === 0 ? "0 FAIL" : "FAIL",
      result: pass ? "PASS" : "MISS",
    });
  }
  mkdirSync(join(root, "data/bench"), { recursive: true });
  writeFileSync(join(root, "data/bench/webhook.json"), JSON.stringify({ when: new Date().toISOString(), duration, connections, results }, null, 2));
  console.log(`\nwebhook benchmark (${duration}s per run, ${connections} connections, server on core 0, load on core 1)`);
  console.table(rows);
  for (const [mode, r] of Object.entries(results)) {
    console.log(`verify (${mode}):\n  ` + r.verify.summary.join("\n  "));
  }
  console.log(ok ? "webhook: all targets met" : "webhook: some targets missed");
  allOk &&= ok;
}


/** Runs a sub-benchmark script and returns its JSON lines. */
function jsonLines(script) {
  const r = spawnSync(process.execPath, [join(root, "test/bench", script)], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024, stdio: ["ignore", "pipe", "inherit"] });
  if (r.status !== 0) throw new Error(`bench: ${script} failed (exit ${r.status})`);
  return r.stdout.split("\n").filter((l) => l.startsWith("{")).map((l) => JSON.parse(l));
}

if (parts.has("render")) {
  process.stderr.write("\n== render: 500 realistic posts\n");
  const [r] = jsonLines("render-bench.mjs");
  const pass = r.ms < 2500 && r.peakRssMB < 200;
  allOk &&= pass;
  console.log(`\nrender benchmark: ${r.posts} posts in ${r.ms} ms (target < 2500), peak RSS ${r.peakRssMB} MB (target < 200): ${pass ? "PASS" : "MISS"}`);
}

if (parts.has("dashboard")) {
  process.stderr.write("\n== dashboard: seeding 1,000,000 messages and 2,000 publications\n");
  const lines = jsonLines("dashboard-bench.mjs");
  const pages = lines.filter((l) => l.page && l.page !== "total");
  const pass = pages.every((l) => l.ok);
  allOk &&= pass;
  console.log("\ndashboard benchmark (queries of each page, median; target < 50 ms per page)");
  console.table(pages.map((l) => ({ page: l.page, "queries ms": l.ms, "cold ms": l.cold_ms, "render ms": l.render_ms, result: l.ok ? "PASS" : "MISS" })));
  for (const l of lines.filter((x) => x.step)) console.log(`  ${l.step}: ${l.ms} ms`);
}

console.log(allOk ? "bench: all targets met" : "bench: some targets missed");
