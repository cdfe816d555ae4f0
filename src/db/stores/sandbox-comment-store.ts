import type { Db } from "../open-database";

/** A published article set the simulator issued a msg_data_id for (a 发布 job that succeeded, or a 群发). */
export interface SandboxArticleSet {
  mediaId: string;
  /** When the job was accepted (ms). */
  publishedAt: number;
}

/** One article's comment switch (migration 0008). */
export interface SandboxCommentArticle {
  open: boolean;
  onlyFans: boolean;
  seededAt: number;
}

export type SandboxCommentState = "visible" | "deleted" | "deleted_by_user";

export interface SandboxComment {
  userCommentId: number;
  openId: string | null;
  content: string;
  createdAt: number;
  elected: boolean;
  state: SandboxCommentState;
  replyContent: string | null;
  replyAt: number | null;
}

export interface NewSandboxComment {
  openId: string | null;
  content: string;
  createdAt: number;
}

export interface ArticleKey {
  accountId: string;
  msgDataId: string;
  idx: number;
}

/** The simulated comments per published article (comment/… endpoints); times in ms. */
export interface SandboxCommentStore {
  findArticleSet(accountId: string, msgDataId: string): SandboxArticleSet | undefined;
  findArticle(key: ArticleKey): SandboxCommentArticle | undefined;
  /** Creates the article's switch and its first comments in one transaction (no-op if it exists). */
  addArticle(key: ArticleKey, article: SandboxCommentArticle, comments: NewSandboxComment[]): void;
  setOpen(key: ArticleKey, open: boolean): void;
  /** @returns the new user_comment_id */
  addComment(key: ArticleKey, comment: NewSandboxComment): number;
  /** Visible comments, newest first; `elected` filters 精选 (true) or the others (false). */
  list(key: ArticleKey, elected: boolean | undefined, begin: number, count: number): { total: number; comments: SandboxComment[] };
  find(key: ArticleKey, userCommentId: number): SandboxComment | undefined;
  update(key: ArticleKey, userCommentId: number, changes: Partial<Pick<SandboxComment, "elected" | "state" | "replyContent" | "replyAt">>): void;
}

interface CommentRow {
  user_comment_id: number;
  open_id: string | null;
  content: string;
  created_at: number;
  elected: number;
  state: SandboxCommentState;
  reply_content: string | null;
  reply_at: number | null;
}

const toComment = (r: CommentRow): SandboxComment => ({
  userCommentId: r.user_comment_id,
  openId: r.open_id,
  content: r.content,
  createdAt: r.created_at,
  elected: r.elected === 1,
  state: r.state,
  replyContent: r.reply_content,
  replyAt: r.reply_at,
});

const keyParams = (k: ArticleKey) => ({ account_id: k.accountId, msg_data_id: k.msgDataId, idx: k.idx });
const KEY = "account_id = @account_id AND msg_data_id = @msg_data_id AND article_idx = @idx";
const COLUMNS = "user_comment_id, open_id, content, created_at, elected, state, reply_content, reply_at";

export function createSandboxCommentStore(db: Db): SandboxCommentStore {
  const selectSet = db.prepare<{ account_id: string; msg_data_id: string }, { media_id: string; created_at: number }>(
    `SELECT media_id, created_at FROM sandbox_publications
      WHERE account_id = @account_id AND msg_data_id = @msg_data_id AND publish_status = 0
     UNION ALL
     SELECT media_id, created_at FROM sandbox_mass_sends
      WHERE account_id = @account_id AND msg_data_id = @msg_data_id AND kind = 'sendall' AND media_id IS NOT NULL
     LIMIT 1`,
  );
  const selectArticle = db.prepare<ReturnType<typeof keyParams>, { open: number; only_fans: number; seeded_at: number }>(
    `SELECT open, only_fans, seeded_at FROM sandbox_comment_articles WHERE ${KEY}`,
  );
  const insertArticle = db.prepare(
    `INSERT OR IGNORE INTO sandbox_comment_articles (account_id, msg_data_id, article_idx, open, only_fans, seeded_at)
     VALUES (@account_id, @msg_data_id, @idx, @open, @only_fans, @seeded_at)`,
  );
  const updateOpen = db.prepare(`UPDATE sandbox_comment_articles SET open = @open WHERE ${KEY}`);
  const nextId = db.prepare<ReturnType<typeof keyParams>, { next: number }>(
    `SELECT coalesce(max(user_comment_id), 0) + 1 AS next FROM sandbox_comments WHERE ${KEY}`,
  );
  const insertComment = db.prepare(
    `INSERT INTO sandbox_comments (account_id, msg_data_id, article_idx, user_comment_id, open_id, content, created_at)
     VALUES (@account_id, @msg_data_id, @idx, @id, @open_id, @content, @created_at)`,
  );
  const filter = "state = 'visible' AND (@elected IS NULL OR elected = @elected)";
  const countVisible = db.prepare<ReturnType<typeof keyParams> & { elected: number | null }, { n: number }>(
    `SELECT count(*) AS n FROM sandbox_comments WHERE ${KEY} AND ${filter}`,
  );
  const pageVisible = db.prepare<ReturnType<typeof keyParams> & { elected: number | null; begin: number; count: number }, CommentRow>(
    `SELECT ${COLUMNS} FROM sandbox_comments WHERE ${KEY} AND ${filter}
      ORDER BY created_at DESC, user_comment_id DESC LIMIT @count OFFSET @begin`,
  );
  const selectComment = db.prepare<ReturnType<typeof keyParams> & { id: number }, CommentRow>(
    `SELECT ${COLUMNS} FROM sandbox_comments WHERE ${KEY} AND user_comment_id = @id`,
  );
  const updateComment = db.prepare(
    `UPDATE sandbox_comments SET elected = coalesce(@elected, elected), state = coalesce(@state, state),
        reply_content = CASE WHEN @set_reply = 1 THEN @reply_content ELSE reply_content END,
        reply_at = CASE WHEN @set_reply = 1 THEN @reply_at ELSE reply_at END
      WHERE ${KEY} AND user_comment_id = @id`,
  );

  const add = (key: ArticleKey, c: NewSandboxComment): number => {
    const id = nextId.get(keyParams(key))!.next;
    insertComment.run({ ...keyParams(key), id, open_id: c.openId, content: c.content, created_at: c.createdAt });
    return id;
  };
  const addArticleTx = db.transaction((key: ArticleKey, a: SandboxCommentArticle, comments: NewSandboxComment[]) => {
    const inserted = insertArticle.run({ ...keyParams(key), open: a.open ? 1 : 0, only_fans: a.onlyFans ? 1 : 0, seeded_at: a.seededAt });
    if (inserted.changes === 0) return;
    for (const c of comments) add(key, c);
  });
  const addCommentTx = db.transaction(add);

  return {
    findArticleSet(accountId, msgDataId) {
      const r = selectSet.get({ account_id: accountId, msg_data_id: msgDataId });
      return r && { mediaId: r.media_id, publishedAt: r.created_at };
    },
    findArticle(key) {
      const r = selectArticle.get(keyParams(key));
      return r && { open: r.open === 1, onlyFans: r.only_fans === 1, seededAt: r.seeded_at };
    },
    addArticle: (key, article, comments) => addArticleTx(key, article, comments),
    setOpen: (key, open) => void updateOpen.run({ ...keyParams(key), open: open ? 1 : 0 }),
    addComment: (key, comment) => addCommentTx(key, comment),
    list(key, elected, begin, count) {
      const e = elected === undefined ? null : elected ? 1 : 0;
      return {
        total: countVisible.get({ ...keyParams(key), elected: e })!.n,
        comments: pageVisible.all({ ...keyParams(key), elected: e, begin, count }).map(toComment),
      };
    },
    find(key, id) {
      const r = selectComment.get({ ...keyParams(key), id });
      return r && toComment(r);
    },
    update(key, id, changes) {
      const setReply = "replyContent" in changes ? 1 : 0;
      updateComment.run({
        ...keyParams(key),
        id,
        elected: changes.elected === undefined ? null : changes.elected ? 1 : 0,
        state: changes.state ?? null,
        set_reply: setReply,
        reply_content: changes.replyContent ?? null,
        reply_at: changes.replyAt ?? null,
      });
    },
  };
}
