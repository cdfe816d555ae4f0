import { createApiClient, type ApiClient } from "../../src/wechat/api-client";
import { hiddenValue, SANDBOX_ENV, startDashboard, type Browser, type DashboardServer } from "./dashboard-helpers";

/**
 * Issue 12: the simulator's control routes (inspect, faults, interactions, settings) took no login
 * and any body, so any web page could reconfigure a running sandbox with a cross-site text/plain
 * POST. They now live under /dashboard/sandbox behind the staff login and the session's CSRF
 * token; the simulated WeChat API under /sandbox/cgi-bin stays open to our API client.
 */

/** The API client as the service uses it, pointed at this server's simulator. */
function clientOf(s: DashboardServer): ApiClient {
  const { deps } = s;
  return createApiClient({
    baseUrl: `${s.url}/sandbox`,
    appId: deps.accounts.get("default")!.appId!,
    appSecret: deps.stores.settings.get("sandbox.app_secret")!,
    db: deps.db,
    clock: deps.clock,
    log: deps.log,
  });
}
async function signedIn(s: DashboardServer): Promise<{ b: Browser; token: string }> {
  const b = s.browser();
  expect((await b.login()).status).toBe(302);
  const token = hiddenValue(await (await b.get("/dashboard")).text(), "_csrf");
  return { b, token };
}

const json = (token: string | undefined, body: unknown, extra: Record<string, string> = {}): RequestInit => ({
  method: "POST",
  headers: { "content-type": "application/json", ...(token ? { "x-csrf-token": token } : {}), ...extra },
  body: JSON.stringify(body),
});

describe("sandbox control routes need a staff session and the CSRF token", () => {
  let s: DashboardServer;
  beforeEach(async () => {
    s = await startDashboard(SANDBOX_ENV);
  });
  afterEach(() => s.close());
  const verified = () => s.deps.sandbox!.inspect(1).account.verified;

  it("refuses a logged-out or cross-site request to change the simulator, at the old and the new address", async () => {
    // What an attacker's page can send without a preflight: text/plain, no cookie of ours.
    for (const path of ["/sandbox/settings", "/dashboard/sandbox/settings"]) {
      const res = await fetch(`${s.url}${path}`, { method: "POST", headers: { "content-type": "text/plain" }, body: JSON.stringify({ verified: false }) });
      expect(res.status).toBeGreaterThanOrEqual(400);
    }
    for (const path of ["/sandbox/faults", "/dashboard/sandbox/faults"]) {
      await fetch(`${s.url}${path}`, { method: "POST", headers: { "content-type": "text/plain" }, body: JSON.stringify({ endpoint: "custom/send", errcode: 45015 }) });
    }
    await fetch(`${s.url}/sandbox/interactions`, { method: "POST", headers: { "content-type": "text/plain" }, body: JSON.stringify({ openid: "oAttacker" }) });
    expect(verified()).toBe(true);
    expect(s.deps.sandbox!.inspect().faults ?? []).toEqual([]);
    expect((await fetch(`${s.url}/sandbox/inspect`)).status).toBe(404);
    expect((await fetch(`${s.url}/dashboard/sandbox/inspect`, { redirect: "manual" })).status).toBe(302);
  });

  it("with a session: refuses a missing token, a text/plain body and a cross-site request; accepts JSON or a form with the token", async () => {
    const { b, token } = await signedIn(s);
    expect((await b.fetch("/dashboard/sandbox/settings", json(undefined, { verified: false }))).status).toBe(403);
    expect((await b.fetch("/dashboard/sandbox/settings", json("forged", { verified: false }))).status).toBe(403);
    const plain = await b.fetch("/dashboard/sandbox/settings", {
      method: "POST",
      headers: { "content-type": "text/plain", "x-csrf-token": token },
      body: JSON.stringify({ verified: false, _csrf: token }),
    });
    expect(plain.status).toBe(415);
    expect((await b.fetch("/dashboard/sandbox/settings", json(token, { verified: false }, { "sec-fetch-site": "cross-site" }))).status).toBe(403);
    expect(verified()).toBe(true);

    const ok = await b.fetch("/dashboard/sandbox/settings", json(token, { verified: false, accountType: "service" }, { "sec-fetch-site": "same-origin" }));
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ verified: false, accountType: "service" });
    expect(verified()).toBe(false);

    const form = await b.post("/dashboard/sandbox/settings", { _csrf: token, verified: "true", jobDelayMs: "20" });
    expect(form.status).toBe(200);
    expect(verified()).toBe(true);
    expect((await b.fetch("/dashboard/sandbox/settings", json(token, { verified: "yes" }))).status).toBe(400);
  });

  it("drives faults and interactions, and shows what the simulated WeChat received", async () => {
    const { b, token } = await signedIn(s);
    expect((await b.fetch("/dashboard/sandbox/faults", json(token, { endpoint: "user/get", errcode: 45009 }))).status).toBe(201);
    expect((await b.fetch("/dashboard/sandbox/faults", json(token, { endpoint: "user/nope", errcode: 45009 }))).status).toBe(400);
    await expect(clientOf(s).user.get()).rejects.toMatchObject({ errcode: 45009 });
    expect((await b.post("/dashboard/sandbox/faults", { _csrf: token, endpoint: "user/get", errcode: "45009", times: "2" })).status).toBe(201);
    expect((await b.fetch("/dashboard/sandbox/faults", { method: "DELETE" })).status).toBe(403);
    expect((await b.fetch("/dashboard/sandbox/faults", { method: "DELETE", headers: { "x-csrf-token": token } })).status).toBe(200);
    expect((await b.fetch("/dashboard/sandbox/interactions", json(token, { openid: "oYouth" }))).status).toBe(201);
    await clientOf(s).custom.send("oYouth", { type: "text", content: "收到，谢谢！" });

    const res = await b.get("/dashboard/sandbox/inspect");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/application\/json/);
    const view = (await res.json()) as ReturnType<NonNullable<DashboardServer["deps"]["sandbox"]>["inspect"]>;
    expect(view.customMessages).toEqual([expect.objectContaining({ openId: "oYouth", msgtype: "text" })]);
  });

  it("guards the \"try the bot\" panel the same way", async () => {
    expect((await s.browser().post("/dashboard/messages/try", { text: "诚聘" })).status).toBe(401);
    const { b, token } = await signedIn(s);
    const plain = await b.fetch("/dashboard/messages/try", { method: "POST", headers: { "content-type": "text/plain" }, body: `_csrf=${token}&text=x` });
    expect(plain.status).toBe(415);
    const crossSite = await b.fetch("/dashboard/messages/try", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", "sec-fetch-site": "cross-site" },
      body: new URLSearchParams({ _csrf: token, text: "诚聘" }).toString(),
    });
    expect(crossSite.status).toBe(403);
  });

  it("keeps the simulated WeChat API itself open to the API client (it has no staff session)", async () => {
    const token = await clientOf(s).getAccessToken();
    expect(token).toMatch(/\S{20,}/);
    const users = await fetch(`${s.url}/sandbox/cgi-bin/user/get?access_token=${token}`);
    expect(await users.json()).toMatchObject({ total: expect.any(Number) });
  });
});
