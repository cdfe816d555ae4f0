"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.UNANSWERED_DAYS = void 0;
exports.unansweredSummary = unansweredSummary;
exports.mountInboxRoutes = mountInboxRoutes;
const errors_1 = require("../../errors");
const cli_wechat_1 = require("../../cli/cli-wechat");
const inbox_service_1 = require("../../inbox/inbox-service");
const time_1 = require("../../time");
const auth_session_1 = require("../middleware/auth-session");
const csrf_1 = require("../middleware/csrf");
const csrf_upload_1 = require("../middleware/csrf-upload");
const labels_1 = require("../presenters/labels");
const present_inbox_1 = require("../presenters/present-inbox");
const inbox_views_1 = require("../views/inbox-views");
/** OpenIDs are 28 characters of [A-Za-z0-9_-]; test and other accounts' ids are a little longer. */
const OPENID = /^[A-Za-z0-9_-]{6,64}$/;
/** How many days back the unanswered counter looks (older silence is not "waiting" any more). */
exports.UNANSWERED_DAYS = 7;
/** "3 · 最久 2小时" for the nav: followers waiting for a reply and how long the first has waited. */
function unansweredSummary(inbox, now) {
    const u = inbox.unanswered(exports.UNANSWERED_DAYS);
    return { count: u.count, oldest: u.oldestAt ? (0, labels_1.ageLabel)(now.getTime() - u.oldestAt.getTime()) : "" };
}
const DONE = {
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
function mountInboxRoutes(router, deps, pages) {
    const tz = deps.config.scheduleTimezone;
    // In sandbox mode the simulator is served in-process, as the CLI and the 青年之声 page do
    // (cli/cli-wechat.ts), so a reply reaches it whatever port this server listens on.
    const withInbox = (fn) => deps.sandbox ? (0, cli_wechat_1.withWeChat)(deps, (wechat) => fn(deps.inboxWith(wechat))) : fn(deps.inbox);
    const render = (ctx, title, body) => {
        ctx.type = "text/html; charset=utf-8";
        ctx.body = pages.page(ctx, title, body, { active: "inbox", query: "", charts: false });
    };
    router.get("/inbox", pages.requireStaff, (ctx) => {
        const query = (0, present_inbox_1.readInboxQuery)(ctx.query);
        const now = deps.clock.now();
        const { from, to } = (0, present_inbox_1.rangeOf)(query, tz);
        const list = deps.inbox.threads({ q: query.q, from, to, filter: query.filter, page: query.page, perPage: present_inbox_1.INBOX_PER_PAGE });
        const body = (0, inbox_views_1.inboxListPage)({
            query,
            cards: list.rows.map((r) => (0, present_inbox_1.presentThreadRow)(r, tz, now)),
            total: list.total,
            perPage: present_inbox_1.INBOX_PER_PAGE,
            unanswered: unansweredSummary(deps.inbox, now),
            today: (0, time_1.localDate)(now, tz),
        });
        render(ctx, "私信", body);
    });
    const openIdOf = (ctx) => {
        const raw = ctx.params.openId ?? "";
        return OPENID.test(raw) ? raw : undefined;
    };
    const notFound = (ctx) => {
        ctx.status = 404;
        ctx.type = "text/plain; charset=utf-8";
        ctx.body = "没有这位关注者的消息";
    };
    const articles = () => {
        const columns = deps.content.current().columnsById;
        return [...deps.catalog.byColumn("default")].map(([columnId, list]) => ({
            column: columns.get(columnId)?.name ?? columnId,
            items: list.map((a) => ({ title: a.title, url: a.url, date: (0, time_1.localDate)(a.publishedAt, tz) })),
        })).filter((g) => g.items.length > 0);
    };
    const showThread = (ctx, openId, view = {}) => {
        const thread = deps.inbox.thread(openId);
        const body = (0, inbox_views_1.threadPage)({
            follower: thread.follower,
            lines: (0, present_inbox_1.presentThreadItems)(thread.items, tz),
            window: thread.window,
            verified: deps.config.wechat.verified,
            articles: articles(),
            csrfToken: (0, auth_session_1.staffOf)(ctx).csrfToken,
            timezone: tz,
            notice: view.notice,
            ...(view.error ? { error: view.error } : {}),
            ...(view.draft !== undefined ? { draft: view.draft } : {}),
            ...(view.remarkDraft !== undefined ? { remarkDraft: view.remarkDraft } : {}),
        });
        ctx.status = view.status ?? 200;
        render(ctx, `私信 · ${(0, present_inbox_1.followerName)(thread.follower)}`, body);
    };
    /** A notice after a redirect: ?done=sent|held|uncertain|remark (&reply=id for the held reason). */
    const noticeOf = (ctx, openId) => {
        const done = typeof ctx.query["done"] === "string" ? ctx.query["done"] : "";
        const note = DONE[done];
        if (!note)
            return undefined;
        const replyId = Number(ctx.query["reply"]);
        if (done === "held" && Number.isInteger(replyId)) {
            const r = deps.stores.staffReplies.get(replyId);
            if (r && r.openId === openId && r.heldReason)
                return { level: "info", text: `回复已保存为“待送达”：${r.heldReason}。` };
        }
        if (done === "remark" && ctx.query["synced"] === "0")
            return { level: "info", text: "备注已保存在本系统（未同步到微信）。" };
        return note;
    };
    router.get("/inbox/:openId", pages.requireStaff, (ctx) => {
        const openId = openIdOf(ctx);
        if (!openId)
            return notFound(ctx);
        try {
            showThread(ctx, openId, { notice: noticeOf(ctx, openId) });
        }
        catch (err) {
            if (err instanceof errors_1.AppError && err.status === 404)
                return notFound(ctx);
            throw err;
        }
    });
    /** Refused input (422) shows the thread again with the reason and what was typed; 404 stays 404. */
    const refused = (ctx, openId, err, draft) => {
        if (!(err instanceof errors_1.AppError) || !err.expose)
            throw err;
        if (err.status === 404)
            return notFound(ctx);
        showThread(ctx, openId, { error: err.message, status: err.status ?? 422, ...draft });
    };
    router.post("/inbox/:openId/reply", pages.requireStaff, (0, csrf_upload_1.requireCsrfUpload)(inbox_service_1.MAX_IMAGE_BYTES), async (ctx) => {
        const openId = openIdOf(ctx);
        if (!openId)
            return notFound(ctx);
        const form = (0, csrf_1.formOf)(ctx);
        const upload = (0, csrf_upload_1.formUploadOf)(ctx);
        const kind = form.get("kind") ?? (upload ? "image" : "text");
        const text = form.get("content") ?? "";
        try {
            let input;
            if (kind === "image") {
                if (!upload || upload.data.length === 0)
                    throw new errors_1.AppError("inbox_invalid", "请选择要发送的图片", { expose: true, status: 422 });
                if (upload.tooLarge)
                    throw new errors_1.AppError("inbox_invalid", `图片超过 ${inbox_service_1.MAX_IMAGE_BYTES / 1048576} MB：请压缩后再发`, { expose: true, status: 422 });
                input = { kind: "image", data: upload.data, filename: upload.filename };
            }
            else if (kind === "article") {
                input = { kind: "article", url: form.get("url") ?? "" };
            }
            else {
                input = { kind: "text", content: text };
            }
            deps.inbox.check(input);
            const { reply, result } = await withInbox((inbox) => inbox.reply(openId, input, (0, auth_session_1.staffOf)(ctx).name));
            const params = new URLSearchParams({ done: result.kind, reply: String(reply.id) });
            ctx.redirect(`/dashboard/inbox/${encodeURIComponent(openId)}?${params.toString()}#inbox-reply`);
            ctx.status = 303;
        }
        catch (err) {
            refused(ctx, openId, err, kind === "text" ? { draft: text } : {});
        }
    });
    router.post("/inbox/:openId/remark", pages.requireStaff, csrf_1.requireCsrf, async (ctx) => {
        const openId = openIdOf(ctx);
        if (!openId)
            return notFound(ctx);
        const remark = (0, csrf_1.formOf)(ctx).get("remark") ?? "";
        try {
            const r = await withInbox((inbox) => inbox.setRemark(openId, remark, (0, auth_session_1.staffOf)(ctx).name));
            ctx.redirect(`/dashboard/inbox/${encodeURIComponent(openId)}?done=remark${r.synced ? "" : "&synced=0"}#inbox-remark`);
            ctx.status = 303;
        }
        catch (err) {
            refused(ctx, openId, err, { remarkDraft: remark });
        }
    });
}
//# sourceMappingURL=dashboard-inbox-routes.js.map