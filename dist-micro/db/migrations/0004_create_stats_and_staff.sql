-- Staff dashboard: staff accounts, sessions and login throttling; daily statistics snapshots taken
-- from WeChat's datacube (followers, article reads) and daily rollups of our own message log.
-- Times are Unix milliseconds (UTC); dates ("YYYY-MM-DD") are local days in SCHEDULE_TIMEZONE
-- (Asia/Shanghai), as WeChat's ref_date is.

-- ── Staff (团委工作人员) ─────────────────────────────────────────────────────────────────────

CREATE TABLE staff_users (
  id                   INTEGER PRIMARY KEY,
  name                 TEXT    NOT NULL UNIQUE COLLATE NOCASE,
  password_hash        TEXT    NOT NULL,     -- scrypt$<log2 N>$<r>$<p>$<salt, base64>$<key, base64>
  created_at           INTEGER NOT NULL,
  password_changed_at  INTEGER NOT NULL,
  last_login_at        INTEGER
);

-- The cookie holds 32 random bytes; only their SHA-256 is stored, so a copy of the database
-- cannot be replayed as a login.
CREATE TABLE staff_sessions (
  id_hash       TEXT    NOT NULL PRIMARY KEY,
  user_id       INTEGER NOT NULL REFERENCES staff_users (id) ON DELETE CASCADE,
  csrf_token    TEXT    NOT NULL,            -- checked on every POST (hidden form field)
  created_at    INTEGER NOT NULL,
  expires_at    INTEGER NOT NULL,
  last_seen_at  INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX staff_sessions_by_user ON staff_sessions (user_id);
CREATE INDEX staff_sessions_by_expiry ON staff_sessions (expires_at);

-- Failed logins per "<ip>|<name>" (and per "<ip>|*"), for the sliding-window rate limit.
CREATE TABLE staff_login_failures (
  id         INTEGER PRIMARY KEY,
  key        TEXT    NOT NULL,
  failed_at  INTEGER NOT NULL
);
CREATE INDEX staff_login_failures_by_key ON staff_login_failures (key, failed_at);

-- ── Snapshots of WeChat's datacube (protocol §5.8); upserted, so refetching a day is harmless ──

-- getusersummary (summed over user_source) + getusercumulate, one row per day.
CREATE TABLE stats_follower_days (
  account_id     TEXT    NOT NULL DEFAULT 'default',
  ref_date       TEXT    NOT NULL,
  new_user       INTEGER NOT NULL DEFAULT 0,
  cancel_user    INTEGER NOT NULL DEFAULT 0,
  cumulate_user  INTEGER,                    -- NULL until getusercumulate answered for the day
  fetched_at     INTEGER NOT NULL,
  PRIMARY KEY (account_id, ref_date)
) WITHOUT ROWID;

-- getusersummary per user_source (0 其他合计, 1 公众号搜索, 17 名片分享, 30 扫描二维码, …).
CREATE TABLE stats_follower_sources (
  account_id   TEXT    NOT NULL DEFAULT 'default',
  ref_date     TEXT    NOT NULL,
  user_source  INTEGER NOT NULL,
  new_user     INTEGER NOT NULL DEFAULT 0,
  cancel_user  INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (account_id, ref_date, user_source)
) WITHOUT ROWID;

-- user/get "total" (protocol §5.9), once per run: today's follower count before datacube has it.
CREATE TABLE stats_follower_counts (
  account_id  TEXT    NOT NULL DEFAULT 'default',
  counted_on  TEXT    NOT NULL,
  total       INTEGER NOT NULL,
  counted_at  INTEGER NOT NULL,
  PRIMARY KEY (account_id, counted_on)
) WITHOUT ROWID;

-- getarticlesummary: reads and shares per mass-sent article ("<msg_data_id>_<index>") per day.
-- WeChat leaves out articles with fewer than 3 interactions that day (analysis_data doc).
CREATE TABLE stats_article_days (
  account_id           TEXT    NOT NULL DEFAULT 'default',
  ref_date             TEXT    NOT NULL,
  msg_id               TEXT    NOT NULL,
  msg_data_id          TEXT    NOT NULL,
  article_idx          INTEGER,
  title                TEXT    NOT NULL,
  int_page_read_user   INTEGER NOT NULL DEFAULT 0,
  int_page_read_count  INTEGER NOT NULL DEFAULT 0,
  ori_page_read_user   INTEGER NOT NULL DEFAULT 0,
  ori_page_read_count  INTEGER NOT NULL DEFAULT 0,
  share_user           INTEGER NOT NULL DEFAULT 0,
  share_count          INTEGER NOT NULL DEFAULT 0,
  add_to_fav_user      INTEGER NOT NULL DEFAULT 0,
  add_to_fav_count     INTEGER NOT NULL DEFAULT 0,
  fetched_at           INTEGER NOT NULL,
  PRIMARY KEY (account_id, ref_date, msg_id)
) WITHOUT ROWID;

-- getarticletotal: per article, the latest cumulative figures of its first 7 days, with
-- target_user (送达人数, the reach of the mass send).
CREATE TABLE stats_article_totals (
  account_id           TEXT    NOT NULL DEFAULT 'default',
  msg_id               TEXT    NOT NULL,
  msg_data_id          TEXT    NOT NULL,
  article_idx          INTEGER,
  title                TEXT    NOT NULL,
  sent_date            TEXT    NOT NULL,     -- ref_date of getarticletotal: the day it was sent
  stat_date            TEXT    NOT NULL,     -- the last detail's stat_date
  target_user          INTEGER NOT NULL DEFAULT 0,
  int_page_read_user   INTEGER NOT NULL DEFAULT 0,
  int_page_read_count  INTEGER NOT NULL DEFAULT 0,
  share_user           INTEGER NOT NULL DEFAULT 0,
  share_count          INTEGER NOT NULL DEFAULT 0,
  add_to_fav_user      INTEGER NOT NULL DEFAULT 0,
  fetched_at           INTEGER NOT NULL,
  PRIMARY KEY (account_id, msg_id)
) WITHOUT ROWID;
CREATE INDEX stats_article_totals_by_date ON stats_article_totals (account_id, sent_date);

-- Per source (followers, articles, article_totals, follower_count, message_rollup): how far the
-- data is complete, and how the last run went. status: ok | unavailable (48001 and other
-- permission errors: the account is not verified) | error (transient; retried next run).
CREATE TABLE stats_sync_state (
  account_id      TEXT    NOT NULL DEFAULT 'default',
  source          TEXT    NOT NULL,
  synced_through  TEXT,                      -- last local date fetched completely
  status          TEXT    NOT NULL CHECK (status IN ('ok', 'unavailable', 'error')),
  errcode         INTEGER,
  detail          TEXT,
  attempted_at    INTEGER NOT NULL,
  succeeded_at    INTEGER,
  PRIMARY KEY (account_id, source)
) WITHOUT ROWID;

-- ── Daily rollups of inbound_messages (built by the stats job for finished days) ──────────────
-- The dashboard reads these instead of scanning the message log, so the webhook's table gets no
-- extra index (its insert path stays as fast as before).

-- Pushes per day by type; scene only for subscribe / scan (QR scene), else ''.
CREATE TABLE stats_message_days (
  account_id  TEXT    NOT NULL DEFAULT 'default',
  day         TEXT    NOT NULL,
  msg_type    TEXT    NOT NULL,
  scene       TEXT    NOT NULL DEFAULT '',
  n           INTEGER NOT NULL,
  PRIMARY KEY (account_id, day, msg_type, scene)
) WITHOUT ROWID;

-- Routed pushes per day by column and rule ('' when none).
CREATE TABLE stats_rule_days (
  account_id  TEXT    NOT NULL DEFAULT 'default',
  day         TEXT    NOT NULL,
  column_id   TEXT    NOT NULL DEFAULT '',
  rule_id     TEXT    NOT NULL DEFAULT '',
  match_mode  TEXT    NOT NULL DEFAULT '',
  n           INTEGER NOT NULL,
  PRIMARY KEY (account_id, day, column_id, rule_id, match_mode)
) WITHOUT ROWID;

-- One row per day: distinct youths, ordinary messages, events, bot answers, unmatched messages.
CREATE TABLE stats_activity_days (
  account_id  TEXT    NOT NULL DEFAULT 'default',
  day         TEXT    NOT NULL,
  youths      INTEGER NOT NULL,
  messages    INTEGER NOT NULL,
  events      INTEGER NOT NULL,
  answered    INTEGER NOT NULL,              -- messages answered by a keyword, menu or column rule
  unmatched   INTEGER NOT NULL,              -- messages that fell through to the default reply
  PRIMARY KEY (account_id, day)
) WITHOUT ROWID;

-- The most frequent texts per day that matched no keyword (what youths ask that we do not answer).
CREATE TABLE stats_unmatched_days (
  account_id  TEXT    NOT NULL DEFAULT 'default',
  day         TEXT    NOT NULL,
  content     TEXT    NOT NULL,
  n           INTEGER NOT NULL,
  PRIMARY KEY (account_id, day, content)
) WITHOUT ROWID;
