import { createApp } from "../../src/http/create-app";
import { dashboardRoutes } from "../../src/dashboard/routes/dashboard-routes";
import { closeDeps } from "../../src/build-deps";
import { createStaffUserStore } from "../../src/db/stores/staff-user-store";
import { hashPassword } from "../../src/dashboard/middleware/auth-password";
import type { Deps } from "../../src/deps";
import { fixedClock } from "../../src/time";
import { buildTestDeps, listen } from "../helpers/build-test-deps";

export const STAFF = { name: "wangfang", password: "Luntai-Youth-2026!" };

/** Sandbox mode: no WeChat credentials at all. */
export const SANDBOX_ENV = { WECHAT_APP_ID: "", WECHAT_APP_SECRET: "", WECHAT_TOKEN: "", WECHAT_ENCODING_AES_KEY: "", WECHAT_API_BASE: "" };

/** A cookie jar of one browser: sends what the server set, forgets what it deleted. */
export class Browser {
  readonly cookies = new Map<string, string>();
  constructor(readonly url: string) {}

  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  async fetch(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.cookies.size > 0) headers.set("cookie", this.header());
    const res = await fetch(this.url + path, { ...init, headers, redirect: "manual" });
    for (const line of res.headers.getSetCookie()) {
      const [pair = ""] = line.split(";");
      const eq = pair.indexOf("=");
      const name = pair.slice(0, eq);
      const value = pair.slice(eq + 1);
      if (/max-age=0/i.test(line) || value === "") this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return res;
  }

  get(path: string) {
    return this.fetch(path);
  }

  post(path: string, form: Record<string, string>) {
    return this.fetch(path, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: new URLSearchParams(form).toString() });
  }

  /** GET the login form, then POST it with the form's nonce. */
  async login(name = STAFF.name, password = STAFF.password, next?: string): Promise<Response> {
    const page = await (await this.get(`/dashboard/login${next ? `?next=${encodeURIComponent(next)}` : ""}`)).text();
    return this.post("/dashboard/login", { name, password, _csrf: hiddenValue(page, "_csrf"), next: hiddenValue(page, "next") });
  }
}

export function hiddenValue(page: string, name: string): string {
  const m = new RegExp(`name="${name}" value="([^"]*)"`).exec(page);
  if (!m) throw new Error(`no hidden field ${name} in the page`);
  return m[1]!.replace(/&amp;/g, "&");
}

export interface DashboardServer {
  deps: Deps;
  clock: ReturnType<typeof fixedClock>;
  url: string;
  browser(): Browser;
  close(): Promise<void>;
}

/** The app with the dashboard mounted (as main.ts does), one staff user, on an ephemeral port. */
export async function startDashboard(env: Record<string, string> = {}, seed?: (deps: Deps) => void): Promise<DashboardServer> {
  // 2026-11-23 10:00 in Beijing, as buildTestDeps' default, but one the tests can move.
  const clock = fixedClock("2026-11-23T02:00:00Z");
  const { deps } = buildTestDeps(env, { logLevel: "silent", clock });
  createStaffUserStore(deps.db).add(STAFF.name, await hashPassword(STAFF.password), clock.now().getTime());
  seed?.(deps);
  const server = await listen(createApp(deps, [dashboardRoutes(deps), ...(deps.sandbox ? [deps.sandbox.router] : [])]));
  return {
    deps,
    clock,
    url: server.url,
    browser: () => new Browser(server.url),
    async close() {
      await server.close();
      closeDeps(deps);
    },
  };
}
