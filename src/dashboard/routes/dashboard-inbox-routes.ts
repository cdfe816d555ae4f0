import type Router from "@koa/router";
import type { Context } from "koa";
import type { Deps } from "../../deps";
import { AppError } from "../../errors";
import { withWeChat } from "../../cli/cli-wechat";
import { MAX_IMAGE_BYTES, type InboxService, type ReplyInput } from "../../inbox/inbox-service";
import { localDate } from "../../time";
import type { ApiClient } from "../../wechat/api-client";
import { staffOf } from "../middleware/auth-session";
import { formOf, requireCsrf } from "../middleware/csrf";
import { formUploadOf, requireCsrfUpload } from "../middleware/csrf-upload";
import { unansweredSummary } from "../presenters/inbox-badge";
import { followerName, INBOX_PER_PAGE, presentThreadItems, presentThreadRow, rangeOf, readInboxQuery } from "../presenters/present-inbox";
import { inboxListPage, threadPage } from "../views/inbox-views";
import type { PageRouteDeps } from "./dashboard-page-routes";

/** OpenIDs are 28 characters of [A-Za-z0-9_-]; test and other accounts' ids are a little longer. */
const OPENID = /^[A-Za-z0-9_-]{6,64}$/;


const DONE: Record<string, { level: "info" | "warn"; text: string }> = {
  sent: { level: "info", text: "回复已发送到青年的微信。" },
  held: { level: "info", text: "回复已保存为“待送达”：青年下次给公众号发消息时，会随自动回复一起送达。" },
  uncertain: { level: "warn", text: "发送时连接中断，不确定青年是否已收到（发送结果不明）。请稍后查看，必要时再发一次。" },
  remark: { level: "info", text: "备注已保存。" },
};

/**
 * 私信 on the dashboard (issue 13), signed-in staff only, CSRF token on every POST:
 *   GET  /dashboard/inbox                    followers as threads, newest first (?q, from, to, filter, page)
 *   GET  /dashboard/inbox/:openId            one thread, the window, reply forms, 备注
 *   POST /dashboard/inbox/:openId/reply      text | image (multipart) | article; sent in the window, else held
 *   POST /dashboard/inbox/:openId/remark     the 备注 (who and when are kept)
 * Staff replies and remark changes carry the signed-in staff name.
 */
export function mountInboxRoutes(router: Router, deps: Deps, pages: PageRouteDeps): void {
  const tz = deps.config.scheduleTimezone;
  // In sandbox mode the simulator is served in-process, as the CLI and the 青年之声 page do
  // (cli/cli-wechat.ts), so a reply reaches it whatever port this server listens on.
  const withInbox = <T>(fn: (inbox: InboxService) => Promise<T>): Promise<T> =>
    deps.sandbox ? withWeChat(deps, (wechat: ApiClient) => fn(deps.inboxWith(wechat))) : fn(deps.inbox);

  const render = (ctx: Context, title: string, body: ReturnType<typeof threadPage>) => {
    ctx.type = "text/html; charset=utf-8";
    ctx.body = pages.page(ctx, title, body, { active: "inbox", query: "", charts: false });
  };

  router.get("/inbox", pages.requireStaff, (ctx) => {
    const query = readInboxQuery(ctx.query);
    const now = deps.clock.now();
    const { from, to } = rangeOf(query, tz);
    const list = deps.inbox.threads({ q: query.q, from, to, filter: query.filter, page: query.page, perPage: INBOX_PER_PAGE });
    const body = inboxListPage({
      query,
      cards: list.rows.map((r) => presentThreadRow(r, tz, now)),
      total: list.total,
      perPage: INBOX_PER_PAGE,
      unanswered: unansweredSummary(deps.inbox, now),
      today: localDate(now, tz),
    });
    render(ctx, "私信", body);
  });

  const openIdOf = (ctx: Context): string | undefined => {
    const raw = (ctx.params as { openId?: string }).openId ?? "";
    return OPENID.test(raw) ? raw : undefined;
  };
  const notFound = (ctx: Context) => {
    ctx.status = 404;
    ctx.type = "text/plain; charset=utf-8";
    ctx.body = "没有这位关注者的消息";
  };

  const articles = () => {
    const columns = deps.content.current().columnsById;
    return [...deps.catalog.byColumn(deps.account.id)].map(([columnId, list]) => ({
      column: columns.get(columnId)?.name ?? columnId,
      items: list.map((a) => ({ title: a.title, url: a.url, date: localDate(a.publishedAt, tz) })),
    })).filter((g) => g.items.length > 0);
  };

  const showThread = (ctx: Context, openId: string, view: { notice?: { level: "info" | "warn"; text: string } | undefined; error?: string; draft?: string; remarkDraft?: string; status?: number } = {}) => {
    const thread = deps.inbox.thread(openId);
    const body = threadPage({
      follower: thread.follower,
      lines: presentThreadItems(thread.items, tz),
      window: thread.window,
      verified: deps.config.wechat.verified,
      articles: articles(),
      csrfToken: staffOf(ctx).csrfToken,
      timezone: tz,
      notice: view.notice,
      ...(view.error ? { error: view.error } : {}),
      ...(view.draft !== undefined ? { draft: view.draft } : {}),
      ...(view.remarkDraft !== undefined ? { remarkDraft: view.remarkDraft } : {}),
    });
    ctx.status = view.status ?? 200;
    render(ctx, `私信 · ${followerName(thread.follower)}`, body);
  };

  /** A notice after a redirect: ?done=sent|held|uncertain|remark (&reply=id for the held reason). */
  const noticeOf = (ctx: Context, openId: string): { level: "info" | "warn"; text: string } | undefined => {
    const done = typeof ctx.query["done"] === "string" ? ctx.query["done"] : "";
    const note = DONE[done];
    if (!note) return undefined;
    const replyId = Number(ctx.query["reply"]);
    if (done === "held" && Number.isInteger(replyId)) {
      const r = deps.stores.staffReplies.get(replyId);
      if (r && r.accountId === deps.account.id && r.openId === openId && r.heldReason) return { level: "info", text: `回复已保存为“待送达”：${r.heldReason}。` };
    }
    if (done === "remark" && ctx.query["synced"] === "0") return { level: "info", text: "备注已保存在本系统（未同步到微信）。" };
    return note;
  };

  router.get("/inbox/:openId", pages.requireStaff, (ctx) => {
    const openId = openIdOf(ctx);
    if (!openId) return notFound(ctx);
    try {
      showThread(ctx, openId, { notice: noticeOf(ctx, openId) });
    } catch (err) {
      if (err instanceof AppError && err.status === 404) return notFound(ctx);
      throw err;
    }
  });

  /** Refused input (422) shows the thread again with the reason and what was typed; 404 stays 404. */
  const refused = (ctx: Context, openId: string, err: unknown, draft: { draft?: string; remarkDraft?: string }) => {
    if (!(err instanceof AppError) || !err.expose) throw err;
    if (err.status === 404) return notFound(ctx);
    showThread(ctx, openId, { error: err.message, status: err.status ?? 422, ...draft });
  };

  router.post("/inbox/:openId/reply", pages.requireStaff, requireCsrfUpload(MAX_IMAGE_BYTES), async (ctx) => {
    const openId = openIdOf(ctx);
    if (!openId) return notFound(ctx);
    const form = formOf(ctx);
    const upload = formUploadOf(ctx);
    const kind = form.get("kind") ?? (upload ? "image" : "text");
    const text = form.get("content") ?? "";
    try {
      let input: ReplyInput;
      if (kind === "image") {
        if (!upload || upload.data.length === 0) throw new AppError("inbox_invalid", "请选择要发送的图片", { expose: true, status: 422 });
        if (upload.tooLarge) throw new AppError("inbox_invalid", `图片超过 ${MAX_IMAGE_BYTES / 1048576} MB：请压缩后再发`, { expose: true, status: 422 });
        input = { kind: "image", data: upload.data, filename: upload.filename };
      } else if (kind === "article") {
        input = { kind: "article", url: form.get("url") ?? "" };
      } else {
        input = { kind: "text", content: text };
      }
      deps.inbox.check(input);
      const { reply, result } = await withInbox((inbox) => inbox.reply(openId, input, staffOf(ctx).name));
      const params = new URLSearchParams({ done: result.kind, reply: String(reply.id) });
      ctx.redirect(`/dashboard/inbox/${encodeURIComponent(openId)}?${params.toString()}#inbox-reply`);
      ctx.status = 303;
    } catch (err) {
      refused(ctx, openId, err, kind === "text" ? { draft: text } : {});
    }
  });

  router.post("/inbox/:openId/remark", pages.requireStaff, requireCsrf, async (ctx) => {
    const openId = openIdOf(ctx);
    if (!openId) return notFound(ctx);
    const remark = formOf(ctx).get("remark") ?? "";
    try {
      const r = await withInbox((inbox) => inbox.setRemark(openId, remark, staffOf(ctx).name));
      ctx.redirect(`/dashboard/inbox/${encodeURIComponent(openId)}?done=remark${r.synced ? "" : "&synced=0"}#inbox-remark`);
      ctx.status = 303;
    } catch (err) {
      refused(ctx, openId, err, { remarkDraft: remark });
    }
  });
}
