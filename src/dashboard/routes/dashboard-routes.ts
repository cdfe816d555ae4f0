import Router from "@koa/router";
import type { Middleware } from "koa";
import type { Deps } from "../../deps";
import { createSessionStore } from "../../db/stores/session-store";
import { createStaffLoginFailureStore } from "../../db/stores/staff-login-failure-store";
import { createStaffUserStore } from "../../db/stores/staff-user-store";
import { ALL_ACCOUNTS, createStaffRoleStore } from "../../db/stores/staff-role-store";
import { can, type StaffAction } from "../../staff/can";
import { accountNames } from "../../staff/account-names";
import { describeGrants } from "../../staff/role-labels";
import { categoryLogger } from "../../logger";
import { rollupMessages } from "../../stats/rollup-messages";
import { statsContextOf } from "../presenters/stats-context-of";
import type { StatsContext } from "../../stats/stats-context";
import { createStatsStores } from "../../stats/stats-stores";
import { createSessionAuth, staffOf, type StaffState } from "../middleware/auth-session";
import { createRoleGuard } from "../middleware/require-role";
import { createLoginRateLimit } from "../middleware/login-rate-limit";
import { inputOf, requireCsrfInput } from "../middleware/csrf-input";
import { mountControlRoutes } from "../../sandbox/control-routes";
import { layout } from "../views/layout";
import { refusalPage, refusalPlain } from "../views/refusal-page";
import type { NavId } from "../presenters/pages";
import { PAGES } from "../presenters/pages";
import { tryBotPanel } from "../views/try-bot-panel";
import { loadDashboardAssets, mountAssetRoutes } from "./dashboard-asset-routes";
import { mountAuthRoutes } from "./dashboard-auth-routes";
import { mountPageRoutes, type PageRouteDeps } from "./dashboard-page-routes";
import { mountTryRoutes } from "./dashboard-try-routes";
import { mountQaRoutes } from "./dashboard-qa-routes";
import { mountCommentRoutes } from "./dashboard-comment-routes";
import { mountInboxRoutes, unansweredSummary } from "./dashboard-inbox-routes";
import { mountReportRoutes } from "./dashboard-report-routes";
import { mountDraftRoutes } from "./dashboard-draft-routes";
import { mountPublishRoutes } from "./dashboard-publish-routes";
import { mountPhoneRoutes } from "./dashboard-phone-routes";
import { mountStaffRoutes } from "./dashboard-staff-routes";

/**
 * The staff dashboard under /dashboard (login at /dashboard/login): server-rendered pages with
 * charts and CSV exports of every table, behind a session login with CSRF tokens and login
 * throttling; in sandbox mode also the "try the bot" panel. Mount with createApp(deps, [this]).
 * The webhook (/wechat) is a separate router and stays open to WeChat only.
 */
export function dashboardRoutes(deps: Deps): Router {
  const router = new Router({ prefix: "/dashboard" });
  const log = categoryLogger(deps.log, "http");
  const { dashboard } = deps.config;
  const users = createStaffUserStore(deps.db);
  const roles = createStaffRoleStore(deps.db);
  const auth = createSessionAuth({
    sessions: createSessionStore(deps.db),
    roles,
    clock: deps.clock,
    sessionHours: dashboard.sessionHours,
    secureCookie: dashboard.secureCookie,
  });
  const rateLimit = createLoginRateLimit({ failures: createStaffLoginFailureStore(deps.db), clock: deps.clock });
  const stats = createStatsStores(deps.db);
  const assets = loadDashboardAssets();
  const sandbox = deps.sandbox !== undefined;

  let catchingUp = false;
  const statsContext = (): StatsContext => {
    const ctx = statsContextOf(deps, stats);
    if (!catchingUp) {
      // A long history not rolled up yet (first start): catch up in the background, yielding per day.
      catchingUp = true;
      rollupMessages(ctx).catch((err: unknown) => log.error({ err }, "message rollup failed"));
    }
    return ctx;
  };

  // createApp sets these on every response; kept here so a dashboard mounted elsewhere has them too.
  mountAssetRoutes(router, assets.files);
  mountAuthRoutes(router, {
    users,
    auth,
    rateLimit,
    clock: deps.clock,
    log,
    secureCookie: dashboard.secureCookie,
    trustProxy: dashboard.trustProxy,
    page: (title, body) => layout({ title, accountName: dashboard.accountName, assets: assets.urls }, body).value,
  });
  // Every page today is the served (county) account's; a grant on it or on `*` opens them (issue 14, Roles).
  const county = deps.accounts.keys().next().value ?? "default";
  const navOf = (staff: StaffState): Set<NavId> => {
    const nav = new Set<NavId>();
    if (can(staff.grants, "view", county)) for (const id of [...PAGES.map((p) => p.id), "inbox", "drafts", "comments", "phone"] as const) nav.add(id);
    // 附件3: the county's viewers see the report; a township's staff are sent to their own row.
    if (staff.grants.length > 0) nav.add("township-report");
    if (can(staff.grants, "administer", ALL_ACCOUNTS)) nav.add("staff");
    return nav;
  };
  const shell = (ctx: Parameters<PageRouteDeps["page"]>[0], title: string, body: Parameters<typeof layout>[1], options: { active?: NavId; query?: string; charts?: boolean }) => {
    const staff = staffOf(ctx);
    const inbox = can(staff.grants, "view", county) ? { inbox: unansweredSummary(deps.inbox, deps.clock.now()) } : {};
    return layout(
      {
        title,
        accountName: dashboard.accountName,
        assets: assets.urls,
        charts: options.charts ?? false,
        staff: { name: staff.name, csrfToken: staff.csrfToken, ...(options.active ? { active: options.active } : {}), query: options.query ?? "", sandbox, ...inbox, nav: navOf(staff) },
      },
      body,
    ).value;
  };
  const guard = createRoleGuard((ctx, { label, action }: { label: string; action: StaffAction }) => {
    const staff = staffOf(ctx);
    const refusal = { label, action, mine: describeGrants(staff.grants, accountNames(deps.config, county)), userName: staff.name };
    log.info({ user: staff.name, method: ctx.method, path: ctx.path, action }, "dashboard: refused by role");
    if (ctx.method !== "GET" || /\.(csv|xlsx)$/.test(ctx.path)) {
      ctx.type = "text/plain; charset=utf-8";
      ctx.body = refusalPlain(refusal);
      return;
    }
    ctx.type = "text/html; charset=utf-8";
    ctx.body = shell(ctx, "没有权限", refusalPage(refusal), {});
  });
  // One check per route group: signed in, then view (GET) or edit (POST) on the county account.
  const onCounty = guard.require(county, dashboard.accountName);
  const countyStaff: Middleware = (ctx, next) => auth.requireStaff(ctx, () => onCounty(ctx, next));
  const asAdmin = guard.require(ALL_ACCOUNTS, "全部账号", "administer");
  const pages: PageRouteDeps = {
    requireStaff: countyStaff,
    statsContext,
    page: (ctx, title, body, options) => shell(ctx, title, body, options),
    ...(sandbox ? { extra: (ctx, spec) => (spec.id === "messages" ? tryBotPanel(staffOf(ctx).csrfToken) : undefined) } : {}),
  };
  // 青年之声 first: it serves /dashboard/qa (the "qa" stats page plus the tickets to answer).
  mountQaRoutes(router, deps, pages);
  mountCommentRoutes(router, deps, pages);
  mountInboxRoutes(router, deps, pages);
  // 附件3 checks per row (a township's staff enter their own row): signed in here, roles inside.
  mountReportRoutes(router, deps, { ...pages, requireStaff: auth.requireStaff }, { guard, county });
  mountDraftRoutes(router, deps, pages);
  // 发布 before the stats pages: it serves /dashboard/publications (the CSV export stays theirs).
  mountPublishRoutes(router, deps, pages);
  mountPhoneRoutes(router, deps, pages);
  // Signed in without a right on the county account's pages (a township's staff): the dashboard's
  // front door leads to the one page they have, their 附件3 row, instead of a 403.
  router.get("/", auth.requireStaff, async (ctx, next) => {
    const grants = staffOf(ctx).grants;
    if (!can(grants, "view", county) && grants.length > 0) return ctx.redirect("/dashboard/township-report");
    await next();
  });
  mountPageRoutes(router, pages);
  mountStaffRoutes(router, deps, { ...pages, requireStaff: auth.requireStaff }, { users, roles, asAdmin, county });
  if (deps.sandbox) {
    mountTryRoutes(router, deps, pages);
    // The simulator's control routes, behind the login like every other dashboard form (issue 12).
    mountControlRoutes(router, deps.sandbox, { read: [auth.requireStaff, asAdmin], change: [auth.requireStaff, asAdmin, requireCsrfInput], input: inputOf });
  }
  return router;
}
