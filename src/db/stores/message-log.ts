import type { Claim, MessageStore, RecordEntry } from "./message-store";
import { createSeenKeys } from "./seen-keys";

export interface MessageLogOptions {
  /** Longest a recorded push waits before being written. */
  flushDelayMs?: number;
  /** Write at once when this many are waiting. */
  maxBatch?: number;
  /**
   * How long this process at least remembers which pushes it has seen. WeChat retries within
   * ~15 s (3 tries, 5 s apart: Passive_user_reply_message doc); two minutes leaves a wide margin.
   */
  rememberMs?: number;
  /** Size of the dedup filter in bits (seen-keys.ts); tests make it tiny to force false positives. */
  seenBits?: number;
  onFlushError?: (err: unknown, lost: number) => void;
}

/** The message store plus group commit and an in-memory dedup set for the webhook's fast path. */
export interface MessageLog extends Omit<MessageStore, "recordMany" | "keysSince"> {
  /** Records a push answered synchronously; written within `flushDelayMs` together with others. */
  record(entry: RecordEntry): Claim;
  /** Reloads the dedup set from the database (at boot, so a restart forgets no recent push). */
  rememberSince(accountId: string, since: Date, now: Date): void;
  /** Writes everything waiting now (shutdown, tests, before reading the table). */
  flush(): void;
}

/**
 * The webhook's view of the message log, built for throughput.
 *
 * Group commit: a SQLite commit costs several page writes and lock calls; at webhook rates that,
 * not routing, dominated the CPU profile. So pushes answered on the fast path are buffered for a
 * few milliseconds and written in one transaction.
 *
 * Dedup filter: each push's key is remembered in memory for `rememberMs` (a Bloom filter,
 * seen-keys.ts: fixed memory, nothing allocated per push), so a first delivery (the common case)
 * costs no database read; only a key that may have been seen is looked up, to return the stored
 * reply. It is refilled from the database at boot, so a restart forgets nothing recent.
 *
 * Why this is safe: WeChat retries only when it did not get our answer, within ~15 s; a push we
 * answered waits in the buffer for at most `flushDelayMs`, and `find` consults buffer and set
 * first. A hard crash inside that window loses only those log rows, and WeChat had its answer.
 * Several server processes sharing one database each keep their own set; the database's UNIQUE
 * key still keeps one row per push, and the slow path (async routing) claims in the database.
 */
export function createMessageLog(store: MessageStore, options: MessageLogOptions = {}): MessageLog {
  const flushDelayMs = options.flushDelayMs ?? 5;
  const maxBatch = options.maxBatch ?? 500;
  const seen = createSeenKeys({ rememberMs: options.rememberMs ?? 120_000, ...(options.seenBits ? { bits: options.seenBits } : {}) });
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
      seen.add(entry.accountId, entry.message.dedupKey, entry.receivedAt.getTime());
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
      const key = keyOf(accountId, dedupKey);
      const waiting = pending.get(key);
      if (waiting) return { kind: "done", reply: waiting.outcome.reply };
      return seen.mayHave(accountId, dedupKey) ? store.find(accountId, dedupKey) : undefined;
    },
    rememberSince(accountId, since, now) {
      for (const dedupKey of store.keysSince(accountId, since)) seen.add(accountId, dedupKey, now.getTime());
    },
    lastDefaultReplyAt(accountId, openId) {
      return pendingDefault.get(keyOf(accountId, openId)) ?? store.lastDefaultReplyAt(accountId, openId);
    },
    claim(accountId, message, receivedAt) {
      seen.add(accountId, message.dedupKey, receivedAt.getTime());
      return store.claim(accountId, message, receivedAt);
    },
    complete: (accountId, message, outcome, at) => store.complete(accountId, message, outcome, at),
    flush,
  };
}
