/**
 * Issue 14, "Done when": one account with a wrong secret shows its error while the other two
 * publish. Three served accounts on the sandbox (each with its own simulated API under
 * /sandbox/<id>), a due post in each account's temp content, the scheduler's jobs run once; 青春轮南's
 * API refuses it (40164: server IP not in its whitelist, or 40125: a wrong AppSecret).
 */
import { cpSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { closeDeps, pointSandboxAtWebhook } from "../../src/build-deps";
import type { Deps } from "../../src/deps";
import { hashPassword } from "../../src/dashboard/middleware/auth-password";
import { dashboardRoutes } from "../../src/dashboard/routes/dashboard-routes";
import { createPublicationStore, type Publication } from "../../src/db/stores/publication-store";
import { createStaffUserStore } from "../../src/db/stores/staff-user-store";
import { createApp } from "../../src/http/create-app";
import { JOBS } from "../../src/scheduler/jobs";
import { createStatsStores } from "../../src/stats/stats-stores";
import { buildTestDeps, FIXTURE_CONTENT } from "../helpers/build-test-deps";
import { Browser, SANDBOX_ENV } from "../http/dashboard-helpers";

const PASSWORD = "Luntai-Youth-2026!";

/** A port free right now: the sandbox's API clients call 127.0.0.1:PORT, so the server must listen there. */
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((r) => probe.listen(0, "127.0.0.1", r));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((r) => probe.close(() => r()));
  return port;
}

/** A post due at 09:30 Beijing time on 2026-11-23 (the clock says 10:00): the publish job takes it now. */
const duePost = (title: string, column: string, author: string, body: string) => `---
title: ${title}
column: ${column}
publish_at: 2026-11-23 09:30
author: ${author}
digest: ${body.slice(0, 40)}
mode: publish
---

${body}
`;

interface World {
  dir: string;
  deps: Deps;
  url: string;
  server: Server;
}

let w: World;

beforeEach(async () => {
  const dir = mkdtempSync(join(tmpdir(), "matrix-isolation-"));
  cpSync(FIXTURE_CONTENT, dir, { recursive: true });
  writeFileSync(join(dir, "posts", "2026-11-23-winter-jobs.md"), duePost("县城冬季用工信息汇总", "careers", "团县委", "县人社局发布冬季用工信息：物流分拣、商场导购、暖气维修等岗位共 120 个，欢迎青年朋友报名。"));
  writeFileSync(join(dir, "accounts", "lunnan", "posts", "2026-11-23-night-school.md"), duePost("轮南镇青年夜校开课", "news", "轮南镇团委", "轮南镇青年夜校本周开课，开设电工、焊工和电商直播三门课程，每周二、四晚上在镇文化站上课。"));
  writeFileSync(join(dir, "accounts", "yangxia", "posts", "2026-11-23-pruning.md"), duePost("杏树冬季修剪培训", "farming", "阳霞镇团委", "阳霞镇农技站本周六在杏园开展冬季修剪培训，请果农带上剪刀和手套，现场示范修剪要点。"));

  const port = await freePort();
  // A week of history: the stats job's per-account pace (60 calls a minute) is never reached, so it never sleeps.
  const { deps } = buildTestDeps({ ...SANDBOX_ENV, CONTENT_DIR: dir, PORT: String(port), STATS_BACKFILL_DAYS: "7" }, { logLevel: "silent" });
  createStaffUserStore(deps.db).add("wangfang", await hashPassword(PASSWORD), deps.clock.now().getTime(), { role: "admin", accountId: "*" });
  const simulators = [...deps.matrix.values()].flatMap((d) => (d.sandbox ? [d.sandbox.router] : []));
  const app = createApp(deps, [dashboardRoutes(deps), ...simulators]);
  const server = app.listen(port, "127.0.0.1");
  await new Promise<void>((r) => server.once("listening", () => r()));
  const url = `http://127.0.0.1:${port}`;
  // Job-finish events (PUBLISHJOBFINISH) go to each account's webhook, as WeChat's would.
  pointSandboxAtWebhook(deps, url);
  for (const d of deps.matrix.values()) d.sandbox!.configure({ jobDelayMs: 20 });
  w = { dir, deps, url, server };
});

afterEach(async () => {
  w.server.closeAllConnections();
  await new Promise<void>((r) => w.server.close(() => r()));
  await closeDeps(w.deps);
  rmSync(w.dir, { recursive: true, force: true });
});

const job = (name: string) => JOBS.find((j) => j.name === name)!;

/** Runs the publish job as the scheduler does, then lets every simulated job finish and its event arrive. */
async function publishOnce(): Promise<void> {
  await job("publish-posts").run(w.deps);
  for (const d of w.deps.matrix.values()) await d.sandbox!.idle();
}

const rowOf = (account: string, slug: string): Publication => createPublicationStore(w.deps.db).find(account, slug)!;

async function matrixPage(): Promise<string> {
  const b = new Browser(w.url);
  expect((await b.login("wangfang", PASSWORD)).status).toBe(302);
  const res = await b.get("/dashboard/matrix");
  expect(res.status).toBe(200);
  return res.text();
}

/** One cell of an account's row on the 矩阵 page (its class is c-<key>). */
const cellOf = (page: string, account: string, key: string) =>
  new RegExp(`<tr data-account="${account}"[\\s\\S]*?class="[^"]*c-${key}[^"]*"[^>]*>([^<]*)<`).exec(page)?.[1];

/** The text of one account's row on the 矩阵 page, tags stripped. */
function rowText(page: string, account: string): string {
  const m = new RegExp(`<tr data-account="${account}"[^>]*>([\\s\\S]*?)</tr>`).exec(page);
  return (m?.[1] ?? "").replace(/<[^>]+>/g, " ").replace(/\s+/g, " ");
}

describe("one account's API failure never stops the others (issue 14)", () => {
  it("publish: 40164 on 青春轮南's token fails its post with the Chinese reason; 青春轮台 and 阳霞青年 publish", async () => {
    w.deps.matrix.get("lunnan")!.sandbox!.injectError("stable_token", 40164, 100);
    await publishOnce();

    // The county is verified: published through freepublish. 阳霞 is not verified: 48001, 草稿已建.
    const county = rowOf("default", "2026-11-23-winter-jobs");
    expect(county.state).toBe("published");
    expect(county.articleTitle).toContain("县城冬季用工信息汇总");
    const yangxia = rowOf("yangxia", "2026-11-23-pruning");
    expect(yangxia.state).toBe("draft_only");
    expect(yangxia.failureReason).toContain("48001");

    const lunnan = rowOf("lunnan", "2026-11-23-night-school");
    expect(lunnan.state).toBe("failed");
    expect(lunnan.failureReason).toMatch(/IP.*白名单|白名单.*IP/);
    expect(lunnan.failureReason).toContain("40164");
    // In Chinese: what happened and what to do.
    expect(lunnan.failureReason).toMatch(/[\u4e00-\u9fff]/);

    const page = await matrixPage();
    expect(cellOf(page, "lunnan", "health")).toMatch(/^令牌获取失败：服务器 IP 不在白名单（40164）：请在 微信开发者平台 → 我的业务 → 公众号 → 基础信息 → IP白名单 中加入本服务器的 IP/);
    expect(cellOf(page, "lunnan", "lastFailure")).toMatch(/^2026-11-23 10:00 发布失败：《轮南镇青年夜校开课》 服务器 IP 不在白名单（40164）/);
    expect(cellOf(page, "default", "token")).toBe("正常");
    expect(cellOf(page, "yangxia", "token")).toBe("正常");
    expect(rowText(page, "default")).not.toContain("40164");
    expect(rowText(page, "yangxia")).not.toContain("40164");
    expect(rowText(page, "default")).toContain("县城冬季用工信息汇总");
  });

  it("publish: a wrong AppSecret (40125) on 青春轮南 says so on its row; the others publish", async () => {
    w.deps.matrix.get("lunnan")!.sandbox!.injectError("stable_token", 40125, 100);
    await publishOnce();
    expect(rowOf("default", "2026-11-23-winter-jobs").state).toBe("published");
    expect(rowOf("yangxia", "2026-11-23-pruning").state).toBe("draft_only");
    const lunnan = rowOf("lunnan", "2026-11-23-night-school");
    expect(lunnan.state).toBe("failed");
    expect(lunnan.failureReason).toContain("40125");
    expect(lunnan.failureReason).toContain("AppSecret 不对（40125 invalid appsecret）");
    const page = await matrixPage();
    expect(cellOf(page, "lunnan", "health")).toMatch(/^令牌获取失败：AppSecret 不对（40125 invalid appsecret）/);
  });

  it("stats: 青春轮南's token refused (40164): its figures fail against it; the county's and 阳霞's are fetched", async () => {
    w.deps.matrix.get("lunnan")!.sandbox!.injectError("stable_token", 40164, 100);
    await job("refresh-stats").run(w.deps);

    const stats = createStatsStores(w.deps.db);
    // The county (verified): datacube for the week before today; every account: user/get's total today.
    expect(stats.sync.get("default", "followers")).toMatchObject({ status: "ok", syncedThrough: "2026-11-22" });
    expect(stats.sync.get("default", "follower_count")).toMatchObject({ status: "ok", syncedThrough: "2026-11-23" });
    expect(stats.sync.get("yangxia", "follower_count")).toMatchObject({ status: "ok", syncedThrough: "2026-11-23" });
    expect(stats.sync.get("lunnan", "follower_count")).toMatchObject({ status: "error", errcode: 40164 });
    // The stats page says what to fix, in the errcode table's words, not WeChat's English errmsg.
    expect(stats.sync.get("lunnan", "follower_count")?.detail).toBe(
      "服务器 IP 不在白名单（40164）：请在 微信开发者平台 → 我的业务 → 公众号 → 基础信息 → IP白名单 中加入本服务器的 IP；修好后下次同步自动继续",
    );
    expect(days("default")).toBe(7);
    expect(counted()).toEqual(["default", "yangxia"]);

    const page = await matrixPage();
    expect(rowText(page, "lunnan")).toContain("40164");
    expect(rowText(page, "yangxia")).not.toContain("40164");
  });

  it("stats: the county's datacube failing (getusersummary 61501, 日期范围错误) stops neither its other figures nor the townships'", async () => {
    w.deps.sandbox!.injectError("datacube/getusersummary", 61501, 100);
    await job("refresh-stats").run(w.deps);

    const stats = createStatsStores(w.deps.db);
    expect(stats.sync.get("default", "followers")).toMatchObject({ status: "error", errcode: 61501 });
    expect(stats.sync.get("default", "follower_count")).toMatchObject({ status: "ok" });
    expect(stats.sync.get("default", "article_reads")).toMatchObject({ status: "ok" });
    expect(counted()).toEqual(["default", "lunnan", "yangxia"]);
  });
});

const days = (id: string) => (w.deps.db.prepare("SELECT count(*) AS n FROM stats_follower_days WHERE account_id = ?").get(id) as { n: number }).n;
/** The accounts whose follower total was counted (user/get) by this run. */
const counted = () => (w.deps.db.prepare("SELECT account_id FROM stats_follower_counts ORDER BY account_id").pluck().all() as string[]);
