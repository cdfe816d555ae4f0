import { mkdtempSync, rmSync } from "node:fs";
import { Agent, request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { createApp } from "../../src/http/create-app";
import { webhookAccountOf } from "../../src/webhook/webhook-path";
import { closeDeps } from "../../src/build-deps";
import type { Deps } from "../../src/deps";
import { buildPush } from "../../src/wechat/build-push";
import { aesKeyFromEncodingAesKey } from "../../src/wechat/message-crypto";
import { parseReply } from "../../src/wechat/parse-reply";
import { buildTestDeps, listen, TEST_ACCOUNT } from "../helpers/build-test-deps";

const AES = aesKeyFromEncodingAesKey(TEST_ACCOUNT.encodingAesKey);

describe("webhookAccountOf (which paths are pushes, served ahead of Koa)", () => {
  it.each([
    ["/wechat", null],
    ["/wechat/", null],
    ["/wechat/luntai-town", "luntai-town"],
    ["/wechat/luntai-town/", "luntai-town"],
    ["/wechat/%E8%BD%AE%E5%8F%B0", "轮台"],
    ["/wechat/a/b", undefined],
    ["/wechatx", undefined],
    ["/dashboard", undefined],
    ["/", undefined],
  ])("%s → %p", (path, expected) => {
    expect(webhookAccountOf(path)).toBe(expected);
  });
});

describe("POST /wechat over real sockets", () => {
  let deps: Deps;
  let server: { url: string; close(): Promise<void> };
  beforeEach(async () => {
    deps = buildTestDeps().deps;
    server = await listen(createApp(deps));
  });
  afterEach(async () => {
    await server.close();
    await closeDeps(deps);
  });

  const push = (openId: string, msgId: string, content = "诚聘") =>
    buildPush(
      { kind: "text", content, msgId },
      openId,
      { token: TEST_ACCOUNT.token, originalId: TEST_ACCOUNT.originalId, encrypt: false, appId: TEST_ACCOUNT.appId, aesKey: AES },
      deps.clock.now(),
    );

  it("answers many pushes at once, each with its own reply, and records every one", async () => {
    const youths = Array.from({ length: 40 }, (_, i) => `oV5CrjpxgaGXNHIQigzNlgLT${String(i).padStart(4, "0")}`);
    const results = await Promise.all(
      youths.map(async (openId, i) => {
        const p = push(openId, String(7_300_000_000_000_000_000n + BigInt(i)), i % 2 === 0 ? "诚聘" : "励志");
        const res = await fetch(`${server.url}/wechat?${p.query}`, { method: "POST", body: p.body });
        return { openId, i, status: res.status, type: res.headers.get("content-type"), reply: parseReply(await res.text()) };
      }),
    );
    for (const r of results) {
      expect(r.status).toBe(200);
      expect(r.type).toBe("application/xml; charset=utf-8");
      expect(r.reply && r.reply.type === "text" ? r.reply.content : "").toContain(r.i % 2 === 0 ? "轮青诚聘" : "轮青励志");
    }
    expect((deps.db.prepare("SELECT count(*) AS n FROM inbound_messages").get() as { n: number }).n).toBe(40);
  });

  it("answers two pushes sent back to back on one keep-alive connection in order", async () => {
    const first = push("oV5CrjpxgaGXNHIQigzNlgLTnwic", "1001", "诚聘");
    const second = push("oV5CrjpxgaGXNHIQigzNlgLTnwic", "1002", "励志");
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const send = (p: { query: string; body: string }) =>
      new Promise<string>((resolve, reject) => {
        const req = request(`${server.url}/wechat?${p.query}`, { method: "POST", agent }, (res) => {
          let text = "";
          res.setEncoding("utf8");
          res.on("data", (c: string) => (text += c));
          res.on("end", () => resolve(text));
        });
        req.on("error", reject);
        req.end(p.body);
      });
    const [a, b] = await Promise.all([send(first), send(second)]);
    agent.destroy();
    expect(a).toContain("轮青诚聘");
    expect(b).toContain("轮青励志");
  });

  it("leaves other methods and paths to Koa", async () => {
    expect((await fetch(`${server.url}/wechat/a/b`, { method: "POST", body: "<xml/>" })).status).toBe(404);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    const unknown = await fetch(`${server.url}/wechat/nowhere?signature=x&timestamp=1&nonce=2`, { method: "POST", body: "<xml/>" });
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).toBe('no account "nowhere" is configured');
  });
});

const pushWith = (deps: Deps, openId: string, msgId: string, content = "诚聘") =>
  buildPush(
    { kind: "text", content, msgId },
    openId,
    { token: TEST_ACCOUNT.token, originalId: TEST_ACCOUNT.originalId, encrypt: false, appId: TEST_ACCOUNT.appId, aesKey: AES },
    deps.clock.now(),
  );
const youth = (i: number) => `oV5CrjpxgaGXNHIQigzNlgLT${String(i).padStart(4, "0")}`;

describe("the push path's guarantees (issue 12)", () => {
  let dir: string;
  let deps: Deps;
  let app: ReturnType<typeof createApp>;
  let server: { url: string; close(): Promise<void> };
  /** A second connection, as another process (a backup, the CLI) would have. */
  let other: Database.Database;
  const count = (sql: string, ...args: unknown[]) => (other.prepare(sql).pluck().get(...args) as number);

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), "push-"));
    deps = buildTestDeps({ DATABASE_PATH: join(dir, "app.db") }, { service: true }).deps;
    app = createApp(deps);
    server = await listen(app);
    other = new Database(join(dir, "app.db"));
  });
  afterEach(async () => {
    if (other.inTransaction) other.exec("ROLLBACK");
    other.close();
    await server.close();
    app.pushes.close();
    await closeDeps(deps);
    rmSync(dir, { recursive: true, force: true });
  });

  it("answered means stored: every push is committed before its reply reaches the sender", async () => {
    const missing: string[] = [];
    await Promise.all(
      Array.from({ length: 60 }, async (_, i) => {
        const msgId = String(8_100_000_000_000_000_000n + BigInt(i));
        const p = pushWith(deps, youth(i), msgId);
        const res = await fetch(`${server.url}/wechat?${p.query}`, { method: "POST", body: p.body });
        await res.text();
        // Read at once, from another connection: a reply written before the commit would miss here.
        if (res.status === 200 && count("SELECT count(*) FROM inbound_messages WHERE msg_id = ?", msgId) !== 1) missing.push(msgId);
      }),
    );
    expect(missing).toEqual([]);
  });

  it("one bad push harms only itself: an out-of-range CreateTime among 40 good pushes gets a 400, the 40 are stored", async () => {
    const good = Array.from({ length: 40 }, (_, i) => pushWith(deps, youth(i), String(8_200_000_000_000_000_000n + BigInt(i))));
    const bad = pushWith(deps, youth(99), "8299999999999999999");
    const badBody = bad.body.replace(/<CreateTime>\d+<\/CreateTime>/, "<CreateTime>99999999999999999999</CreateTime>");
    const statuses = await Promise.all([
      ...good.map((p) => fetch(`${server.url}/wechat?${p.query}`, { method: "POST", body: p.body }).then((r) => r.status)),
      fetch(`${server.url}/wechat?${bad.query}`, { method: "POST", body: badBody }).then((r) => r.status),
    ]);
    expect(statuses.slice(0, 40).every((s) => s === 200)).toBe(true);
    expect(statuses[40]).toBe(400);
    expect(count("SELECT count(*) FROM inbound_messages")).toBe(40);
  });

  it("a locked database never freezes the service: pushes are answered from the journal and folded in order, exactly once", async () => {
    other.exec("BEGIN IMMEDIATE");
    const pushes = Array.from({ length: 30 }, (_, i) => pushWith(deps, youth(i), String(8_300_000_000_000_000_000n + BigInt(i)), i % 2 ? "诚聘" : "励志"));
    const began = Date.now();
    const answers = await Promise.all(pushes.map((p) => fetch(`${server.url}/wechat?${p.query}`, { method: "POST", body: p.body }).then(async (r) => ({ status: r.status, body: await r.text() }))));
    // Each push waited at most the service's busy timeout (50 ms) once, not the 5 s of before.
    expect(Date.now() - began).toBeLessThan(2000);
    answers.forEach((a, i) => {
      expect(a.status).toBe(200);
      expect(parseReply(a.body)).toMatchObject({ type: "text", content: expect.stringContaining(i % 2 ? "轮青诚聘" : "轮青励志") });
    });
    expect(deps.pushJournal.size()).toBe(30);
    // WeChat's retry during the lock gets the same reply, and adds nothing.
    const retry = await fetch(`${server.url}/wechat?${pushes[3]!.query}`, { method: "POST", body: pushes[3]!.body });
    expect(await retry.text()).toBe(answers[3]!.body);
    expect(deps.pushJournal.size()).toBe(30);
    other.exec("COMMIT");

    app.pushes.foldJournal();
    expect(deps.pushJournal.size()).toBe(0);
    const stored = other.prepare("SELECT msg_id FROM inbound_messages ORDER BY id").pluck().all();
    expect(stored).toEqual(pushes.map((_, i) => String(8_300_000_000_000_000_000n + BigInt(i))));
    // Folding again (as after a crash between the fold and forgetting the entries) adds nothing.
    app.pushes.foldJournal();
    expect(count("SELECT count(*) FROM inbound_messages")).toBe(30);
  });

  it("a push answered from the journal survives a restart and is folded at boot", async () => {
    other.exec("BEGIN IMMEDIATE");
    const p = pushWith(deps, youth(1), "8400000000000000001");
    expect((await fetch(`${server.url}/wechat?${p.query}`, { method: "POST", body: p.body })).status).toBe(200);
    other.exec("COMMIT");
    // Stop without folding (a crash: the journal file is all there is).
    await server.close();
    app.pushes.close();
    await closeDeps(deps);

    deps = buildTestDeps({ DATABASE_PATH: join(dir, "app.db") }, { service: true }).deps;
    app = createApp(deps);
    server = await listen(app);
    expect(count("SELECT count(*) FROM inbound_messages")).toBe(0);
    app.pushes.foldJournal();
    expect(count("SELECT count(*) FROM inbound_messages WHERE msg_id = ?", "8400000000000000001")).toBe(1);
  });
});
