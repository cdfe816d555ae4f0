"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.mountQaRoutes = mountQaRoutes;
const errors_1 = require("../../errors");
const cli_wechat_1 = require("../../cli/cli-wechat");
const pick_on_duty_1 = require("../../qa/pick-on-duty");
const time_1 = require("../../time");
const auth_session_1 = require("../middleware/auth-session");
const csrf_1 = require("../middleware/csrf");
const pages_1 = require("../presenters/pages");
const render_page_1 = require("../views/render-page");
const qa_views_1 = require("../views/qa-views");
const one = (v) => (Array.isArray(v) ? v[0] : v);
function ticketId(ctx) {
    const raw = ctx.params.id ?? "";
    return /^\d{1,9}$/.test(raw) ? Number(raw) : undefined;
}
/**
 * 青年之声 on the dashboard (issue 7), signed-in staff only, CSRF token on every POST:
 *   GET  /dashboard/qa                the figures (the "qa" stats page, CSV included) and the tickets
 *                                     (open ones oldest first, or ?all=1; ?q= searches)
 *   GET  /dashboard/qa/:id            one ticket: answer form, assignment, history
 *   POST /dashboard/qa/:id/answer     answer (sent at once in the 48 h window, else with the next message)
 *   POST /dashboard/qa/:id/assign     reassign to a cadre of the rota
 *   POST /dashboard/qa/:id/not-question, /resend, /pick
 * Mounted before the generic stats pages so /dashboard/qa is served here.
 */
function mountQaRoutes(router, deps, pages) {
    const spec = pages_1.PAGES.find((p) => p.id === "qa");
    const qa = deps.qa.service;
    const tz = deps.config.scheduleTimezone;
    router.get("/qa", pages.requireStaff, (ctx) => {
        const stats = pages.statsContext();
        const model = (0, pages_1.presentPage)(stats, "qa", { from: one(ctx.query["from"]), to: one(ctx.query["to"]) });
        const search = (one(ctx.query["q"]) ?? "").trim().slice(0, 100);
        const all = one(ctx.query["all"]) === "1";
        const list = qa.list({ openOnly: !all, search: search || undefined, limit: 200 });
        const panel = (0, qa_views_1.ticketsPanel)({ ...list, search, all, range: model.range, timezone: tz });
        const body = (0, render_page_1.renderPage)(model, { spec, today: (0, time_1.localDate)(deps.clock.now(), tz), extra: panel });
        ctx.type = "text/html; charset=utf-8";
        ctx.body = pages.page(ctx, model.title, body, { active: "qa", query: (0, render_page_1.pageQuery)(model), charts: model.charts.length > 0 });
    });
    const showTicket = (ctx, id, view = {}) => {
        const ticket = qa.get(id);
        const content = deps.qa.content.current();
        const body = (0, qa_views_1.ticketPage)({
            ticket,
            events: qa.events(id),
            rota: content.rota.map((c) => c.name),
            onDuty: (0, pick_on_duty_1.onDutyNames)(content.rota, deps.clock.now(), tz),
            csrfToken: (0, auth_session_1.staffOf)(ctx).csrfToken,
            timezone: tz,
            done: view.done,
            error: view.error,
            draft: view.draft,
        });
        ctx.status = view.status ?? 200;
        ctx.type = "text/html; charset=utf-8";
        ctx.body = pages.page(ctx, `问题 #${id}`, body, { active: "qa", query: "", charts: false });
    };
    /** Runs a staff action; shows the ticket again with the outcome (303 after success: reload-safe). */
    const act = (name, run) => {
        router.post(`/qa/:id/${name}`, pages.requireStaff, csrf_1.requireCsrf, async (ctx) => {
            const id = ticketId(ctx);
            if (id === undefined) {
                ctx.status = 404;
                return;
            }
            const form = (0, csrf_1.formOf)(ctx);
            try {
                const done = await run(ctx, id, form, (0, auth_session_1.staffOf)(ctx).name);
                ctx.redirect(`/dashboard/qa/${id}?${new URLSearchParams({ done }).toString()}`);
                ctx.status = 303;
            }
            catch (err) {
                if (!(err instanceof errors_1.AppError) || !err.expose)
                    throw err;
                if (err.status === 404) {
                    ctx.status = 404;
                    ctx.body = err.message;
                    return;
                }
                showTicket(ctx, id, { error: err.message, status: err.status, ...(name === "answer" ? { draft: form.get("answer") ?? "" } : {}) });
            }
        });
    };
    router.get("/qa/:id", pages.requireStaff, (ctx) => {
        const id = ticketId(ctx);
        try {
            if (id === undefined)
                throw new errors_1.AppError("qa_not_found", "no such ticket", { expose: true, status: 404 });
            showTicket(ctx, id, { done: one(ctx.query["done"]) });
        }
        catch (err) {
            if (!(err instanceof errors_1.AppError) || err.status !== 404)
                throw err;
            ctx.status = 404;
            ctx.type = "text/plain";
            ctx.body = `没有这个问题 (${err.message})`;
        }
    });
    act("answer", async (_ctx, id, form, by) => {
        const text = form.get("answer") ?? "";
        // In sandbox mode the simulator is served in-process, as the CLI does (cli-wechat.ts), so the
        // answer reaches it whatever port this server listens on.
        const outcome = deps.sandbox
            ? await (0, cli_wechat_1.withWeChat)(deps, (wechat) => deps.qa.serviceWith(wechat).answer(id, text, by))
            : await qa.answer(id, text, by);
        return outcome.reason;
    });
    act("assign", (_ctx, id, form, by) => {
        qa.assign(id, form.get("assignee") ?? "", by);
        return "assigned";
    });
    act("not-question", (_ctx, id, _form, by) => {
        qa.notQuestion(id, by);
        return "not_question";
    });
    act("resend", (_ctx, id, _form, by) => {
        qa.resend(id, by);
        return "resend";
    });
    act("pick", (_ctx, id, form, by) => (qa.pick(id, form.get("picked") === "1", by).picked ? "picked" : "unpicked"));
}
//# sourceMappingURL=dashboard-qa-routes.js.map