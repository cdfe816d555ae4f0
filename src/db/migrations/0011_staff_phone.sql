-- Staff bind their phone (issue 15): a staff member asks the dashboard for a one-time code, sends
-- "绑定 123456" to the account from WeChat, and the webhook links that openid to their login, so
-- "发送预览到我的手机" and `preview --to me` know where to send. Times are Unix milliseconds (UTC).

-- One phone (openid) per staff login and one login per openid.
CREATE TABLE staff_phones (
  account_id     TEXT    NOT NULL,
  staff_user_id  INTEGER NOT NULL REFERENCES staff_users (id) ON DELETE CASCADE,
  open_id        TEXT    NOT NULL,
  bound_at       INTEGER NOT NULL,
  PRIMARY KEY (account_id, staff_user_id)
);
CREATE UNIQUE INDEX staff_phones_by_open_id ON staff_phones (account_id, open_id);

-- The one-time codes: 6 digits, 10 minutes, single use. Only a salted SHA-256 is kept, so a copy
-- of the database shows no live code; expired and used rows stay a day so the reply can say
-- "已过期" or "已使用" instead of "不正确".
CREATE TABLE staff_bind_codes (
  id             INTEGER PRIMARY KEY,
  account_id     TEXT    NOT NULL,
  staff_user_id  INTEGER NOT NULL REFERENCES staff_users (id) ON DELETE CASCADE,
  salt           TEXT    NOT NULL,
  code_hash      TEXT    NOT NULL,
  created_at     INTEGER NOT NULL,
  expires_at     INTEGER NOT NULL,
  used_at        INTEGER
);
CREATE INDEX staff_bind_codes_recent ON staff_bind_codes (account_id, created_at);

-- Every "绑定 …" a follower sent, for throttling guesses (per openid and for the whole account).
CREATE TABLE staff_bind_attempts (
  id          INTEGER PRIMARY KEY,
  account_id  TEXT    NOT NULL,
  open_id     TEXT    NOT NULL,
  at          INTEGER NOT NULL,
  outcome     TEXT    NOT NULL CHECK (outcome IN ('bound', 'wrong', 'expired', 'used', 'throttled', 'malformed'))
);
CREATE INDEX staff_bind_attempts_recent ON staff_bind_attempts (account_id, at);
