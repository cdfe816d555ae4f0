import type { Db } from "../open-database";

/** Which youths have anything to do with 青年之声, for QaTicketStore.visitState. */
export interface QaInvolvement {
  /** False only when the youth certainly has no ticket and is not armed. */
  mayBeInvolved(accountId: string, openId: string): boolean;
  /** Our own connection is about to give the youth a ticket or arm them. */
  involve(accountId: string, openId: string): void;
}

/** One per connection, shared by every store on it: their writes are all "ours". */
const involvements = new WeakMap<Db, QaInvolvement>();

/**
 * The youths with any Q&A row (migration 0006), so that the webhook can skip visitState's query
 * for everyone else: nearly every push. Our own writes add to the set as they happen; another
 * connection's commit changes PRAGMA data_version ("changes when another connection commits",
 * sqlite.org/pragma.html#pragma_data_version), and when that commit made a ticket or armed a
 * youth the generation counter moved too, so the set is reloaded. Both are read at most every
 * `recheckMs`. A superset is harmless: it only costs the query it would have skipped. The first
 * store on a connection sets `recheckMs`.
 */
export function qaInvolvementOf(db: Db, recheckMs: number): QaInvolvement {
  const existing = involvements.get(db);
  if (existing) return existing;
  const dataVersion = db.prepare("PRAGMA data_version").pluck();
  const generation = db.prepare("SELECT n FROM qa_generation WHERE id = 1").pluck();
  const youthsWithQa = db.prepare<[], { account_id: string; open_id: string }>(
    "SELECT account_id, open_id FROM qa_tickets UNION SELECT account_id, open_id FROM qa_awaiting",
  );
  const involved = new Set<string>();
  let seenDataVersion: unknown;
  let seenGeneration: unknown;
  let checkedAt = Number.NEGATIVE_INFINITY;
  const keyOf = (accountId: string, openId: string) => `${accountId}\u0000${openId}`;

  /** Reloads the set if another connection has added to it since the last look. */
  const refresh = () => {
    // A cache lifetime, not business time: performance.now, not the injected clock.
    const now = performance.now();
    if (now - checkedAt < recheckMs) return;
    checkedAt = now;
    const version = dataVersion.get();
    if (version === seenDataVersion) return;
    seenDataVersion = version;
    const n = generation.get();
    if (n === seenGeneration) return;
    seenGeneration = n;
    involved.clear();
    for (const r of youthsWithQa.iterate()) involved.add(keyOf(r.account_id, r.open_id));
  };

  const involvement: QaInvolvement = {
    mayBeInvolved(accountId, openId) {
      refresh();
      return involved.has(keyOf(accountId, openId));
    },
    involve: (accountId, openId) => void involved.add(keyOf(accountId, openId)),
  };
  involvements.set(db, involvement);
  return involvement;
}
