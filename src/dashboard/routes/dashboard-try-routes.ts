import { webhookPathOf } from "../../webhook/webhook-path";
import type Router from "@koa/router";
import type { Context, Middleware } from "koa";
import type { Deps } from "../../deps";
import { formatReply } from "../../cli/format-reply";
import { buildPush } from "../../wechat/build-push";
import { parseReply } from "../../wechat/parse-reply";
import { formOf, requireCsrf } from "../middleware/csrf";
import { PAGES } from "../presenters/pages";
import { renderStatsPage, type PageRouteDeps } from "./dashboard-page-routes";
import type { TryBotExchange } from "../views/try-bot-panel";
import { tryBotPanel } from "../views/try-bot-panel";
import { staffOf } from "../middleware/auth-session";

/** The simulated youth of the "try the bot" panel (OpenIDs are 28 characters starting with "o"). */
export const TRY_OPENID = "oLunTaiDashboardTryYouth0001";

/**
 * Posts `text` to our own webhook exactly as WeChat would (signed, and encrypted in compat/safe
 * mode) on the address this request came in on, and renders the passive reply as the youth sees it.
 */
export async function tryBot(deps: Deps, ctx: Context, text: string): Promise<TryBotExchange> {
  const account = deps.accounts.get(deps.account.id)!;
  const aesKey = account.aesKeys[0];
  const push = buildPush(
    { kind: "text", content: text },
    TRY_OPENID,
    { token: account.token, originalId: account.originalId, encrypt: account.encryptMode !== "plain", appId: account.appId, aesKey },
    deps.clock.now(),
  );
  const { localAddress, localPort } = ctx.req.socket;
  const host = !localAddress ? "127.0.0.1" : localAddress.includes(":") ? `[${localAddress}]` : localAddress;
  try {
    const res = await fetch(`http://${host}:${localPort}${webhookPathOf(deps.account.id)}?${push.query}`, {
      method: "POST",
      headers: { "content-type": "text/xml" },
      body: push.body,
      signal: AbortSignal.timeout(6000),
    });
    const body = await res.text();
    if (res.status !== 200) return { sent: text, reply: `公众号服务器拒绝了这条消息：HTTP ${res.status} ${body}`, failed: true };
    return { sent: text, reply: formatReply(parseReply(body, aesKey)) };
  } catch (err) {
    return { sent: text, reply: `无法连接公众号服务器：${(err as Error).message}`, failed: true };
  }
}

/** POST /dashboard/messages/try (sandbox mode only): the messages page with the exchange shown. */
export function mountTryRoutes(router: Router, deps: Deps, pages: PageRouteDeps & { requireStaff: Middleware }): void {
  const spec = PAGES.find((p) => p.id === "messages")!;
  router.post("/messages/try", pages.requireStaff, requireCsrf, async (ctx) => {
    const text = (formOf(ctx).get("text") ?? "").trim().slice(0, 200);
    const exchange: TryBotExchange = text ? await tryBot(deps, ctx, text) : { sent: "", reply: "请输入要发送的内容。", failed: true };
    renderStatsPage(pages, ctx, spec, {}, tryBotPanel(staffOf(ctx).csrfToken, exchange));
  });
}
