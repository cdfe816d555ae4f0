import { mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createApp } from "../../src/http/create-app";
import { buildPush, type SimulatedAction } from "../../src/wechat/build-push";
import { aesKeyFromEncodingAesKey } from "../../src/wechat/message-crypto";
import { computeSignature } from "../../src/wechat/verify-signature";
import { parseReply } from "../../src/wechat/parse-reply";
import type { Deps } from "../../src/deps";
import { closeDeps } from "../../src/build-deps";
import type { Reply } from "../../src/wechat/types";
import { buildTestDeps, listen, TEST_ACCOUNT } from "../helpers/build-test-deps";

const AES = aesKeyFromEncodingAesKey(TEST_ACCOUNT.encodingAesKey);
const YOUTH = "oV5CrjpxgaGXNHIQigzNlgLTnwic";
const FIXTURES = join(__dirname, "../fixtures/wechat");

async function post(url: string, query: string, body: string) {
  const res = await fetch(`${url}/wechat?${query}`, { method: "POST", headers: { "content-type": "text/xml" }, body });
  return { status: res.status, body: await res.text() };
}

function pushFor(deps: Deps, action: SimulatedAction, encrypt = false, openId = YOUTH) {
  return buildPush(
    action,
    openId,
    { token: TEST_ACCOUNT.token, originalId: TEST_ACCOUNT.originalId, encrypt, appId: TEST_ACCOUNT.appId, aesKey: AES },
    deps.clock.now(),
  );
}

function signedQuery(deps: Deps, extra: Record<string, string> = {}) {
  const timestamp = String(Math.floor(deps.clock.now().getTime() / 1000));
  const nonce = "1514711492";
  return new URLSearchParams({ signature: computeSignature(TEST_ACCOUNT.token, timestamp, nonce), timestamp, nonce, ...extra }).toString();
}

const rows = (deps: Deps) => {
  return deps.db.prepare("SELECT dedup_key, msg_type, status, rule_id, column_id, match_mode, reply_type FROM inbound_messages ORDER BY id").all() as Array<
    Record<string, string | null>
  >;
};

function replyText(r: Reply | null): string {
  if (!r) return "";
  if (r.type === "text") return r.content;
  if (r.type === "news") return r.articles.map((a) => `${a.title} ${a.description}`).join("\n");
  return r.type;
}

describe("GET /wechat (URL handshake)", () => {
  it("echoes echostr only with a valid signature", async () => {
    const { deps } = buildTestDeps();
    const server = await listen(createApp(deps));
    try {
      const ok = await fetch(`${server.url}/wechat?${signedQuery(deps, { echostr: "4375120948345356249" })}`);
      expect(ok.status).toBe(200);
      expect(await ok.text()).toBe("4375120948345356249");
      const bad = await fetch(`${server.url}/wechat?signature=${"0".repeat(40)}&timestamp=1&nonce=2&echostr=x`);
      expect(bad.status).toBe(401);
      expect(await bad.text()).not.toContain("x\n");
      const none = await fetch(`${server.url}/wechat?echostr=x`);
      expect(none.status).toBe(401);
    } finally {
      await server.close();
      deps.db.close();
    }
  });
});

describe("POST /wechat", () => {
  let deps: Deps;
  let server: { url: string; close(): Promise<void> };
  afterEach(async () => {
    await server.close();
    closeDeps(deps);
  });

  async function start(env: Record<string, string> = {}, patch: Partial<Deps> = {}) {
    deps = { ...buildTestDeps(env).deps, ...patch };
    server = await listen(createApp(deps));
  }

  it("answers a keyword with the column (plain mode) and records the hit", async () => {
    await start();
    const push = pushFor(deps, { kind: "text", content: "诚聘", msgId: "22876340532172986" });
    const res = await post(server.url, push.query, push.body);
    expect(res.status).toBe(200);
    const reply = parseReply(res.body);
    expect(replyText(reply)).toContain("轮青诚聘");
    expect(res.body).toContain(`<ToUserName><![CDATA[${YOUTH}]]></ToUserName>`);
    expect(res.body).toContain(`<FromUserName><![CDATA[${TEST_ACCOUNT.originalId}]]></FromUserName>`);
    expect(rows(deps)).toEqual([
      expect.objectContaining({ dedup_key: "m:22876340532172986", msg_type: "text", status: "replied", column_id: "careers", match_mode: "exact" }),
    ]);
  });

  it("decrypts and answers encrypted in safe mode, verifying the AppId inside", async () => {
    await start({ WECHAT_ENCRYPT_MODE: "safe" });
    const push = pushFor(deps, { kind: "text", content: "诚聘" }, true);
    const res = await post(server.url, push.query, push.body);
    expect(res.status).toBe(200);
    expect(res.body).toContain("<Encrypt>");
    expect(res.body).not.toContain("轮青诚聘");
    expect(replyText(parseReply(res.body, AES))).toContain("轮青诚聘");
  });

  it("refuses a plaintext body in safe mode (no downgrade), even with a valid signature", async () => {
    await start({ WECHAT_ENCRYPT_MODE: "safe" });
    const push = pushFor(deps, { kind: "text", content: "诚聘" }, false);
    const res = await post(server.url, push.query, push.body);
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(rows(deps)).toHaveLength(0);
  });

  it("accepts both forms in compat mode and answers each in kind", async () => {
    await start({ WECHAT_ENCRYPT_MODE: "compat" });
    const plain = pushFor(deps, { kind: "text", content: "诚聘" }, false);
    const enc = pushFor(deps, { kind: "text", content: "诚聘" }, true);
    const a = await post(server.url, plain.query, plain.body);
    const b = await post(server.url, enc.query, enc.body);
    expect(replyText(parseReply(a.body))).toContain("轮青诚聘");
    expect(b.body).toContain("<Encrypt>");
    expect(replyText(parseReply(b.body, AES))).toContain("轮青诚聘");
  });

  it("refuses forged, replayed, malformed, empty and oversized requests with a 4xx and stays up", async () => {
    await start({ WECHAT_BODY_LIMIT_BYTES: "2048" });
    const good = pushFor(deps, { kind: "text", content: "诚聘" });
    const forged = good.query.replace(/signature=[0-9a-f]/, "signature=Z");
    expect((await post(server.url, forged, good.body)).status).toBe(401);
    expect((await post(server.url, good.query.replace(/signature=[^&]*&/, ""), good.body)).status).toBe(401);
    const old = new URLSearchParams(good.query);
    const ts = String(Number(old.get("timestamp")) - 86400);
    old.set("timestamp", ts);
    old.set("signature", computeSignature(TEST_ACCOUNT.token, ts, old.get("nonce")!));
    expect((await post(server.url, old.toString(), good.body)).status).toBe(401);
    expect((await post(server.url, good.query, "<xml><ToUserName>")).status).toBe(400);
    expect((await post(server.url, good.query, "")).status).toBe(400);
    expect((await post(server.url, good.query, "not xml at all")).status).toBe(400);
    expect((await post(server.url, good.query, "<xml>" + "x".repeat(5000) + "</xml>")).status).toBe(413);
    expect(rows(deps)).toHaveLength(0);
    const after = await post(server.url, good.query, good.body);
    expect(after.status).toBe(200);
    expect(replyText(parseReply(after.body))).toContain("轮青诚聘");
  });

  it("gives a retry of an answered message the same reply and processes it once", async () => {
    await start();
    const push = pushFor(deps, { kind: "text", content: "诚聘", msgId: "4363689963896700987" });
    const first = await post(server.url, push.query, push.body);
    const retry = await post(server.url, push.query, push.body);
    expect(retry.body).toBe(first.body);
    expect(rows(deps)).toHaveLength(1);
  });

  it("answers concurrent tries of one push with the same reply and one row", async () => {
    await start();
    const push = pushFor(deps, { kind: "text", content: "诚聘" });
    const answers = await Promise.all([1, 2, 3].map(() => post(server.url, push.query, push.body)));
    expect(new Set(answers.map((a) => a.body)).size).toBe(1);
    expect(replyText(parseReply(answers[0]!.body))).toContain("轮青诚聘");
    expect(rows(deps)).toHaveLength(1);
  });

  it("records subscribe (with QR scene), menu clicks and unsubscribe", async () => {
    await start();
    for (const action of [{ kind: "subscribe", sceneId: "123123" }, { kind: "click", key: "COLUMN_CAREERS" }, { kind: "unsubscribe" }] as SimulatedAction[]) {
      const push = pushFor(deps, action);
      expect((await post(server.url, push.query, push.body)).status).toBe(200);
      (deps.clock as unknown as { advance(ms: number): void }).advance(1000);
    }
    expect(rows(deps).map((r) => r["msg_type"])).toEqual(["subscribe", "click", "unsubscribe"]);
    expect(rows(deps)[0]).toEqual(expect.objectContaining({ rule_id: "welcome", reply_type: "text" }));
    const youth = deps.db.prepare("SELECT subscribed, subscribe_scene, subscribed_at, unsubscribed_at FROM youths WHERE open_id = ?").get(YOUTH);
    expect(youth).toEqual(expect.objectContaining({ subscribed: 0, subscribe_scene: "123123" }));
  });

  it("answers 404 for an account that is not configured", async () => {
    await start();
    const push = pushFor(deps, { kind: "text", content: "诚聘" });
    const res = await fetch(`${server.url}/wechat/township-1?${push.query}`, { method: "POST", body: push.body });
    expect(res.status).toBe(404);
  });

  it.each(readdirSync(FIXTURES).filter((f) => /^(in|ev)-.*\.xml$/.test(f) && f !== "in-encrypted-safe-mode.xml"))(
    "accepts the real push %s and records it",
    async (file) => {
      await start();
      const body = readFileSync(join(FIXTURES, file), "utf8");
      const res = await post(server.url, signedQuery(deps), body);
      expect(res.status).toBe(200);
      expect(res.body === "success" || res.body.includes("<MsgType>")).toBe(true);
      expect(rows(deps)).toHaveLength(1);
    },
  );
});

describe("deduplication across a restart", () => {
  it("remembers answered messages in SQLite", async () => {
    const dir = mkdtempSync(join(tmpdir(), "dedup-"));
    const env = { DATABASE_PATH: join(dir, "app.db") };
    try {
      const first = buildTestDeps(env).deps;
      const s1 = await listen(createApp(first));
      const push = pushFor(first, { kind: "text", content: "诚聘", msgId: "9007199254740993" });
      const a = await post(s1.url, push.query, push.body);
      await s1.close();
      closeDeps(first);

      const second = buildTestDeps(env).deps;
      const s2 = await listen(createApp(second));
      const b = await post(s2.url, push.query, push.body);
      await s2.close();
      expect(b.body).toBe(a.body);
      expect(rows(second)).toHaveLength(1);
      closeDeps(second);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
