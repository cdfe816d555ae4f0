import { WeChatApiError } from "../errors";
import type { Publication } from "../db/stores/publication-store";
import type { Post } from "../posts/post";
import { explainErrcode } from "../wechat/api-errcodes";
import { recordSuccess } from "./apply-result";
import { clientMsgId } from "./client-msg-id";
import { awaitApproval } from "./follow-approval";
import { checkQuotaBeforeSend } from "./issue-and-quota";
import { cancel, FRESH, hook, save, WITHDRAWN, type Next } from "./ledger-steps";
import { LOOKUP_PAGES, LOOKUP_SLACK_MS } from "./make-draft";
import type { Publisher } from "./publisher";

/**
 * drafted → submitted: 发布 (freepublish/submit) or 群发 (mass/sendall), the intent recorded
 * before the call and the job's id after it. Two answers stop here instead of failing:
 * 48001 (the account may not publish through the API since 2025-07) leaves the post 草稿已建,
 * and 89503 (API 群发保护) leaves it waiting for an admin's approval.
 */
export async function sendPost(p: Publisher, row: Publication, post: Post | undefined): Promise<Next> {
  const pending = row.submitRequestedAt !== null;
  if (!pending) {
    if (!post) return cancel(p, row, WITHDRAWN);
    if (post.sourceHash !== row.contentHash) {
      save(p, { ...row, ...FRESH, state: "scheduled" }, { step: "redraft", detail: "the post changed after its draft was made" });
      p.log.info({ post: row.slug }, "post changed after its draft was made; drafting it again");
      return "continue";
    }
  }
  try {
    return row.mode === "publish" ? await submitPublish(p, row) : await submitMass(p, row);
  } catch (err) {
    if (!(err instanceof WeChatApiError)) throw err;
    const meaning = explainErrcode(err.errcode, err.errmsg);
    const current = p.store.find(p.accountId, row.slug) ?? row;
    if (meaning.action === "draft_only" && current.draftMediaId !== null) return keepDraftOnly(p, current, `wechat_${err.errcode}`, meaning.text);
    if (meaning.action === "approval_pending" && current.mode === "mass" && current.clientMsgId !== null) {
      return awaitApproval(p, current, `wechat_${err.errcode}`, meaning.text);
    }
    throw err;
  }
}

/**
 * 草稿已建: WeChat will not publish or mass-send for this account (48001), but the draft, with its
 * 期数 in the title, is in the 草稿箱. The number is committed now, since a person will publish
 * that draft by hand; the row stops: nothing asks WeChat again.
 */
function keepDraftOnly(p: Publisher, row: Publication, code: string, reason: string): Next {
  const next: Publication = { ...row, state: "draft_only", failureCode: code, failureReason: reason, nextAttemptAt: null };
  const saved = p.store.savePublished(next, { step: "draft_only", detail: reason }, p.clock.now());
  p.log.warn({ post: row.slug, code }, "the account may not publish through the API: the draft waits in the 草稿箱 for a person");
  return saved ? "stop" : "continue";
}

async function submitPublish(p: Publisher, row: Publication): Promise<Next> {
  if (row.submitRequestedAt !== null) {
    const found = await reconcilePublish(p, row);
    if (found === "stop") return "stop";
  }
  const intent = save(p, { ...row, submitRequestedAt: p.clock.now() }, { step: "submit_intent", detail: `freepublish/submit ${row.draftMediaId}` });
  if (!intent) return "continue";
  hook(p, "submit-intent", intent);
  const job = await p.wechat.freepublish.submit(row.draftMediaId!);
  hook(p, "submit-sent", intent);
  const submitted = save(
    p,
    { ...intent, state: "submitted", publishId: job.publishId, msgDataId: job.msgDataId ?? null, submittedAt: p.clock.now() },
    { step: "submitted", detail: `publish_id ${job.publishId}` },
  );
  if (submitted) hook(p, "submitted", submitted);
  return "continue";
}

/**
 * After an interrupted freepublish/submit: did WeChat take it? A publication with our title in
 * freepublish/batchget means yes. Otherwise give the job `settleMs` before submitting again (a
 * second submit of a job still running would publish twice).
 */
async function reconcilePublish(p: Publisher, row: Publication): Promise<"stop" | "resubmit"> {
  const since = row.submitRequestedAt!.getTime() - LOOKUP_SLACK_MS;
  for (let page = 0; page < LOOKUP_PAGES; page++) {
    const { published, totalCount } = await p.wechat.freepublish.batchGet(page * 20, 20);
    const match = published.find((x) => x.articles[0]?.title === row.articleTitle && x.updatedAt.getTime() >= since);
    if (match) {
      const saved = recordSuccess(p, row, { articleId: match.articleId, articleUrl: match.articles[0]?.url || null }, "freepublish/batchget after an interrupted submit");
      if (saved) hook(p, "published", saved);
      return "stop";
    }
    if (published.length < 20 || (page + 1) * 20 >= totalCount) break;
  }
  const waitUntil = row.submitRequestedAt!.getTime() + p.settleMs;
  if (p.clock.now().getTime() < waitUntil) {
    save(p, { ...row, nextAttemptAt: new Date(waitUntil) }, { step: "settling", detail: "submit answer lost; waiting for the job before submitting again" });
    return "stop";
  }
  return "resubmit";
}

async function submitMass(p: Publisher, row: Publication): Promise<Next> {
  const resend = row.submitRequestedAt !== null;
  if (!resend) {
    const blocked = checkQuotaBeforeSend(p, row);
    if (blocked) return blocked;
  }
  const id = row.clientMsgId ?? clientMsgId(p.accountId, row.slug, row.draftMediaId!);
  const intent = save(p, { ...row, submitRequestedAt: p.clock.now(), clientMsgId: id }, { step: "submit_intent", detail: `sendall clientmsgid ${id}` });
  if (!intent) return "continue";
  hook(p, "submit-intent", intent);
  let sent;
  try {
    sent = await p.wechat.mass.sendAll({ message: { type: "mpnews", mediaId: row.draftMediaId! }, toAll: true, clientMsgId: id });
  } catch (err) {
    // Repeating an interrupted send: the draft left the box because the first send went out.
    if (resend && err instanceof WeChatApiError && err.errcode === 40007) {
      const saved = recordSuccess(p, intent, { submittedAt: intent.submitRequestedAt }, "sendall after an interruption: the draft was already sent (40007); msg_id unknown");
      if (saved) hook(p, "published", saved);
      return "stop";
    }
    throw err;
  }
  hook(p, "submit-sent", intent);
  const submitted = save(
    p,
    { ...intent, state: "submitted", msgId: sent.msgId, msgDataId: sent.msgDataId ?? null, submittedAt: p.clock.now() },
    { step: "submitted", detail: `msg_id ${sent.msgId}${sent.alreadySent ? " (45065: the interrupted send had gone out)" : ""}` },
  );
  if (submitted) hook(p, "submitted", submitted);
  return "continue";
}
