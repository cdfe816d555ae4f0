import { createHash } from "node:crypto";
import { hashPassword, passwordProblem, verifyPassword } from "../../src/dashboard/middleware/auth-password";
import { safeNext } from "../../src/dashboard/routes/dashboard-auth-routes";
import { hiddenValue, startDashboard, STAFF, type DashboardServer } from "./dashboard-helpers";

describe("staff passwords (scrypt)", () => {
  it("stores scrypt N=2^15 r=8 p=1 with a per-user salt and verifies only the right password", async () => {
    const a = await hashPassword("Luntai-Youth-2026!");
    const b = await hashPassword("Luntai-Youth-2026!");
    expect(a).toMatch(/^scrypt\$15\$8\$1\$[A-Za-z0-9+/=]{24}\$[A-Za-z0-9+/=]{44}$/);
    expect(a).not.toBe(b);
    await expect(verifyPassword("Luntai-Youth-2026!", a)).resolves.toBe(true);
    await expect(verifyPassword("luntai-youth-2026!", a)).resolves.toBe(false);
    await expect(verifyPassword("Luntai-Youth-2026!", a.replace(/.$/, a.endsWith("A") ? "B" : "A"))).resolves.toBe(false);
    await expect(verifyPassword("x", "md5$abc")).resolves.toBe(false);
  });

  it("refuses weak new passwords", () => {
    expect(passwordProblem("short", "li")).toMatch(/at least 10/);
    expect(passwordProblem("wangfang2026!", "wangfang")).toMatch(/user name/);
    expect(passwordProblem("aaaaaaaaaaaa", "li")).toMatch(/repeated/);
    expect(passwordProblem("团县委青年之声2026", "li")).toBeUndefined();
  });
});

describe("dashboard login, sessions and CSRF", () => {
  let s: DashboardServer;
  beforeEach(async () => {
    s = await startDashboard();
  });
  afterEach(() => s.close());

  it("redirects a logged-out page view to the login page and refuses other requests with 401", async () => {
    const b = s.browser();
    const page = await b.get("/dashboard/messages?from=2026-11-01");
    expect(page.status).toBe(302);
    expect(page.headers.get("location")).toBe("/dashboard/login?next=%2Fdashboard%2Fmessages%3Ffrom%3D2026-11-01");
    expect((await b.get("/dashboard/export/overview/daily.csv")).status).toBe(401);
    expect((await b.post("/dashboard/logout", { _csrf: "x" })).status).toBe(401);
    const login = await b.get("/dashboard/login");
    expect(login.status).toBe(200);
    expect(await login.text()).toContain("工作人员登录");
  });

  it("logs in with a fresh HttpOnly session cookie whose id is stored only hashed, and returns to `next`", async () => {
    const b = s.browser();
    const res = await b.login(STAFF.name, STAFF.password, "/dashboard/report?month=2026-10");
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/dashboard/report?month=2026-10");
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith("lt_session="))!;
    expect(cookie).toMatch(/^lt_session=[A-Za-z0-9_-]{43}; Path=\/dashboard; Max-Age=43200; HttpOnly; SameSite=Lax$/);
    const id = b.cookies.get("lt_session")!;
    const stored = s.deps.db.prepare("SELECT id_hash FROM staff_sessions").all() as { id_hash: string }[];
    expect(stored).toEqual([{ id_hash: createHash("sha256").update(id).digest("hex") }]);
    expect((await b.get("/dashboard")).status).toBe(200);
    // Case-insensitive names.
    expect((await s.browser().login("WangFang", STAFF.password)).status).toBe(302);
  });

  it("marks the cookie Secure when DASHBOARD_SECURE_COOKIE=true", async () => {
    const secure = await startDashboard({ DASHBOARD_SECURE_COOKIE: "true" });
    try {
      const res = await secure.browser().login();
      expect(res.headers.getSetCookie().find((c) => c.startsWith("lt_session="))).toMatch(/; Secure$/);
    } finally {
      await secure.close();
    }
  });

  it("answers a wrong password and an unknown name alike", async () => {
    const wrong = await s.browser().login(STAFF.name, "not-the-password");
    const unknown = await s.browser().login("nobody", "not-the-password");
    for (const res of [wrong, unknown]) {
      expect(res.status).toBe(401);
      expect(await res.text()).toContain("用户名或密码错误");
      expect(res.headers.getSetCookie().some((c) => c.startsWith("lt_session="))).toBe(false);
    }
  });

  it("refuses a login form posted without its nonce (login CSRF)", async () => {
    const b = s.browser();
    const res = await b.post("/dashboard/login", { name: STAFF.name, password: STAFF.password, _csrf: "forged", next: "/dashboard" });
    expect(res.status).toBe(403);
    expect(b.cookies.has("lt_session")).toBe(false);
  });

  it("throttles after 5 failures per IP and name for 15 minutes (429 + Retry-After), even with the right password", async () => {
    for (let i = 0; i < 5; i++) expect((await s.browser().login(STAFF.name, `wrong-${i}`)).status).toBe(401);
    const blocked = await s.browser().login(STAFF.name, STAFF.password);
    expect(blocked.status).toBe(429);
    expect(blocked.headers.get("retry-after")).toBe("900");
    expect(await blocked.text()).toContain("15 分钟后再试");
    s.clock.advance(10 * 60_000);
    expect((await s.browser().login(STAFF.name, STAFF.password)).headers.get("retry-after")).toBe("300");
    s.clock.advance(5 * 60_000 + 1000);
    expect((await s.browser().login(STAFF.name, STAFF.password)).status).toBe(302);
  });

  it("counts failures per client behind a trusted proxy (DASHBOARD_TRUST_PROXY), never from a client-sent header otherwise", async () => {
    const proxied = await startDashboard({ DASHBOARD_TRUST_PROXY: "true" });
    try {
      const from = (ip: string) => {
        const b = proxied.browser();
        const fetchVia = b.fetch.bind(b);
        b.fetch = (path, init = {}) => fetchVia(path, { ...init, headers: { ...(init.headers as Record<string, string>), "x-forwarded-for": `10.9.9.9, ${ip}` } });
        return b;
      };
      for (let i = 0; i < 5; i++) expect((await from("203.0.113.7").login(STAFF.name, `wrong-${i}`)).status).toBe(401);
      expect((await from("203.0.113.7").login()).status).toBe(429);
      expect((await from("198.51.100.23").login()).status).toBe(302);
    } finally {
      await proxied.close();
    }
    // Without the setting the header is ignored: a client cannot dodge the limit by inventing addresses.
    for (let i = 0; i < 5; i++) {
      const b = s.browser();
      const fetchVia = b.fetch.bind(b);
      b.fetch = (path, init = {}) => fetchVia(path, { ...init, headers: { ...(init.headers as Record<string, string>), "x-forwarded-for": `192.0.2.${i}` } });
      expect((await b.login(STAFF.name, `wrong-${i}`)).status).toBe(401);
    }
    expect((await s.browser().login()).status).toBe(429);
  });

  it("ends sessions after DASHBOARD_SESSION_HOURS", async () => {
    const b = s.browser();
    await b.login();
    s.clock.advance(12 * 3_600_000 - 1000);
    expect((await b.get("/dashboard/followers")).status).toBe(200);
    s.clock.advance(2000);
    expect((await b.get("/dashboard/followers")).status).toBe(302);
    expect((await b.get("/dashboard/export/followers/followers.csv")).status).toBe(401);
  });

  it("refuses a POST without the session's CSRF token, and logs out with it", async () => {
    const b = s.browser();
    await b.login();
    const page = await (await b.get("/dashboard")).text();
    const token = hiddenValue(page, "_csrf");
    expect((await b.post("/dashboard/logout", {})).status).toBe(403);
    expect((await b.post("/dashboard/logout", { _csrf: token.slice(0, -1) + (token.endsWith("A") ? "B" : "A") })).status).toBe(403);
    expect((await b.fetch("/dashboard/logout", { method: "POST", headers: { "content-type": "text/plain" }, body: `_csrf=${token}` })).status).toBe(415);
    expect((await b.get("/dashboard")).status).toBe(200);
    const out = await b.post("/dashboard/logout", { _csrf: token });
    expect(out.status).toBe(302);
    expect(out.headers.get("location")).toBe("/dashboard/login");
    expect(s.deps.db.prepare("SELECT count(*) AS n FROM staff_sessions").get()).toEqual({ n: 0 });
    expect((await b.get("/dashboard")).status).toBe(302);
  });

  it("never redirects outside the dashboard after login", () => {
    expect(safeNext("https://evil.example/")).toBe("/dashboard");
    expect(safeNext("//evil.example/dashboard")).toBe("/dashboard");
    expect(safeNext("/dashboard\\@evil")).toBe("/dashboard");
    expect(safeNext("/dashboard/login?next=x")).toBe("/dashboard");
    expect(safeNext("/dashboard/articles?from=2026-11-01")).toBe("/dashboard/articles?from=2026-11-01");
  });

  it("leaves the WeChat webhook outside the login (WeChat has no session)", async () => {
    const res = await fetch(`${s.url}/wechat?signature=${"0".repeat(40)}&timestamp=1&nonce=2&echostr=x`);
    expect(res.status).toBe(401); // refused by the signature check, not redirected to a login page
    expect(res.headers.get("location")).toBeNull();
    expect((await fetch(`${s.url}/healthz`)).status).toBe(200);
  });
});
