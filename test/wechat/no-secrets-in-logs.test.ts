import { createServer } from "node:http";
import Koa from "koa";
import { createApiClient } from "../../src/wechat/api-client";
import { APP_ID, APP_SECRET, fakeJpeg, makeDraft, startHarness, type Harness } from "../sandbox/harness";

/**
 * A full run through the client and the sandbox, errors included, with every log line captured
 * (createLogger({ destination })) at trace level: no app secret, webhook token, AES key or
 * access_token may appear in any of them.
 */

const WEBHOOK_TOKEN = "LuntaiYouth2026";
const AES_KEY = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";

let h: Harness;
afterEach(() => h.close());

it("keeps every secret out of every log line", async () => {
  const receiver = createServer(new Koa().use((ctx) => void (ctx.body = "success")).callback()).listen(0, "127.0.0.1");
  await new Promise((resolve) => receiver.once("listening", resolve));
  const callbackUrl = `http://127.0.0.1:${(receiver.address() as { port: number }).port}/wechat`;
  h = await startHarness({
    callback: { url: callbackUrl, token: WEBHOOK_TOKEN, encryptMode: "safe", encodingAesKey: AES_KEY, originalId: "gh_4d00ed8d6399" },
  });

  // Every access token that crossed the wire, as the client saw it.
  const tokens = new Set<string>();
  const spyFetch: typeof fetch = async (input, init) => {
    const url = new URL(String(input));
    const used = url.searchParams.get("access_token");
    if (used) tokens.add(used);
    const res = await fetch(input, init);
    const text = await res.text();
    const issued = /"access_token":"([^"]+)"/.exec(text)?.[1];
    if (issued) tokens.add(issued);
    return new Response(text, { status: res.status, headers: res.headers });
  };
  const client = createApiClient({
    baseUrl: h.baseUrl,
    appId: APP_ID,
    appSecret: APP_SECRET,
    db: h.db,
    clock: h.clock,
    log: h.log,
    fetch: spyFetch,
    sleep: async () => undefined,
  });
  const failed: unknown[] = [];
  const attempt = (p: Promise<unknown>) => p.catch((err: unknown) => failed.push(err));

  // The happy path: images, drafts, publishing, mass send, menu, stats, followers.
  await client.media.uploadImage({ data: fakeJpeg(), filename: "fair.jpg" });
  const { publishId } = await client.freepublish.submit(await makeDraft(client));
  await client.mass.sendAll({ message: { type: "mpnews", mediaId: await makeDraft(client) }, clientMsgId: "issue-3" });
  await h.sandbox.idle();
  await client.freepublish.get(publishId);
  await client.menu.create({ buttons: [{ type: "click", name: "轮青诚聘", key: "careers" }] });
  await client.datacube.getUserSummary({ beginDate: "2026-11-24", endDate: "2026-11-30" });
  await client.user.get();

  // The error paths: refresh, backoff, quota, permission, window, bad requests, wrong secret, no network.
  h.sandbox.injectError("user/get", 40001, 1);
  await client.user.get();
  h.sandbox.revokeTokens();
  await client.menu.get();
  h.sandbox.injectError("user/get", -1, 2);
  await client.user.get();
  h.sandbox.injectError("user/get", 45009, 1);
  await attempt(client.user.get());
  await attempt(client.mass.sendAll({ message: { type: "text", content: "第二条" } }));
  await attempt(client.custom.send("oNoWindowYouth", { type: "text", content: "答复" }));
  await attempt(client.menu.create({ buttons: [{ type: "click", name: "一个非常非常长的菜单名", key: "k" }] }));
  h.sandbox.configure({ verified: false });
  await attempt(client.datacube.getUserCumulate({ beginDate: "2026-11-30", endDate: "2026-11-30" }));
  h.sandbox.injectError("stable_token", 45009, 1);
  h.sandbox.revokeTokens();
  await attempt(client.user.get());
  const wrongSecret = createApiClient({ baseUrl: h.baseUrl, appId: APP_ID, appSecret: `${APP_SECRET}-old`, db: h.db, clock: h.clock, log: h.log, accountId: "other" });
  await attempt(wrongSecret.user.get());
  const offline = createApiClient({ baseUrl: "http://127.0.0.1:9", appId: APP_ID, appSecret: APP_SECRET, db: h.db, clock: h.clock, log: h.log, accountId: "offline" });
  await attempt(offline.user.get());
  // Callers log what they catch; the error objects must be safe to log too.
  for (const err of failed) h.log.error({ err }, "call failed");

  receiver.closeAllConnections();
  await new Promise((resolve) => receiver.close(resolve));

  expect(failed.length).toBeGreaterThanOrEqual(8);
  expect(tokens.size).toBeGreaterThanOrEqual(3);
  const secrets = [APP_SECRET, WEBHOOK_TOKEN, AES_KEY, ...tokens];
  const output = h.lines.join("");
  expect(h.lines.length).toBeGreaterThan(50);
  expect(output).toContain("access_token=[redacted]");
  for (const secret of secrets) expect(output).not.toContain(secret);
  if (process.env.SHOW_LOGS) process.stdout.write(output);
});
