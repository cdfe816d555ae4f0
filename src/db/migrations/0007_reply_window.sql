-- WeChat's customer-service window, by our own records (issue 13; inbox/reply-window.ts):
-- a youth's message opens 5 messages within 48 h, a follow, menu click or scan 3 within 1 minute.
-- youths.last_message_at already records the first; last_event_at records the second.
ALTER TABLE youths ADD COLUMN last_event_at INTEGER;
-- The staff's 备注 for a follower (WeChat gives no names since 2021-12).
ALTER TABLE youths ADD COLUMN remark TEXT;
ALTER TABLE youths ADD COLUMN remark_updated_at INTEGER;
ALTER TABLE youths ADD COLUMN remark_updated_by TEXT;

-- Every customer-service message we sent or tried to send, whoever sent it (青年之声 answers, staff
-- replies): the window's count, and WeChat's refusals (45015 closed, 45047 used up) that end it.
CREATE TABLE customer_sends (
  id          INTEGER PRIMARY KEY,
  account_id  TEXT    NOT NULL,
  open_id     TEXT    NOT NULL,
  at          INTEGER NOT NULL,
  outcome     TEXT    NOT NULL CHECK (outcome IN ('sent', 'uncertain', 'refused_closed', 'refused_used_up', 'refused_other')),
  errcode     INTEGER,
  source      TEXT    NOT NULL,            -- qa | inbox
  ref         TEXT,                        -- ticket id, staff reply id
  sent_by     TEXT                         -- staff name
);
CREATE INDEX customer_sends_by_youth ON customer_sends (account_id, open_id, at);

-- Staff replies to followers from the inbox (私信). One row per reply, with its own client id, so
-- a retry never sends it twice. `held` waits for the youth's next message and rides on its reply.
CREATE TABLE staff_replies (
  id            INTEGER PRIMARY KEY,
  account_id    TEXT    NOT NULL,
  open_id       TEXT    NOT NULL,
  kind          TEXT    NOT NULL CHECK (kind IN ('text', 'image', 'article')),
  body_json     TEXT    NOT NULL,           -- {content} | {mediaId, name} | {title, url, digest, picUrl}
  created_at    INTEGER NOT NULL,
  created_by    TEXT    NOT NULL,
  delivery      TEXT    NOT NULL CHECK (delivery IN ('sending', 'sent', 'held', 'uncertain', 'delivered_passive')),
  held_reason   TEXT,
  delivered_at  INTEGER,
  delivered_in  TEXT                         -- dedup key of the push whose passive reply carried it
);
CREATE INDEX staff_replies_by_youth ON staff_replies (account_id, open_id, created_at);
CREATE INDEX staff_replies_held ON staff_replies (account_id, open_id) WHERE delivery = 'held';
-- No index of messages per follower: every push would write one more random page (under the
-- benchmark's load a third of the webhook's throughput). The inbox reads a follower's thread
-- from the time index over a bounded span instead (inbox-store.ts).
