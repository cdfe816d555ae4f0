-- Three new publication states (issue 15, "Publishing as WeChat now works"):
--   draft_only         草稿已建: freepublish/submit (or sendall) answered 48001: since 2025-07 an
--                      unverified account may not publish through the API (platform-2025.md §1a).
--                      The draft is in the 草稿箱 with its 期数; staff publish it in the MP console.
--                      The row stops there: nothing retries it.
--   awaiting_approval  API 群发保护: sendall answered 89503, an administrator must confirm the send
--                      on their phone within 30 minutes (platform-2025.md §1b). The publisher asks
--                      again with the same clientmsgid until approved (45065 + msg_id → submitted),
--                      refused or past the deadline (→ failed, never sent again automatically).
--   skipped            已跳过: staff skipped the post on the 发布 page or the CLI before anything was sent.
-- SQLite cannot change a CHECK constraint in place: the table is rebuilt and every row copied.
-- Times are Unix milliseconds (UTC).
CREATE TABLE publications_0010 (
  id                   INTEGER PRIMARY KEY,
  account_id           TEXT    NOT NULL DEFAULT 'default',
  post_slug            TEXT    NOT NULL,   -- file name without .md, e.g. 2026-12-01-county-job-fair
  column_id            TEXT    NOT NULL,   -- columns.yml id (careers, news, …)
  mode                 TEXT    NOT NULL CHECK (mode IN ('mass', 'publish')),  -- 群发 (pushed) | 发布 (not pushed)
  post_title           TEXT    NOT NULL,   -- the post's own title (front matter)
  scheduled_at         INTEGER NOT NULL,   -- publish_at of the post
  state                TEXT    NOT NULL DEFAULT 'scheduled' CHECK (state IN (
                         'scheduled', 'rendering', 'drafted', 'submitted', 'published',
                         'failed', 'missed', 'waiting_quota', 'cancelled',
                         'draft_only', 'awaiting_approval', 'skipped')),
  issue                INTEGER,            -- 期数 in the title; provisional until state = published
  article_title        TEXT,               -- the title as sent (column title_template filled in)
  digest               TEXT,               -- the digest as sent (or the first 54 characters of the text)
  content_hash         TEXT,               -- sha256 of the post file and its images when rendered
  cover_media_id       TEXT,               -- permanent material (add_material type=image)
  cover_url            TEXT,               -- its mmbiz URL (the bot's news cards show it)
  draft_requested_at   INTEGER,            -- intent: draft/add about to be called
  draft_media_id       TEXT,               -- result of draft/add
  drafted_at           INTEGER,
  submit_requested_at  INTEGER,            -- intent: freepublish/submit or mass/sendall about to be called
  client_msg_id        TEXT,               -- sendall clientmsgid (≤ 32 ASCII, deterministic per slug and draft)
  publish_id           TEXT,               -- result of freepublish/submit
  msg_id               TEXT,               -- result of mass/sendall (also from 45065)
  msg_data_id          TEXT,               -- datacube's article stats are keyed "<msg_data_id>_<idx>"
  submitted_at         INTEGER,
  article_id           TEXT,               -- freepublish result (menus and kf messages can use it)
  article_url          TEXT,               -- the article's link (publish job result or MASSSENDJOBFINISH)
  published_at         INTEGER,
  sent_count           INTEGER,            -- MASSSENDJOBFINISH SentCount (followers reached)
  error_count          INTEGER,            -- MASSSENDJOBFINISH ErrorCount
  failure_code         TEXT,               -- content | missed | skipped | wechat_<errcode> | publish_status_<n> | mass_<status> | approval_<…> | network
  failure_reason       TEXT,               -- for people: what went wrong and what to do
  attempts             INTEGER NOT NULL DEFAULT 0,  -- how many times rendering started (retries included)
  next_attempt_at      INTEGER,            -- not before this instant (retry backoff, quota window)
  lease_owner          TEXT,               -- host:pid:nonce of the process working on the row now
  lease_until          INTEGER NOT NULL DEFAULT 0,
  revision             INTEGER NOT NULL DEFAULT 0,  -- bumped by every write: writers compare-and-set on it
  created_at           INTEGER NOT NULL,
  updated_at           INTEGER NOT NULL,
  UNIQUE (account_id, post_slug)
);
INSERT INTO publications_0010 (id, account_id, post_slug, column_id, mode, post_title, scheduled_at, state, issue, article_title, digest, content_hash, cover_media_id, cover_url, draft_requested_at, draft_media_id, drafted_at, submit_requested_at, client_msg_id, publish_id, msg_id, msg_data_id, submitted_at, article_id, article_url, published_at, sent_count, error_count, failure_code, failure_reason, attempts, next_attempt_at, lease_owner, lease_until, revision, created_at, updated_at)
  SELECT id, account_id, post_slug, column_id, mode, post_title, scheduled_at, state, issue, article_title, digest, content_hash, cover_media_id, cover_url, draft_requested_at, draft_media_id, drafted_at, submit_requested_at, client_msg_id, publish_id, msg_id, msg_data_id, submitted_at, article_id, article_url, published_at, sent_count, error_count, failure_code, failure_reason, attempts, next_attempt_at, lease_owner, lease_until, revision, created_at, updated_at FROM publications;
DROP TABLE publications;
ALTER TABLE publications_0010 RENAME TO publications;
CREATE INDEX publications_by_state ON publications (account_id, state, scheduled_at);
CREATE INDEX publications_by_column ON publications (account_id, column_id, state, published_at);
CREATE INDEX publications_by_publish_id ON publications (account_id, publish_id);
CREATE INDEX publications_by_msg_id ON publications (account_id, msg_id);

-- The simulator's side of API 群发保护 (sandbox mode and tests): each sendall held for an admin's
-- confirmation, and what the admin did. A request not decided within 30 minutes of the
-- sandbox's clock has timed out.
CREATE TABLE sandbox_mass_approvals (
  id            INTEGER PRIMARY KEY,
  account_id    TEXT    NOT NULL DEFAULT 'default',
  clientmsgid   TEXT,               -- the sendall's clientmsgid (null: WeChat keys it by content)
  media_id      TEXT,               -- the draft to send once approved
  request_json  TEXT    NOT NULL,   -- the sendall body, replayed on approval
  status        TEXT    NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'refused')),
  msg_id        TEXT,               -- the mass send made on approval
  created_at    INTEGER NOT NULL,
  decided_at    INTEGER
);
CREATE INDEX sandbox_mass_approvals_by_clientmsgid ON sandbox_mass_approvals (account_id, clientmsgid, created_at);
