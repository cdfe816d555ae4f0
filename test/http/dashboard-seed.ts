/**
 * Realistic dashboard data for the page and browser tests: 60 days of datacube snapshots, a
 * publications ledger with every state, and a month of youths' messages written through the
 * webhook's own message store. Deterministic (no randomness), relative to the deps' clock.
 */
import type { Deps } from "../../src/deps";
import { createMessageStore, type PushOutcome } from "../../src/db/stores/message-store";
import { createStatsStores } from "../../src/stats/stats-stores";
import { addDays } from "../../src/stats/dates";
import { localDate } from "../../src/time";
import { inbound } from "../helpers/inbound";

/** A youth's message the page must show as text, never run. */
export const HOSTILE_TEXT = `<script>alert("x")</script>补贴怎么领`;

const bj = (date: string, time: string) => new Date(`${date}T${time}:00+08:00`);

export function seedDashboard(deps: Deps, options: { datacube?: "ok" | "unavailable" } = {}): void {
  const stores = createStatsStores(deps.db);
  const today = localDate(deps.clock.now(), "Asia/Shanghai");
  const at = deps.clock.now().getTime();
  const datacube = options.datacube ?? "ok";

  if (datacube === "ok") {
    let total = 2180;
    for (let i = 60; i >= 1; i--) {
      const date = addDays(today, -i);
      const scan = 3 + (i % 5);
      const search = 1 + (i % 3);
      const cancel = i % 4 === 0 ? 2 : 1;
      stores.snapshots.upsertFollowerSummary("default", date, [
        { userSource: 30, newUser: scan, cancelUser: 0 },
        { userSource: 1, newUser: search, cancelUser: 0 },
        { userSource: 0, newUser: 1, cancelUser: cancel },
      ], at);
      total += scan + search + 1 - cancel;
      stores.snapshots.upsertFollowerCumulate("default", date, total, at);
    }
    stores.snapshots.upsertFollowerCount("default", today, total + 3, at);
    for (const source of ["followers", "articles", "article_totals", "follower_count"] as const) {
      stores.sync.record("default", source, { status: "ok", syncedThrough: addDays(today, -1) }, at);
    }
  } else {
    for (const source of ["followers", "articles", "article_totals"] as const) {
      stores.sync.record("default", source, { status: "unavailable", errcode: 48001, detail: "unavailable: account not verified (errcode 48001)" }, at);
    }
  }

  const insert = deps.db.prepare(`
    INSERT INTO publications (post_slug, column_id, mode, post_title, scheduled_at, state, issue, article_title,
                              msg_data_id, published_at, sent_count, failure_reason, created_at, updated_at)
    VALUES (@slug, @column, @mode, @title, @at, @state, @issue, @title, @msg_data_id, @published_at, @sent, @reason, @at, @at)`);
  const columns = ["news", "careers", "inspiration", "students"];
  const titles = ["县青年创业大赛报名开始", "冬季招聘会岗位一览", "红枣种植能手的故事", "寒假返乡实习岗位"];
  const issues: Record<string, number> = {};
  for (let i = 0; i < 24; i++) {
    const column = columns[i % 4]!;
    const date = addDays(today, -(2 + i * 2));
    const state = i === 3 ? "failed" : i === 7 ? "missed" : "published";
    const issue = state === "published" ? (issues[column] = (issues[column] ?? 0) + 1) : null;
    const msgDataId = state === "published" ? String(2247483600 + i) : null;
    const title = `${titles[i % 4]}（${i + 1}）`;
    insert.run({
      slug: `${date}-post-${i}`,
      column,
      mode: "mass",
      title,
      at: bj(date, "09:00").getTime(),
      state,
      issue,
      msg_data_id: msgDataId,
      published_at: state === "published" ? bj(date, "09:01").getTime() : null,
      sent: state === "published" ? 2100 + i : null,
      reason: state === "failed" ? "封面图片超过 1 MB，请压缩后重试" : state === "missed" ? "服务器停机，错过发布时间" : null,
    });
    if (datacube === "ok" && msgDataId) {
      for (let k = 0; k < 3 && addDays(date, k) < today; k++) {
        const readers = Math.round((180 + 7 * i) / (k + 1));
        stores.snapshots.upsertArticleDay("default", {
          date: addDays(date, k),
          msgId: `${msgDataId}_1`,
          msgDataId,
          articleIdx: 1,
          title,
          intPageReadUser: readers,
          intPageReadCount: readers + 12,
          oriPageReadUser: 2,
          oriPageReadCount: 2,
          shareUser: Math.round(readers / 20),
          shareCount: Math.round(readers / 18),
          addToFavUser: 3,
          addToFavCount: 3,
        }, at);
      }
      stores.snapshots.upsertArticleTotal("default", {
        msgId: `${msgDataId}_1`, msgDataId, articleIdx: 1, title, sentDate: date, statDate: addDays(date, 2),
        targetUser: 2100 + i, intPageReadUser: 300, intPageReadCount: 320, shareUser: 15, shareCount: 18, addToFavUser: 9,
      }, at);
    }
  }

  const messages = createMessageStore(deps.db);
  const youths = Array.from({ length: 12 }, (_, i) => `oSeedYouth_${String(i).padStart(17, "0")}`);
  const entries: { accountId: string; message: ReturnType<typeof inbound.text>; outcome: PushOutcome; receivedAt: Date }[] = [];
  const push = (message: Parameters<typeof inbound.text>[1] & { kind: "text"; text: string } , outcome: Partial<PushOutcome>) => {
    const m = inbound.text(message.text, message);
    entries.push({ accountId: "default", message: m, outcome: { status: "replied", reply: null, ...outcome }, receivedAt: m.createdAt });
  };
  for (let d = 30; d >= 0; d--) {
    const date = addDays(today, -d);
    for (let k = 0; k < 8; k++) {
      const openId = youths[(d + k) % youths.length]!;
      const time = `${String(8 + k).padStart(2, "0")}:${String((d * 7 + k * 11) % 60).padStart(2, "0")}`;
      const createdAt = bj(date, time);
      if (createdAt > deps.clock.now()) continue;
      if (k % 4 === 0) push({ kind: "text", text: "招聘", openId, createdAt }, { ruleId: "careers:exact:招聘", columnId: "careers", matchMode: "exact" });
      else if (k % 4 === 1) push({ kind: "text", text: "2", openId, createdAt }, { ruleId: "careers:menu:2", columnId: "careers", matchMode: "menu" });
      else if (k % 4 === 2) push({ kind: "text", text: "实习", openId, createdAt }, { ruleId: "students:exact:实习", columnId: "students", matchMode: "exact" });
      else push({ kind: "text", text: d % 3 === 0 ? HOSTILE_TEXT : "篮球赛什么时候报名", openId, createdAt }, { ruleId: "default", matchMode: "default" });
    }
  }
  messages.recordMany(entries);
  const events = [
    inbound.subscribe({ openId: youths[0]!, createdAt: bj(addDays(today, -3), "19:00"), sceneId: "job-fair-2026" }),
    inbound.subscribe({ openId: "oNewYouth_0000000000000000001", createdAt: bj(addDays(today, -2), "20:15") }),
    inbound.unsubscribe({ openId: youths[5]!, createdAt: bj(addDays(today, -1), "21:30") }),
    inbound.click("COLUMN_NEWS", { openId: youths[2]!, createdAt: bj(addDays(today, -1), "12:00") }),
  ];
  messages.recordMany(
    events.map((m) => ({
      accountId: "default",
      message: m,
      receivedAt: m.createdAt,
      outcome: { status: "replied", reply: null, ...(m.type === "click" ? { ruleId: "news:click:COLUMN_NEWS", columnId: "news", matchMode: "click" } : m.type === "subscribe" ? { ruleId: "welcome", matchMode: "event" } : {}) },
    })),
  );
}
