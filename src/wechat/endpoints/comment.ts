import { z } from "zod";
import { parseWire, wireId, type ApiCall } from "../api-types";

// 留言管理 (doc: developers.weixin.qq.com/doc/service/api/leaving/…; the family is listed at
// doc/subscription/guide/product/comments.html). Every call names an article by the msg_data_id
// that mass/sendall or freepublish/submit returned and its 0-based index in that send.
const OPEN = "/cgi-bin/comment/open";
const CLOSE = "/cgi-bin/comment/close";
const LIST = "/cgi-bin/comment/list";
const MARK_ELECT = "/cgi-bin/comment/markelect";
const UNMARK_ELECT = "/cgi-bin/comment/unmarkelect";
const DELETE = "/cgi-bin/comment/delete";
const REPLY_ADD = "/cgi-bin/comment/reply/add";
const REPLY_DELETE = "/cgi-bin/comment/reply/delete";

/** comment/list answers at most this many per call: "获取数目（>=50会被拒绝）" (api_listcomment; 88010). */
export const COMMENT_PAGE_MAX = 49;

/**
 * A reply longer than this is refused with 88007 ("reply content beyond max len or content len is
 * zero"). WeChat does not publish the number; 600 characters is what the MP console's reply box
 * takes (UNVERIFIED), so the dashboard and the simulator both hold replies to it.
 */
export const COMMENT_REPLY_MAX_CHARS = 600;

/** One article of a send: the ledger's msg_data_id and the article's 0-based position. */
export interface ArticleRef {
  msgDataId: string;
  index: number;
}

/** type 0 普通评论&精选评论, 1 普通评论, 2 精选评论 (api_listcomment). */
export type CommentFilter = "all" | "normal" | "elected";
const FILTER_TYPE: Record<CommentFilter, number> = { all: 0, normal: 1, elected: 2 };

export interface ArticleComment {
  /** user_comment_id, kept as a string like every WeChat id. */
  id: string;
  createdAt: Date;
  content: string;
  /** comment_type 1: 精选. */
  elected: boolean;
  /** Absent when the youth commented without a WeChat identity ("用户如果用非微信身份评论，不返回openid"). */
  openId?: string;
  reply?: { content: string; createdAt: Date };
}

export interface CommentPage {
  total: number;
  comments: ArticleComment[];
}

const listResponse = z.object({
  total: z.coerce.number().int().default(0),
  comment: z
    .array(
      z.object({
        user_comment_id: wireId,
        create_time: z.coerce.number(),
        content: z.string().default(""),
        comment_type: z.coerce.number().int().default(0),
        openid: z.string().optional(),
        reply: z.object({ content: z.string().default(""), create_time: z.coerce.number().default(0) }).nullish(),
      }),
    )
    .default([]),
});

/** msg_data_id and user_comment_id are Uint32 on the wire; the ledger keeps strings. */
const wireNumber = (id: string): number | string => (/^\d{1,15}$/.test(id) ? Number(id) : id);
const article = (ref: ArticleRef) => ({ msg_data_id: wireNumber(ref.msgDataId), index: ref.index });

/**
 * The comment API. Errcodes come back as WeChatApiError through the client; api-errcodes.ts
 * (commentRefusal) says what each means: 88000 / 48001 no permission, 88008 no such comment…
 * Reads and switches are retried on -1; deletions and replies are not (a repeat answers 88005/88008).
 */
export function commentEndpoints(call: ApiCall) {
  const post = async (path: string, json: Record<string, unknown>, retryOnBusy: boolean) => {
    await call({ path, method: "POST", json, retryOnBusy });
  };
  return {
    /** comment/open: opens comments on an article already sent (needs the account's 留言 function). */
    open: (ref: ArticleRef) => post(OPEN, article(ref), true),

    /** comment/close. */
    close: (ref: ArticleRef) => post(CLOSE, article(ref), true),

    /** comment/list {begin, count ≤ 49, type}: one page of the article's comments and their total. */
    async list(ref: ArticleRef, options: { begin?: number; count?: number; filter?: CommentFilter } = {}): Promise<CommentPage> {
      const json = {
        ...article(ref),
        begin: options.begin ?? 0,
        count: Math.min(options.count ?? COMMENT_PAGE_MAX, COMMENT_PAGE_MAX),
        type: FILTER_TYPE[options.filter ?? "all"],
      };
      const body = await call({ path: LIST, method: "POST", json, retryOnBusy: true });
      const wire = parseWire(listResponse, body, LIST);
      return {
        total: wire.total,
        comments: wire.comment.map((c) => {
          const comment: ArticleComment = {
            id: c.user_comment_id,
            createdAt: new Date(c.create_time * 1000),
            content: c.content,
            elected: c.comment_type === 1,
          };
          if (c.openid !== undefined && c.openid !== "") comment.openId = c.openid;
          if (c.reply && c.reply.content !== "") comment.reply = { content: c.reply.content, createdAt: new Date(c.reply.create_time * 1000) };
          return comment;
        }),
      };
    },

    /** comment/markelect: 精选 (88003 at the limit, 88004 deleted by the youth). */
    markElect: (ref: ArticleRef, commentId: string) => post(MARK_ELECT, { ...article(ref), user_comment_id: wireNumber(commentId) }, true),

    /** comment/unmarkelect. */
    unmarkElect: (ref: ArticleRef, commentId: string) => post(UNMARK_ELECT, { ...article(ref), user_comment_id: wireNumber(commentId) }, true),

    /** comment/delete: removes the youth's comment for everyone. */
    delete: (ref: ArticleRef, commentId: string) => post(DELETE, { ...article(ref), user_comment_id: wireNumber(commentId) }, false),

    /** comment/reply/add: the account's one reply to a comment (88005 if it has one; 88007 empty or too long). */
    addReply: (ref: ArticleRef, commentId: string, content: string) =>
      post(REPLY_ADD, { ...article(ref), user_comment_id: wireNumber(commentId), content }, false),

    /** comment/reply/delete. */
    deleteReply: (ref: ArticleRef, commentId: string) => post(REPLY_DELETE, { ...article(ref), user_comment_id: wireNumber(commentId) }, false),
  };
}
