import type Router from "@koa/router";
import type { Context } from "koa";
import type { StaffUserStore } from "../../db/stores/staff-user-store";
import type { Logger } from "../../logger";
import type { Clock } from "../../time";
import { dummyPasswordHash, verifyPassword } from "../middleware/auth-password";
import { randomToken, readCookie, setCookie, type SessionAuth } from "../middleware/auth-session";
import { readForm, requireCsrf, tokensMatch } from "../middleware/csrf";
import type { LoginRateLimit } from "../middleware/login-rate-limit";
import { loginPage } from "../views/login-page";
import type { SafeHtml } from "../views/html";

/** The login form's double-submit cookie (there is no session yet to hold a CSRF token). */
const LOGIN_COOKIE = "lt_login";

export interface AuthRouteDeps {
  users: StaffUserStore;
  auth: SessionAuth;
  rateLimit: LoginRateLimit;
  clock: Clock;
  log: Logger;
  secureCookie: boolean;
  /** Take the client IP from X-Forwarded-For (DASHBOARD_TRUST_PROXY). */
  trustProxy: boolean;
  /** Wraps a body in the (signed-out) layout. */
  page(title: string, body: SafeHtml): string;
}

/** Only our own pages: an absolute or protocol-relative `next` would make the login an open redirect. */
export function safeNext(next: string | null | undefined): string {
  if (!next || !next.startsWith("/dashboard") || next.startsWith("//") || /[\\\r\n]/.test(next) || next.startsWith("/dashboard/login")) {
    return "/dashboard";
  }
  return next;
}

/**
 * The client's IP for login throttling. Behind our own reverse proxy the socket address is the
 * proxy's; the proxy appends the peer it saw to X-Forwarded-For, so the last entry is the one to
 * trust (earlier entries are whatever the client sent).
 */
export function clientIp(ctx: Context, trustProxy: boolean): string {
  if (trustProxy) {
    const last = (ctx.get("x-forwarded-for") || "").split(",").pop()?.trim();
    if (last) return last;
  }
  return ctx.ip;
}

/** GET/POST /dashboard/login, POST /dashboard/logout. */
export function mountAuthRoutes(router: Router, deps: AuthRouteDeps): void {
  // Made on the first unknown name, once per router (not per module): scrypt is memory-hard, and
  // hashing at startup raised the service's peak memory by 32 MB before any login.
  let nobody: Promise<string> | undefined;
  const showLogin = (ctx: Context, status: number, view: { next: string; name?: string; error?: string }) => {
    const nonce = randomToken();
    setCookie(ctx, LOGIN_COOKIE, nonce, 3600, deps.secureCookie, "Strict");
    ctx.status = status;
    ctx.set("Cache-Control", "no-store");
    ctx.type = "text/html; charset=utf-8";
    ctx.body = deps.page("登录", loginPage({ nonce, ...view }));
  };

  router.get("/login", (ctx) => {
    const next = safeNext(typeof ctx.query["next"] === "string" ? ctx.query["next"] : undefined);
    if (deps.auth.load(ctx)) {
      ctx.redirect(next);
      return;
    }
    showLogin(ctx, 200, { next });
  });

  router.post("/login", async (ctx) => {
    const form = await readForm(ctx);
    const name = (form.get("name") ?? "").trim().slice(0, 64);
    const password = form.get("password") ?? "";
    const next = safeNext(form.get("next"));
    if (!tokensMatch(readCookie(ctx, LOGIN_COOKIE), form.get("_csrf"))) {
      showLogin(ctx, 403, { next, name, error: "登录页已过期，请重新输入。" });
      return;
    }
    const ip = clientIp(ctx, deps.trustProxy);
    // Counted before the hash, so parallel guesses cannot all slip under the limit (issue 12).
    const limit = deps.rateLimit.reserve(ip, name);
    if (!limit.allowed) {
      ctx.set("Retry-After", String(limit.retryAfterSeconds));
      deps.log.warn({ ip, retryAfter: limit.retryAfterSeconds }, "dashboard login throttled");
      showLogin(ctx, 429, { next, name, error: `登录失败次数过多，请 ${Math.ceil(limit.retryAfterSeconds / 60)} 分钟后再试。` });
      return;
    }
    const user = name ? deps.users.findByName(name) : undefined;
    // Unknown names cost a full scrypt too, so timing does not tell which names exist.
    const ok = await verifyPassword(password, user?.passwordHash ?? (await (nobody ??= dummyPasswordHash())));
    if (!user || !ok) {
      deps.log.warn({ ip }, "dashboard login failed");
      showLogin(ctx, 401, { next, name, error: "用户名或密码错误。" });
      return;
    }
    deps.rateLimit.succeed(limit.attempt);
    deps.users.touchLogin(user.id, deps.clock.now().getTime());
    deps.auth.start(ctx, user);
    setCookie(ctx, LOGIN_COOKIE, "", 0, deps.secureCookie, "Strict");
    deps.log.info({ staff: user.name }, "dashboard login");
    ctx.redirect(next);
  });

  router.post("/logout", deps.auth.requireStaff, requireCsrf, (ctx) => {
    deps.auth.end(ctx);
    ctx.redirect("/dashboard/login");
  });
}
