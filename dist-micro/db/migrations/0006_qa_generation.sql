-- The webhook asks on every push whether the youth has anything to do with 青年之声 (waiting to
-- write a question, an answer waiting, a ticket made by this very push). Nearly all youths never
-- asked, so each process keeps the set of youths who did (qa-ticket-store.ts) and skips the query
-- for everyone else. Another process (the CLI, a second server) can add to that set; this counter,
-- bumped by every new ticket or armed youth, tells a process when to reload it.
CREATE TABLE qa_generation (
  id  INTEGER PRIMARY KEY CHECK (id = 1),
  n   INTEGER NOT NULL
);
INSERT INTO qa_generation (id, n) VALUES (1, 0);
CREATE TRIGGER qa_tickets_bump_generation AFTER INSERT ON qa_tickets
BEGIN
  UPDATE qa_generation SET n = n + 1 WHERE id = 1;
END;
CREATE TRIGGER qa_awaiting_bump_generation AFTER INSERT ON qa_awaiting
BEGIN
  UPDATE qa_generation SET n = n + 1 WHERE id = 1;
END;
