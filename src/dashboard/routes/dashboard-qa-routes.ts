import type Router from "@koa/router";
import type { Context } from "koa";
import type { Deps } from "../../deps";
import { AppError } from "../../errors";
import { withWeChat } from "../../cli/cli-wechat";
import { onDutyNames } from "../../qa/pick-on-duty";
import { localDate } from "../../time";
import { staffOf } from "../middleware/auth-session";
import { formOf, requireCsrf } from "../middleware/csrf";
import { PAGES, presentPage } from "../presenters/pages";
import { pageQuery, renderPage } from "../views/render-page";
import { ticketPage, ticketsPanel } from "../views/qa-views";
import type { PageRouteDeps } from "./dashboard-page-routes";
import { one } from "./query-value";


function ticketId(ctx: Context): number | undefined {
  const raw = (ctx.params as { id?: string }).id ?? "";
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
export function mountQaRoutes(router: Router, deps: Deps, pages: PageRouteDeps): void {
  const spec = PAGES.find((p) => p.id === "qa")!;
  const qa = deps.qa.service;
  const tz = deps.config.scheduleTimezone;

  router.get("/qa", pages.requireStaff, (ctx) => {
    const stats = pages.statsContext();
    const model = presentPage(stats, "qa", { from: one(ctx.query["from"]), to: one(ctx.query["to"]) });
    const search = (one(ctx.query["q"]) ?? "").trim().slice(0, 100);
    const all = one(ctx.query["all"]) === "1";
    const list = qa.list({ openOnly: !all, search: search || undefined, limit: 200 });
    const panel = ticketsPanel({ ...list, search, all, range: model.range, timezone: tz });
    const body = renderPage(model, { spec, today: localDate(deps.clock.now(), tz), extra: panel });
    ctx.type = "text/html; charset=utf-8";
    ctx.body = pages.page(ctx, model.title, body, { active: "qa", query: pageQuery(model), charts: model.charts.length > 0 });
  });

  const showTicket = (ctx: Context, id: number, view: { done?: string | undefined; error?: string; draft?: string; status?: number } = {}) => {
    const ticket = qa.get(id);
    const content = deps.qa.content.current();
    const body = ticketPage({
      ticket,
      events: qa.events(id),
      rota: content.rota.map((c) => c.name),
      onDuty: onDutyNames(content.rota, deps.clock.now(), tz),
      csrfToken: staffOf(ctx).csrfToken,
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
  const act = (name: string, run: (ctx: Context, id: number, form: URLSearchParams, by: string) => Promise<string> | string) => {
    router.post(`/qa/:id/${name}`, pages.requireStaff, requireCsrf, async (ctx) => {
      const id = ticketId(ctx);
      if (id === undefined) {
        ctx.status = 404;
        return;
      }
      const form = formOf(ctx);
      try {
        const done = await run(ctx, id, form, staffOf(ctx).name);
        ctx.redirect(`/dashboard/qa/${id}?${new URLSearchParams({ done }).toString()}`);
        ctx.status = 303;
      } catch (err) {
        if (!(err instanceof AppError) || !err.expose) throw err;
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
      if (id === undefined) throw new AppError("qa_not_found", "no such ticket", { expose: true, status: 404 });
      showTicket(ctx, id, { done: one(ctx.query["done"]) });
    } catch (err) {
      if (!(err instanceof AppError) || err.status !== 404) throw err;
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
      ? await withWeChat(deps, (wechat) => deps.qa.serviceWith(wechat).answer(id, text, by))
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
