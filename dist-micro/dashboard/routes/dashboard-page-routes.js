"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.renderStatsPage = renderStatsPage;
exports.mountPageRoutes = mountPageRoutes;
const time_1 = require("../../time");
const auth_session_1 = require("../middleware/auth-session");
const pages_1 = require("../presenters/pages");
const to_csv_1 = require("../presenters/to-csv");
const render_page_1 = require("../views/render-page");
const one = (v) => (Array.isArray(v) ? v[0] : v);
const queryOf = (ctx) => ({ from: one(ctx.query["from"]), to: one(ctx.query["to"]), month: one(ctx.query["month"]) });
/** Renders one stats page for the signed-in staff member; used by GET and by the try-bot POST. */
function renderStatsPage(deps, ctx, spec, query, extra) {
    (0, auth_session_1.staffOf)(ctx);
    const stats = deps.statsContext();
    const model = (0, pages_1.presentPage)(stats, spec.id, query);
    const panel = extra ?? deps.extra?.(ctx, spec);
    const body = (0, render_page_1.renderPage)(model, { spec, today: (0, time_1.localDate)(stats.clock.now(), stats.timezone), ...(panel ? { extra: panel } : {}) });
    ctx.type = "text/html; charset=utf-8";
    ctx.body = deps.page(ctx, model.title, body, { active: spec.id, query: (0, render_page_1.pageQuery)(model), charts: model.charts.length > 0 });
}
/** GET /dashboard[/page] for every page, and GET /dashboard/export/<page>/<table>.csv for every table shown. */
function mountPageRoutes(router, deps) {
    for (const spec of pages_1.PAGES) {
        router.get(spec.path ? `/${spec.path}` : "/", deps.requireStaff, (ctx) => renderStatsPage(deps, ctx, spec, queryOf(ctx)));
    }
    router.get("/export/:page/:table.csv", deps.requireStaff, (ctx) => {
        const { page, table } = ctx.params;
        const spec = pages_1.PAGES.find((p) => p.id === page);
        if (!(0, pages_1.isPageId)(page) || !spec) {
            ctx.status = 404;
            return;
        }
        const model = (0, pages_1.presentPage)(deps.statsContext(), page, queryOf(ctx));
        const t = model.tables.find((x) => x.id === table);
        if (!t) {
            ctx.status = 404;
            ctx.body = `no table "${table}" on page ${page}`;
            return;
        }
        const suffix = model.range ? `${model.range.from}_${model.range.to}` : (model.month ?? "all");
        ctx.set("Content-Disposition", `attachment; filename="${(0, to_csv_1.csvFileName)(page, table, suffix)}"`);
        ctx.type = "text/csv; charset=utf-8";
        ctx.body = (0, to_csv_1.tableToCsv)(t);
    });
}
//# sourceMappingURL=dashboard-page-routes.js.map