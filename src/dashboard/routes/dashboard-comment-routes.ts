import type Router from "@koa/router";
import type { Context } from "koa";
import type { Deps } from "../../deps";
import { withWeChat } from "../../cli/cli-wechat";
import { createCommentService, type CommentArticle, type CommentStaffAction } from "../../comments/comment-service";
import { createCommentActionStore } from "../../db/stores/comment-action-store";
import { createCommentCountStore } from "../../db/stores/comment-count-store";
import type { ApiClient } from "../../wechat/api-client";
import { staffOf } from "../middleware/auth-session";
import { formOf, requireCsrf } from "../middleware/csrf";
import { DONE_NOTES, REFUSAL_NOTES } from "../presenters/comment-notes";
import { commentArticlePage, commentsPage, type CommentSection, type CommentViewContext } from "../views/comment-views";
import type { SafeHtml } from "../views/html";
import type { PageRouteDeps } from "./dashboard-page-routes";
import { one } from "./query-value";

/** Articles per page of /dashboard/comments (each costs a comment/list call or more). */
const ARTICLES_PER_PAGE = 5;
/** Comments shown per article on the list page; the article's own page shows them all. */
const COMMENTS_PER_ARTICLE = 10;

const ACTIONS: Record<string, CommentStaffAction> = {
  elect: "elect",
  unelect: "unelect",
  reply: "reply",
  "delete-reply": "delete_reply",
  delete: "delete",
};

const SLUG_RE = /^[a-z0-9-]{1,120}$/;
const COMMENT_ID_RE = /^\d{1,20}$/;

/** Only our own pages: a `back` field pointing anywhere else goes to the list. */
const safeBack = (back: string | null, slug: string) =>
  back !== null && /^\/dashboard\/comments(\/[a-z0-9-]+)?(\?page=\d{1,4})?$/.test(back) ? back : `/dashboard/comments/${slug}`;

function noteOf(ctx: Context): { level: "info" | "warn"; text: string } | undefined {
  const done = one(ctx.query["done"]);
  if (done && DONE_NOTES[done]) return { level: "info", text: DONE_NOTES[done] };
  const refused = one(ctx.query["refused"]);
  if (refused && refused in REFUSAL_NOTES) return { level: "warn", text: REFUSAL_NOTES[refused as keyof typeof REFUSAL_NOTES] };
  return undefined;
}

/**
 * 留言 on the dashboard (issue 13), signed-in staff only, CSRF token on every POST, each action
 * audit-logged (comment_actions) with WeChat's answer:
 *   GET  /dashboard/comments[?page=N]        the newest published articles, their comments newest first
 *   GET  /dashboard/comments/:slug           one article: every comment, the audit log
 *   POST /dashboard/comments/:slug/:id/elect | unelect | reply {text} | delete-reply | delete
 *   POST /dashboard/comments/:slug/simulate {text}   sandbox mode only: a youth comments
 * On an account without the comment permission (48001, 88000) the page says so and reads no more.
 */
export function mountCommentRoutes(router: Router, deps: Deps, pages: PageRouteDeps): void {
  const accountId = deps.account.id;
  const service = createCommentService({
    accountId,
    publications: deps.stores.publications,
    counts: createCommentCountStore(deps.db),
    actions: createCommentActionStore(deps.db),
    clock: deps.clock,
    log: deps.log,
  });
  const tz = deps.config.scheduleTimezone;
  const sandbox = deps.sandbox !== undefined;
  // In sandbox mode the simulator is served in-process, as for 青年之声 answers (cli-wechat.ts).
  const wechat = <T>(fn: (client: ApiClient) => Promise<T>) => (deps.sandbox ? withWeChat(deps, fn) : fn(deps.wechat));
  const columnName = (id: string) => deps.content.current().columns.find((c) => c.id === id)?.name ?? id;
  const view = (ctx: Context, back: string): CommentViewContext => ({ csrfToken: staffOf(ctx).csrfToken, timezone: tz, back, sandbox });
  const send = (ctx: Context, title: string, body: SafeHtml) => {
    ctx.type = "text/html; charset=utf-8";
    ctx.body = pages.page(ctx, title, body, { active: "comments", query: "", charts: false });
  };
  const articleOf = (ctx: Context): CommentArticle | undefined => {
    const slug = (ctx.params as { slug?: string }).slug ?? "";
    return SLUG_RE.test(slug) ? service.article(slug) : undefined;
  };
  const notFound = (ctx: Context) => {
    ctx.status = 404;
    ctx.type = "text/plain";
    ctx.body = "没有这篇已发布的文章";
  };

  router.get("/comments", pages.requireStaff, async (ctx) => {
    const all = service.articles();
    const pageCount = Math.max(1, Math.ceil(all.length / ARTICLES_PER_PAGE));
    const page = Math.min(pageCount, Math.max(1, Number(one(ctx.query["page"])) || 1));
    const shown = all.slice((page - 1) * ARTICLES_PER_PAGE, page * ARTICLES_PER_PAGE);
    const sections: CommentSection[] = [];
    let refused: string | undefined;
    await wechat(async (client) => {
      for (const article of shown) {
        // No permission is the account's, not the article's: say it once and stop asking.
        const read = refused === undefined ? await service.read(client, article) : undefined;
        if (read && !read.ok && read.refusal === "no_permission") refused = REFUSAL_NOTES.no_permission;
        sections.push({ article, columnName: columnName(article.columnId), read: read && !read.ok && read.refusal === "no_permission" ? undefined : read, limit: COMMENTS_PER_ARTICLE });
      }
    });
    const back = page > 1 ? `/dashboard/comments?page=${page}` : "/dashboard/comments";
    send(ctx, "留言", commentsPage(view(ctx, back), { sections, refused, note: noteOf(ctx), page, pages: pageCount }));
  });

  router.get("/comments/:slug", pages.requireStaff, async (ctx) => {
    const article = articleOf(ctx);
    if (!article) return notFound(ctx);
    const read = await wechat((client) => service.read(client, article));
    const section: CommentSection = { article, columnName: columnName(article.columnId), read };
    send(ctx, `留言 · ${article.title}`, commentArticlePage(view(ctx, `/dashboard/comments/${article.slug}`), section, service.history(article), noteOf(ctx)));
  });

  router.post("/comments/:slug/:id/:action", pages.requireStaff, requireCsrf, async (ctx) => {
    const { id, action } = ctx.params as { id: string; action: string };
    const article = articleOf(ctx);
    const staffAction = ACTIONS[action];
    if (!article || !staffAction || !COMMENT_ID_RE.test(id)) return notFound(ctx);
    const form = formOf(ctx);
    const text = (form.get("text") ?? "").slice(0, 2000);
    const result = await wechat((client) =>
      service.act(client, article, staffAction, { commentId: id, by: staffOf(ctx).name, text, commentText: text.slice(0, 600) }),
    );
    const back = safeBack(form.get("back"), article.slug);
    const query = result.ok ? `done=${staffAction}` : `refused=${result.refusal}`;
    ctx.status = 303;
    ctx.redirect(`${back}${back.includes("?") ? "&" : "?"}${query}`);
  });

  if (deps.sandbox) {
    const simulator = deps.sandbox;
    router.post("/comments/:slug/simulate", pages.requireStaff, requireCsrf, (ctx) => {
      const article = articleOf(ctx);
      if (!article) return notFound(ctx);
      const form = formOf(ctx);
      const text = (form.get("text") ?? "").trim().slice(0, 600);
      if (text === "") {
        ctx.status = 400;
        ctx.body = "留言内容不能为空";
        return;
      }
      simulator.addComment({ msgDataId: article.ref.msgDataId, index: article.ref.index, content: text });
      const back = safeBack(form.get("back"), article.slug);
      ctx.status = 303;
      ctx.redirect(`${back}${back.includes("?") ? "&" : "?"}done=simulate`);
    });
  }
}
