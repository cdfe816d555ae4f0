// Dashboard query benchmark, plain Node against the built dist/ (run `npm run build` first):
//   node test/bench/dashboard-bench.mjs
// Seeds a temporary SQLite file with 1,000,000 inbound messages over ~2 years (several types,
// columns and rules, a pool of youths), 2,000 publications and two years of datacube snapshots,
// rolls the message log up as the daily stats job does, then times every dashboard page's
// queries (the presenter: every store read plus the figures) and prints one JSON line per page
// and a total. Target: each page < 50 ms. Env: BENCH_MESSAGES (default 1000000), BENCH_RUNS (15),
// BENCH_DB (keep the seeded database at this path and reuse it on the next run).
import { createRequire } from "node:module";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { performance } from "node:perf_hooks";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const dist = join(root, "dist");
const require = createRequire(import.meta.url);
if (!existsSync(join(dist, "dashboard/presenters/pages.js"))) {
  console.error("dashboard-bench: dist/ is missing or stale; run `npm run build` first");
  process.exit(1);
}
const { openDatabase } = require(join(dist, "db/open-database.js"));
const { createStatsStores } = require(join(dist, "stats/stats-stores.js"));
const { rollupMessages } = require(join(dist, "stats/rollup-messages.js"));
const { presentPage, PAGES } = require(join(dist, "dashboard/presenters/pages.js"));
const { renderPage } = require(join(dist, "dashboard/views/render-page.js"));
const { fixedClock } = require(join(dist, "time.js"));
const { sentByCategory } = require(join(dist, "stats/monthly-report.js"));
const { createTownshipFigureStore } = require(join(dist, "db/stores/township-figure-store.js"));
const { readTownshipReport } = require(join(dist, "matrix/read-township-report.js"));
const { townshipReportGrid } = require(join(dist, "matrix/township-report-grid.js"));
const { gridToXlsx } = require(join(dist, "matrix/grid-to-xlsx.js"));
const { gridToCsv } = require(join(dist, "matrix/grid-to-csv.js"));
const { TABLE_FIELDS } = require(join(dist, "matrix/figure-fields.js"));

const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 1_000_000);
const PUBLICATIONS = 2_000;
const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const TARGET_MS = 50;
const TZ = "Asia/Shanghai";
const NOW = new Date("2026-11-23T02:00:00Z"); // 10:00 in Beijing
const DAY = 86_400_000;
const DAYS = 730;
const BJ = 8 * 3_600_000; // Asia/Shanghai has no DST: a fixed offset is exact for seeding

const keep = process.env.BENCH_DB;
const reuse = keep !== undefined && existsSync(keep);
const dir = keep === undefined ? mkdtempSync(join(tmpdir(), "dashboard-bench-")) : undefined;
const db = openDatabase(keep ?? join(dir, "bench.db"));

/** Deterministic pseudo-random numbers (mulberry32), so every run seeds the same data. */
let seed = 20261123;
const rand = () => {
  seed |= 0;
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const pick = (xs) => xs[Math.floor(rand() * xs.length)];
const dateOf = (ms) => new Date(ms + BJ).toISOString().slice(0, 10);
const startOfDay = (date) => Date.parse(`${date}T00:00:00+08:00`);

const COLUMNS = [
  { id: "news", name: "轮青关注", category: "新闻娱乐" },
  { id: "careers", name: "轮青诚聘", category: "致富信息" },
  { id: "inspiration", name: "轮青励志", category: "其他" },
  { id: "students", name: "轮青大学生", category: "便民服务" },
  { id: "policy", name: "政策解读", category: "政策法规" },
];
const RULES = [
  ["careers", "careers:exact:招聘", "exact", "招聘"],
  ["careers", "careers:exact:诚聘", "exact", "诚聘"],
  ["careers", "careers:contains:找工作", "contains", "我想找工作"],
  ["careers", "careers:regex:^(招聘|求职)\\S*$", "regex", "求职登记"],
  ["news", "news:exact:新闻", "exact", "新闻"],
  ["news", "news:contains:青年活动", "contains", "最近有什么青年活动"],
  ["students", "students:exact:实习", "exact", "实习"],
  ["students", "students:contains:志愿服务", "contains", "志愿服务怎么报名"],
  ["inspiration", "inspiration:exact:榜样", "exact", "榜样"],
  ["policy", "policy:contains:补贴", "contains", "创业补贴政策"],
  ["careers", "careers:menu:2", "menu", "2"],
  ["news", "news:menu:1", "menu", "1"],
  ["students", "students:menu:4", "menu", "4"],
];
const UNMATCHED = Array.from({ length: 300 }, (_, i) => `${pick(["请问", "你好", "想问下", "咨询"])}${pick(["篮球赛", "献血", "团费", "入团", "驾照", "社保", "公租房", "红枣收购", "棉花补贴", "夜校"])}${i % 7 === 0 ? "的事情" : ""}${i}`);
const YOUTHS = Array.from({ length: 20_000 }, (_, i) => `oBench${String(i).padStart(22, "0")}`);

function seedMessages() {
  const insert = db.prepare(`
    INSERT INTO inbound_messages (account_id, dedup_key, open_id, msg_type, msg_id, content, scene, created_at, received_at,
                                  status, rule_id, column_id, match_mode, reply_type, replied_at)
    VALUES ('default', ?, ?, ?, ?, ?, ?, ?, ?, 'replied', ?, ?, ?, ?, ?)`);
  const youth = db.prepare(`
    INSERT INTO youths (account_id, open_id, first_seen_at, last_interaction_at, subscribed, subscribed_at, subscribe_scene)
    VALUES ('default', ?, ?, ?, ?, ?, ?)
    ON CONFLICT (account_id, open_id) DO UPDATE SET last_interaction_at = excluded.last_interaction_at,
      subscribed = coalesce(excluded.subscribed, subscribed)`);
  // Volume grows over the two years and dips at weekends; spread over waking hours.
  const start = startOfDay(dateOf(NOW.getTime() - DAYS * DAY));
  const weights = Array.from({ length: DAYS + 1 }, (_, d) => (0.5 + d / DAYS) * ([0, 6].includes(new Date(start + d * DAY + BJ).getUTCDay()) ? 0.7 : 1));
  const total = weights.reduce((a, b) => a + b, 0);
  let id = 0;
  db.transaction(() => {
    for (let d = 0; d <= DAYS; d++) {
      const n = d === DAYS ? MESSAGES - id : Math.round((MESSAGES * weights[d]) / total);
      const dayStart = start + d * DAY;
      for (let k = 0; k < n && id < MESSAGES; k++) {
        const at = Math.min(dayStart + 7 * 3_600_000 + Math.floor(rand() * 16 * 3_600_000), NOW.getTime() - 60_000);
        const openId = pick(YOUTHS);
        const r = rand();
        let type = "text", content = null, scene = null, rule = null, column = null, mode = null, reply = "text";
        if (r < 0.66) {
          if (rand() < 0.7) [column, rule, mode, content] = pick(RULES);
          else [rule, mode, content, reply] = [rand() < 0.8 ? "default" : "default-suppressed", "default", pick(UNMATCHED), "text"];
        } else if (r < 0.7) {
          type = "voice";
          [column, rule, mode, content] = pick(RULES);
        } else if (r < 0.74) {
          type = "image";
          [rule, mode, content] = ["default", "default", "http://mmbiz.qpic.cn/x/0"];
        } else if (r < 0.86) {
          type = "click";
          column = pick(COLUMNS).id;
          [rule, mode, content] = [`${column}:click:COLUMN_${column.toUpperCase()}`, "click", `COLUMN_${column.toUpperCase()}`];
        } else if (r < 0.93) {
          type = "subscribe";
          scene = rand() < 0.4 ? pick(["job-fair-2025", "job-fair-2026", "school-visit", "poster-town"]) : null;
          [rule, mode] = ["welcome", "event"];
        } else if (r < 0.96) {
          type = "unsubscribe";
          reply = null;
        } else if (r < 0.98) {
          type = "view";
          content = "https://mp.weixin.qq.com/s/example";
          reply = null;
        } else {
          type = "location";
          [rule, mode, content] = ["default", "default", "轮台县"];
        }
        const isMsg = !["subscribe", "unsubscribe", "click", "view"].includes(type);
        const key = isMsg ? `msg:${24_000_000_000_000_000n + BigInt(id)}` : `event:${openId}:${Math.floor(at / 1000)}:${id}`;
        insert.run(key, openId, type, isMsg ? key.slice(4) : null, content, scene, at, at, rule, column, mode, reply, at);
        if (type === "subscribe" || type === "unsubscribe" || k % 10 === 0) {
          const sub = type === "subscribe" ? 1 : type === "unsubscribe" ? 0 : null;
          youth.run(openId, at, at, sub, sub === 1 ? at : null, scene);
        }
        id++;
      }
    }
  })();
  return id;
}

function seedPublications() {
  const insert = db.prepare(`
    INSERT INTO publications (post_slug, column_id, mode, post_title, scheduled_at, state, issue, article_title, msg_data_id,
                              published_at, sent_count, failure_code, failure_reason, created_at, updated_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const issues = {};
  const pubs = [];
  db.transaction(() => {
    for (let i = 0; i < PUBLICATIONS; i++) {
      const col = COLUMNS[i % COLUMNS.length];
      const at = NOW.getTime() - DAYS * DAY + Math.floor(((i + rand()) / PUBLICATIONS) * DAYS * DAY);
      const r = rand();
      const state = at > NOW.getTime() - 2 * DAY && r < 0.5 ? "scheduled" : r < 0.93 ? "published" : r < 0.97 ? "failed" : "missed";
      const issue = state === "published" ? (issues[col.id] = (issues[col.id] ?? 0) + 1) : null;
      const mode = rand() < 0.7 ? "mass" : "publish";
      const msgDataId = state === "published" && mode === "mass" ? String(2_247_000_000 + i) : null;
      const title = `【${col.name}】第${issue ?? "?"}期 · 青年工作动态 ${i}`;
      insert.run(`${dateOf(at)}-post-${i}`, col.id, mode, `青年工作动态 ${i}`, at, state, issue, title, msgDataId,
        state === "published" ? at + 60_000 : null, msgDataId ? 2000 + Math.floor(rand() * 800) : null,
        state === "failed" ? "wechat_45166" : state === "missed" ? "missed" : null,
        state === "failed" ? "正文含有不允许的链接" : state === "missed" ? "服务器停机，错过发布时间" : null, at, at);
      if (msgDataId) pubs.push({ msgDataId, title, at });
    }
  })();
  return pubs;
}

function seedDatacube(stores, pubs) {
  const at = NOW.getTime();
  db.transaction(() => {
    let cumulate = 1800;
    for (let d = DAYS; d >= 1; d--) {
      const date = dateOf(NOW.getTime() - d * DAY);
      const sources = [
        { userSource: 30, newUser: 2 + Math.floor(rand() * 6), cancelUser: 0 },
        { userSource: 1, newUser: Math.floor(rand() * 4), cancelUser: 0 },
        { userSource: 17, newUser: Math.floor(rand() * 2), cancelUser: 0 },
        { userSource: 0, newUser: Math.floor(rand() * 2), cancelUser: Math.floor(rand() * 3) },
      ];
      stores.snapshots.upsertFollowerSummary("default", date, sources, at);
      cumulate += sources.reduce((a, s) => a + s.newUser - s.cancelUser, 0);
      stores.snapshots.upsertFollowerCumulate("default", date, cumulate, at);
    }
    const yesterday = dateOf(NOW.getTime() - DAY);
    for (const p of pubs) {
      const sent = dateOf(p.at);
      for (let k = 0; k < 7; k++) {
        const date = dateOf(p.at + k * DAY);
        if (date > yesterday) break;
        const readers = Math.round(300 * 0.45 ** k * (0.6 + rand()));
        stores.snapshots.upsertArticleDay("default", {
          date, msgId: `${p.msgDataId}_1`, msgDataId: p.msgDataId, articleIdx: 1, title: p.title,
          intPageReadUser: readers, intPageReadCount: Math.round(readers * 1.15), oriPageReadUser: 1, oriPageReadCount: 1,
          shareUser: Math.round(readers / 25), shareCount: Math.round(readers / 22), addToFavUser: 2, addToFavCount: 2,
        }, at);
      }
      stores.snapshots.upsertArticleTotal("default", {
        msgId: `${p.msgDataId}_1`, msgDataId: p.msgDataId, articleIdx: 1, title: p.title, sentDate: sent, statDate: sent,
        targetUser: 2300, intPageReadUser: 500, intPageReadCount: 560, shareUser: 20, shareCount: 24, addToFavUser: 6,
      }, at);
    }
    for (const source of ["followers", "articles", "article_totals", "follower_count"]) {
      stores.sync.record("default", source, { status: "ok", syncedThrough: yesterday }, at);
    }
    stores.snapshots.upsertFollowerCount("default", dateOf(NOW.getTime()), cumulate + 4, at);
  })();
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const round = (x) => Math.round(x * 100) / 100;

try {
  let t = performance.now();
  const stores = createStatsStores(db);
  if (!reuse) {
    const messages = seedMessages();
    seedDatacube(stores, seedPublications());
    console.log(JSON.stringify({ step: "seed", messages, publications: PUBLICATIONS, ms: Math.round(performance.now() - t) }));
  }

  const ctx = { stores, clock: fixedClock(NOW), accountId: "default", accountName: "青春轮台", timezone: TZ, columns: COLUMNS };
  t = performance.now();
  const days = await rollupMessages(ctx);
  console.log(JSON.stringify({ step: "rollup", days, ms: Math.round(performance.now() - t) }));

  const today = dateOf(NOW.getTime());
  const cases = [
    ...PAGES.map((spec) => ({ name: spec.id, spec, query: {} })),
    { name: "overview@365d", spec: PAGES.find((p) => p.id === "overview"), query: { from: dateOf(NOW.getTime() - 364 * DAY), to: today } },
    { name: "messages@365d", spec: PAGES.find((p) => p.id === "messages"), query: { from: dateOf(NOW.getTime() - 364 * DAY), to: today } },
    { name: "report@2026-10", spec: PAGES.find((p) => p.id === "report"), query: { month: "2026-10" } },
  ];
  let total = 0;
  let ok = true;
  for (const c of cases) {
    const timings = [];
    const renders = [];
    let cold;
    for (let i = 0; i < RUNS + 2; i++) {
      const s = performance.now();
      const model = presentPage(ctx, c.spec.id, c.query);
      const q = performance.now() - s;
      renderPage(model, { spec: c.spec, today });
      const r = performance.now() - s - q;
      if (i === 0) cold = q;
      if (i >= 2) {
        timings.push(q);
        renders.push(r);
      }
    }
    const ms = median(timings);
    total += c.query && Object.keys(c.query).length === 0 ? ms : 0;
    const pass = ms < TARGET_MS;
    ok &&= pass;
    console.log(JSON.stringify({ page: c.name, ms: round(ms), cold_ms: round(cold), render_ms: round(median(renders)), target_ms: TARGET_MS, ok: pass }));
  }
  console.log(JSON.stringify({ page: "total", ms: round(total), pages: PAGES.length, target_ms_per_page: TARGET_MS, ok }));

  // 附件3 for a matrix of 12 accounts (the county's and 11 townships', issue 14): a year of entered
  // figures, 发送微信数 from this ledger for the county; the report, its .xlsx and its CSV < 1 s.
  const townships = ["轮台镇", "轮南镇", "阳霞镇", "哈尔巴克乡", "野云沟乡", "阿格拉克乡", "铁热克巴扎乡", "策大雅乡", "塔尔拉克乡", "草湖乡", "群巴克镇"];
  const declaration = {
    source: "file",
    committee: "共青团轮台县委员会",
    accounts: [
      { id: "default", name: "青春轮台", township: "团县委", level: "county", type: "subscription", verified: true, admin: { name: "管理员", phone: "0996-0000000" }, env: { appId: "A", appSecret: "B", token: "C", aesKey: "D" } },
      ...townships.map((t, i) => ({ id: `t${i + 1}`, name: `青春${t}`, township: t, level: "township", type: "subscription", verified: false, admin: { name: `管理员${i + 1}`, phone: "0996-0000000" }, env: { appId: `A${i}`, appSecret: `B${i}`, token: `C${i}`, aesKey: `D${i}` } })),
    ],
  };
  const figures = createTownshipFigureStore(db);
  const months = Array.from({ length: 12 }, (_, i) => `2025-${String(i + 1).padStart(2, "0")}`).concat(["2026-10"]);
  figures.transaction(() => {
    for (const month of months)
      for (const t of townships) {
        const values = Object.fromEntries(TABLE_FIELDS.map((f, k) => [f.key, (k * 7 + t.length) % 40]));
        values.members = TABLE_FIELDS.filter((f) => f.groups.includes("微信群内成员数") && f.key !== "members").reduce((a, f) => a + values[f.key], 0);
        figures.save({ month, unit: t, values, savedAt: NOW, savedBy: "bench" });
      }
  });
  const sources = {
    declaration,
    served: new Set(["default"]),
    figures,
    sentOf: (accountId, month) => sentByCategory({ ...ctx, accountId }, month),
    today,
    localDateOf: (at) => dateOf(at.getTime()),
  };
  const exportTimings = [];
  let bytes = 0;
  for (let i = 0; i < 5; i++) {
    const s = performance.now();
    const grid = townshipReportGrid(readTownshipReport(sources, "2026-10").report);
    const xlsx = await gridToXlsx(grid, { creator: "bench", created: NOW });
    const csv = gridToCsv(grid);
    exportTimings.push(performance.now() - s);
    bytes = xlsx.length + csv.length;
  }
  const exportMs = median(exportTimings.slice(1));
  const exportOk = exportMs < 1000;
  ok &&= exportOk;
  console.log(JSON.stringify({ page: "附件3 export (12 accounts, .xlsx + CSV)", ms: round(exportMs), cold_ms: round(exportTimings[0]), bytes, target_ms: 1000, ok: exportOk }));
  process.exitCode = ok ? 0 : 1;
} finally {
  db.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
}
