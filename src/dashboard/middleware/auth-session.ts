import { createHash, randomBytes } from "node:crypto";
import type { Context, Middleware } from "koa";
import type { SessionStore } from "../../db/stores/session-store";
import type { StaffGrant, StaffRoleStore } from "../../db/stores/staff-role-store";
import type { Clock } from "../../time";

export const SESSION_COOKIE = "lt_session";
/** Cookies are scoped to the dashboard: the webhook and the sandbox never see them. */
export const COOKIE_PATH = "/dashboard";

/** The signed-in staff member, on ctx.state.staff behind requireStaff. */
export interface StaffState {
  userId: number;
  name: string;
  csrfToken: string;
  sessionHash: string;
  /** Read per request, so a grant or revocation on the 人员 page applies at the next click. */
  grants: StaffGrant[];
}

export interface SessionAuthOptions {
  sessions: SessionStore;
  roles: Pick<StaffRoleStore, "grantsOf">;
  clock: Clock;
  sessionHours: number;
  /** Add `Secure` (the dashboard is served over https through a proxy). */
  secureCookie: boolean;
}

export const hashSessionId = (id: string) => createHash("sha256").update(id).digest("hex");
export const randomToken = () => randomBytes(32).toString("base64url");

/** Reads one cookie from the Cookie header (no library: the format is simple and we set our own values). */
export function readCookie(ctx: Context, name: string): string | undefined {
  for (const part of (ctx.get("cookie") || "").split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

/** Sets a cookie: HttpOnly, SameSite=Lax, Path=/dashboard, Secure when configured; maxAge 0 deletes it. */
export function setCookie(ctx: Context, name: string, value: string, maxAgeSeconds: number, secure: boolean, sameSite = "Lax"): void {
  const attrs = [`${name}=${value}`, `Path=${COOKIE_PATH}`, `Max-Age=${Math.max(0, Math.floor(maxAgeSeconds))}`, "HttpOnly", `SameSite=${sameSite}`];
  if (secure) attrs.push("Secure");
  ctx.append("Set-Cookie", attrs.join("; "));
}

/**
 * Sessions: a random 32-byte id in an HttpOnly cookie, only its SHA-256 in the database, a fixed
 * lifetime (DASHBOARD_SESSION_HOURS) and a CSRF token per session.
 */
export function createSessionAuth(options: SessionAuthOptions) {
  const { sessions, clock } = options;
  const ttlMs = options.sessionHours * 3_600_000;

  const load = (ctx: Context): StaffState | undefined => {
    const id = readCookie(ctx, SESSION_COOKIE);
    if (!id || !/^[A-Za-z0-9_-]{43}$/.test(id)) return undefined;
    const hash = hashSessionId(id);
    const s = sessions.findLive(hash, clock.now().getTime());
    return s ? { userId: s.userId, name: s.userName, csrfToken: s.csrfToken, sessionHash: hash, grants: options.roles.grantsOf(s.userId) } : undefined;
  };

  return {
    load,
    /** A new session for `user` (a fresh id on every login: no fixation), replacing the request's old one. */
    start(ctx: Context, user: { id: number }): void {
      const old = readCookie(ctx, SESSION_COOKIE);
      if (old) sessions.delete(hashSessionId(old));
      const now = clock.now().getTime();
      sessions.deleteExpired(now);
      const id = randomToken();
      sessions.create({ idHash: hashSessionId(id), userId: user.id, csrfToken: randomToken(), createdAt: now, expiresAt: now + ttlMs });
      setCookie(ctx, SESSION_COOKIE, id, ttlMs / 1000, options.secureCookie);
    },
    end(ctx: Context): void {
      const id = readCookie(ctx, SESSION_COOKIE);
      if (id) sessions.delete(hashSessionId(id));
      setCookie(ctx, SESSION_COOKIE, "", 0, options.secureCookie);
    },
    /**
     * Lets signed-in staff through (ctx.state.staff). Others: a page view is redirected to the
     * login page (and back afterwards); anything else (POST, CSV, assets of a page) gets 401.
     */
    requireStaff: (async (ctx, next) => {
      // Loaded once a request: choosing the current account (current-account.ts) may have read it already.
      const staff = (ctx.state["staff"] as StaffState | undefined) ?? load(ctx);
      if (staff) {
        ctx.state["staff"] = staff;
        ctx.set("Cache-Control", "no-store");
        await next();
        return;
      }
      const page = (ctx.method === "GET" || ctx.method === "HEAD") && !ctx.path.endsWith(".csv");
      if (page) {
        ctx.redirect(`/dashboard/login?${new URLSearchParams({ next: ctx.originalUrl }).toString()}`);
        return;
      }
      ctx.status = 401;
      ctx.type = "text/plain";
      ctx.body = "请先登录 (login required)";
    }) as Middleware,
  };
}

export type SessionAuth = ReturnType<typeof createSessionAuth>;

export function staffOf(ctx: Context): StaffState {
  const staff = ctx.state["staff"] as StaffState | undefined;
  if (!staff) throw new Error("dashboard: route registered without requireStaff");
  return staff;
}
