import type { Db } from "../open-database";

export const COMMENT_ACTIONS = ["elect", "unelect", "reply", "delete_reply", "delete", "open", "close"] as const;
export type CommentAction = (typeof COMMENT_ACTIONS)[number];

/** One staff action on a comment (or on an article's comments), as the audit log keeps it. */
export interface CommentActionRecord {
  accountId: string;
  at: Date;
  staffName: string;
  action: CommentAction;
  postSlug: string;
  msgDataId: string;
  articleIdx: number;
  /** null for open/close. */
  userCommentId: string | null;
  /** The reply's text, or the deleted comment's text. */
  detail: string | null;
  /** ok | wechat_<errcode> | error */
  outcome: string;
  errcode: number | null;
}

/** The audit log of the 留言 page (migration 0008): who did what to which comment, and WeChat's answer. */
export interface CommentActionStore {
  record(entry: CommentActionRecord): void;
  /** The article's log, newest first. */
  forArticle(accountId: string, msgDataId: string, articleIdx: number, limit: number): CommentActionRecord[];
}

interface Row {
  account_id: string;
  at: number;
  staff_name: string;
  action: CommentAction;
  post_slug: string;
  msg_data_id: string;
  article_idx: number;
  user_comment_id: string | null;
  detail: string | null;
  outcome: string;
  errcode: number | null;
}

export function createCommentActionStore(db: Db): CommentActionStore {
  const insert = db.prepare(
    `INSERT INTO comment_actions (account_id, at, staff_name, action, post_slug, msg_data_id, article_idx, user_comment_id, detail, outcome, errcode)
     VALUES (@account_id, @at, @staff_name, @action, @post_slug, @msg_data_id, @article_idx, @user_comment_id, @detail, @outcome, @errcode)`,
  );
  const select = db.prepare<{ account_id: string; msg_data_id: string; article_idx: number; limit: number }, Row>(
    `SELECT account_id, at, staff_name, action, post_slug, msg_data_id, article_idx, user_comment_id, detail, outcome, errcode
       FROM comment_actions WHERE account_id = @account_id AND msg_data_id = @msg_data_id AND article_idx = @article_idx
      ORDER BY id DESC LIMIT @limit`,
  );
  return {
    record(e) {
      insert.run({
        account_id: e.accountId,
        at: e.at.getTime(),
        staff_name: e.staffName,
        action: e.action,
        post_slug: e.postSlug,
        msg_data_id: e.msgDataId,
        article_idx: e.articleIdx,
        user_comment_id: e.userCommentId,
        detail: e.detail,
        outcome: e.outcome,
        errcode: e.errcode,
      });
    },
    forArticle(accountId, msgDataId, articleIdx, limit) {
      return select.all({ account_id: accountId, msg_data_id: msgDataId, article_idx: articleIdx, limit }).map((r) => ({
        accountId: r.account_id,
        at: new Date(r.at),
        staffName: r.staff_name,
        action: r.action,
        postSlug: r.post_slug,
        msgDataId: r.msg_data_id,
        articleIdx: r.article_idx,
        userCommentId: r.user_comment_id,
        detail: r.detail,
        outcome: r.outcome,
        errcode: r.errcode,
      }));
    },
  };
}
