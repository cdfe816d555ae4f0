import type { Reply } from "../../wechat/types";
import type { Claim, MessageStore, RecordEntry } from "./message-store";

export interface MessageLogOptions {
  /** Longest a recorded push waits before being written. */
  flushDelayMs?: number;
  /** Write at once when this many are waiting. */
  maxBatch?: number;
  onFlushError?: (err: unknown, lost: number) => void;
}

/** The message store plus group commit for the webhook's fast path. */
export interface MessageLog extends Omit<MessageStore, "recordMany"> {
  /** Records a push answered synchronously; written within `flushDelayMs` together with others. */
  record(entry: RecordEntry): Claim;
  /** Writes everything waiting now (shutdown, tests, before reading the table). */
  flush(): void;
}

/**
 * Group commit for the message log. A SQLite commit costs several page writes and lock calls;
 * at webhook rates that, not routing, dominated the CPU profile. So pushes answered on the fast
 * path are buffered for a few milliseconds and written in one transaction.
 *
 * Why this is safe: WeChat retries only when it did not get our answer (5 s); a push we answered
 * is waiting here for at most `flushDelayMs`, and `find` consults this buffer first, so a retry
 * in this process sees it. A hard crash inside that window loses only those log rows, and
 * WeChat had its answer already. The slow path (async routing) still claims in the database
 * before awaiting, which also covers several processes sharing the database.
 */
export function createMessageLog(store: MessageStore, options: MessageLogOptions = {}): MessageLog {
  const flushDelayMs = options.flushDelayMs ?? 5;
  const maxBatch = options.maxBatch ?? 500;
  const pending = new Map<string, RecordEntry>();
  const pendingDefault = new Map<string, Date>();
  let timer: NodeJS.Timeout | undefined;

  const keyOf = (accountId: string, id: string) => `${accountId}\u0000${id}`;

  const flush = () => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    if (pending.size === 0) return;
    const batch = [...pending.values()];
    try {
      store.recordMany(batch);
    } catch (err) {
      options.onFlushError?.(err, batch.length);
    }
    pending.clear();
    pendingDefault.clear();
  };

  return {
    record(entry) {
      const key = keyOf(entry.accountId, entry.message.dedupKey);
      const waiting = pending.get(key);
      if (waiting) return { kind: "done", reply: waiting.outcome.reply };
      pending.set(key, entry);
      if (entry.outcome.ruleId === "default" && entry.outcome.reply) {
        pendingDefault.set(keyOf(entry.accountId, entry.message.openId), entry.receivedAt);
      }
      if (pending.size >= maxBatch) flush();
      else if (!timer) {
        timer = setTimeout(flush, flushDelayMs);
        timer.unref();
      }
      return { kind: "new" };
    },
    find(accountId, dedupKey) {
      const waiting = pending.get(keyOf(accountId, dedupKey));
      if (waiting) return { kind: "done", reply: waiting.outcome.reply as Reply | null };
      return store.find(accountId, dedupKey);
    },
    lastDefaultReplyAt(accountId, openId) {
      return pendingDefault.get(keyOf(accountId, openId)) ?? store.lastDefaultReplyAt(accountId, openId);
    },
    claim: (accountId, message, receivedAt) => store.claim(accountId, message, receivedAt),
    complete: (accountId, message, outcome, at) => store.complete(accountId, message, outcome, at),
    flush,
  };
}
