/**
 * Staff bind their phone (issue 15): a one-time code from 我的手机, sent from WeChat as a real
 * signed push, links the openid to the login. Wrong, used and expired codes get clear replies,
 * guesses are throttled, and every step leaves an audit line.
 */
import { parseReply } from "../../src/wechat/parse-reply";
import { buildPush } from "../../src/wechat/build-push";
import { hiddenValue, STAFF, startDashboard, type Browser, type DashboardServer } from "../http/dashboard-helpers";

const EDITOR_PHONE = "oLuntai_editor_wangfang_Xy12Ab";
const STRANGER = "oLuntai_youth_0077_QwErTyUiOpAs";

describe("binding a staff phone through the webhook", () => {
  let server: DashboardServer;
  let browser: Browser;

  beforeEach(async () => {
    server = await startDashboard();
    browser = server.browser();
    await browser.login();
  });
  afterEach(() => server.close());

  /** What the account answers when `openId` sends `content` (a signed push, as WeChat sends it). */
  async function send(openId: string, content: string): Promise<string> {
    const account = server.deps.accounts.get("default")!;
    const p = buildPush({ kind: "text", content }, openId, { token: account.token, originalId: account.originalId, encrypt: false }, server.deps.clock.now());
    const res = await fetch(`${server.url}/wechat?${p.query}`, { method: "POST", headers: { "content-type": "text/xml" }, body: p.body });
    expect(res.status).toBe(200);
    const reply = parseReply(await res.text());
    return reply?.type === "text" ? reply.content : "";
  }

  async function getCode(): Promise<{ code: string; page: string }> {
    const phone = await (await browser.get("/dashboard/phone")).text();
    const res = await browser.post("/dashboard/phone/code", { _csrf: hiddenValue(phone, "_csrf") });
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    const page = await res.text();
    const code = /data-bind-code>(\d{6})</.exec(page)?.[1];
    expect(code).toBeDefined();
    return { code: code!, page };
  }

  const audit = () => server.deps.stores.audit.latest("default", 20).map((e) => `${e.staffName} ${e.action} ${e.target}`);

  it("binds with the code, shows the masked phone, refuses the code a second time, and unbinds", async () => {
    const before = await (await browser.get("/dashboard/phone")).text();
    expect(before).toContain("还没有绑定手机");
    expect(before).toContain('href="/dashboard/phone"'); // the account menu's entry

    const { code, page } = await getCode();
    expect(page).toContain(`绑定 ${code}`);
    expect(page).toContain("10 分钟内有效（至 10:10）");
    // Only a salted hash is stored.
    const stored = server.deps.db.prepare("SELECT code_hash, salt FROM staff_bind_codes").all() as { code_hash: string }[];
    expect(JSON.stringify(stored)).not.toContain(code);

    expect(await send(EDITOR_PHONE, `绑定 ${code}`)).toBe(`已绑定到后台账号 ${STAFF.name}。现在可以在后台点“发送预览到我的手机”，在这台手机上看文章了。`);
    const after = await (await browser.get("/dashboard/phone")).text();
    expect(after).toContain("oLunta…12Ab");
    expect(after).not.toContain(EDITOR_PHONE);
    expect(server.deps.stores.staffPhones.list("default").map((p) => [p.staffName, p.openId])).toEqual([[STAFF.name, EDITOR_PHONE]]);

    // Single use: the same code again, even from the same phone.
    expect(await send(STRANGER, `绑定${code}`)).toContain("这个绑定码已经用过了");
    expect(server.deps.stores.staffPhones.list("default").map((p) => p.openId)).toEqual([EDITOR_PHONE]);

    // Unbind needs the CSRF token.
    expect((await browser.post("/dashboard/phone/unbind", {})).status).toBe(403);
    const res = await browser.post("/dashboard/phone/unbind", { _csrf: hiddenValue(after, "_csrf") });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/dashboard/phone?done=unbound");
    expect(await (await browser.get("/dashboard/phone?done=unbound")).text()).toContain("已解除绑定");
    expect(server.deps.stores.staffPhones.list("default")).toEqual([]);

    expect(audit()).toEqual([
      `${STAFF.name} staff_phone.unbind ${STAFF.name}`,
      `${STAFF.name} staff_phone.bind ${STAFF.name}`,
      `${STAFF.name} staff_phone.code ${STAFF.name}`,
    ]);
    // The push log names the rule as staff know it.
    const logged = server.deps.db.prepare("SELECT rule_id FROM inbound_messages WHERE open_id = ?").all(EDITOR_PHONE) as { rule_id: string }[];
    expect(logged.map((r) => r.rule_id)).toEqual(["staff-phone:bind"]);
  });

  it("needs a login and the CSRF token for a code", async () => {
    expect((await browser.post("/dashboard/phone/code", {})).status).toBe(403);
    expect((await server.browser().post("/dashboard/phone/code", {})).status).toBe(401);
  });

  it("answers full-width digits and spaces, explains a malformed code, and leaves other 绑定 questions to the bot", async () => {
    const { code } = await getCode();
    expect(await send(EDITOR_PHONE, "绑定")).toBe("绑定码是后台“我的手机”页面给出的 6 位数字，请这样发送：绑定 123456");
    expect(await send(EDITOR_PHONE, "绑定 12345")).toContain("6 位数字");
    expect(await send(STRANGER, "绑定银行卡怎么办")).not.toContain("绑定码");
    const fullWidth = code.replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)));
    expect(await send(EDITOR_PHONE, `绑定：${fullWidth.slice(0, 3)} ${fullWidth.slice(3)}`)).toContain("已绑定到后台账号");
  });

  it("says a code has expired after 10 minutes, and a new code replaces the old one", async () => {
    const first = await getCode();
    const second = await getCode();
    expect(second.page).not.toContain("已经获取过"); // the new code is on the page itself
    if (first.code !== second.code) expect(await send(EDITOR_PHONE, `绑定 ${first.code}`)).toContain("绑定码不正确");
    server.clock.advance(10 * 60_000 + 1000);
    expect(await send(EDITOR_PHONE, `绑定 ${second.code}`)).toBe("绑定码已过期（10 分钟内有效）。请在后台“我的手机”页面重新获取绑定码，再发送一次。");
    expect(server.deps.stores.staffPhones.list("default")).toEqual([]);
  });

  it("throttles guessing: after 5 wrong codes even the right one is refused for 10 minutes", async () => {
    const { code } = await getCode();
    const wrong = code === "000000" ? "000001" : "000000";
    for (let i = 0; i < 5; i++) expect(await send(STRANGER, `绑定 ${wrong}`)).toContain("绑定码不正确");
    expect(await send(STRANGER, `绑定 ${code}`)).toContain("尝试次数太多");
    // Another phone is not locked out by this one's guesses.
    server.clock.advance(60_000);
    expect(await send(EDITOR_PHONE, `绑定 ${code}`)).toContain(`已绑定到后台账号 ${STAFF.name}`);
  });

  it("throttles the whole account when many phones guess together", async () => {
    const { code } = await getCode();
    const wrong = (i: number) => String((Number(code) + 1 + i) % 1_000_000).padStart(6, "0");
    for (let i = 0; i < 30; i++) await send(`oLuntai_guesser_${String(i).padStart(4, "0")}_AbCdEfGh`, `绑定 ${wrong(i)}`);
    expect(await send(EDITOR_PHONE, `绑定 ${code}`)).toContain("尝试次数太多");
    server.clock.advance(10 * 60_000 + 1000);
    const fresh = await getCode();
    expect(await send(EDITOR_PHONE, `绑定 ${fresh.code}`)).toContain("已绑定到后台账号");
  });
});
