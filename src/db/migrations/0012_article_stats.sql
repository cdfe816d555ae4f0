-- Article figures from WeChat's 2025 datacube family (platform-2025.md §1d): getarticleread,
-- getarticleshare, getbizsummary and getarticletotaldetail replace getarticlesummary and
-- getarticletotal ("停止维护"), which stay only as a fallback (stats_article_days / _totals).
-- They count published (发布) and mass-sent (群发) articles alike. Dates are local days
-- (Asia/Shanghai), as WeChat's ref_date is; is_delay = 1 while WeChat still computes the figures.

-- getarticleread + getarticleshare: readers and sharers per article ("<msg_data_id>_<index>") per day.
CREATE TABLE stats_article_reads (
  account_id   TEXT    NOT NULL DEFAULT 'default',
  ref_date     TEXT    NOT NULL,
  msg_id       TEXT    NOT NULL,
  msg_data_id  TEXT    NOT NULL,
  article_idx  INTEGER,
  read_user    INTEGER NOT NULL DEFAULT 0,
  share_user   INTEGER NOT NULL DEFAULT 0,
  is_delay     INTEGER NOT NULL DEFAULT 0,
  fetched_at   INTEGER NOT NULL,
  PRIMARY KEY (account_id, ref_date, msg_id)
) WITHOUT ROWID;

-- getbizsummary: the account's published content per day, all articles together.
CREATE TABLE stats_biz_days (
  account_id              TEXT    NOT NULL DEFAULT 'default',
  ref_date                TEXT    NOT NULL,
  read_user               INTEGER NOT NULL DEFAULT 0,
  share_user              INTEGER NOT NULL DEFAULT 0,
  zaikan_user             INTEGER NOT NULL DEFAULT 0,   -- 在看
  like_user               INTEGER NOT NULL DEFAULT 0,   -- 点赞
  comment_count           INTEGER NOT NULL DEFAULT 0,
  collection_user         INTEGER NOT NULL DEFAULT 0,
  redirect_ori_page_user  INTEGER NOT NULL DEFAULT 0,
  send_page_count         INTEGER NOT NULL DEFAULT 0,   -- 发布篇数
  is_delay                INTEGER NOT NULL DEFAULT 0,
  fetched_at              INTEGER NOT NULL,
  PRIMARY KEY (account_id, ref_date)
) WITHOUT ROWID;

-- getarticletotaldetail: per article, its cumulative figures from publication to stat_date (its
-- first 30 days at most), and how it went out: publish_type 0 已通知 (群发), 1 未开启通知 (发布).
CREATE TABLE stats_article_details (
  account_id           TEXT    NOT NULL DEFAULT 'default',
  msg_id               TEXT    NOT NULL,
  msg_data_id          TEXT    NOT NULL,
  article_idx          INTEGER,
  title                TEXT    NOT NULL,
  content_url          TEXT    NOT NULL DEFAULT '',
  publish_date         TEXT    NOT NULL,     -- ref_date: the day it was published
  publish_type         INTEGER NOT NULL,
  stat_date            TEXT    NOT NULL,     -- the newest detail's stat_date
  read_user            INTEGER NOT NULL DEFAULT 0,
  share_user           INTEGER NOT NULL DEFAULT 0,
  zaikan_user          INTEGER NOT NULL DEFAULT 0,
  like_user            INTEGER NOT NULL DEFAULT 0,
  comment_count        INTEGER NOT NULL DEFAULT 0,
  collection_user      INTEGER NOT NULL DEFAULT 0,
  read_subscribe_user  INTEGER NOT NULL DEFAULT 0,
  read_finish_rate     REAL,
  read_avg_activetime  REAL,
  is_delay             INTEGER NOT NULL DEFAULT 0,
  fetched_at           INTEGER NOT NULL,
  PRIMARY KEY (account_id, msg_id)
) WITHOUT ROWID;
CREATE INDEX stats_article_details_by_date ON stats_article_details (account_id, publish_date);

-- Job results WeChat pushes on its own (MASSSENDJOBFINISH, PUBLISHJOBFINISH,
-- TEMPLATESENDJOBFINISH) were counted as events, i.e. as 菜单与关注事件 on the 消息 page. They are
-- not a youth's action: counted apart from now on, and taken out of the days already rolled up.
ALTER TABLE stats_activity_days ADD COLUMN system INTEGER NOT NULL DEFAULT 0;
UPDATE stats_activity_days SET
  system = (SELECT coalesce(sum(n), 0) FROM stats_message_days m
            WHERE m.account_id = stats_activity_days.account_id AND m.day = stats_activity_days.day
              AND m.msg_type IN ('mass_send_finished', 'publish_finished', 'template_send_finished'));
UPDATE stats_activity_days SET events = events - system WHERE system > 0;
