-- The access-token cache shared by the web process, the scheduler and every CLI run, and the
-- state of the embedded WeChat API simulator (src/sandbox/), kept here so that every process
-- sees the same simulated WeChat and people can inspect what it received.
-- Times are Unix milliseconds (UTC); day and month boundaries are computed in Asia/Shanghai by the code.

-- One row per account: the token from /cgi-bin/stable_token, and the lease of the one process
-- allowed to refresh it (taken in a BEGIN IMMEDIATE transaction; the others poll this row).
CREATE TABLE access_tokens (
  account_id    TEXT    NOT NULL DEFAULT 'default' PRIMARY KEY,
  access_token  TEXT,                        -- NULL once WeChat rejected it (dropped by compare-and-set)
  expires_at    INTEGER NOT NULL DEFAULT 0,  -- used until here: obtained + expires_in − 300 s
  refreshed_at  INTEGER,
  lease_owner   TEXT,                        -- pid-random of the process refreshing now
  lease_until   INTEGER NOT NULL DEFAULT 0   -- the lease is void after this instant
);

-- ── Sandbox: what the simulated WeChat issued and received ─────────────────────────────────

CREATE TABLE sandbox_tokens (
  id            INTEGER PRIMARY KEY,
  account_id    TEXT    NOT NULL DEFAULT 'default',
  access_token  TEXT    NOT NULL UNIQUE,
  issued_at     INTEGER NOT NULL,
  expires_at    INTEGER NOT NULL,
  forced        INTEGER NOT NULL DEFAULT 0,  -- issued by force_refresh:true (20 a day, 30 s apart)
  revoked_at    INTEGER                      -- superseded by a forced refresh, or rejected by an injected fault
);
CREATE INDEX sandbox_tokens_by_account ON sandbox_tokens (account_id, issued_at);

-- Every API call the sandbox answered, with the errcode it gave (0 = ok).
CREATE TABLE sandbox_calls (
  id          INTEGER PRIMARY KEY,
  account_id  TEXT    NOT NULL DEFAULT 'default',
  endpoint    TEXT    NOT NULL,              -- /cgi-bin/stable_token, /datacube/getusersummary, …
  errcode     INTEGER NOT NULL,
  at          INTEGER NOT NULL
);
CREATE INDEX sandbox_calls_by_endpoint ON sandbox_calls (account_id, endpoint, at);

-- Errors forced by tests or people: the next `remaining` calls of `endpoint` answer `errcode`.
CREATE TABLE sandbox_faults (
  id                INTEGER PRIMARY KEY,
  account_id        TEXT    NOT NULL DEFAULT 'default',
  endpoint          TEXT    NOT NULL,
  errcode           INTEGER NOT NULL,
  remaining         INTEGER NOT NULL,
  after_processing  INTEGER NOT NULL DEFAULT 0,  -- 1: do the work, then answer the error anyway
  created_at        INTEGER NOT NULL
);

-- What youths did, as the sandbox was told: opens the customer-service windows (48 h / 1 min).
CREATE TABLE sandbox_interactions (
  id          INTEGER PRIMARY KEY,
  account_id  TEXT    NOT NULL DEFAULT 'default',
  open_id     TEXT    NOT NULL,
  kind        TEXT    NOT NULL CHECK (kind IN ('message', 'click', 'subscribe', 'scan')),
  at          INTEGER NOT NULL
);
CREATE INDEX sandbox_interactions_by_user ON sandbox_interactions (account_id, open_id, at);

-- media/uploadimg and material/add_material uploads (metadata only; the bytes are not kept).
CREATE TABLE sandbox_media (
  id            INTEGER PRIMARY KEY,
  account_id    TEXT    NOT NULL DEFAULT 'default',
  kind          TEXT    NOT NULL CHECK (kind IN ('uploadimg', 'image', 'thumb')),
  media_id      TEXT    UNIQUE,              -- NULL for uploadimg (it returns only a URL)
  url           TEXT,
  filename      TEXT    NOT NULL,
  content_type  TEXT,
  size          INTEGER NOT NULL,
  created_at    INTEGER NOT NULL
);

CREATE TABLE sandbox_drafts (
  id             INTEGER PRIMARY KEY,
  account_id     TEXT    NOT NULL DEFAULT 'default',
  media_id       TEXT    NOT NULL UNIQUE,
  articles_json  TEXT    NOT NULL,           -- the articles exactly as received
  status         TEXT    NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published', 'mass_sent')),
  created_at     INTEGER NOT NULL,
  updated_at     INTEGER NOT NULL
);

CREATE TABLE sandbox_publications (
  id                 INTEGER PRIMARY KEY,
  account_id         TEXT    NOT NULL DEFAULT 'default',
  publish_id         TEXT    UNIQUE,
  msg_data_id        TEXT,
  media_id           TEXT    NOT NULL,
  publish_status     INTEGER NOT NULL DEFAULT 1,  -- freepublish/get codes: 0 ok, 1 publishing, 2–6 failures
  article_id         TEXT,
  article_urls_json  TEXT,
  fail_idx_json      TEXT,
  created_at         INTEGER NOT NULL,
  finished_at        INTEGER
);

-- message/mass/sendall and message/mass/preview.
CREATE TABLE sandbox_mass_sends (
  id            INTEGER PRIMARY KEY,
  account_id    TEXT    NOT NULL DEFAULT 'default',
  kind          TEXT    NOT NULL CHECK (kind IN ('sendall', 'preview')),
  msg_id        TEXT    UNIQUE,
  msg_data_id   TEXT,
  clientmsgid   TEXT,
  is_to_all     INTEGER NOT NULL DEFAULT 0,
  msgtype       TEXT    NOT NULL,
  media_id      TEXT,
  request_json  TEXT    NOT NULL,
  status        TEXT    NOT NULL DEFAULT 'SENDING',  -- mass/get msg_status
  total_count   INTEGER,
  created_at    INTEGER NOT NULL,
  finished_at   INTEGER
);
CREATE INDEX sandbox_mass_sends_by_time ON sandbox_mass_sends (account_id, kind, created_at);
CREATE INDEX sandbox_mass_sends_by_clientmsgid ON sandbox_mass_sends (account_id, clientmsgid);

CREATE TABLE sandbox_custom_messages (
  id            INTEGER PRIMARY KEY,
  account_id    TEXT    NOT NULL DEFAULT 'default',
  open_id       TEXT    NOT NULL,
  msgtype       TEXT    NOT NULL,
  request_json  TEXT    NOT NULL,
  created_at    INTEGER NOT NULL
);
CREATE INDEX sandbox_custom_messages_by_user ON sandbox_custom_messages (account_id, open_id, created_at);

-- menu/create history; the newest row is the live menu.
CREATE TABLE sandbox_menus (
  id          INTEGER PRIMARY KEY,
  account_id  TEXT    NOT NULL DEFAULT 'default',
  menu_json   TEXT    NOT NULL,
  created_at  INTEGER NOT NULL
);

-- Job-finish events pushed back to our webhook, with how the push went.
CREATE TABLE sandbox_pushes (
  id           INTEGER PRIMARY KEY,
  account_id   TEXT    NOT NULL DEFAULT 'default',
  event        TEXT    NOT NULL,             -- PUBLISHJOBFINISH | MASSSENDJOBFINISH
  ref_id       TEXT    NOT NULL,             -- publish_id | msg_id
  url          TEXT    NOT NULL,             -- without the signature query
  http_status  INTEGER,
  error        TEXT,
  created_at   INTEGER NOT NULL
);
