import Router from "@koa/router";
import type { Context, Middleware } from "koa";
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
import { chooseAccount } from "../middleware/current-account";
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
import { mountInboxRoutes } from "./dashboard-inbox-routes";
import { createInboxBadge } from "../presenters/inbox-badge";
import { mountReportRoutes } from "./dashboard-report-routes";
import { mountDraftRoutes } from "./dashboard-draft-routes";
import { mountPublishRoutes } from "./dashboard-publish-routes";
import { mountPhoneRoutes } from "./dashboard-phone-routes";
import { mountStaffRoutes } from "./dashboard-staff-routes";
import { mountMatrixRoutes } from "./dashboard-matrix-routes";

/** The dashboard's router; `accountRouters` are the pages of each served account (tests walk them). */
export type DashboardRouter = Router & { accountRouters: ReadonlyMap<string, Router> };

/**
 * The staff dashboard under /dashboard (login at /dashboard/login): server-rendered pages with
 * charts and CSV exports of every table, behind a session login with CSRF tokens and login
 * throttling; in sandbox mode also the "try the bot" panel. Mount with createApp(deps, [this]).
 * The webhook (/wechat) is a separate router and stays open to WeChat only.
 *
 * Matrix (issue 14): the pages that belong to one account (figures, posts, 发布, inbox, 青年之声,
 * 留言, my phone, the simulator) are built once per served account from that account's Deps, and
 * each request goes to the current account's (the switcher: ?account=<id>, current-account.ts).
 * Every such page checks the staff member's role on that account. The pages over all accounts
 * (附件3, 人员, 矩阵) are built once.
 */
export function dashboardRoutes(deps: Deps): DashboardRouter {
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
  const county = deps.account.id;
  const accountIds = [...deps.matrix.keys()];
  const current = (ctx: Context): Deps => {
    // The session is read once a request: requireStaff finds it on ctx.state.
    const staff = (ctx.state["staff"] as StaffState | undefined) ?? auth.load(ctx);
    if (staff) ctx.state["staff"] = staff;
    return deps.matrix.get(chooseAccount(ctx, accountIds, staff?.grants, dashboard.secureCookie))!;
  };

  const badge = createInboxBadge(deps.clock);
  // A staff action here (a reply, a 青年之声 answer…) may change the count: the next page counts afresh.
  router.use(async (ctx, next) => {
    await next();
    if (ctx.method !== "GET" && ctx.method !== "HEAD") badge.clear();
  });
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
  const navOf = (staff: StaffState, accountId: string): Set<NavId> => {
    const nav = new Set<NavId>();
    if (can(staff.grants, "view", accountId)) for (const id of [...PAGES.map((p) => p.id), "inbox", "drafts", "comments", "phone"] as const) nav.add(id);
    // 附件3: the county's viewers see the report; a township's staff are sent to their own row.
    if (staff.grants.length > 0) nav.add("township-report");
    if (staff.grants.length > 0 && accountIds.some((id) => can(staff.grants, "view", id))) nav.add("matrix");
    if (can(staff.grants, "administer", ALL_ACCOUNTS)) nav.add("staff");
    return nav;
  };
  /** The signed-in layout as `scoped`'s pages show it: its name, its inbox count, the switcher. */
  const shell = (scoped: Deps, ctx: Context, title: string, body: Parameters<typeof layout>[1], options: { active?: NavId; query?: string; charts?: boolean }) => {
    const staff = staffOf(ctx);
    const accountId = scoped.account.id;
    const inbox = can(staff.grants, "view", accountId) ? { inbox: badge.of(scoped) } : {};
    const switcher = [...deps.matrix.values()]
      .filter((d) => can(staff.grants, "view", d.account.id))
      .map((d) => ({ id: d.account.id, name: d.config.dashboard.accountName, current: d.account.id === accountId }));
    return layout(
      {
        title,
        accountName: scoped.config.dashboard.accountName,
        assets: assets.urls,
        charts: options.charts ?? false,
        staff: {
          name: staff.name,
          csrfToken: staff.csrfToken,
          ...(options.active ? { active: options.active } : {}),
          query: options.query ?? "",
          sandbox,
          ...inbox,
          nav: navOf(staff, accountId),
          ...(switcher.length > 1 ? { accounts: switcher } : {}),
        },
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
    ctx.body = shell(current(ctx), ctx, "没有权限", refusalPage(refusal), {});
  });
  const asAdmin = guard.require(ALL_ACCOUNTS, "全部账号", "administer");

  /** The pages of one account, from its own Deps; one check per route group: signed in, then view (GET) or edit (POST) on it. */
  const accountRouter = (scoped: Deps): Router => {
    const r = new Router({ prefix: "/dashboard" });
    const onAccount = guard.require(scoped.account.id, scoped.config.dashboard.accountName);
    const accountStaff: Middleware = (ctx, next) => auth.requireStaff(ctx, () => onAccount(ctx, next));
    let catchingUp = false;
    const statsContext = (): StatsContext => {
      const ctx = statsContextOf(scoped, stats);
      if (!catchingUp) {
        // A long history not rolled up yet (first start): catch up in the background, yielding per day.
        catchingUp = true;
        rollupMessages(ctx).catch((err: unknown) => log.error({ err, account: scoped.account.id }, "message rollup failed"));
      }
      return ctx;
    };
    const pages: PageRouteDeps = {
      requireStaff: accountStaff,
      statsContext,
      page: (ctx, title, body, options) => shell(scoped, ctx, title, body, options),
      ...(scoped.sandbox ? { extra: (ctx, spec) => (spec.id === "messages" ? tryBotPanel(staffOf(ctx).csrfToken) : undefined) } : {}),
    };
    // 青年之声 first: it serves /dashboard/qa (the "qa" stats page plus the tickets to answer).
    mountQaRoutes(r, scoped, pages);
    mountCommentRoutes(r, scoped, pages);
    mountInboxRoutes(r, scoped, pages);
    mountDraftRoutes(r, scoped, pages);
    // 发布 before the stats pages: it serves /dashboard/publications (the CSV export stays theirs).
    mountPublishRoutes(r, scoped, pages);
    mountPhoneRoutes(r, scoped, pages);
    mountPageRoutes(r, pages);
    if (scoped.sandbox) {
      mountTryRoutes(r, scoped, pages);
      // The simulator's control routes, behind the login like every other dashboard form (issue 12).
      mountControlRoutes(r, scoped.sandbox, { read: [auth.requireStaff, asAdmin], change: [auth.requireStaff, asAdmin, requireCsrfInput], input: inputOf });
    }
    return r;
  };
  const accountRouters = new Map([...deps.matrix].map(([id, scoped]) => [id, accountRouter(scoped)] as const));

  // The pages over every account: the county's layout, each row or account checked inside.
  const sharedPages: PageRouteDeps = {
    requireStaff: auth.requireStaff,
    statsContext: () => statsContextOf(deps, stats),
    page: (ctx, title, body, options) => shell(current(ctx), ctx, title, body, options),
  };
  mountReportRoutes(router, deps, sharedPages, { guard, county });
  mountStaffRoutes(router, deps, sharedPages, { users, roles, asAdmin, county });
  // 矩阵: every account the staff member may view, side by side (rows filtered by role inside).
  mountMatrixRoutes(router, deps, { requireStaff: auth.requireStaff, page: sharedPages.page });
  // Signed in without a right on any served account (a township that only files 附件3): the
  // dashboard's front door leads to the one page they have, their 附件3 row, instead of a 403.
  router.get("/", auth.requireStaff, async (ctx, next) => {
    const grants = staffOf(ctx).grants;
    if (grants.length > 0 && !accountIds.some((id) => can(grants, "view", id))) return ctx.redirect("/dashboard/township-report");
    await next();
  });
  // Everything else is one account's page: the current account's router answers it.
  const accountMiddleware = new Map([...accountRouters].map(([id, r]) => [id, r.routes() as unknown as Middleware] as const));
  const toAccount: Middleware = (ctx, next) => accountMiddleware.get(current(ctx).account.id)!(ctx, next);
  router.all("/", toAccount);
  router.all("/{*rest}", toAccount);
  return Object.assign(router, { accountRouters });
}
