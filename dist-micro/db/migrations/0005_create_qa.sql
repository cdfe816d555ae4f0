-- 青年之声 Q&A (issue 7): youths ask by message, cadres answer from the dashboard or the CLI, and
-- the answer reaches the youth by the customer-service API inside WeChat's 48 h window, else as the
-- passive reply to their next message (protocol §5.6, §3.2; anchors.md C6, TL;DR 7).
-- Times are Unix milliseconds (UTC); weeks and months are computed in Asia/Shanghai by the code.

-- One row per question. The id is the short number youths and staff quote ("#123"); AUTOINCREMENT
-- so a number is never given twice, even after a delete.
--
-- state:     open → answered | not_question   (staff may re-answer an undelivered answer)
-- delivery:  none      no answer yet
--            sending   the customer-service API is being called now (claimed by one process)
--            pending   answered, waiting for the youth's next message (window closed, 48001/45015/45047…)
--            delivered final: by the API (custom) or as a passive reply (passive, delivered_in = that push)
--            uncertain the API call ended without an answer (timeout, cut connection): it may or may not
--                      have arrived, so it is neither resent nor counted as delivered until staff decide
CREATE TABLE qa_tickets (
  id                INTEGER PRIMARY KEY AUTOINCREMENT,
  account_id        TEXT    NOT NULL DEFAULT 'default',
  open_id           TEXT    NOT NULL,
  question          TEXT    NOT NULL,
  asked_at          INTEGER NOT NULL,          -- CreateTime of the message that carried the question
  source_dedup_key  TEXT    NOT NULL,          -- that push (inbound_messages.dedup_key): one ticket per push
  state             TEXT    NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'answered', 'not_question')),
  assignee          TEXT,                      -- a cadre's name from content/qa.yml (duty rota)
  assigned_at       INTEGER,
  answer            TEXT,
  answered_at       INTEGER,                   -- first answer (counts and "time to answer" use it)
  answered_by       TEXT,
  delivery          TEXT    NOT NULL DEFAULT 'none'
                    CHECK (delivery IN ('none', 'sending', 'pending', 'delivered', 'uncertain')),
  sending_since     INTEGER,                   -- when delivery became 'sending' (a crash leaves it: see qa-ticket-store)
  delivered_at      INTEGER,
  delivered_via     TEXT    CHECK (delivered_via IN ('custom', 'passive')),
  delivered_in      TEXT,                      -- dedup_key of the push whose passive reply carried the answer
  closed_at         INTEGER,                   -- marked not a question
  closed_by         TEXT,
  picked            INTEGER NOT NULL DEFAULT 0, -- chosen by staff for the 青年之声问答 roundup post
  roundup_slug      TEXT,                      -- the roundup draft it went into (content/posts/<slug>.md)
  updated_at        INTEGER NOT NULL,
  UNIQUE (account_id, source_dedup_key)
);
CREATE INDEX qa_tickets_by_state ON qa_tickets (account_id, state, asked_at);
CREATE INDEX qa_tickets_by_youth ON qa_tickets (account_id, open_id, asked_at);
CREATE INDEX qa_tickets_by_asked ON qa_tickets (account_id, asked_at);
-- The webhook asks on every push whether this youth has an answer waiting: a tiny partial index.
CREATE INDEX qa_tickets_pending ON qa_tickets (account_id, open_id) WHERE delivery = 'pending';
CREATE INDEX qa_tickets_delivered_in ON qa_tickets (account_id, delivered_in) WHERE delivered_in IS NOT NULL;

-- Everything that happened to a ticket, in order: asked, assigned, answered, every delivery
-- attempt with its errcode, delivered, not_question, resend, picked. The dashboard shows it.
CREATE TABLE qa_ticket_events (
  id         INTEGER PRIMARY KEY,
  ticket_id  INTEGER NOT NULL REFERENCES qa_tickets (id) ON DELETE CASCADE,
  at         INTEGER NOT NULL,
  actor      TEXT    NOT NULL,                 -- a staff name, 'rota', 'youth' or 'webhook'
  kind       TEXT    NOT NULL CHECK (kind IN ('asked', 'assigned', 'answered', 'send_attempt', 'send_skipped',
                                              'delivered', 'not_question', 'resend', 'picked', 'unpicked', 'roundup')),
  channel    TEXT    CHECK (channel IN ('custom', 'passive')),
  outcome    TEXT,                             -- send_attempt: delivered | refused | uncertain
  errcode    INTEGER,                          -- WeChat's errcode of a refused send (48001, 45015, 45047…)
  detail     TEXT
);
CREATE INDEX qa_ticket_events_by_ticket ON qa_ticket_events (ticket_id, id);

-- A youth sent a bare 提问 (or pressed the 青年之声 menu button): their next text is the question,
-- if it comes before armed_at + wait_minutes (content/qa.yml).
CREATE TABLE qa_awaiting (
  account_id  TEXT    NOT NULL DEFAULT 'default',
  open_id     TEXT    NOT NULL,
  armed_at    INTEGER NOT NULL,
  PRIMARY KEY (account_id, open_id)
) WITHOUT ROWID;

-- Round-robin of the duty rota: when each cadre last got a new ticket from the rota.
CREATE TABLE qa_rota_turns (
  account_id        TEXT    NOT NULL DEFAULT 'default',
  name              TEXT    NOT NULL,
  last_assigned_at  INTEGER NOT NULL,
  last_ticket_id    INTEGER NOT NULL,
  PRIMARY KEY (account_id, name)
) WITHOUT ROWID;
