import type { Context, Middleware } from "koa";
import { can, type StaffAction } from "../../staff/can";
import { staffOf } from "./auth-session";

/** Who may not: the signed-in layout around the 403 text (dashboard-routes.ts renders it). */
export type RenderRefusal = (ctx: Context, refusal: { label: string; action: StaffAction }) => void;

export interface RoleGuard {
  /**
   * Behind requireStaff: `action` on `accountId`, by default `view` for GET/HEAD (pages and
   * exports) and `edit` for anything else; otherwise a 403 page naming `label` (the account).
   * It runs before CSRF and body parsing, so a refused upload is never read.
   */
  require(accountId: string, label: string, action?: StaffAction): Middleware;
  /** The same 403 from inside a handler, for checks that need what the handler loads (a 附件3 row's accounts). */
  refuse(ctx: Context, label: string, action: StaffAction): void;
}

export const actionOfMethod = (method: string): StaffAction => (method === "GET" || method === "HEAD" ? "view" : "edit");

export function createRoleGuard(render: RenderRefusal): RoleGuard {
  const refuse = (ctx: Context, label: string, action: StaffAction) => {
    ctx.status = 403;
    render(ctx, { label, action });
    ctx.status = 403;
  };
  return {
    refuse,
    require: (accountId, label, action) =>
      (async (ctx, next) => {
        const wanted = action ?? actionOfMethod(ctx.method);
        if (!can(staffOf(ctx).grants, wanted, accountId)) {
          refuse(ctx, label, wanted);
          return;
        }
        await next();
      }) as Middleware,
  };
}
