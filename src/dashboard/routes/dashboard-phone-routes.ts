import type Router from "@koa/router";
import type { Context } from "koa";
import type { Deps } from "../../deps";
import { AppError } from "../../errors";
import { withWeChat } from "../../cli/cli-wechat";
import { issueBindCode } from "../../staff-phone/issue-bind-code";
import { maskOpenId } from "../../staff-phone/mask-open-id";
import { previewTarget } from "../../staff-phone/preview-target";
import { sendPreview } from "../../staff-phone/send-preview";
import { dayjs } from "../../time";
import { staffOf } from "../middleware/auth-session";
import { inputOf, requireCsrfInput } from "../middleware/csrf-input";
import { requireCsrf } from "../middleware/csrf";
import { phonePage, type PhoneView } from "../views/phone-views";
import type { PageRouteDeps } from "./dashboard-page-routes";

const SLUG = /^[0-9a-z-]{1,120}$/;

/**
 * 我的手机 (issue 15, "Staff bind their phone"), signed-in staff only, CSRF on every POST:
 *   GET  /dashboard/phone                         the bound phone (masked), how to bind
 *   POST /dashboard/phone/code                    a new one-time code, shown once on this response
 *   POST /dashboard/phone/unbind                  forgets the phone
 *   POST /dashboard/posts/:slug/preview-to-me     the post's preview to the signed-in staff member's phone
 * The code is sent from WeChat as "绑定 123456"; the webhook does the binding (webhook/handle-push.ts).
 */
export function mountPhoneRoutes(router: Router, deps: Deps, pages: PageRouteDeps): void {
  const accountId = deps.account.id;
  const tz = deps.config.scheduleTimezone;
  const store = deps.stores.staffPhones;
  const time = (d: Date) => dayjs(d).tz(tz).format("M月D日 HH:mm");

  const show = (ctx: Context, extra: Pick<PhoneView, "code" | "notice"> = {}) => {
    const staff = staffOf(ctx);
    const phone = store.phoneOf(accountId, staff.userId);
    const pending = extra.code ? undefined : store.liveCodeExpiry(accountId, staff.userId, deps.clock.now());
    const body = phonePage({
      accountName: deps.config.dashboard.accountName,
      csrfToken: staff.csrfToken,
      phone: phone ? { masked: maskOpenId(phone.openId), remark: phone.remark, boundAt: time(phone.boundAt) } : undefined,
      pendingUntil: pending ? dayjs(pending).tz(tz).format("HH:mm") : undefined,
      ...extra,
    });
    ctx.type = "text/html; charset=utf-8";
    ctx.body = pages.page(ctx, "我的手机", body, { active: "phone", query: "", charts: false });
  };

  router.get("/phone", pages.requireStaff, (ctx) => {
    const done = ctx.query["done"];
    show(ctx, done === "unbound" ? { notice: { level: "info", text: "已解除绑定。预览不会再发到那台手机。" } } : {});
  });

  router.post("/phone/code", pages.requireStaff, requireCsrf, (ctx) => {
    const staff = staffOf(ctx);
    const now = deps.clock.now();
    const issued = issueBindCode(store, accountId, staff.userId, now);
    deps.stores.audit.record({ at: now, accountId, staffName: staff.name, action: "staff_phone.code", target: staff.name, detail: `获取绑定码（${time(issued.expiresAt)} 前有效）` });
    // Shown on this response only (never in a URL or the log): the page must not be cached.
    ctx.set("Cache-Control", "no-store");
    show(ctx, { code: { code: issued.code, until: dayjs(issued.expiresAt).tz(tz).format("HH:mm") } });
  });

  router.post("/phone/unbind", pages.requireStaff, requireCsrf, (ctx) => {
    const staff = staffOf(ctx);
    const phone = store.phoneOf(accountId, staff.userId);
    if (store.unbind(accountId, staff.userId)) {
      deps.stores.audit.record({ at: deps.clock.now(), accountId, staffName: staff.name, action: "staff_phone.unbind", target: staff.name, detail: `解除绑定（微信 ${maskOpenId(phone?.openId ?? "")}）` });
    }
    ctx.status = 303;
    ctx.redirect("/dashboard/phone?done=unbound");
  });

  /**
   * For the 稿件 page's "发送预览到我的手机": a script's fetch (form or JSON body, the token in
   * `_csrf` or the X-CSRF-Token header) gets { ok, message }, the message in Chinese (sent, or what
   * to do: bind a phone first, fix the post). A plain form that names `back` (a /dashboard/ page)
   * is redirected there with ?preview=sent|refused.
   */
  router.post("/posts/:slug/preview-to-me", pages.requireStaff, requireCsrfInput, async (ctx) => {
    const staff = staffOf(ctx);
    const slug = (ctx.params as { slug: string }).slug;
    const back = typeof inputOf(ctx)["back"] === "string" && /^\/dashboard\/[^/]/.test(inputOf(ctx)["back"] as string) ? (inputOf(ctx)["back"] as string) : undefined;
    let ok = false;
    let message: string;
    try {
      if (!SLUG.test(slug)) throw new AppError("preview_refused", "文件名不对：只能有小写字母、数字和连字符。", { expose: true, status: 404 });
      const target = previewTarget(store, accountId, { userId: staff.userId, name: staff.name });
      const sent = await (deps.sandbox ? withWeChat(deps, (w) => sendPreview(deps, w, slug, target.openId)) : sendPreview(deps, deps.wechat, slug, target.openId));
      ok = true;
      message = `预览已发送到你的手机：${sent.title}。几秒后在微信里查看。`;
      deps.stores.audit.record({ at: deps.clock.now(), accountId, staffName: staff.name, action: "post.preview_to_me", target: slug, detail: message });
    } catch (err) {
      if (!(err instanceof AppError) || !err.expose) throw err;
      message = err.message;
      ctx.status = err.status;
    }
    if (back) {
      const url = new URL(back, "http://x");
      url.searchParams.set("preview", ok ? "sent" : "refused");
      ctx.status = 303;
      ctx.redirect(url.pathname + url.search);
      return;
    }
    ctx.status = ok ? 200 : ctx.status;
    ctx.body = { ok, message };
  });
}
