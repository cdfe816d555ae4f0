/**
 * Issue 14, "Done when": pushes to each account's URL get that account's columns. Three served
 * accounts (青春轮台 on /wechat, 青春轮南 on /wechat/lunnan, 阳霞青年 on /wechat/yangxia) from a temp
 * copy of the fixture content, over real sockets, each push signed with its own account's secrets.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { closeDeps } from "../../src/build-deps";
import type { Deps } from "../../src/deps";
import { createApp } from "../../src/http/create-app";
import { buildPush, type SimulatedAction } from "../../src/wechat/build-push";
import { aesKeyFromEncodingAesKey } from "../../src/wechat/message-crypto";
import { parseReply } from "../../src/wechat/parse-reply";
import { buildTestDeps, FIXTURE_CONTENT, listen } from "../helpers/build-test-deps";
import { SANDBOX_ENV } from "../http/dashboard-helpers";

const YOUTH = { county: "oLuntai_youth_0001_AbCdEfGhIjKlMn", lunnan: "oLunnan_youth_0001_AbCdEfGhIjKlM", yangxia: "oYangxia_youth_0001_AbCdEfGhIjK" };

function tempContent(): string {
  const dir = mkdtempSync(join(tmpdir(), "matrix-webhook-"));
  cpSync(FIXTURE_CONTENT, dir, { recursive: true });
  return dir;
}

interface Served {
  dir: string;
  deps: Deps;
  url: string;
  close(): Promise<void>;
}

async function serve(env: Record<string, string> = {}, edit?: (dir: string) => void): Promise<Served> {
  const dir = tempContent();
  edit?.(dir);
  const { deps } = buildTestDeps({ ...SANDBOX_ENV, CONTENT_DIR: dir, ...env }, { logLevel: "silent" });
  const server = await listen(createApp(deps));
  return {
    dir,
    deps,
    url: server.url,
    async close() {
      await server.close();
      await closeDeps(deps);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A push as WeChat would send it to `accountId`, signed (and, when asked, encrypted) with `signer`'s secrets. */
function pushFor(deps: Deps, signer: string, action: SimulatedAction, openId: string, encrypt = false) {
  const { secrets } = deps.matrix.get(signer)!.account;
  return buildPush(
    action,
    openId,
    { token: secrets.token, originalId: secrets.originalId, encrypt, appId: secrets.appId, aesKey: secrets.encodingAesKey ? aesKeyFromEncodingAesKey(secrets.encodingAesKey) : undefined },
    deps.clock.now(),
  );
}

const pathOf = (id: string) => (id === "default" ? "/wechat" : `/wechat/${id}`);

async function send(s: Served, to: string, p: { query: string; body: string }) {
  const res = await fetch(`${s.url}${pathOf(to)}?${p.query}`, { method: "POST", body: p.body });
  return { status: res.status, text: await res.text() };
}

/** The text of a passive reply (or of the first article of a news reply). */
function replyText(xml: string): string {
  const reply = parseReply(xml);
  if (!reply) return "";
  if (reply.type === "text") return reply.content;
  return JSON.stringify(reply);
}

const logged = (deps: Deps) =>
  deps.db.prepare("SELECT account_id, open_id, msg_id, content, column_id FROM inbound_messages ORDER BY id").all() as Array<{
    account_id: string;
    open_id: string;
    msg_id: string | null;
    content: string | null;
    column_id: string | null;
  }>;

describe("pushes to each account's own URL (issue 14)", () => {
  let s: Served;
  beforeEach(async () => (s = await serve()));
  afterEach(() => s.close());

  it("serves the three accounts, each with its own token", () => {
    expect([...s.deps.matrix.keys()]).toEqual(["default", "lunnan", "yangxia"]);
    const tokens = [...s.deps.matrix.values()].map((d) => d.account.secrets.token);
    expect(new Set(tokens).size).toBe(3);
  });

  it("answers a keyword with the columns of the account the push was sent to, and logs it under that account", async () => {
    const say = (to: string, content: string, openId: string, msgId: string) => send(s, to, pushFor(s.deps, to, { kind: "text", content, msgId }, openId));

    const lunnan = await say("lunnan", "轮南招聘", YOUTH.lunnan, "24419870512340001");
    expect(lunnan.status).toBe(200);
    expect(replyText(lunnan.text)).toContain("轮南就业");

    const yangxia = await say("yangxia", "阳霞农技", YOUTH.yangxia, "24419870512340002");
    expect(yangxia.status).toBe(200);
    expect(replyText(yangxia.text)).toContain("农技学堂");

    const county = await say("default", "诚聘", YOUTH.county, "24419870512340003");
    expect(county.status).toBe(200);
    expect(replyText(county.text)).toContain("轮青诚聘");

    // 轮南's keyword is not the county's, nor 阳霞's: they answer with their own default reply.
    const countyGetsLunnan = replyText((await say("default", "轮南招聘", YOUTH.county, "24419870512340004")).text);
    expect(countyGetsLunnan).not.toContain("轮南就业");
    const yangxiaGetsLunnan = replyText((await say("yangxia", "轮南招聘", YOUTH.yangxia, "24419870512340005")).text);
    expect(yangxiaGetsLunnan).not.toContain("轮南就业");
    expect(yangxiaGetsLunnan).toContain("阳霞镇团委");
    // …and the county's keyword is not 轮南's.
    const lunnanGetsCounty = replyText((await say("lunnan", "诚聘", YOUTH.lunnan, "24419870512340006")).text);
    expect(lunnanGetsCounty).not.toContain("轮青诚聘");
    expect(lunnanGetsCounty).toContain("轮南镇团委");

    expect(logged(s.deps).map((r) => [r.account_id, r.open_id, r.content, r.column_id])).toEqual([
      ["lunnan", YOUTH.lunnan, "轮南招聘", "jobs"],
      ["yangxia", YOUTH.yangxia, "阳霞农技", "farming"],
      ["default", YOUTH.county, "诚聘", "careers"],
      ["default", YOUTH.county, "轮南招聘", null],
      ["yangxia", YOUTH.yangxia, "轮南招聘", null],
      ["lunnan", YOUTH.lunnan, "诚聘", null],
    ]);
  });

  it("welcomes a new follower with the welcome of the account followed", async () => {
    const res = await send(s, "yangxia", pushFor(s.deps, "yangxia", { kind: "subscribe" }, YOUTH.yangxia));
    expect(res.status).toBe(200);
    expect(replyText(res.text)).toContain("欢迎关注“阳霞青年”");
    const lunnan = await send(s, "lunnan", pushFor(s.deps, "lunnan", { kind: "subscribe" }, YOUTH.lunnan));
    expect(replyText(lunnan.text)).toContain("欢迎关注“青春轮南”");
  });

  it("refuses a push signed with another account's token: 401, nothing stored", async () => {
    const forged = pushFor(s.deps, "lunnan", { kind: "text", content: "阳霞农技", msgId: "24419870512340101" }, YOUTH.yangxia);
    const res = await send(s, "yangxia", forged);
    expect(res.status).toBe(401);
    // The county's token on a township's URL, and a township's on the county's, likewise.
    expect((await send(s, "lunnan", pushFor(s.deps, "default", { kind: "text", content: "轮南招聘", msgId: "24419870512340102" }, YOUTH.lunnan))).status).toBe(401);
    expect((await send(s, "default", pushFor(s.deps, "yangxia", { kind: "text", content: "诚聘", msgId: "24419870512340103" }, YOUTH.county))).status).toBe(401);
    expect(logged(s.deps)).toEqual([]);
  });

  it("dedupes per account: the same MsgId on two accounts is two messages, a retry on one is not a third", async () => {
    const msgId = "24419870512349999";
    const toLunnan = pushFor(s.deps, "lunnan", { kind: "text", content: "招工", msgId }, YOUTH.lunnan);
    const toYangxia = pushFor(s.deps, "yangxia", { kind: "text", content: "修剪", msgId }, YOUTH.lunnan);
    const a = await send(s, "lunnan", toLunnan);
    const b = await send(s, "yangxia", toYangxia);
    expect(replyText(a.text)).toContain("轮南就业");
    expect(replyText(b.text)).toContain("农技学堂");
    // WeChat's retry of the 轮南 push: the stored reply again, nothing new.
    const retry = await send(s, "lunnan", toLunnan);
    expect(retry.status).toBe(200);
    expect(replyText(retry.text)).toContain("轮南就业");
    expect(logged(s.deps).map((r) => [r.account_id, r.msg_id, r.content])).toEqual([
      ["lunnan", msgId, "招工"],
      ["yangxia", msgId, "修剪"],
    ]);
  });

  it("answers 404 on an account that is not declared", async () => {
    const res = await send(s, "tiereke", pushFor(s.deps, "lunnan", { kind: "text", content: "你好", msgId: "1" }, YOUTH.lunnan));
    expect(res.status).toBe(404);
    expect(logged(s.deps)).toEqual([]);
  });
});

describe("a paused account (accounts.yml paused: true)", () => {
  let s: Served;
  beforeEach(async () => {
    s = await serve({}, (dir) => {
      const file = join(dir, "accounts.yml");
      // 轮南 paused: its entry gains `paused: true` after its env line.
      writeFileSync(file, readFileSync(file, "utf8").replace(/(aes_key: WECHAT_LUNNAN_AES_KEY \})/, "$1\n    paused: true"));
    });
  });
  afterEach(() => s.close());

  it("answers 503 on its URL and stores nothing, while the others keep answering", async () => {
    expect(s.deps.config.matrix.accounts.find((a) => a.id === "lunnan")!.paused).toBe(true);
    // Signed with the token the township had while served (kept in the database in sandbox mode).
    const token = s.deps.stores.settings.get("sandbox.lunnan.token") ?? "lunnanTokenWhilePaused";
    const p = buildPush({ kind: "text", content: "轮南招聘", msgId: "24419870512340201" }, YOUTH.lunnan, { token, originalId: "gh_5a1b2c3d4e5f", encrypt: false }, s.deps.clock.now());
    const res = await send(s, "lunnan", p);
    expect(res.status).toBe(503);
    expect(res.text).toContain("paused");
    expect(logged(s.deps)).toEqual([]);

    const yangxia = await send(s, "yangxia", pushFor(s.deps, "yangxia", { kind: "text", content: "阳霞农技", msgId: "24419870512340202" }, YOUTH.yangxia));
    expect(yangxia.status).toBe(200);
    expect(replyText(yangxia.text)).toContain("农技学堂");
    expect(logged(s.deps).map((r) => r.account_id)).toEqual(["yangxia"]);
  });
});

describe("the county account paused", () => {
  it("answers 503 on /wechat and stores nothing; the townships still answer", async () => {
    const s = await serve({}, (dir) => {
      const file = join(dir, "accounts.yml");
      writeFileSync(file, readFileSync(file, "utf8").replace(/(aes_key: WECHAT_ENCODING_AES_KEY \})/, "$1\n    paused: true"));
    });
    try {
      const res = await send(s, "default", pushFor(s.deps, "default", { kind: "text", content: "诚聘", msgId: "24419870512340251" }, YOUTH.county));
      expect(res.status).toBe(503);
      const lunnan = await send(s, "lunnan", pushFor(s.deps, "lunnan", { kind: "text", content: "轮南招聘", msgId: "24419870512340252" }, YOUTH.lunnan));
      expect(lunnan.status).toBe(200);
      expect(logged(s.deps).map((r) => r.account_id)).toEqual(["lunnan"]);
    } finally {
      await s.close();
    }
  });
});

describe("安全模式 (WECHAT_ENCRYPT_MODE=safe): each account decrypts with its own AES key", () => {
  const KEYS = {
    default: "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG",
    lunnan: "Lunnan0123456789abcdefghijklmnopqrstuvwxyzA",
    yangxia: "Yangxia0123456789abcdefghijklmnopqrstuvwxyz",
  };
  const REAL = {
    WECHAT_ENCRYPT_MODE: "safe",
    WECHAT_ENCODING_AES_KEY: KEYS.default,
    WECHAT_LUNNAN_APP_ID: "wx1a2b3c4d5e6f7a8b",
    WECHAT_LUNNAN_APP_SECRET: "lunnan-app-secret-value",
    WECHAT_LUNNAN_TOKEN: "lunnanToken2026",
    WECHAT_LUNNAN_AES_KEY: KEYS.lunnan,
    WECHAT_YANGXIA_APP_ID: "wx9f8e7d6c5b4a3f2e",
    WECHAT_YANGXIA_APP_SECRET: "yangxia-app-secret-value",
    WECHAT_YANGXIA_TOKEN: "yangxiaToken2026",
    WECHAT_YANGXIA_AES_KEY: KEYS.yangxia,
  };

  it("in sandbox mode: encrypted pushes to the three URLs are each answered, encrypted, by their account", async () => {
    const s = await serve({ WECHAT_ENCRYPT_MODE: "safe" });
    try {
      const keys = [...s.deps.matrix.values()].map((d) => d.account.secrets.encodingAesKey);
      expect(new Set(keys).size).toBe(3);
      for (const [to, content, expected, msgId] of [
        ["default", "诚聘", "轮青诚聘", "24419870512340301"],
        ["lunnan", "轮南招聘", "轮南就业", "24419870512340302"],
        ["yangxia", "阳霞农技", "农技学堂", "24419870512340303"],
      ] as const) {
        const res = await send(s, to, pushFor(s.deps, to, { kind: "text", content, msgId }, YOUTH.lunnan, true));
        expect(res.status).toBe(200);
        // The reply is encrypted: no plain text in the body, only <Encrypt>, opened with that account's key.
        expect(res.text).toContain("<Encrypt>");
        expect(res.text).not.toContain(expected);
        const reply = parseReply(res.text, aesKeyFromEncodingAesKey(s.deps.matrix.get(to)!.account.secrets.encodingAesKey!));
        expect(reply && reply.type === "text" ? reply.content : JSON.stringify(reply)).toContain(expected);
      }
      expect(logged(s.deps).map((r) => [r.account_id, r.column_id])).toEqual([
        ["default", "careers"],
        ["lunnan", "jobs"],
        ["yangxia", "farming"],
      ]);
    } finally {
      await s.close();
    }
  });

  it("with real credentials from each township's variables: its own key decrypts, another's is refused", async () => {
    const { deps } = buildTestDeps({ CONTENT_DIR: FIXTURE_CONTENT, ...REAL }, { logLevel: "silent" });
    const server = await listen(createApp(deps));
    const s: Served = { dir: "", deps, url: server.url, close: async () => (await server.close(), await closeDeps(deps)) };
    try {
      expect([...deps.matrix.keys()]).toEqual(["default", "lunnan", "yangxia"]);
      expect(deps.matrix.get("lunnan")!.account.secrets).toMatchObject({ token: "lunnanToken2026", appId: "wx1a2b3c4d5e6f7a8b", encodingAesKey: KEYS.lunnan });
      const sealed = (token: string, appId: string, key: string, content: string, msgId: string) =>
        buildPush({ kind: "text", content, msgId }, YOUTH.yangxia, { token, originalId: "gh_000000000000", encrypt: true, appId, aesKey: aesKeyFromEncodingAesKey(key) }, deps.clock.now());

      const own = await send(s, "yangxia", sealed("yangxiaToken2026", "wx9f8e7d6c5b4a3f2e", KEYS.yangxia, "阳霞农技", "24419870512340401"));
      expect(own.status).toBe(200);
      expect(own.text).toContain("<Encrypt>");
      // Signed right but sealed with 轮南's key and AppID: yangxia cannot open it.
      const wrongKey = await send(s, "yangxia", sealed("yangxiaToken2026", "wx1a2b3c4d5e6f7a8b", KEYS.lunnan, "阳霞农技", "24419870512340402"));
      expect(wrongKey.status).toBeGreaterThanOrEqual(400);
      expect(wrongKey.status).toBeLessThan(500);
      const lunnan = await send(s, "lunnan", sealed("lunnanToken2026", "wx1a2b3c4d5e6f7a8b", KEYS.lunnan, "轮南招聘", "24419870512340403"));
      expect(lunnan.status).toBe(200);
      expect(logged(deps).map((r) => [r.account_id, r.column_id])).toEqual([
        ["yangxia", "farming"],
        ["lunnan", "jobs"],
      ]);
    } finally {
      await s.close();
    }
  });
});
