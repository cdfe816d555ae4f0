import Router from "@koa/router";
import type { Deps } from "../../deps";
import { createSessionStore } from "../../db/stores/session-store";
import { createStaffLoginFailureStore } from "../../db/stores/staff-login-failure-store";
import { createStaffUserStore } from "../../db/stores/staff-user-store";
import { categoryLogger } from "../../logger";
import { rollupMessages } from "../../stats/rollup-messages";
import { statsContextOf } from "../presenters/stats-context-of";
import type { StatsContext } from "../../stats/stats-context";
import { createStatsStores } from "../../stats/stats-stores";
import { createSessionAuth, staffOf } from "../middleware/auth-session";
import { createLoginRateLimit } from "../middleware/login-rate-limit";
import { inputOf, requireCsrfInput } from "../middleware/csrf-input";
import { mountControlRoutes } from "../../sandbox/control-routes";
import { layout } from "../views/layout";
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
  const auth = createSessionAuth({
    sessions: createSessionStore(deps.db),
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
  const pages: PageRouteDeps = {
    requireStaff: auth.requireStaff,
    statsContext,
    page: (ctx, title, body, options) => {
      const staff = staffOf(ctx);
      return layout(
        {
          title,
          accountName: dashboard.accountName,
          assets: assets.urls,
          charts: options.charts,
          staff: { name: staff.name, csrfToken: staff.csrfToken, active: options.active, query: options.query, sandbox, inbox: unansweredSummary(deps.inbox, deps.clock.now()) },
        },
        body,
      ).value;
    },
    ...(sandbox ? { extra: (ctx, spec) => (spec.id === "messages" ? tryBotPanel(staffOf(ctx).csrfToken) : undefined) } : {}),
  };
  // 青年之声 first: it serves /dashboard/qa (the "qa" stats page plus the tickets to answer).
  mountQaRoutes(router, deps, pages);
  mountCommentRoutes(router, deps, pages);
  mountInboxRoutes(router, deps, pages);
  mountReportRoutes(router, deps, pages);
  mountDraftRoutes(router, deps, pages);
  // 发布 before the stats pages: it serves /dashboard/publications (the CSV export stays theirs).
  mountPublishRoutes(router, deps, pages);
  mountPhoneRoutes(router, deps, pages);
  mountPageRoutes(router, pages);
  if (deps.sandbox) {
    mountTryRoutes(router, deps, pages);
    // The simulator's control routes, behind the login like every other dashboard form (issue 12).
    mountControlRoutes(router, deps.sandbox, { read: [auth.requireStaff], change: [auth.requireStaff, requireCsrfInput], input: inputOf });
  }
  return router;
}
