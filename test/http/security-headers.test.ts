import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { applySecurityHeaders } from "../../src/http/security-headers";
import { startDashboard, type DashboardServer } from "./dashboard-helpers";

/**
 * Issue 12: the dashboard set CSP, nosniff, framing and referrer headers on its own pages only;
 * 404s, /healthz and error answers went out without them. One module now defines them for every
 * response (createApp uses securityHeaders first in its middleware chain).
 */
const SECURITY_HEADERS = {
  "Content-Security-Policy":
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
    "form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  "X-Content-Type-Options": "nosniff",
  "X-Frame-Options": "DENY",
  "Referrer-Policy": "same-origin",
};
const expectSecured = (res: Response, what: string) => {
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) {
    expect({ what, name, value: res.headers.get(name) }).toEqual({ what, name, value });
  }
};

describe("security headers", () => {
  it("applySecurityHeaders works on a bare node:http response (the webhook's level)", async () => {
    const server = createServer((_req, res) => {
      applySecurityHeaders(res);
      res.end("ok");
    }).listen(0, "127.0.0.1");
    await new Promise((r) => server.once("listening", r));
    try {
      expectSecured(await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`), "bare");
    } finally {
      server.close();
    }
  });

  describe("on every answer of the app", () => {
    let s: DashboardServer;
    beforeAll(async () => {
      s = await startDashboard();
    });
    afterAll(() => s.close());

    it.each([
      ["a 404", "/nope", 404],
      ["/healthz", "/healthz", 200],
      ["a refused WeChat handshake (error handler)", `/wechat?signature=${"0".repeat(40)}&timestamp=1&nonce=2&echostr=x`, 401],
      ["the login page", "/dashboard/login", 200],
      ["a dashboard 404", "/dashboard/nope", 404],
      ["a sandbox 404", "/sandbox/cgi-bin/nope", 404],
    ])("%s", async (what, path, status) => {
      const res = await fetch(`${s.url}${path}`, { redirect: "manual" });
      expect(res.status).toBe(status);
      expectSecured(res, what);
    });

    it("a refused push (the webhook's node:http door)", async () => {
      const res = await fetch(`${s.url}/wechat?signature=${"0".repeat(40)}&timestamp=1&nonce=2`, { method: "POST", body: "<xml></xml>" });
      expect(res.status).toBeGreaterThanOrEqual(400);
      expectSecured(res, "push");
    });

    it("a method the router does not allow (405)", async () => {
      const res = await fetch(`${s.url}/healthz`, { method: "DELETE" });
      expect(res.status).toBe(405);
      expectSecured(res, "405");
    });
  });
});
