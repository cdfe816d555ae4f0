/**
 * 留言 (issue 13): youths' comments on the account's published articles, read and moderated
 * through WeChat's comment API. The articles come from the publications ledger (their
 * msg_data_id); every staff action is written to the audit log whatever WeChat answers, and every
 * read refreshes the article's stored counts for the stats pages.
 */
import { WeChatApiError } from "../errors";
import type { Logger } from "../logger";
import type { Clock } from "../time";
import type { CommentAction, CommentActionRecord, CommentActionStore } from "../db/stores/comment-action-store";
import { commentCountKey, type CommentCount, type CommentCountStore } from "../db/stores/comment-count-store";
import type { Publication, PublicationStore } from "../db/stores/publication-store";
import { commentRefusal, type CommentRefusal } from "../wechat/api-errcodes";
import type { ApiClient } from "../wechat/api-client";
import { COMMENT_PAGE_MAX, COMMENT_REPLY_MAX_CHARS, type ArticleComment, type ArticleRef } from "../wechat/endpoints/comment";

/** At most this many comments are read per article (20 calls of comment/list). */
const MAX_COMMENTS = 20 * COMMENT_PAGE_MAX;

/** A published article whose comments staff can manage (one article per send: index 0). */
export interface CommentArticle {
  slug: string;
  title: string;
  columnId: string;
  publishedAt: Date;
  articleUrl: string | null;
  ref: ArticleRef;
  /** The figures of the last read, if any. */
  count: CommentCount | undefined;
}

export type CommentRead =
  | { ok: true; total: number; comments: ArticleComment[] }
  | { ok: false; refusal: CommentRefusal; errcode: number | null };

export type CommentActResult = { ok: true } | { ok: false; refusal: CommentRefusal | "invalid"; errcode: number | null };

/** The moderation actions a staff member can take on one comment. */
export type CommentStaffAction = Extract<CommentAction, "elect" | "unelect" | "reply" | "delete_reply" | "delete">;

export interface CommentServiceDeps {
  accountId: string;
  publications: PublicationStore;
  counts: CommentCountStore;
  actions: CommentActionStore;
  clock: Clock;
  log: Logger;
}

const isPublishedWithId = (p: Publication) => p.state === "published" && p.msgDataId !== null && p.publishedAt !== null;

/** How the comment service reads and moderates comments; the API client is passed per call (sandbox mode serves its own). */
export function createCommentService(deps: CommentServiceDeps) {
  const { accountId } = deps;

  const toArticle = (p: Publication, counts: Map<string, CommentCount>): CommentArticle => ({
    slug: p.slug,
    title: p.articleTitle ?? p.postTitle,
    columnId: p.columnId,
    publishedAt: p.publishedAt!,
    articleUrl: p.articleUrl,
    ref: { msgDataId: p.msgDataId!, index: 0 },
    count: counts.get(commentCountKey(p.msgDataId!, 0)),
  });

  const failure = (err: unknown): { refusal: CommentRefusal; errcode: number | null } =>
    err instanceof WeChatApiError ? { refusal: commentRefusal(err.errcode), errcode: err.errcode } : { refusal: "other", errcode: null };

  return {
    /** Published articles with a msg_data_id, newest first, with their stored counts. */
    articles(): CommentArticle[] {
      const counts = deps.counts.all(accountId);
      return deps.publications
        .list(accountId)
        .filter(isPublishedWithId)
        .sort((a, b) => b.publishedAt!.getTime() - a.publishedAt!.getTime())
        .map((p) => toArticle(p, counts));
    },

    article(slug: string): CommentArticle | undefined {
      const p = deps.publications.find(accountId, slug);
      return p && isPublishedWithId(p) ? toArticle(p, deps.counts.all(accountId)) : undefined;
    },

    /** Every comment of the article (up to MAX_COMMENTS), newest first; refreshes its stored counts. */
    async read(wechat: ApiClient, article: CommentArticle): Promise<CommentRead> {
      const comments: ArticleComment[] = [];
      let total = 0;
      try {
        do {
          const page = await wechat.comment.list(article.ref, { begin: comments.length, count: COMMENT_PAGE_MAX });
          total = page.total;
          comments.push(...page.comments);
          if (page.comments.length === 0) break;
        } while (comments.length < total && comments.length < MAX_COMMENTS);
      } catch (err) {
        const f = failure(err);
        deps.log.warn({ post: article.slug, errcode: f.errcode, refusal: f.refusal }, "reading comments failed");
        return { ok: false, ...f };
      }
      comments.sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || Number(b.id) - Number(a.id));
      deps.counts.save(accountId, {
        msgDataId: article.ref.msgDataId,
        articleIdx: article.ref.index,
        total,
        elected: comments.filter((c) => c.elected).length,
        replied: comments.filter((c) => c.reply !== undefined).length,
        latestAt: comments[0]?.createdAt ?? null,
        refreshedAt: deps.clock.now(),
      });
      return { ok: true, total, comments };
    },

    /**
     * One staff action on one comment, through WeChat, audit-logged with its outcome. A reply must
     * have text and at most COMMENT_REPLY_MAX_CHARS characters (refused here, before WeChat).
     */
    async act(
      wechat: ApiClient,
      article: CommentArticle,
      action: CommentStaffAction,
      o: { commentId: string; by: string; text?: string; commentText?: string },
    ): Promise<CommentActResult> {
      const text = (o.text ?? "").trim();
      if (action === "reply" && (text === "" || [...text].length > COMMENT_REPLY_MAX_CHARS)) {
        return { ok: false, refusal: "invalid", errcode: null };
      }
      const record: CommentActionRecord = {
        accountId,
        at: deps.clock.now(),
        staffName: o.by,
        action,
        postSlug: article.slug,
        msgDataId: article.ref.msgDataId,
        articleIdx: article.ref.index,
        userCommentId: o.commentId,
        detail: action === "reply" ? text : action === "delete" ? (o.commentText ?? null) : null,
        outcome: "ok",
        errcode: null,
      };
      const c = wechat.comment;
      try {
        if (action === "elect") await c.markElect(article.ref, o.commentId);
        else if (action === "unelect") await c.unmarkElect(article.ref, o.commentId);
        else if (action === "reply") await c.addReply(article.ref, o.commentId, text);
        else if (action === "delete_reply") await c.deleteReply(article.ref, o.commentId);
        else await c.delete(article.ref, o.commentId);
      } catch (err) {
        const f = failure(err);
        deps.actions.record({ ...record, outcome: f.errcode === null ? "error" : `wechat_${f.errcode}`, errcode: f.errcode });
        deps.log.warn({ post: article.slug, action, errcode: f.errcode, by: o.by }, "comment action refused");
        return { ok: false, ...f };
      }
      deps.actions.record(record);
      deps.log.info({ post: article.slug, action, comment: o.commentId, by: o.by }, "comment action");
      return { ok: true };
    },

    /** The article's audit log, newest first. */
    history(article: CommentArticle, limit = 100): CommentActionRecord[] {
      return deps.actions.forArticle(accountId, article.ref.msgDataId, article.ref.index, limit);
    },
  };
}

export type CommentService = ReturnType<typeof createCommentService>;
