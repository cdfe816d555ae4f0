"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.advancePublication = advancePublication;
exports.prepareDraft = prepareDraft;
exports.describePublication = describePublication;
const errors_1 = require("../errors");
const find_images_1 = require("../posts/find-images");
const preflight_1 = require("../posts/preflight");
const render_post_1 = require("../posts/render-post");
const time_1 = require("../time");
const apply_result_1 = require("./apply-result");
const client_msg_id_1 = require("./client-msg-id");
const failure_policy_1 = require("./failure-policy");
const lease_owner_1 = require("./lease-owner");
/** WeChat's clock and ours differ a little; a draft or publication this much older than our intent is not ours. */
const LOOKUP_SLACK_MS = 5 * 60_000;
/** draft/batchget and freepublish/batchget pages read when reconciling (20 a page, newest first). */
const LOOKUP_PAGES = 3;
/** Safety net against a state machine loop; a post needs at most 6 steps. */
const MAX_STEPS = 12;
/**
 * Publishes one post as far as it can go now: the idempotent command behind the scheduler, the
 * CLI and the crash tests. Takes the row's lease, then per state:
 *   scheduled → rendering (issue number, attempt) → [upload images, render, preflight, record the
 *   draft intent, draft/add, record media_id] → drafted → [record the submit intent with its
 *   clientmsgid, freepublish/submit or mass/sendall, record publish_id/msg_id] → submitted →
 *   [freepublish/get or mass/get] → published | failed.
 * Every WeChat call that creates something has its intent recorded before it and its result after,
 * so after a crash between the two the next run looks first: draft/batchget for the draft,
 * the same clientmsgid (45065 → msg_id) for a mass send, freepublish/batchget for a publication.
 */
async function advancePublication(p, slug, post) {
    const first = p.store.find(p.accountId, slug);
    if (!first)
        return { slug, state: "unknown", detail: "not in the ledger" };
    if (!claim(p, first))
        return { slug, state: "busy", detail: `another process (${first.leaseOwner ?? "?"}) is publishing it` };
    let row = first;
    try {
        // A row waiting after a transient failure counts one more attempt when it is tried again.
        if (row.nextAttemptAt !== null && row.state !== "waiting_quota" && row.state !== "scheduled") {
            row = save(p, { ...row, attempts: row.attempts + 1, nextAttemptAt: null }, { step: "retry", detail: `attempt ${row.attempts + 1}` }) ?? row;
        }
        for (let i = 0; i < MAX_STEPS; i++) {
            row = p.store.find(p.accountId, slug);
            renew(p, row);
            if ((await step(p, row, post)) === "stop")
                break;
        }
        row = p.store.find(p.accountId, slug);
        return { slug, state: row.state, detail: describePublication(p, row) };
    }
    catch (err) {
        row = p.store.find(p.accountId, slug) ?? row;
        return recordFailure(p, row, err);
    }
    finally {
        p.store.release(p.accountId, slug, p.owner);
    }
}
function claim(p, row) {
    const now = p.clock.now();
    const until = new Date(now.getTime() + p.leaseMs);
    const steal = row.leaseOwner !== null && (0, lease_owner_1.isDeadLocalOwner)(row.leaseOwner) ? row.leaseOwner : undefined;
    if (steal)
        p.log.warn({ post: row.slug, holder: steal }, "taking over the post from a process that died");
    return p.store.claim(p.accountId, row.slug, p.owner, until, now, steal);
}
function renew(p, row) {
    const now = p.clock.now();
    p.store.claim(p.accountId, row.slug, p.owner, new Date(now.getTime() + p.leaseMs), now);
}
function save(p, next, note) {
    const saved = p.store.save(next, note, p.clock.now());
    if (saved)
        p.log.debug({ post: saved.slug, state: saved.state, step: note.step, detail: note.detail }, "ledger");
    return saved;
}
function hook(p, step, row) {
    p.hooks.afterStep?.(step, row);
}
async function step(p, row, post) {
    switch (row.state) {
        case "scheduled":
            return start(p, row, post);
        case "waiting_quota":
            return resumeAfterQuota(p, row, post);
        case "rendering":
            return renderAndDraft(p, row, post);
        case "drafted":
            return submit(p, row, post);
        case "submitted":
            return poll(p, row);
        default:
            return "stop";
    }
}
/** Cleared when a post starts over (a new draft will be made). */
const FRESH = {
    articleTitle: null,
    digest: null,
    coverMediaId: null,
    coverUrl: null,
    draftRequestedAt: null,
    draftMediaId: null,
    draftedAt: null,
    submitRequestedAt: null,
    clientMsgId: null,
    publishId: null,
    msgId: null,
    msgDataId: null,
    submittedAt: null,
    articleId: null,
    articleUrl: null,
    publishedAt: null,
    sentCount: null,
    errorCount: null,
    failureCode: null,
    failureReason: null,
    nextAttemptAt: null,
};
function cancel(p, row, reason) {
    save(p, { ...row, state: "cancelled", failureReason: reason, nextAttemptAt: null }, { step: "cancelled", detail: reason });
    p.log.warn({ post: row.slug, reason }, "publication cancelled");
    return "stop";
}
/** scheduled → rendering: the attempt and the issue (期数) this post will carry. */
function start(p, row, post) {
    if (!post)
        return cancel(p, row, "the post file was removed or marked draft: true");
    const column = p.columns().get(post.columnId);
    if (!column)
        throw new failure_policy_1.PostProblems([new errors_1.ContentError(post.file, `"${post.columnId}" is not a column in columns.yml`, { field: "column" })]);
    let mode = post.mode;
    if (post.mode === "mass") {
        const until = quotaBlockedUntil(p, row);
        if (until && p.quotaFallback === "publish") {
            mode = "publish";
            p.log.warn({ post: row.slug }, "no 群发 quota left: going out as 发布 (PUBLISH_QUOTA_FALLBACK=publish)");
        }
        else if (until)
            return waitForQuota(p, { ...row, mode: post.mode }, until, "no 群发 quota left by our own count");
    }
    const issue = post.issue ?? p.store.lastIssue(p.accountId, post.columnId) + 1;
    const saved = save(p, {
        ...row,
        ...FRESH,
        state: "rendering",
        columnId: post.columnId,
        mode,
        postTitle: post.title,
        scheduledAt: post.publishAt,
        issue,
        contentHash: post.sourceHash,
        attempts: row.attempts + 1,
    }, { step: "render", detail: `attempt ${row.attempts + 1}, issue ${issue}` });
    if (saved)
        hook(p, "rendering", saved);
    return "continue";
}
/**
 * The 群发 quota as our ledger sees it (WeChat's own 45028 stays the judge: sends made in the MP
 * console count too). 订阅号: 1 a day. 服务号: 4 a month, to all followers at most once a day
 * (doc:svc/guide/product/message/Batch_Sends.html; protocol §5.5).
 * @returns when to try again, or undefined when a send is allowed now
 */
function quotaBlockedUntil(p, row) {
    const now = p.clock.now();
    const local = (0, time_1.dayjs)(now).tz(p.timezone);
    const today = p.store.countMassSendsSince(p.accountId, (0, time_1.startOfLocalDay)(now, p.timezone));
    const timeOfDay = (0, time_1.dayjs)(row.scheduledAt).tz(p.timezone);
    const at = (d) => d.hour(timeOfDay.hour()).minute(timeOfDay.minute()).second(0).millisecond(0).toDate();
    if (p.accountType === "service") {
        const month = p.store.countMassSendsSince(p.accountId, local.startOf("month").toDate());
        if (month >= 4)
            return at(local.add(1, "month").startOf("month"));
    }
    if (today >= 1)
        return at(local.add(1, "day").startOf("day"));
    return undefined;
}
/** The next quota window after a 45028: by our count, else tomorrow at the post's own time of day. */
function nextQuotaWindow(p, row) {
    const blocked = quotaBlockedUntil(p, row);
    if (blocked)
        return blocked;
    const time = (0, time_1.dayjs)(row.scheduledAt).tz(p.timezone);
    return (0, time_1.dayjs)(p.clock.now()).tz(p.timezone).add(1, "day").hour(time.hour()).minute(time.minute()).second(0).millisecond(0).toDate();
}
function waitForQuota(p, row, until, reason) {
    save(p, { ...row, state: "waiting_quota", nextAttemptAt: until, failureCode: "quota", failureReason: reason }, { step: "waiting_quota", detail: `${reason}; next try ${until.toISOString()}` });
    p.log.warn({ post: row.slug, until, reason }, "waiting for 群发 quota");
    return "stop";
}
/**
 * PUBLISH_QUOTA_FALLBACK=publish: the drafted mass send goes out as 发布 (freepublish) instead of
 * waiting; the same draft serves both (api_freepublish_submit takes the draft's media_id).
 */
function fallBackToPublish(p, row, reason) {
    save(p, { ...row, mode: "publish", nextAttemptAt: null, failureCode: null, failureReason: null }, { step: "quota_fallback", detail: `${reason}; going out as 发布 (not pushed)` });
    p.log.warn({ post: row.slug, reason }, "no 群发 quota left: going out as 发布 (PUBLISH_QUOTA_FALLBACK=publish)");
    return "continue";
}
/** waiting_quota → drafted (the draft is still current) or → scheduled (no draft yet, or the post changed). */
function resumeAfterQuota(p, row, post) {
    if (!post)
        return cancel(p, row, "the post file was removed or marked draft: true");
    if (row.draftMediaId !== null && row.contentHash === post.sourceHash) {
        save(p, { ...row, state: "drafted", nextAttemptAt: null, failureCode: null, failureReason: null, attempts: 0 }, { step: "quota_window" });
    }
    else {
        save(p, { ...row, ...FRESH, state: "scheduled", attempts: 0 }, { step: "quota_window", detail: row.draftMediaId ? "post changed; new draft" : undefined });
    }
    return "continue";
}
/** rendering → drafted. */
async function renderAndDraft(p, row, post) {
    if (row.draftRequestedAt !== null && row.draftMediaId === null && row.articleTitle !== null) {
        const found = await findOwnDraft(p, row);
        if (found) {
            const saved = save(p, { ...row, state: "drafted", draftMediaId: found, draftedAt: p.clock.now() }, {
                step: "drafted",
                detail: `found after an interrupted draft/add: ${found}`,
            });
            p.log.warn({ post: row.slug, mediaId: found }, "draft/add had succeeded before the interruption; using that draft");
            if (saved)
                hook(p, "drafted", saved);
            return "continue";
        }
    }
    if (!post)
        return cancel(p, row, "the post file was removed or marked draft: true");
    const column = p.columns().get(post.columnId);
    if (!column)
        throw new failure_policy_1.PostProblems([new errors_1.ContentError(post.file, `"${post.columnId}" is not a column in columns.yml`, { field: "column" })]);
    const { article, cover, draft } = await prepareDraft(p, post, column, row.issue ?? 1);
    hook(p, "rendered", row);
    const intent = save(p, {
        ...row,
        articleTitle: article.title,
        digest: article.digest,
        coverMediaId: cover.mediaId,
        coverUrl: cover.url || null,
        contentHash: post.sourceHash,
        draftRequestedAt: p.clock.now(),
    }, { step: "draft_intent", detail: article.title });
    if (!intent)
        return "continue";
    hook(p, "draft-intent", intent);
    const { mediaId } = await p.wechat.draft.add([draft]);
    hook(p, "draft-sent", intent);
    const drafted = save(p, { ...intent, state: "drafted", draftMediaId: mediaId, draftedAt: p.clock.now() }, { step: "drafted", detail: mediaId });
    if (drafted)
        hook(p, "drafted", drafted);
    return "continue";
}
/**
 * Uploads the post's images (cached), renders it with its issue number and checks it against
 * draft/add's limits: the article as draft/add will receive it. Also used by `preview`.
 * @throws PostProblems listing everything to fix
 */
async function prepareDraft(p, post, column, issue) {
    const tokens = (0, render_post_1.parseBody)(post);
    const images = (0, find_images_1.findImages)(post, column, p.contentDir, tokens);
    if (images.problems.length > 0)
        throw new failure_policy_1.PostProblems(images.problems);
    const urls = new Map();
    for (const image of images.body)
        urls.set(image.ref, await p.uploads.bodyUrl(image));
    const cover = await p.uploads.cover(images.cover);
    const article = (0, render_post_1.renderPost)(post, { column, issue, imageUrl: (ref) => urls.get(ref) ?? ref }, tokens);
    const problems = (0, preflight_1.preflightArticle)(post, column, article);
    if (problems.length > 0)
        throw new failure_policy_1.PostProblems(problems);
    return { article, cover, draft: draftArticle(post, article, cover.mediaId) };
}
function draftArticle(post, article, thumbMediaId) {
    const a = { title: article.title, content: article.html, thumbMediaId };
    if (article.author !== undefined)
        a.author = article.author;
    if (article.digestGiven)
        a.digest = article.digest;
    if (post.sourceUrl !== undefined)
        a.contentSourceUrl = post.sourceUrl;
    if (post.comments !== "off") {
        a.needOpenComment = true;
        a.onlyFansCanComment = post.comments === "fans";
    }
    return a;
}
/** The draft our interrupted draft/add made, if it made one: same title, not older than the intent. */
async function findOwnDraft(p, row) {
    const since = row.draftRequestedAt.getTime() - LOOKUP_SLACK_MS;
    for (let page = 0; page < LOOKUP_PAGES; page++) {
        const { drafts, totalCount } = await p.wechat.draft.batchGet(page * 20, 20);
        const match = drafts.find((d) => d.articles[0]?.title === row.articleTitle && d.updatedAt.getTime() >= since);
        if (match)
            return match.mediaId;
        if (drafts.length < 20 || (page + 1) * 20 >= totalCount || drafts.every((d) => d.updatedAt.getTime() < since))
            break;
    }
    return undefined;
}
/** drafted → submitted (or published, when reconciling finds the job already done). */
async function submit(p, row, post) {
    const pending = row.submitRequestedAt !== null;
    if (!pending) {
        if (!post)
            return cancel(p, row, "the post file was removed or marked draft: true");
        if (post.sourceHash !== row.contentHash) {
            save(p, { ...row, ...FRESH, state: "scheduled" }, { step: "redraft", detail: "the post changed after its draft was made" });
            p.log.info({ post: row.slug }, "post changed after its draft was made; drafting it again");
            return "continue";
        }
    }
    return row.mode === "publish" ? submitPublish(p, row) : submitMass(p, row);
}
async function submitPublish(p, row) {
    if (row.submitRequestedAt !== null) {
        const found = await reconcilePublish(p, row);
        if (found === "stop")
            return "stop";
    }
    const intent = save(p, { ...row, submitRequestedAt: p.clock.now() }, { step: "submit_intent", detail: `freepublish/submit ${row.draftMediaId}` });
    if (!intent)
        return "continue";
    hook(p, "submit-intent", intent);
    const job = await p.wechat.freepublish.submit(row.draftMediaId);
    hook(p, "submit-sent", intent);
    const submitted = save(p, { ...intent, state: "submitted", publishId: job.publishId, msgDataId: job.msgDataId ?? null, submittedAt: p.clock.now() }, { step: "submitted", detail: `publish_id ${job.publishId}` });
    if (submitted)
        hook(p, "submitted", submitted);
    return "continue";
}
/**
 * After an interrupted freepublish/submit: did WeChat take it? A publication with our title in
 * freepublish/batchget means yes. Otherwise give the job `settleMs` before submitting again (a
 * second submit of a job still running would publish twice).
 */
async function reconcilePublish(p, row) {
    const since = row.submitRequestedAt.getTime() - LOOKUP_SLACK_MS;
    for (let page = 0; page < LOOKUP_PAGES; page++) {
        const { published, totalCount } = await p.wechat.freepublish.batchGet(page * 20, 20);
        const match = published.find((x) => x.articles[0]?.title === row.articleTitle && x.updatedAt.getTime() >= since);
        if (match) {
            const saved = (0, apply_result_1.recordSuccess)(p, row, { articleId: match.articleId, articleUrl: match.articles[0]?.url || null }, "freepublish/batchget after an interrupted submit");
            if (saved)
                hook(p, "published", saved);
            return "stop";
        }
        if (published.length < 20 || (page + 1) * 20 >= totalCount)
            break;
    }
    const waitUntil = row.submitRequestedAt.getTime() + p.settleMs;
    if (p.clock.now().getTime() < waitUntil) {
        save(p, { ...row, nextAttemptAt: new Date(waitUntil) }, { step: "settling", detail: "submit answer lost; waiting for the job before submitting again" });
        return "stop";
    }
    return "resubmit";
}
async function submitMass(p, row) {
    const resend = row.submitRequestedAt !== null;
    if (!resend) {
        const until = quotaBlockedUntil(p, row);
        if (until && p.quotaFallback === "publish")
            return fallBackToPublish(p, row, "no 群发 quota left by our own count");
        if (until)
            return waitForQuota(p, row, until, "no 群发 quota left by our own count");
    }
    const id = row.clientMsgId ?? (0, client_msg_id_1.clientMsgId)(p.accountId, row.slug, row.draftMediaId);
    const intent = save(p, { ...row, submitRequestedAt: p.clock.now(), clientMsgId: id }, { step: "submit_intent", detail: `sendall clientmsgid ${id}` });
    if (!intent)
        return "continue";
    hook(p, "submit-intent", intent);
    let sent;
    try {
        sent = await p.wechat.mass.sendAll({ message: { type: "mpnews", mediaId: row.draftMediaId }, toAll: true, clientMsgId: id });
    }
    catch (err) {
        // Repeating an interrupted send: the draft left the box because the first send went out.
        if (resend && err instanceof errors_1.WeChatApiError && err.errcode === 40007) {
            const saved = (0, apply_result_1.recordSuccess)(p, intent, { submittedAt: intent.submitRequestedAt }, "sendall after an interruption: the draft was already sent (40007); msg_id unknown");
            if (saved)
                hook(p, "published", saved);
            return "stop";
        }
        throw err;
    }
    hook(p, "submit-sent", intent);
    const submitted = save(p, { ...intent, state: "submitted", msgId: sent.msgId, msgDataId: sent.msgDataId ?? null, submittedAt: p.clock.now() }, { step: "submitted", detail: `msg_id ${sent.msgId}${sent.alreadySent ? " (45065: the interrupted send had gone out)" : ""}` });
    if (submitted)
        hook(p, "submitted", submitted);
    return "continue";
}
/** submitted → published | failed, asking WeChat (the source of truth; the job events may never come). */
async function poll(p, row) {
    let saved;
    if (row.mode === "publish") {
        const state = await p.wechat.freepublish.get(row.publishId);
        saved = (0, apply_result_1.applyPublishResult)(p, row, { status: state.status, articleId: state.articleId, articleUrls: state.articleUrls.map((a) => a.url), failIdx: state.failIdx }, "freepublish/get");
    }
    else {
        const state = await p.wechat.mass.get(row.msgId);
        saved = (0, apply_result_1.applyMassResult)(p, row, { status: state.status }, "mass/get");
    }
    if (saved?.state === "published")
        hook(p, "published", saved);
    return "stop";
}
function recordFailure(p, row, err) {
    const decision = (0, failure_policy_1.classifyFailure)(err, row.attempts);
    const now = p.clock.now();
    const base = { ...row, failureCode: decision.code, failureReason: decision.reason };
    let next;
    if (row.state === "submitted") {
        // The job exists at WeChat whatever our polling meets: keep asking (at most hourly), never fail it.
        const delayMs = decision.kind === "retry" ? decision.delayMs : (0, failure_policy_1.retryDelay)(row.attempts);
        next = { ...base, nextAttemptAt: new Date(now.getTime() + delayMs) };
    }
    else if (decision.kind === "quota" && p.quotaFallback === "publish" && row.state === "drafted") {
        // WeChat's own count (45028) says no: with the fallback on, the draft goes out as 发布 now.
        // 45028 is a refusal: no mass send exists, so the sendall intent is cleared with the mode.
        next = { ...base, mode: "publish", submitRequestedAt: null, clientMsgId: null, nextAttemptAt: null, failureCode: null, failureReason: `${decision.reason}; going out as 发布 (not pushed)` };
    }
    else if (decision.kind === "quota") {
        next = { ...base, state: "waiting_quota", nextAttemptAt: nextQuotaWindow(p, row) };
    }
    else if (decision.kind === "retry" && row.attempts < failure_policy_1.MAX_ATTEMPTS) {
        next = { ...base, nextAttemptAt: new Date(now.getTime() + decision.delayMs) };
    }
    else {
        const reason = decision.kind === "retry" ? `gave up after ${row.attempts} attempts: ${decision.reason}` : decision.reason;
        next = { ...base, state: "failed", failureReason: reason, nextAttemptAt: null };
    }
    const step = next.state === "failed" ? "failed" : next.state === "waiting_quota" ? "quota" : "retry_later";
    const saved = p.store.save(next, { step, detail: next.failureReason ?? undefined }, now) ?? next;
    const context = { post: row.slug, state: saved.state, code: decision.code, reason: saved.failureReason, retryAt: saved.nextAttemptAt };
    if (saved.state === "failed")
        p.log.error(context, "publication failed");
    else
        p.log.warn(context, decision.kind === "quota" ? "waiting for 群发 quota" : "publication step failed; will retry");
    return { slug: row.slug, state: saved.state, detail: describePublication(p, saved) };
}
/** One line for people: what the row is waiting for, or what happened. */
function describePublication(p, row) {
    const when = (d) => (d ? (0, time_1.dayjs)(d).tz(p.timezone).format("YYYY-MM-DD HH:mm") : "?");
    switch (row.state) {
        case "published":
            return `${row.articleTitle ?? row.postTitle} — published ${when(row.publishedAt)}${row.articleUrl ? ` ${row.articleUrl}` : ""}`;
        case "submitted":
            return `${row.mode === "mass" ? `mass send msg_id ${row.msgId}` : `publish job ${row.publishId}`} accepted; waiting for WeChat's result`;
        case "failed":
            return `failed: ${row.failureReason ?? "?"}`;
        case "waiting_quota":
            return `waiting for 群发 quota until ${when(row.nextAttemptAt)}`;
        case "missed":
            return `missed: was due ${when(row.scheduledAt)}`;
        case "cancelled":
            return `cancelled: ${row.failureReason ?? "the post was withdrawn"}`;
        case "scheduled":
            return `scheduled for ${when(row.scheduledAt)}`;
        default:
            return row.nextAttemptAt ? `${row.state}; retry at ${when(row.nextAttemptAt)}: ${row.failureReason ?? ""}` : row.state;
    }
}
//# sourceMappingURL=publish-post.js.map