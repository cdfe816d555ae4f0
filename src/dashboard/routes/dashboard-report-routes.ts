import { COUNTY_ACCOUNT_ID } from "../../matrix/declared-account";
import type Router from "@koa/router";
import type { Context } from "koa";
import type { Deps } from "../../deps";
import { COLUMN_CATEGORIES } from "../../bot/bot-content";
import { sentByCategory } from "../../stats/monthly-report";
import { statsContextOf } from "../presenters/stats-context-of";
import { localDate } from "../../time";
import { loadAccounts } from "../../matrix/load-accounts";
import type { AccountsDeclaration } from "../../matrix/declared-account";
import { reportUnits, type ReportUnit } from "../../matrix/report-units";
import { readTownshipReport } from "../../matrix/read-township-report";
import { auditTarget, createFiguresService, type FormStart } from "../../matrix/township-figures-service";
import { canLock } from "../../matrix/can-lock";
import { townshipReportGrid, chineseMonth, ATTACHMENT3_TITLE } from "../../matrix/township-report-grid";
import { accountListGrid, ATTACHMENT2_TITLE } from "../../matrix/account-list-grid";
import { gridToXlsx } from "../../matrix/grid-to-xlsx";
import { gridToCsv } from "../../matrix/grid-to-csv";
import type { Grid } from "../../matrix/report-grid";
import { staffOf } from "../middleware/auth-session";
import { formOf, requireCsrf } from "../middleware/csrf";
import { presentTownshipReport } from "../presenters/present-township-report";
import type { SafeHtml } from "../views/html";
import { accountsErrorsPage, figureFormPage, townshipReportPage, REPORT_PATH } from "../views/township-report-views";
import type { PageRouteDeps } from "./dashboard-page-routes";
import type { RoleGuard } from "../middleware/require-role";
import { can, canAny, type StaffAction } from "../../staff/can";
import { ALL_ACCOUNTS } from "../../db/stores/staff-role-store";
import { one } from "./query-value";

/** Roles on 附件3: the report and its exports are the county's; each row is its township accounts'. */
export interface ReportRoles {
  guard: RoleGuard;
  /** The county account: the report, 附件2 and the 直属 rows are its. */
  county: string;
}

const MONTH_RE = /^\d{4}-(0[1-9]|1[0-2])$/;

const NOTES: Record<string, { level: "info" | "warn"; text: string }> = {
  locked: { level: "info", text: "已锁定本月：表头已写入填报时间、填表人和联系方式，现在可以下载上报。" },
  unlocked: { level: "info", text: "已解除锁定：各乡镇可以再修改本月数字。" },
  already: { level: "warn", text: "本月已经锁定过了，无需再次锁定。" },
  not_locked: { level: "warn", text: "本月没有锁定，无需解除。" },
  forbidden: { level: "warn", text: "你没有锁定或解除锁定附件3 的权限，请联系团县委管理员。" },
};

/** RFC 6266: an ASCII fallback name plus the Chinese one (filename*), which every current browser uses. */
const attachment = (ascii: string, chinese: string) => `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(chinese)}`;

/**
 * 附件3 and 附件2 on the dashboard (issue 14), signed-in staff only, CSRF token on every POST:
 *   GET  /dashboard/township-report[?month=YYYY-MM]        each unit's state, lock, the table, downloads
 *   GET  /dashboard/township-report/:month/unit/:unit       one unit's form (last month's figures as a start)
 *   POST /dashboard/township-report/:month/unit/:unit       save (validated, audited; refused when locked)
 *   POST /dashboard/township-report/:month/lock {filler, phone} | /unlock      (canLock, audited)
 *   GET  /dashboard/township-report/:month/attachment3.xlsx | .csv
 *   GET  /dashboard/township-report/attachment2.xlsx | .csv   the accounts of content/accounts.yml
 * accounts.yml is read per request (a small file), so an edit shows without a restart.
 */
export function mountReportRoutes(router: Router, deps: Deps, pages: PageRouteDeps, roles: ReportRoles): void {
  const countyLabel = deps.config.dashboard.accountName;
  const onCounty = roles.guard.require(roles.county, countyLabel);
  // A township's row belongs to its accounts; the 直属 rows (no accounts) to the county. County viewers see every row.
  const unitAccounts = (unit: ReportUnit) => (unit.accounts.length > 0 ? unit.accounts.map((a) => a.id) : [roles.county]);
  const mayUnit = (ctx: Context, unit: ReportUnit, action: StaffAction) => {
    const grants = staffOf(ctx).grants;
    if (canAny(grants, action, unitAccounts(unit)) || (action === "view" && can(grants, "view", roles.county))) return true;
    roles.guard.refuse(ctx, unit.label, action);
    return false;
  };
  const tz = deps.config.scheduleTimezone;
  const auditAccountId = deps.accounts.keys().next().value ?? COUNTY_ACCOUNT_ID;
  const service = createFiguresService({ figures: deps.stores.townshipFigures, audit: deps.stores.audit, clock: deps.clock, auditAccountId });
  const today = () => localDate(deps.clock.now(), tz);
  const served = () => new Set(deps.accounts.keys());
  const declarationOr = (ctx: Context): AccountsDeclaration | undefined => {
    const { declaration, errors } = loadAccounts(deps.config.contentDir, {
      accountName: deps.config.dashboard.accountName,
      accountType: deps.config.wechat.accountType,
      verified: deps.config.wechat.verified,
    });
    if (declaration) return declaration;
    send(ctx, "附件3", accountsErrorsPage(errors));
    return undefined;
  };
  const send = (ctx: Context, title: string, body: SafeHtml) => {
    ctx.type = "text/html; charset=utf-8";
    ctx.body = pages.page(ctx, title, body, { active: "township-report", query: "", charts: false });
  };
  // Each account's posts are counted under its own columns' categories (its columns.yml).
  const sentOf = (accountId: string, month: string) => {
    const scoped = deps.matrix.get(accountId);
    const county = pages.statsContext();
    return sentByCategory(scoped ? statsContextOf(scoped, county.stores) : { ...county, accountId }, month);
  };
  /** A month in the URL: well-formed and not after this month (figures of the future do not exist). */
  const monthOf = (ctx: Context, raw: string | undefined): string | undefined => {
    if (raw !== undefined && MONTH_RE.test(raw) && raw <= today().slice(0, 7)) return raw;
    ctx.status = 404;
    ctx.type = "text/plain; charset=utf-8";
    ctx.body = `月份 ${raw ?? ""} 不对：请写成 YYYY-MM（例如 ${today().slice(0, 7)}），且不能晚于本月。`;
    return undefined;
  };
  const unitOf = (ctx: Context, units: readonly ReportUnit[]): ReportUnit | undefined => {
    const key = (ctx.params as { unit?: string }).unit ?? "";
    const unit = units.find((u) => u.key === key);
    if (unit) return unit;
    ctx.status = 404;
    ctx.type = "text/plain; charset=utf-8";
    ctx.body = `附件3 里没有“${key}”这一行：乡镇来自 content/accounts.yml 各账号的 township。`;
    return undefined;
  };
  const report = (declaration: AccountsDeclaration, month: string) =>
    readTownshipReport(
      { declaration, served: served(), figures: deps.stores.townshipFigures, sentOf, today: today(), localDateOf: (at) => localDate(at, tz) },
      month,
    );

  router.get("/township-report", pages.requireStaff, (ctx) => {
    const raw = one(ctx.query["month"]);
    const month = raw === undefined || raw === "" ? today().slice(0, 7) : monthOf(ctx, raw);
    if (!month) return;
    const declaration = declarationOr(ctx);
    if (!declaration) return;
    if (!can(staffOf(ctx).grants, "view", roles.county)) {
      const own = reportUnits(declaration, served()).find((u) => canAny(staffOf(ctx).grants, "view", unitAccounts(u)));
      if (own) ctx.redirect(`${REPORT_PATH}/${month}/unit/${encodeURIComponent(own.key)}`);
      else roles.guard.refuse(ctx, countyLabel, "view");
      return;
    }
    const { report: r, units } = report(declaration, month);
    const starts = new Map<string, FormStart>(units.map((u) => [u.key, service.formStart(month, u)]));
    const staff = staffOf(ctx);
    const model = presentTownshipReport({
      month,
      declaration,
      report: r,
      units,
      starts,
      history: deps.stores.audit.forTarget(auditAccountId, auditTarget(month, null), 20),
      canLock: canLock(staff),
      timezone: tz,
    });
    const saved = one(ctx.query["saved"]);
    const done = one(ctx.query["done"]);
    const note = saved
      ? { level: "info" as const, text: `已保存 ${saved} ${chineseMonth(month)} 的数字。` }
      : done && NOTES[done]
        ? NOTES[done]
        : undefined;
    send(ctx, `附件3 · ${chineseMonth(month)}`, townshipReportPage(model, staff.csrfToken, tz, note));
  });

  const formPage = (ctx: Context, month: string, unit: ReportUnit, values: Record<string, string> | undefined, errors: Record<string, string>) => {
    const start = service.formStart(month, unit);
    const shown = values ?? Object.fromEntries(Object.entries(start.values).map(([k, v]) => [k, String(v)]));
    const ledgerSent = unit.ledgerAccountIds.length > 0 ? COLUMN_CATEGORIES.map((c) => unit.ledgerAccountIds.reduce((a, id) => a + sentOf(id, month)[c], 0)) : null;
    send(
      ctx,
      `${unit.label} · ${chineseMonth(month)}`,
      figureFormPage({
        month,
        unit,
        start,
        values: shown,
        errors,
        lock: deps.stores.townshipFigures.lock(month),
        ledgerSent,
        history: deps.stores.audit.forTarget(auditAccountId, auditTarget(month, unit.key), 20),
        timezone: tz,
        csrfToken: staffOf(ctx).csrfToken,
      }),
    );
  };

  router.get("/township-report/:month/unit/:unit", pages.requireStaff, (ctx) => {
    const month = monthOf(ctx, (ctx.params as { month: string }).month);
    const declaration = month ? declarationOr(ctx) : undefined;
    if (!month || !declaration) return;
    const unit = unitOf(ctx, reportUnits(declaration, served()));
    if (unit && mayUnit(ctx, unit, "view")) formPage(ctx, month, unit, undefined, {});
  });

  router.post("/township-report/:month/unit/:unit", pages.requireStaff, requireCsrf, (ctx) => {
    const month = monthOf(ctx, (ctx.params as { month: string }).month);
    const declaration = month ? declarationOr(ctx) : undefined;
    if (!month || !declaration) return;
    const unit = unitOf(ctx, reportUnits(declaration, served()));
    if (!unit || !mayUnit(ctx, unit, "edit")) return;
    const form = formOf(ctx);
    const result = service.save(month, unit, form, staffOf(ctx));
    if (result.ok) {
      ctx.status = 303;
      ctx.redirect(`${REPORT_PATH}?month=${month}&saved=${encodeURIComponent(unit.label)}`);
      return;
    }
    const posted = Object.fromEntries(unit.fields.map((f) => [f.key, (form.get(f.key) ?? "").slice(0, 40)]));
    // 409: the month was filed meanwhile; 400: what was typed needs fixing. Either way the form keeps it.
    ctx.status = result.reason === "locked" ? 409 : 400;
    formPage(ctx, month, unit, posted, result.reason === "invalid" ? result.errors : {});
    ctx.status = result.reason === "locked" ? 409 : 400;
  });

  const lockOrUnlock = (action: "lock" | "unlock") => (ctx: Context) => {
    const month = monthOf(ctx, (ctx.params as { month: string }).month);
    if (!month) return;
    const form = formOf(ctx);
    const staff = staffOf(ctx);
    const result =
      action === "lock" ? service.lock(month, staff, { filler: form.get("filler") ?? "", phone: form.get("phone") ?? "" }) : service.unlock(month, staff);
    if (!result.ok && result.reason === "invalid") {
      ctx.status = 400;
      ctx.type = "text/plain; charset=utf-8";
      ctx.body = `${Object.values(result.errors).join("\n")}\n请返回上一页修改后再锁定。`;
      return;
    }
    const done = result.ok ? (action === "lock" ? "locked" : "unlocked") : result.reason;
    ctx.status = 303;
    ctx.redirect(`${REPORT_PATH}?month=${month}&done=${done}`);
  };
  const asAdmin = roles.guard.require(ALL_ACCOUNTS, "全部账号", "administer");
  router.post("/township-report/:month/lock", pages.requireStaff, asAdmin, requireCsrf, lockOrUnlock("lock"));
  router.post("/township-report/:month/unlock", pages.requireStaff, asAdmin, requireCsrf, lockOrUnlock("unlock"));

  const download = async (ctx: Context, grid: Grid, name: { ascii: string; chinese: string }, format: "xlsx" | "csv") => {
    if (format === "xlsx") {
      ctx.body = await gridToXlsx(grid, { creator: staffOf(ctx).name, created: deps.clock.now() });
      ctx.type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    } else {
      ctx.body = gridToCsv(grid);
      ctx.type = "text/csv; charset=utf-8";
    }
    ctx.set("Content-Disposition", attachment(`${name.ascii}.${format}`, `${name.chinese}.${format}`));
  };

  for (const format of ["xlsx", "csv"] as const) {
    router.get(`/township-report/attachment2.${format}`, pages.requireStaff, onCounty, async (ctx) => {
      const declaration = declarationOr(ctx);
      if (!declaration) return;
      await download(ctx, accountListGrid(declaration, today()), { ascii: "attachment2-accounts", chinese: `附件2_${ATTACHMENT2_TITLE}` }, format);
    });
    router.get(`/township-report/:month/attachment3.${format}`, pages.requireStaff, onCounty, async (ctx) => {
      const month = monthOf(ctx, (ctx.params as { month: string }).month);
      const declaration = month ? declarationOr(ctx) : undefined;
      if (!month || !declaration) return;
      const grid = townshipReportGrid(report(declaration, month).report);
      await download(ctx, grid, { ascii: `attachment3-${month}`, chinese: `附件3_${ATTACHMENT3_TITLE}_${chineseMonth(month)}` }, format);
    });
  }
}
