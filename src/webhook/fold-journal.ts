import type { Deps } from "../deps";
import { immediateTransaction, isBusy } from "../db/immediate-transaction";
import type { Logger } from "../logger";
import { recordPush } from "./record-push";

/** How often a non-empty journal tries to fold into the main database. */
const FOLD_EVERY_MS = 250;
/** Journal entries folded per transaction: short transactions, the event loop stays free. */
const FOLD_BATCH = 500;

export interface JournalFolder {
  /** Moves journal entries into the main database, if it is free now (also at boot and at stop). */
  fold(): void;
  /** Tries again in FOLD_EVERY_MS (after a push went to the journal). */
  schedule(): void;
  close(): void;
}

/**
 * Pushes answered while the main database was locked (handle-push.ts) go into it, in the order
 * they arrived and exactly once: each entry is recorded as it was answered (its reply kept), and
 * one already in the database (folded before a crash that came before the journal forgot it) is
 * skipped. The journal forgets entries only after the transaction that wrote them committed.
 */
export function createJournalFolder(deps: Deps, log: Logger): JournalFolder {
  const journal = deps.pushJournal;
  const inTransaction = immediateTransaction(deps.db);
  let timer: NodeJS.Timeout | undefined;

  const schedule = () => {
    if (timer) return;
    timer = setTimeout(fold, FOLD_EVERY_MS);
    timer.unref();
  };

  function fold(): void {
    timer = undefined;
    try {
      while (journal.size() > 0) {
        const entries = journal.oldest(FOLD_BATCH);
        inTransaction(() => {
          for (const e of entries) {
            if (deps.stores.messages.find(e.accountId, e.message.dedupKey)) continue;
            recordPush(deps, log, e.accountId, e.message, e.decision, e.receivedAt, e.reply);
          }
        });
        journal.removeThrough(entries[entries.length - 1]!.seq);
        log.info({ folded: entries.length, left: journal.size() }, "push journal folded into the database");
      }
    } catch (err) {
      if (!isBusy(err)) log.error({ err }, "push journal fold failed");
      schedule();
    }
  }

  return {
    fold,
    schedule,
    close() {
      if (timer) clearTimeout(timer);
      timer = undefined;
    },
  };
}
