import type Router from "@koa/router";
import type { Context } from "koa";
import type { Deps } from "../../deps";
import { postsFolderLabel } from "../../matrix/scope-account";
import { AppError } from "../../errors";
import { withWeChat } from "../../cli/cli-wechat";
import { describePlan, zoneName } from "../../posts/describe-plan";
import { loadPosts } from "../../posts/load-posts";
import type { Post } from "../../posts/post";
import { reschedulePost } from "../../posts/reschedule-post";
import { massQuota } from "../../publisher/mass-quota";
import { publisherFor } from "../../publisher/publisher";
import { staffActions } from "../../publisher/staff-actions";
import { addDays } from "../../stats/dates";
import { dayjs, localDate } from "../../time";
import type { ApiClient } from "../../wechat/api-client";
import { staffOf } from "../middleware/auth-session";
import { formOf, requireCsrf } from "../middleware/csrf";
import { formatNumber } from "../presenters/page-model";
import { resolveRange } from "../presenters/resolve-range";
import { presentPublications } from "../presenters/present-publications";
import {
  ACTION_LABELS,
  presentPublishPage,
  PUBLISH_ACTIONS,
  type PublishAction,
  type PublishItem,
  type PublishPageModel,
} from "../presenters/present-publish-page";
import { confirmPage, publishPage, type Notice } from "../views/publish-views";
import type { PageRouteDeps } from "./dashboard-page-routes";

/** A done-notice shows the staff member's own audit line only while it is fresh. */
const NOTICE_MS = 10 * 60_000;
const AUDIT_ACTION: Record<PublishAction, string> = {
  publish: "publication.publish_now",
  retry: "publication.retry",
  skip: "publication.skip",
  reschedule: "publication.reschedule",
};

const isAction = (s: string): s is PublishAction => (PUBLISH_ACTIONS as readonly string[]).includes(s);
const SLUG = /^[0-9a-z-]{1,120}$/;

/**
 * The 发布 page (issue 15), signed-in staff only; it replaces the generic stats page at the same
 * address (mounted first), and keeps its CSV export (/dashboard/export/publications/*.csv):
 *   GET  /dashboard/publications                      next 14 days, problems, recent ledger rows (?from&to)
 *   GET  /dashboard/publications/:slug/:action        the confirmation: what will happen
 *   POST /dashboard/publications/:slug/:action        does it (CSRF), writes an audit line, back to the page
 * action: publish (立即发布) | retry (重试) | skip (跳过) | reschedule (改时间: rewrites publish_at).
 * publish, retry and skip are the publisher's (publisher/staff-actions.ts: it refuses what already
 * went out); reschedule rewrites the file (posts/reschedule-post.ts).
 */
export function mountPublishRoutes(router: Router, deps: Deps, pages: PageRouteDeps): void {
  const accountId = deps.account.id;
  const tz = deps.config.scheduleTimezone;
  const columns = () => deps.content.current().columnsById;
  const withClient = <T>(fn: (wechat: ApiClient) => Promise<T>): Promise<T> => (deps.sandbox ? withWeChat(deps, fn) : fn(deps.wechat));
  const quotaAt = (at: Date) =>
    massQuota({ store: deps.stores.publications, accountId, accountType: deps.config.wechat.accountType, timezone: tz, at }).facts;

  const load = (range: { from: string; to: string }): { model: PublishPageModel; posts: Post[] } => {
    const { posts, errors } = loadPosts(deps.config.contentDir, { timezone: tz, columns: columns() });
    const model = presentPublishPage({
      posts,
      errors,
      rows: deps.stores.publications.list(accountId),
      lastIssue: (c) => deps.stores.publications.lastIssue(accountId, c),
      columnName: (id) => columns().get(id)?.name ?? id,
      quotaAt,
      now: deps.clock.now(),
      timezone: tz,
      verified: deps.config.wechat.verified,
      range,
    });
    return { model, posts };
  };

  const render = (ctx: Context, title: string, body: ReturnType<typeof publishPage>, status = 200, charts = false) => {
    ctx.status = status;
    ctx.type = "text/html; charset=utf-8";
    ctx.body = pages.page(ctx, title, body, { active: "publications", query: "", charts });
  };

  /** After a button: the staff member's own audit line about that post, if fresh (nothing from the URL is echoed). */
  const doneNotice = (ctx: Context): Notice | undefined => {
    const slug = typeof ctx.query["done"] === "string" ? ctx.query["done"] : "";
    if (!SLUG.test(slug)) return undefined;
    const [last] = deps.stores.audit.forTarget(accountId, slug, 1);
    if (!last || last.staffName !== staffOf(ctx).name || deps.clock.now().getTime() - last.at.getTime() > NOTICE_MS) return undefined;
    return { level: "info", text: last.detail ?? "已完成。" };
  };

  router.get("/publications", pages.requireStaff, (ctx) => {
    const one = (v: unknown) => (typeof v === "string" ? v : undefined);
    const today = localDate(deps.clock.now(), tz);
    const range = resolveRange({ from: one(ctx.query["from"]), to: one(ctx.query["to"]) }, today);
    const { model } = load(range);
    const rows = deps.stores.publications.list(accountId);
    const count = (...states: string[]) => rows.filter((r) => states.includes(r.state)).length;
    const kpis = [
      { label: "接下来 14 天", value: formatNumber(model.upcoming.length) },
      { label: "需要处理", value: formatNumber(count("failed", "missed")) },
      { label: "等待管理员确认", value: formatNumber(count("awaiting_approval")) },
      { label: "草稿已建", value: formatNumber(count("draft_only")) },
    ];
    const charts = presentPublications(pages.statsContext(), range).charts;
    render(ctx, "发布", publishPage({ model, kpis, charts, range, today, notice: doneNotice(ctx), postsDir: postsFolderLabel(accountId) }), 200, charts.length > 0);
  });

  /** The post and its row as the page shows them, with every ledger row in view. */
  const find = (ctx: Context): { item: PublishItem; action: PublishAction; post: Post | undefined } | undefined => {
    const { slug, action } = ctx.params as { slug: string; action: string };
    if (!SLUG.test(slug) || !isAction(action)) return undefined;
    const { model, posts } = load({ from: "2000-01-01", to: addDays(localDate(deps.clock.now(), tz), 1) });
    const item = [...model.upcoming, ...model.recent].find((i) => i.slug === slug);
    return item ? { item, action, post: posts.find((p) => p.slug === slug) } : undefined;
  };
  const notFound = (ctx: Context) => {
    ctx.status = 404;
    ctx.type = "text/plain; charset=utf-8";
    ctx.body = "没有这篇文章，或没有这个操作：请回到发布页面重新选择。";
  };

  /** What pressing the button will do, in sentences. */
  const willOf = (item: PublishItem, action: PublishAction, post: Post | undefined): string[] => {
    const now = deps.clock.now();
    const file = `${postsFolderLabel(accountId)}/${item.slug}.md`;
    const mode = post?.mode ?? deps.stores.publications.find(accountId, item.slug)?.mode ?? "publish";
    const plan = describePlan({ mode, at: now, now, timezone: tz, quota: mode === "mass" ? quotaAt(now) : undefined, verified: deps.config.wechat.verified });
    switch (action) {
      case "publish":
        return [plan, `原定时间：${item.at}。`, ...(mode === "mass" ? ["群发发出后无法撤回；若开启了群发保护，需要管理员在手机上确认（30 分钟内）。"] : [])];
      case "retry":
        return [`重新排版、上传图片并提交给微信：${plan}`, "已经发出的不会重复发送。"];
      case "skip":
        return ["这篇文章不再自动发布，状态记为“已跳过”。", `文件 ${file} 保留不动；以后要发，可以点“改时间”。`];
      case "reschedule":
        return [`只改文件 ${file} 里 publish_at 这一行，其他内容不动。`, `到新的时间自动${mode === "mass" ? "群发给全部关注者" : "发布（不推送给关注者）"}。`];
    }
  };

  const showConfirm = (ctx: Context, found: NonNullable<ReturnType<typeof find>>, error?: string, status = 200) => {
    const { item, action, post } = found;
    const reschedule =
      action === "reschedule" && post
        ? {
            // The post's time if still ahead, else an hour from now: a starting point to change.
            value: (post.publishAt > deps.clock.now() ? dayjs(post.publishAt) : dayjs(deps.clock.now()).add(1, "hour")).tz(tz).format("YYYY-MM-DDTHH:mm"),
            min: dayjs(deps.clock.now()).tz(tz).format("YYYY-MM-DDTHH:mm"),
            hash: post.sourceHash,
            zone: zoneName(tz),
          }
        : undefined;
    const allowed = item.actions.includes(action);
    const body = confirmPage({
      item,
      action,
      will: willOf(item, action, post),
      csrfToken: staffOf(ctx).csrfToken,
      reschedule,
      allowed,
      error: error ?? (allowed ? undefined : `现在不能${ACTION_LABELS[action]}：这篇文章的状态是“${item.state}”。请回到发布页面查看。`),
    });
    render(ctx, `${ACTION_LABELS[action]} · ${item.title}`, body, allowed ? status : 409);
  };

  router.get("/publications/:slug/:action", pages.requireStaff, (ctx) => {
    const found = find(ctx);
    if (!found) return notFound(ctx);
    showConfirm(ctx, found);
  });

  router.post("/publications/:slug/:action", pages.requireStaff, requireCsrf, async (ctx) => {
    const found = find(ctx);
    if (!found) return notFound(ctx);
    const { item, action, post } = found;
    if (!item.actions.includes(action)) return showConfirm(ctx, found);
    const staff = staffOf(ctx);
    let sentence: string;
    try {
      if (action === "reschedule") {
        if (!post) throw new AppError("reschedule_refused", `${postsFolderLabel(accountId)}/${item.slug}.md 不在了：无法改时间。`, { expose: true, status: 409 });
        const form = formOf(ctx);
        const done = reschedulePost({ file: post.file, expectedHash: form.get("hash") ?? "", newTime: form.get("publish_at") ?? "", timezone: tz, now: deps.clock.now() });
        sentence = `已改时间：${item.slug}.md 的 ${done.before.trim()} → ${done.line.trim()}。到时按新的时间发出。`;
      } else {
        const result = await withClient(async (wechat) => {
          const a = staffActions(publisherFor(deps, { wechat }));
          const by = { by: staff.name };
          return action === "publish" ? a.publishNow(item.slug, by) : action === "retry" ? a.retry(item.slug, by) : a.skip(item.slug, by);
        });
        if (!result.ok) {
          // Refused, or tried and not sent (a draft may exist now): audited too, and the page says why.
          deps.stores.audit.record({ at: deps.clock.now(), accountId, staffName: staff.name, action: AUDIT_ACTION[action], target: item.slug, detail: `未完成：${result.message}` });
          return showConfirm(ctx, find(ctx) ?? found, result.message, 409);
        }
        sentence = result.message;
      }
    } catch (err) {
      if (!(err instanceof AppError) || !err.expose) throw err;
      return showConfirm(ctx, found, err.message, err.status === 409 ? 409 : 422);
    }
    deps.stores.audit.record({ at: deps.clock.now(), accountId, staffName: staff.name, action: AUDIT_ACTION[action], target: item.slug, detail: sentence });
    ctx.status = 303;
    ctx.redirect(`/dashboard/publications?done=${encodeURIComponent(item.slug)}#post-${item.slug}`);
  });
}
