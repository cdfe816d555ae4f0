// What the dashboard benchmarks seed into SQLite, shared by dashboard-bench.mjs (one account, two
// years) and matrix-dashboard-bench.mjs (12 accounts, one year): inbound messages of several types,
// columns and rules from a pool of youths, a publications ledger, and datacube snapshots. Rows are
// written with the columns the stores write, in one transaction per table. Deterministic: every
// run with the same seed writes the same rows. An account is { id, weight, columns }: its share of
// the messages and publications, and the columns its ledger rows name.
export const DAY = 86_400_000;
const BJ = 8 * 3_600_000; // Asia/Shanghai has no DST: a fixed offset is exact for seeding

/** Deterministic pseudo-random numbers (mulberry32), so every run seeds the same data. */
export function seededRandom(seed) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const dateOf = (ms) => new Date(ms + BJ).toISOString().slice(0, 10);
const startOfDay = (date) => Date.parse(`${date}T00:00:00+08:00`);

/** The county's columns, as the frozen fixture declares them (FIXTURE_CONTENT's columns.yml), plus a policy column. */
export const COUNTY_COLUMNS = [
  { id: "news", name: "轮青关注", category: "新闻娱乐" },
  { id: "careers", name: "轮青诚聘", category: "致富信息" },
  { id: "inspiration", name: "轮青励志", category: "其他" },
  { id: "students", name: "轮青大学生", category: "便民服务" },
  { id: "policy", name: "政策解读", category: "政策法规" },
];
/** A township's, as the fixture's 轮南镇 declares them (FIXTURE_CONTENT's accounts/lunnan/columns.yml). */
export const TOWNSHIP_COLUMNS = [
  { id: "news", name: "轮南动态", category: "新闻娱乐" },
  { id: "jobs", name: "轮南就业", category: "致富信息" },
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
const YOUTHS = Array.from({ length: 20_000 }, (_, i) => `oBench${String(i).padStart(22, "0")}`);

/**
 * The account of the n-th row, in proportion to the weights, without drawing from `rand` (so a
 * single account's rows are exactly what they were before there were several): a multiplicative
 * hash of n spreads rows evenly over time.
 */
function accountPicker(accounts) {
  if (accounts.length === 1) return () => accounts[0];
  const total = accounts.reduce((a, x) => a + x.weight, 0);
  const bounds = [];
  let acc = 0;
  for (const a of accounts) bounds.push((acc += a.weight / total));
  return (n) => {
    const u = (Math.imul(n + 1, 2654435761) >>> 0) / 4294967296;
    const k = bounds.findIndex((b) => u < b);
    return accounts[k < 0 ? accounts.length - 1 : k];
  };
}

export function createSeeder(db, { seed = 20261123, now, days, accounts = [{ id: "default", weight: 1, columns: COUNTY_COLUMNS }] }) {
  const rand = seededRandom(seed);
  const pick = (xs) => xs[Math.floor(rand() * xs.length)];
  const accountOf = accountPicker(accounts);
  const UNMATCHED = Array.from({ length: 300 }, (_, i) => `${pick(["请问", "你好", "想问下", "咨询"])}${pick(["篮球赛", "献血", "团费", "入团", "驾照", "社保", "公租房", "红枣收购", "棉花补贴", "夜校"])}${i % 7 === 0 ? "的事情" : ""}${i}`);

  /** `messages` inbound messages over `days` days up to `now`: volume grows and dips at weekends, waking hours only. */
  function seedMessages(messages) {
    const insert = db.prepare(`
      INSERT INTO inbound_messages (account_id, dedup_key, open_id, msg_type, msg_id, content, scene, created_at, received_at,
                                    status, rule_id, column_id, match_mode, reply_type, replied_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'replied', ?, ?, ?, ?, ?)`);
    const youth = db.prepare(`
      INSERT INTO youths (account_id, open_id, first_seen_at, last_interaction_at, subscribed, subscribed_at, subscribe_scene)
      VALUES (?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (account_id, open_id) DO UPDATE SET last_interaction_at = excluded.last_interaction_at,
        subscribed = coalesce(excluded.subscribed, subscribed)`);
    const start = startOfDay(dateOf(now - days * DAY));
    const weights = Array.from({ length: days + 1 }, (_, d) => (0.5 + d / days) * ([0, 6].includes(new Date(start + d * DAY + BJ).getUTCDay()) ? 0.7 : 1));
    const total = weights.reduce((a, b) => a + b, 0);
    let id = 0;
    db.transaction(() => {
      for (let d = 0; d <= days; d++) {
        const n = d === days ? messages - id : Math.round((messages * weights[d]) / total);
        const dayStart = start + d * DAY;
        for (let k = 0; k < n && id < messages; k++) {
          const account = accountOf(id).id;
          const at = Math.min(dayStart + 7 * 3_600_000 + Math.floor(rand() * 16 * 3_600_000), now - 60_000);
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
            column = pick(COUNTY_COLUMNS).id;
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
          insert.run(account, key, openId, type, isMsg ? key.slice(4) : null, content, scene, at, at, rule, column, mode, reply, at);
          if (type === "subscribe" || type === "unsubscribe" || k % 10 === 0) {
            const sub = type === "subscribe" ? 1 : type === "unsubscribe" ? 0 : null;
            youth.run(account, openId, at, at, sub, sub === 1 ? at : null, scene);
          }
          id++;
        }
      }
    })();
    return id;
  }

  /** `count` publications over the `days` days: mostly published, some failed, missed or still scheduled. Returns the mass sends. */
  function seedPublications(count) {
    const insert = db.prepare(`
      INSERT INTO publications (account_id, post_slug, column_id, mode, post_title, scheduled_at, state, issue, article_title, msg_data_id,
                                published_at, sent_count, failure_code, failure_reason, created_at, updated_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    const issues = {};
    const pubs = [];
    db.transaction(() => {
      for (let i = 0; i < count; i++) {
        const account = accountOf(i);
        const col = account.columns[i % account.columns.length];
        const at = now - days * DAY + Math.floor(((i + rand()) / count) * days * DAY);
        const r = rand();
        const state = at > now - 2 * DAY && r < 0.5 ? "scheduled" : r < 0.93 ? "published" : r < 0.97 ? "failed" : "missed";
        const seq = `${account.id}/${col.id}`;
        const issue = state === "published" ? (issues[seq] = (issues[seq] ?? 0) + 1) : null;
        const mode = rand() < 0.7 ? "mass" : "publish";
        const msgDataId = state === "published" && mode === "mass" ? String(2_247_000_000 + i) : null;
        const title = `【${col.name}】第${issue ?? "?"}期 · 青年工作动态 ${i}`;
        insert.run(account.id, `${dateOf(at)}-post-${i}`, col.id, mode, `青年工作动态 ${i}`, at, state, issue, title, msgDataId,
          state === "published" ? at + 60_000 : null, msgDataId ? 2000 + Math.floor(rand() * 800) : null,
          state === "failed" ? "wechat_45166" : state === "missed" ? "missed" : null,
          state === "failed" ? "正文含有不允许的链接" : state === "missed" ? "服务器停机，错过发布时间" : null, at, at);
        if (msgDataId) pubs.push({ accountId: account.id, msgDataId, title, at });
      }
    })();
    return pubs;
  }

  /** Followers per day (datacube) for every account, and 7 days of readers per mass send. */
  function seedDatacube(stores, pubs) {
    const at = now;
    db.transaction(() => {
      for (const account of accounts) {
        let cumulate = account.id === "default" ? 1800 : 300;
        for (let d = days; d >= 1; d--) {
          const date = dateOf(now - d * DAY);
          const sources = [
            { userSource: 30, newUser: 2 + Math.floor(rand() * 6), cancelUser: 0 },
            { userSource: 1, newUser: Math.floor(rand() * 4), cancelUser: 0 },
            { userSource: 17, newUser: Math.floor(rand() * 2), cancelUser: 0 },
            { userSource: 0, newUser: Math.floor(rand() * 2), cancelUser: Math.floor(rand() * 3) },
          ];
          stores.snapshots.upsertFollowerSummary(account.id, date, sources, at);
          cumulate += sources.reduce((a, s) => a + s.newUser - s.cancelUser, 0);
          stores.snapshots.upsertFollowerCumulate(account.id, date, cumulate, at);
        }
        stores.snapshots.upsertFollowerCount(account.id, dateOf(now), cumulate + 4, at);
      }
      const yesterday = dateOf(now - DAY);
      for (const p of pubs) {
        const sent = dateOf(p.at);
        for (let k = 0; k < 7; k++) {
          const date = dateOf(p.at + k * DAY);
          if (date > yesterday) break;
          const readers = Math.round(300 * 0.45 ** k * (0.6 + rand()));
          stores.snapshots.upsertArticleDay(p.accountId, {
            date, msgId: `${p.msgDataId}_1`, msgDataId: p.msgDataId, articleIdx: 1, title: p.title,
            intPageReadUser: readers, intPageReadCount: Math.round(readers * 1.15), oriPageReadUser: 1, oriPageReadCount: 1,
            shareUser: Math.round(readers / 25), shareCount: Math.round(readers / 22), addToFavUser: 2, addToFavCount: 2,
          }, at);
        }
        stores.snapshots.upsertArticleTotal(p.accountId, {
          msgId: `${p.msgDataId}_1`, msgDataId: p.msgDataId, articleIdx: 1, title: p.title, sentDate: sent, statDate: sent,
          targetUser: 2300, intPageReadUser: 500, intPageReadCount: 560, shareUser: 20, shareCount: 24, addToFavUser: 6,
        }, at);
      }
      for (const account of accounts) {
        for (const source of ["followers", "articles", "article_totals", "follower_count"]) {
          stores.sync.record(account.id, source, { status: "ok", syncedThrough: yesterday }, at);
        }
      }
    })();
  }

  return { seedMessages, seedPublications, seedDatacube };
}
