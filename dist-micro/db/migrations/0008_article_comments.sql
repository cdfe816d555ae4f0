-- 留言 (issue 13): youths' comments on published articles, managed through WeChat's comment API
-- (/cgi-bin/comment/…, keyed by the msg_data_id and index the publications ledger recorded).
-- WeChat keeps the comments; we keep what staff did to them and how many each article has.
-- Times are Unix milliseconds (UTC).

-- Every staff action on a comment, whatever WeChat answered: who, when, what, on which article
-- and comment, the outcome (ok, or the errcode WeChat gave) and the text of a reply.
CREATE TABLE comment_actions (
  id               INTEGER PRIMARY KEY,
  account_id       TEXT    NOT NULL,
  at               INTEGER NOT NULL,
  staff_name       TEXT    NOT NULL,
  action           TEXT    NOT NULL CHECK (action IN ('elect', 'unelect', 'reply', 'delete_reply', 'delete', 'open', 'close')),
  post_slug        TEXT    NOT NULL,
  msg_data_id      TEXT    NOT NULL,
  article_idx      INTEGER NOT NULL,
  user_comment_id  TEXT,              -- null for open/close (the whole article)
  detail           TEXT,              -- the reply's text; the comment's text for a delete
  outcome          TEXT    NOT NULL,  -- ok | wechat_<errcode> | error
  errcode          INTEGER
);
CREATE INDEX comment_actions_by_article ON comment_actions (account_id, msg_data_id, article_idx, id);

-- The last count read from comment/list per article, for the stats pages (文章, 概览) and the
-- 留言 page's list, so that showing a figure never costs a call to WeChat.
CREATE TABLE comment_counts (
  account_id       TEXT    NOT NULL,
  msg_data_id      TEXT    NOT NULL,
  article_idx      INTEGER NOT NULL,
  total            INTEGER NOT NULL,  -- comment/list total
  elected          INTEGER NOT NULL,  -- 精选 among them
  replied          INTEGER NOT NULL,  -- answered by the account
  latest_at        INTEGER,           -- the newest comment's create_time
  refreshed_at     INTEGER NOT NULL,
  PRIMARY KEY (account_id, msg_data_id, article_idx)
) WITHOUT ROWID;

-- The simulator's side (sandbox mode and tests): the comments "WeChat" holds per published
-- article, and each article's comment switch (need_open_comment at draft/add, then comment/open
-- and comment/close).
CREATE TABLE sandbox_comment_articles (
  account_id       TEXT    NOT NULL,
  msg_data_id      TEXT    NOT NULL,
  article_idx      INTEGER NOT NULL,
  open             INTEGER NOT NULL,  -- 1: comments open
  only_fans        INTEGER NOT NULL,
  seeded_at        INTEGER NOT NULL,  -- when the simulated youths' first comments were added
  PRIMARY KEY (account_id, msg_data_id, article_idx)
) WITHOUT ROWID;

CREATE TABLE sandbox_comments (
  account_id       TEXT    NOT NULL,
  msg_data_id      TEXT    NOT NULL,
  article_idx      INTEGER NOT NULL,
  user_comment_id  INTEGER NOT NULL,  -- unique per article, from 1
  open_id          TEXT,              -- absent when the youth commented without a WeChat identity
  content          TEXT    NOT NULL,
  created_at       INTEGER NOT NULL,
  elected          INTEGER NOT NULL DEFAULT 0,
  state            TEXT    NOT NULL DEFAULT 'visible' CHECK (state IN ('visible', 'deleted', 'deleted_by_user')),
  reply_content    TEXT,
  reply_at         INTEGER,
  PRIMARY KEY (account_id, msg_data_id, article_idx, user_comment_id)
) WITHOUT ROWID;
