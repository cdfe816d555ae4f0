"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.randomToken = exports.hashSessionId = exports.COOKIE_PATH = exports.SESSION_COOKIE = void 0;
exports.readCookie = readCookie;
exports.setCookie = setCookie;
exports.createSessionAuth = createSessionAuth;
exports.staffOf = staffOf;
const node_crypto_1 = require("node:crypto");
exports.SESSION_COOKIE = "lt_session";
/** Cookies are scoped to the dashboard: the webhook and the sandbox never see them. */
exports.COOKIE_PATH = "/dashboard";
const hashSessionId = (id) => (0, node_crypto_1.createHash)("sha256").update(id).digest("hex");
exports.hashSessionId = hashSessionId;
const randomToken = () => (0, node_crypto_1.randomBytes)(32).toString("base64url");
exports.randomToken = randomToken;
/** Reads one cookie from the Cookie header (no library: the format is simple and we set our own values). */
function readCookie(ctx, name) {
    for (const part of (ctx.get("cookie") || "").split(";")) {
        const eq = part.indexOf("=");
        if (eq > 0 && part.slice(0, eq).trim() === name)
            return part.slice(eq + 1).trim();
    }
    return undefined;
}
/** Sets a cookie: HttpOnly, SameSite=Lax, Path=/dashboard, Secure when configured; maxAge 0 deletes it. */
function setCookie(ctx, name, value, maxAgeSeconds, secure, sameSite = "Lax") {
    const attrs = [`${name}=${value}`, `Path=${exports.COOKIE_PATH}`, `Max-Age=${Math.max(0, Math.floor(maxAgeSeconds))}`, "HttpOnly", `SameSite=${sameSite}`];
    if (secure)
        attrs.push("Secure");
    ctx.append("Set-Cookie", attrs.join("; "));
}
/**
 * Sessions: a random 32-byte id in an HttpOnly cookie, only its SHA-256 in the database, a fixed
 * lifetime (DASHBOARD_SESSION_HOURS) and a CSRF token per session.
 */
function createSessionAuth(options) {
    const { sessions, clock } = options;
    const ttlMs = options.sessionHours * 3_600_000;
    const load = (ctx) => {
        const id = readCookie(ctx, exports.SESSION_COOKIE);
        if (!id || !/^[A-Za-z0-9_-]{43}$/.test(id))
            return undefined;
        const hash = (0, exports.hashSessionId)(id);
        const s = sessions.findLive(hash, clock.now().getTime());
        return s ? { userId: s.userId, name: s.userName, csrfToken: s.csrfToken, sessionHash: hash } : undefined;
    };
    return {
        load,
        /** A new session for `user` (a fresh id on every login: no fixation), replacing the request's old one. */
        start(ctx, user) {
            const old = readCookie(ctx, exports.SESSION_COOKIE);
            if (old)
                sessions.delete((0, exports.hashSessionId)(old));
            const now = clock.now().getTime();
            sessions.deleteExpired(now);
            const id = (0, exports.randomToken)();
            sessions.create({ idHash: (0, exports.hashSessionId)(id), userId: user.id, csrfToken: (0, exports.randomToken)(), createdAt: now, expiresAt: now + ttlMs });
            setCookie(ctx, exports.SESSION_COOKIE, id, ttlMs / 1000, options.secureCookie);
        },
        end(ctx) {
            const id = readCookie(ctx, exports.SESSION_COOKIE);
            if (id)
                sessions.delete((0, exports.hashSessionId)(id));
            setCookie(ctx, exports.SESSION_COOKIE, "", 0, options.secureCookie);
        },
        /**
         * Lets signed-in staff through (ctx.state.staff). Others: a page view is redirected to the
         * login page (and back afterwards); anything else (POST, CSV, assets of a page) gets 401.
         */
        requireStaff: (async (ctx, next) => {
            const staff = load(ctx);
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
        }),
    };
}
function staffOf(ctx) {
    const staff = ctx.state["staff"];
    if (!staff)
        throw new Error("dashboard: route registered without requireStaff");
    return staff;
}
//# sourceMappingURL=auth-session.js.map