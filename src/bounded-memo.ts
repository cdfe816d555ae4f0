/**
 * `compute`, remembered by key, for values that repeat on the webhook's hot path (a column's reply
 * text for everyone who asks). Bounded without bookkeeping: when `limit` keys are held, all are
 * dropped and the memo fills again.
 */
export function boundedMemo<V>(limit: number, compute: (key: string) => V): (key: string) => V {
  const held = new Map<string, V>();
  return (key) => {
    let value = held.get(key);
    if (value === undefined) {
      value = compute(key);
      if (held.size >= limit) held.clear();
      held.set(key, value);
    }
    return value;
  };
}
