-- The publishing ledger: what happened to every post of content/posts/, one row per
-- (account_id, post_slug), so that a crash at any step, a restart, the scheduler and a CLI run
-- together still make exactly one draft and one send per post (anchors.md D, lesson 3).
-- Every WeChat call is preceded by an intent column (…_requested_at) and followed by its result
-- (media_id, publish_id, msg_id); a row with an intent and no result is reconciled before anything
-- is called again (draft/batchget, freepublish/batchget, clientmsgid → 45065 → mass/get).
-- Times are Unix milliseconds (UTC); day boundaries are computed in SCHEDULE_TIMEZONE by the code.
--
-- state (the only transitions the publisher makes):
--   scheduled      known, waiting for scheduled_at (or for next_attempt_at after a retryable error)
--   rendering      claimed: images uploaded, article rendered; draft/add may be in flight
--                  (draft_requested_at set, draft_media_id not yet)
--   drafted        the draft exists (draft_media_id); submit/sendall may be in flight
--                  (submit_requested_at set, publish_id / msg_id not yet)
--   submitted      WeChat accepted the job (publish_id or msg_id); waiting for its result
--   published      the job succeeded: final; issue (期数) committed to column_issues in the same transaction
--   failed         given up (content problem, refused by WeChat, job failed); failure_code/_reason say why
--   missed         scheduled_at passed by more than the catch-up window while nothing ran; not sent
--   waiting_quota  no 群发 quota left (45028 or our own count); retried at next_attempt_at
--   cancelled      the post file was deleted or set to `draft: true` before anything was sent
-- A failed, missed or cancelled row goes back to scheduled when the editor changes publish_at, or
-- on `npm run cli -- publish --post SLUG`.
CREATE TABLE publications (
  id                   INTEGER PRIMARY KEY,
  account_id           TEXT    NOT NULL DEFAULT 'default',
  post_slug            TEXT    NOT NULL,   -- file name without .md, e.g. 2026-12-01-county-job-fair
  column_id            TEXT    NOT NULL,   -- columns.yml id (careers, news, …)
  mode                 TEXT    NOT NULL CHECK (mode IN ('mass', 'publish')),  -- 群发 (pushed) | 发布 (not pushed)
  post_title           TEXT    NOT NULL,   -- the post's own title (front matter)
  scheduled_at         INTEGER NOT NULL,   -- publish_at of the post
  state                TEXT    NOT NULL DEFAULT 'scheduled' CHECK (state IN (
                         'scheduled', 'rendering', 'drafted', 'submitted', 'published',
                         'failed', 'missed', 'waiting_quota', 'cancelled')),
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
  failure_code         TEXT,               -- content | missed | wechat_<errcode> | publish_status_<n> | mass_<status> | network
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
CREATE INDEX publications_by_state ON publications (account_id, state, scheduled_at);
CREATE INDEX publications_by_column ON publications (account_id, column_id, state, published_at);
CREATE INDEX publications_by_publish_id ON publications (account_id, publish_id);
CREATE INDEX publications_by_msg_id ON publications (account_id, msg_id);

-- 期数 per column: the last issue number published. Written only in the transaction that marks a
-- publication published, so a draft that is never sent never uses up a number.
CREATE TABLE column_issues (
  account_id  TEXT    NOT NULL DEFAULT 'default',
  column_id   TEXT    NOT NULL,
  last_issue  INTEGER NOT NULL,
  updated_at  INTEGER NOT NULL,
  PRIMARY KEY (account_id, column_id)
) WITHOUT ROWID;

-- Every step of every publication, oldest first: intents, results, retries, failures. For people
-- (`npm run cli -- posts --history SLUG`) and for the audit of what was sent when.
CREATE TABLE publication_events (
  id          INTEGER PRIMARY KEY,
  account_id  TEXT    NOT NULL DEFAULT 'default',
  post_slug   TEXT    NOT NULL,
  at          INTEGER NOT NULL,
  step        TEXT    NOT NULL,   -- scheduled, claim, render, draft_intent, drafted, submit_intent, submitted, published, failed, …
  state       TEXT    NOT NULL,   -- the row's state after the step
  detail      TEXT                -- ids, errcodes, reasons
);
CREATE INDEX publication_events_by_post ON publication_events (account_id, post_slug, id);

-- Images already uploaded to WeChat, by the sha256 of the file as the editor saved it, so a retry,
-- a restart or a second post with the same picture never uploads it again (wenyan's upload cache).
CREATE TABLE uploaded_images (
  account_id    TEXT    NOT NULL DEFAULT 'default',
  content_hash  TEXT    NOT NULL,  -- sha256 (hex) of the source file
  kind          TEXT    NOT NULL CHECK (kind IN ('body', 'cover')),  -- body: media/uploadimg; cover: add_material type=image
  url           TEXT    NOT NULL,  -- mmbiz URL
  media_id      TEXT,              -- permanent media_id (cover only)
  bytes         INTEGER NOT NULL,  -- size after conversion (jpg/png < 1 MB)
  created_at    INTEGER NOT NULL,
  PRIMARY KEY (account_id, kind, content_hash)
) WITHOUT ROWID;
