import { Agent, request } from "node:http";
import { createApp } from "../../src/http/create-app";
import { webhookAccountOf } from "../../src/http/webhook-lane";
import { closeDeps } from "../../src/build-deps";
import type { Deps } from "../../src/deps";
import { buildPush } from "../../src/wechat/build-push";
import { aesKeyFromEncodingAesKey } from "../../src/wechat/message-crypto";
import { parseReply } from "../../src/wechat/parse-reply";
import { buildTestDeps, listen, TEST_ACCOUNT } from "../helpers/build-test-deps";

const AES = aesKeyFromEncodingAesKey(TEST_ACCOUNT.encodingAesKey);

describe("webhookAccountOf (which paths the lane serves ahead of Koa)", () => {
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

describe("the webhook lane over real sockets", () => {
  let deps: Deps;
  let server: { url: string; close(): Promise<void> };
  beforeEach(async () => {
    deps = buildTestDeps().deps;
    server = await listen(createApp(deps));
  });
  afterEach(async () => {
    await server.close();
    closeDeps(deps);
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
    deps.stores.messages.flush();
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
