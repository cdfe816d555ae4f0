import type Router from "@koa/router";
import type { Context, Middleware } from "koa";
import type { Deps } from "../../deps";
import { localDate } from "../../time";
import { createAccessTokenStore } from "../../db/stores/access-token-store";
import { createStatsStores } from "../../stats/stats-stores";
import { readMatrixFigures } from "../../stats/read-matrix-figures";
import { can } from "../../staff/can";
import { describeGrants } from "../../staff/role-labels";
import { staffOf } from "../middleware/auth-session";
import { statsContextOf } from "../presenters/stats-context-of";
import { isSortKey, matrixTable, presentMatrix, type MatrixModel, type SortDir } from "../presenters/present-matrix";
import { tableToCsv } from "../presenters/to-csv";
import { matrixPage } from "../views/matrix-views";
import { refusalPage, refusalPlain, type Refusal } from "../views/refusal-page";
import type { PageRouteDeps } from "./dashboard-page-routes";
import { one } from "./query-value";

const MONTH_RE = /^\d{4}-(0[1-9]|1[0-2])$/;

/**
 * 矩阵 (issue 14, "The matrix pages"), for any signed-in staff member; each account is shown only
 * to those who may view it (can(grants, "view", id)), in the page, the 合计 row and the CSV alike:
 *   GET /dashboard/matrix[?month=YYYY-MM][&sort=<column>&dir=asc|desc]
 *   GET /dashboard/matrix.csv  (same query, same rows, 合计 last)
 * Every figure comes from rollups, the ledger and the sync state (stats/read-matrix-figures.ts),
 * so the page stays fast at a year of a dozen accounts' messages.
 */
export function mountMatrixRoutes(router: Router, deps: Deps, pages: { requireStaff: Middleware; page: PageRouteDeps["page"] }): void {
  const tz = deps.config.scheduleTimezone;
  const stats = createStatsStores(deps.db);
  const tokens = createAccessTokenStore(deps.db);
  const thisMonth = () => localDate(deps.clock.now(), tz).slice(0, 7);

  /** The month asked for (this month when none): well-formed and not after this month, else a 404 saying so. */
  const monthOf = (ctx: Context): string | undefined => {
    const raw = one(ctx.query["month"]);
    if (raw === undefined || raw === "") return thisMonth();
    if (MONTH_RE.test(raw) && raw <= thisMonth()) return raw;
    ctx.status = 404;
    ctx.type = "text/plain; charset=utf-8";
    ctx.body = `月份参数 month=${raw} 不对：请写成 YYYY-MM（例如 ${thisMonth()}），且不能晚于本月。`;
    return undefined;
  };

  /** The page's model for the signed-in staff member, or undefined after answering 403 / 404. */
  const modelOf = (ctx: Context, csv: boolean): MatrixModel | undefined => {
    const month = monthOf(ctx);
    if (!month) return undefined;
    const grants = staffOf(ctx).grants;
    const declared = deps.config.matrix.accounts;
    const visible = (id: string) => can(grants, "view", id);
    if (!declared.some((a) => visible(a.id))) {
      refuse(ctx, csv);
      return undefined;
    }
    const accounts = readMatrixFigures(
      {
        accounts: declared,
        statsOf: (id) => {
          const scoped = deps.matrix.get(id);
          return scoped ? statsContextOf(scoped, stats) : undefined;
        },
        problems: deps.matrixProblems,
        tokens,
      },
      visible,
      month,
    );
    const key = one(ctx.query["sort"]);
    const dir = one(ctx.query["dir"]);
    const sort = isSortKey(key) ? { key, dir: dir === "asc" || dir === "desc" ? (dir as SortDir) : undefined } : undefined;
    return presentMatrix({ month, accounts, sort, timezone: tz });
  };

  const refuse = (ctx: Context, csv: boolean) => {
    const staff = staffOf(ctx);
    const names = new Map(deps.config.matrix.accounts.map((a) => [a.id, a.name]));
    const refusal: Refusal = { label: "矩阵里的任何一个公众号", action: "view", mine: describeGrants(staff.grants, names), userName: staff.name };
    ctx.status = 403;
    if (csv) {
      ctx.type = "text/plain; charset=utf-8";
      ctx.body = refusalPlain(refusal);
      return;
    }
    ctx.type = "text/html; charset=utf-8";
    ctx.body = pages.page(ctx, "没有权限", refusalPage(refusal), { active: "matrix", query: "", charts: false });
  };

  router.get("/matrix", pages.requireStaff, (ctx) => {
    const model = modelOf(ctx, false);
    if (!model) return;
    ctx.type = "text/html; charset=utf-8";
    ctx.body = pages.page(ctx, model.title, matrixPage(model), { active: "matrix", query: "", charts: false });
  });

  router.get("/matrix.csv", pages.requireStaff, (ctx) => {
    const model = modelOf(ctx, true);
    if (!model) return;
    // RFC 6266: an ASCII name, and the Chinese one (filename*) every current browser uses.
    ctx.set("Content-Disposition", `attachment; filename="matrix-${model.month}.csv"; filename*=UTF-8''${encodeURIComponent(`矩阵_${model.month}.csv`)}`);
    ctx.type = "text/csv; charset=utf-8";
    ctx.body = tableToCsv(matrixTable(model));
  });
}
