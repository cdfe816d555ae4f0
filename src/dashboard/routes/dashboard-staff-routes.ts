import type Router from "@koa/router";
import type { Context, Middleware } from "koa";
import type { Deps } from "../../deps";
import { ALL_ACCOUNTS, ROLES, type Role, type StaffGrant, type StaffRoleStore } from "../../db/stores/staff-role-store";
import type { StaffUserStore } from "../../db/stores/staff-user-store";
import { accountLabel, ROLE_LABELS } from "../../staff/role-labels";
import { accountNames } from "../../staff/account-names";
import { formatLocal } from "../../time";
import { staffOf } from "../middleware/auth-session";
import { formOf, requireCsrf } from "../middleware/csrf";
import { staffPage } from "../views/staff-views";
import type { PageRouteDeps } from "./dashboard-page-routes";
import { one } from "./query-value";

export interface StaffRouteDeps {
  users: StaffUserStore;
  roles: StaffRoleStore;
  /** The county admin's check (administer on `*`). */
  asAdmin: Middleware;
  /** The account the audit log files these entries under. */
  county: string;
}

const NOTES: Record<string, { level: "info" | "warn"; text: string }> = {
  granted: { level: "info", text: "已添加权限：对方下一次点开页面即生效。" },
  revoked: { level: "info", text: "已移除权限：对方下一次点开页面即生效。" },
  had: { level: "warn", text: "这个人已经有这项权限了，没有改动。" },
  gone: { level: "warn", text: "这项权限已经不存在了（可能别人刚移除），没有改动。" },
  last_admin: { level: "warn", text: "不能移除最后一位“全部账号 · 管理员”：否则没有人能管理人员和锁定附件3。请先给另一个人添加这项权限。" },
};

/**
 * 人员 (issue 14, Roles), county admins only, CSRF on every POST, each change audit-logged:
 *   GET  /dashboard/staff           users and their grants, a form to add one
 *   POST /dashboard/staff/grant     {user, role, account}
 *   POST /dashboard/staff/revoke    {user, role, account}
 * New logins are made with the CLI (`user add`): passwords are never typed into a page for someone else.
 */
export function mountStaffRoutes(router: Router, deps: Deps, pages: PageRouteDeps, s: StaffRouteDeps): void {
  const tz = deps.config.scheduleTimezone;
  const names = () => accountNames(deps.config, s.county);

  router.get("/staff", pages.requireStaff, s.asAdmin, (ctx) => {
    const known = names();
    const grants = s.roles.all();
    const users = s.users.list().map((u) => ({
      name: u.name,
      lastLogin: u.lastLoginAt === null ? "从未登录" : formatLocal(new Date(u.lastLoginAt), tz),
      grants: grants.filter((g) => g.userId === u.id).map((g) => ({ role: g.role, accountId: g.accountId, account: accountLabel(g.accountId, known) })),
    }));
    const accounts = [ALL_ACCOUNTS, ...known.keys()].map((id) => ({ id, label: accountLabel(id, known) }));
    const done = one(ctx.query["done"]);
    ctx.type = "text/html; charset=utf-8";
    ctx.body = pages.page(ctx, "人员", staffPage({ csrfToken: staffOf(ctx).csrfToken, users, accounts, notice: done ? NOTES[done] : undefined }), {
      active: "staff",
      query: "",
      charts: false,
    });
  });

  /** The posted grant, or a 400 naming the field and what to write. */
  const grantOf = (ctx: Context): { userId: number; userName: string; grant: StaffGrant } | undefined => {
    const form = formOf(ctx);
    const user = s.users.findByName(form.get("user") ?? "");
    const role = form.get("role") ?? "";
    const accountId = form.get("account") ?? "";
    const problem = !user
      ? `字段 user：没有「${form.get("user") ?? ""}」这个登录名（新建登录账号请在服务器上运行 npm run cli -- user add）。`
      : !(ROLES as readonly string[]).includes(role)
        ? `字段 role：请写 ${ROLES.join("、")} 之一。`
        : accountId !== ALL_ACCOUNTS && !names().has(accountId)
          ? `字段 account：没有「${accountId}」这个账号；请写 * 或 content/accounts.yml 里的账号 id。`
          : undefined;
    if (problem || !user) {
      ctx.status = 400;
      ctx.type = "text/plain; charset=utf-8";
      ctx.body = `${problem}\n请返回「人员」页重新选择。`;
      return undefined;
    }
    return { userId: user.id, userName: user.name, grant: { role: role as Role, accountId } };
  };
  const audit = (ctx: Context, action: string, userName: string, g: StaffGrant) =>
    deps.stores.audit.record({
      at: deps.clock.now(),
      accountId: s.county,
      staffName: staffOf(ctx).name,
      action,
      target: `人员/${userName}`,
      detail: `${accountLabel(g.accountId, names())} · ${ROLE_LABELS[g.role]}`,
    });
  const back = (ctx: Context, done: string) => {
    ctx.status = 303;
    ctx.redirect(`/dashboard/staff?done=${done}`);
  };

  router.post("/staff/grant", pages.requireStaff, s.asAdmin, requireCsrf, (ctx) => {
    const posted = grantOf(ctx);
    if (!posted) return;
    const added = s.roles.grant(posted.userId, posted.grant, deps.clock.now().getTime());
    if (added) audit(ctx, "staff.grant", posted.userName, posted.grant);
    back(ctx, added ? "granted" : "had");
  });

  router.post("/staff/revoke", pages.requireStaff, s.asAdmin, requireCsrf, (ctx) => {
    const posted = grantOf(ctx);
    if (!posted) return;
    const { grant } = posted;
    const countyAdmins = s.roles.all().filter((g) => g.role === "admin" && g.accountId === ALL_ACCOUNTS);
    if (grant.role === "admin" && grant.accountId === ALL_ACCOUNTS && countyAdmins.length === 1 && countyAdmins[0]!.userId === posted.userId) {
      back(ctx, "last_admin");
      return;
    }
    const removed = s.roles.revoke(posted.userId, grant);
    if (removed) audit(ctx, "staff.revoke", posted.userName, grant);
    back(ctx, removed ? "revoked" : "gone");
  });
}
