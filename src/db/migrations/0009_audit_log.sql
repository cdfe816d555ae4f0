-- Every staff action that changes content or the publishing ledger (稿件 saves and uploads, 发布
-- buttons, phone binding, report locking): who, when, on which account, what, on what, and the
-- before/after in words. Append-only; read on the pages that show a thing's history.
-- Times are Unix milliseconds (UTC).
CREATE TABLE audit_log (
  id          INTEGER PRIMARY KEY,
  at          INTEGER NOT NULL,
  account_id  TEXT    NOT NULL,
  staff_name  TEXT    NOT NULL,   -- the dashboard login, or 'cli' for the server operator
  action      TEXT    NOT NULL,   -- e.g. post.save, post.upload_image, publication.retry
  target      TEXT    NOT NULL,   -- what it acted on: a post slug, a file, a user
  detail      TEXT                -- old → new, or what happened, in words
);
CREATE INDEX audit_log_by_target ON audit_log (account_id, target, id);
