"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.safeNext = safeNext;
exports.clientIp = clientIp;
exports.mountAuthRoutes = mountAuthRoutes;
const auth_password_1 = require("../middleware/auth-password");
const auth_session_1 = require("../middleware/auth-session");
const csrf_1 = require("../middleware/csrf");
const login_page_1 = require("../views/login-page");
/** The login form's double-submit cookie (there is no session yet to hold a CSRF token). */
const LOGIN_COOKIE = "lt_login";
/** Only our own pages: an absolute or protocol-relative `next` would make the login an open redirect. */
function safeNext(next) {
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
function clientIp(ctx, trustProxy) {
    if (trustProxy) {
        const last = (ctx.get("x-forwarded-for") || "").split(",").pop()?.trim();
        if (last)
            return last;
    }
    return ctx.ip;
}
/** GET/POST /dashboard/login, POST /dashboard/logout. */
function mountAuthRoutes(router, deps) {
    // Made once per router (not per module): the same cost as a real check for every unknown name.
    const nobody = (0, auth_password_1.dummyPasswordHash)();
    const showLogin = (ctx, status, view) => {
        const nonce = (0, auth_session_1.randomToken)();
        (0, auth_session_1.setCookie)(ctx, LOGIN_COOKIE, nonce, 3600, deps.secureCookie, "Strict");
        ctx.status = status;
        ctx.set("Cache-Control", "no-store");
        ctx.type = "text/html; charset=utf-8";
        ctx.body = deps.page("登录", (0, login_page_1.loginPage)({ nonce, ...view }));
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
        const form = await (0, csrf_1.readForm)(ctx);
        const name = (form.get("name") ?? "").trim().slice(0, 64);
        const password = form.get("password") ?? "";
        const next = safeNext(form.get("next"));
        if (!(0, csrf_1.tokensMatch)((0, auth_session_1.readCookie)(ctx, LOGIN_COOKIE), form.get("_csrf"))) {
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
        const ok = await (0, auth_password_1.verifyPassword)(password, user?.passwordHash ?? (await nobody));
        if (!user || !ok) {
            deps.log.warn({ ip }, "dashboard login failed");
            showLogin(ctx, 401, { next, name, error: "用户名或密码错误。" });
            return;
        }
        deps.rateLimit.succeed(limit.attempt);
        deps.users.touchLogin(user.id, deps.clock.now().getTime());
        deps.auth.start(ctx, user);
        (0, auth_session_1.setCookie)(ctx, LOGIN_COOKIE, "", 0, deps.secureCookie, "Strict");
        deps.log.info({ staff: user.name }, "dashboard login");
        ctx.redirect(next);
    });
    router.post("/logout", deps.auth.requireStaff, csrf_1.requireCsrf, (ctx) => {
        deps.auth.end(ctx);
        ctx.redirect("/dashboard/login");
    });
}
//# sourceMappingURL=dashboard-auth-routes.js.map