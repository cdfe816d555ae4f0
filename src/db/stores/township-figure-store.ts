import type { Db } from "../open-database";

/** One unit's figures for one month, as saved (migration 0013). */
export interface SavedFigures {
  month: string;
  unit: string;
  /** Field key → value; blank fields are absent. */
  values: Record<string, number>;
  savedAt: Date;
  savedBy: string;
}

/** A month filed with the League: 填表人 and 联系方式 go into the table's header. */
export interface ReportLock {
  month: string;
  lockedAt: Date;
  lockedBy: string;
  filler: string;
  phone: string;
}

/** 附件3's entered figures and the month locks. */
export interface TownshipFigureStore {
  /** Every unit saved for the month. */
  month(month: string): Map<string, SavedFigures>;
  get(month: string, unit: string): SavedFigures | undefined;
  /** The unit's latest month before `month` that was saved: the form's starting point. */
  latestBefore(month: string, unit: string): SavedFigures | undefined;
  /** Replaces the unit's figures for the month. */
  save(figures: SavedFigures): void;
  lock(month: string): ReportLock | undefined;
  /** Locks the month unless it is locked; false when it already was. */
  addLock(lock: ReportLock): boolean;
  /** Unlocks the month; the lock removed, if there was one. */
  removeLock(month: string): ReportLock | undefined;
  /** Runs `fn` in one write transaction, so a lock check, a save and its audit entry go together. */
  transaction<T>(fn: () => T): T;
}

interface EntryRow {
  month: string;
  unit: string;
  saved_at: number;
  saved_by: string;
}
interface ValueRow {
  unit: string;
  field: string;
  value: number;
}
interface LockRow {
  month: string;
  locked_at: number;
  locked_by: string;
  filler: string;
  phone: string;
}

const lockOf = (r: LockRow): ReportLock => ({ month: r.month, lockedAt: new Date(r.locked_at), lockedBy: r.locked_by, filler: r.filler, phone: r.phone });

export function createTownshipFigureStore(db: Db): TownshipFigureStore {
  const entriesOfMonth = db.prepare<{ month: string }, EntryRow>("SELECT month, unit, saved_at, saved_by FROM township_figure_entries WHERE month = @month");
  const valuesOfMonth = db.prepare<{ month: string }, ValueRow>("SELECT unit, field, value FROM township_figures WHERE month = @month");
  const entry = db.prepare<{ month: string; unit: string }, EntryRow>(
    "SELECT month, unit, saved_at, saved_by FROM township_figure_entries WHERE month = @month AND unit = @unit",
  );
  const entryBefore = db.prepare<{ month: string; unit: string }, EntryRow>(
    "SELECT month, unit, saved_at, saved_by FROM township_figure_entries WHERE unit = @unit AND month < @month ORDER BY month DESC LIMIT 1",
  );
  const values = db.prepare<{ month: string; unit: string }, ValueRow>("SELECT unit, field, value FROM township_figures WHERE month = @month AND unit = @unit");
  const upsertEntry = db.prepare(
    `INSERT INTO township_figure_entries (month, unit, saved_at, saved_by) VALUES (@month, @unit, @saved_at, @saved_by)
     ON CONFLICT (month, unit) DO UPDATE SET saved_at = excluded.saved_at, saved_by = excluded.saved_by`,
  );
  const clearValues = db.prepare("DELETE FROM township_figures WHERE month = @month AND unit = @unit");
  const insertValue = db.prepare("INSERT INTO township_figures (month, unit, field, value) VALUES (@month, @unit, @field, @value)");
  const selectLock = db.prepare<{ month: string }, LockRow>("SELECT month, locked_at, locked_by, filler, phone FROM township_report_locks WHERE month = @month");
  const insertLock = db.prepare(
    `INSERT INTO township_report_locks (month, locked_at, locked_by, filler, phone) VALUES (@month, @locked_at, @locked_by, @filler, @phone)
     ON CONFLICT (month) DO NOTHING`,
  );
  const deleteLock = db.prepare("DELETE FROM township_report_locks WHERE month = @month");

  const withValues = (e: EntryRow, rows: readonly ValueRow[]): SavedFigures => ({
    month: e.month,
    unit: e.unit,
    values: Object.fromEntries(rows.map((r) => [r.field, r.value])),
    savedAt: new Date(e.saved_at),
    savedBy: e.saved_by,
  });
  const one = (e: EntryRow | undefined) => (e ? withValues(e, values.all({ month: e.month, unit: e.unit })) : undefined);

  const save = db.transaction((f: SavedFigures) => {
    upsertEntry.run({ month: f.month, unit: f.unit, saved_at: f.savedAt.getTime(), saved_by: f.savedBy });
    clearValues.run({ month: f.month, unit: f.unit });
    for (const [field, value] of Object.entries(f.values)) insertValue.run({ month: f.month, unit: f.unit, field, value });
  });

  return {
    month(month) {
      const rows = valuesOfMonth.all({ month });
      return new Map(entriesOfMonth.all({ month }).map((e) => [e.unit, withValues(e, rows.filter((r) => r.unit === e.unit))]));
    },
    get: (month, unit) => one(entry.get({ month, unit })),
    latestBefore: (month, unit) => one(entryBefore.get({ month, unit })),
    save: (f) => save(f),
    lock(month) {
      const r = selectLock.get({ month });
      return r ? lockOf(r) : undefined;
    },
    addLock: (l) =>
      insertLock.run({ month: l.month, locked_at: l.lockedAt.getTime(), locked_by: l.lockedBy, filler: l.filler, phone: l.phone }).changes === 1,
    removeLock(month) {
      const r = selectLock.get({ month });
      deleteLock.run({ month });
      return r ? lockOf(r) : undefined;
    },
    transaction: (fn) => db.transaction(fn).immediate(),
  };
}
