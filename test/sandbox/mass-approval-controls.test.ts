import { createApiClient } from "../../src/wechat/api-client";
import { makeDraft } from "./harness";
import { hiddenValue, SANDBOX_ENV, startDashboard, type DashboardServer } from "../http/dashboard-helpers";

/**
 * Staff (or their scripts) drive the simulated API 群发保护 through the control routes behind the
 * staff login and CSRF token: turn protection on, then approve or refuse the held send.
 */
let s: DashboardServer;
beforeEach(async () => {
  s = await startDashboard(SANDBOX_ENV);
});
afterEach(() => s.close());

it("POST /dashboard/sandbox/settings {massProtection} and /mass-approvals {decision} hold, approve and refuse sends", async () => {
  const b = s.browser();
  expect((await b.login()).status).toBe(302);
  const token = hiddenValue(await (await b.get("/dashboard")).text(), "_csrf");
  const post = (path: string, body: unknown) =>
    b.fetch(path, { method: "POST", headers: { "content-type": "application/json", "x-csrf-token": token }, body: JSON.stringify(body) });

  expect((await post("/dashboard/sandbox/settings", { massProtection: true })).status).toBe(200);
  expect(s.deps.sandbox!.inspect(1).account.massProtection).toBe(true);

  const { deps } = s;
  const client = createApiClient({
    baseUrl: `${s.url}/sandbox`,
    appId: deps.accounts.get("default")!.appId!,
    appSecret: deps.stores.settings.get("sandbox.app_secret")!,
    db: deps.db,
    clock: deps.clock,
    log: deps.log,
  });
  const mediaId = await makeDraft(client);
  await expect(client.mass.sendAll({ message: { type: "mpnews", mediaId }, clientMsgId: "ql-dashboard" })).rejects.toMatchObject({ errcode: 89503 });

  const approved = await post("/dashboard/sandbox/mass-approvals", { decision: "approve", clientMsgId: "ql-dashboard" });
  expect(approved.status).toBe(200);
  const { msgId } = (await approved.json()) as { msgId: string };
  expect(s.deps.sandbox!.inspect().massSends).toEqual([expect.objectContaining({ msgId, clientMsgId: "ql-dashboard" })]);

  const none = await post("/dashboard/sandbox/mass-approvals", { decision: "refuse" });
  expect(none.status).toBe(409);
  expect(((await none.json()) as { error: string }).error).toMatch(/没有等待管理员确认的群发/);
  expect((await post("/dashboard/sandbox/mass-approvals", { decision: "maybe" })).status).toBe(400);
});
