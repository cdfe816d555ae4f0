-- Every push WeChat sends us, one row per dedup key: the row doubles as the retry guard
-- (UNIQUE account_id + dedup_key) and as the message log the stats are built on.
-- Times are Unix milliseconds (UTC); day boundaries are computed in Asia/Shanghai by the code.
CREATE TABLE inbound_messages (
  id           INTEGER PRIMARY KEY,
  account_id   TEXT    NOT NULL DEFAULT 'default',
  dedup_key    TEXT    NOT NULL,
  open_id      TEXT    NOT NULL,
  msg_type     TEXT    NOT NULL,            -- text, image, …, subscribe, click, unknown (our InboundType)
  msg_id       TEXT,                        -- 64-bit MsgId as text
  content      TEXT,                        -- text, voice recognition, link title, click key, view url
  scene        TEXT,                        -- QR scene of subscribe / scan
  created_at   INTEGER NOT NULL,            -- WeChat's CreateTime
  received_at  INTEGER NOT NULL,
  status       TEXT    NOT NULL DEFAULT 'processing'
               CHECK (status IN ('processing', 'replied', 'late', 'failed')),
  rule_id      TEXT,                        -- the bot rule that matched (keyword, menu key, welcome, default)
  column_id    TEXT,                        -- the column (栏目) it routed to
  match_mode   TEXT,                        -- exact | contains | regex | menu | click | event | default
  reply_type   TEXT,                        -- text | news | … ; NULL when we answered `success`
  reply_json   TEXT,                        -- the Reply, so a retry gets the same answer again
  replied_at   INTEGER,
  UNIQUE (account_id, dedup_key)
);
CREATE INDEX inbound_messages_by_time ON inbound_messages (account_id, received_at);

-- One row per youth who ever wrote to or followed the account: follow state (with QR scene),
-- last interaction (WeChat's 48 h customer-service window starts there) and reply throttles.
CREATE TABLE youths (
  account_id             TEXT    NOT NULL DEFAULT 'default',
  open_id                TEXT    NOT NULL,
  first_seen_at          INTEGER NOT NULL,
  last_interaction_at    INTEGER NOT NULL,
  last_message_at        INTEGER,          -- last ordinary message (opens the 5-per-48 h window)
  subscribed             INTEGER,          -- 1 / 0 / NULL when we never saw a (un)subscribe
  subscribed_at          INTEGER,
  unsubscribed_at        INTEGER,
  subscribe_scene        TEXT,
  last_default_reply_at  INTEGER,
  PRIMARY KEY (account_id, open_id)
) WITHOUT ROWID;

-- Small key/value state of the service itself, e.g. the sandbox's generated local secrets.
CREATE TABLE app_settings (
  key         TEXT PRIMARY KEY,
  value       TEXT NOT NULL,
  updated_at  INTEGER NOT NULL
);
