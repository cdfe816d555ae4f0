import type Router from "@koa/router";
import type { Context, Middleware } from "koa";
import { localDate } from "../../time";
import type { StatsContext } from "../../stats/stats-context";
import { staffOf } from "../middleware/auth-session";
import { isPageId, PAGES, presentPage, type NavId, type PageQuery, type PageSpec } from "../presenters/pages";
import { csvFileName, tableToCsv } from "../presenters/to-csv";
import type { SafeHtml } from "../views/html";
import { pageQuery, renderPage } from "../views/render-page";
import { one } from "./query-value";

export interface PageRouteDeps {
  requireStaff: Middleware;
  statsContext(): StatsContext;
  /** Wraps a body in the signed-in layout. */
  page(ctx: Context, title: string, body: SafeHtml, options: { active: NavId; query: string; charts: boolean }): string;
  /** Extra panel per page (the sandbox's "try the bot" on the messages page). */
  extra?(ctx: Context, spec: PageSpec): SafeHtml | undefined;
}

const queryOf = (ctx: Context): PageQuery => ({ from: one(ctx.query["from"]), to: one(ctx.query["to"]), month: one(ctx.query["month"]) });

/** Renders one stats page for the signed-in staff member; used by GET and by the try-bot POST. */
export function renderStatsPage(deps: PageRouteDeps, ctx: Context, spec: PageSpec, query: PageQuery, extra?: SafeHtml): void {
  staffOf(ctx);
  const stats = deps.statsContext();
  const model = presentPage(stats, spec.id, query);
  const panel = extra ?? deps.extra?.(ctx, spec);
  const body = renderPage(model, { spec, today: localDate(stats.clock.now(), stats.timezone), ...(panel ? { extra: panel } : {}) });
  ctx.type = "text/html; charset=utf-8";
  ctx.body = deps.page(ctx, model.title, body, { active: spec.id, query: pageQuery(model), charts: model.charts.length > 0 });
}

/** GET /dashboard[/page] for every page, and GET /dashboard/export/<page>/<table>.csv for every table shown. */
export function mountPageRoutes(router: Router, deps: PageRouteDeps): void {
  for (const spec of PAGES) {
    router.get(spec.path ? `/${spec.path}` : "/", deps.requireStaff, (ctx) => renderStatsPage(deps, ctx, spec, queryOf(ctx)));
  }

  router.get("/export/:page/:table.csv", deps.requireStaff, (ctx) => {
    const { page, table } = ctx.params as { page: string; table: string };
    const spec = PAGES.find((p) => p.id === page);
    if (!isPageId(page) || !spec) {
      ctx.status = 404;
      return;
    }
    const model = presentPage(deps.statsContext(), page, queryOf(ctx));
    const t = model.tables.find((x) => x.id === table);
    if (!t) {
      ctx.status = 404;
      ctx.body = `no table "${table}" on page ${page}`;
      return;
    }
    const suffix = model.range ? `${model.range.from}_${model.range.to}` : (model.month ?? "all");
    ctx.set("Content-Disposition", `attachment; filename="${csvFileName(page, table, suffix)}"`);
    ctx.type = "text/csv; charset=utf-8";
    ctx.body = tableToCsv(t);
  });
}
