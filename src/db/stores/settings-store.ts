import type { Db } from "../open-database";

/** Key/value state of the service (e.g. generated sandbox secrets), shared by web and CLI. */
export interface SettingsStore {
  get(key: string): string | undefined;
  /** Stores `value` unless the key already has one; returns the value that is now stored. */
  setIfAbsent(key: string, value: string, now: Date): string;
  /** Stores `value`, replacing any (the service's webhook URL, rewritten at every start). */
  set(key: string, value: string, now: Date): void;
  delete(key: string): void;
}

export function createSettingsStore(db: Db): SettingsStore {
  const select = db.prepare<{ key: string }, { value: string }>("SELECT value FROM app_settings WHERE key = @key");
  const insert = db.prepare(
    "INSERT INTO app_settings (key, value, updated_at) VALUES (@key, @value, @updated_at) ON CONFLICT (key) DO NOTHING",
  );
  const upsert = db.prepare(
    "INSERT INTO app_settings (key, value, updated_at) VALUES (@key, @value, @updated_at) ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
  );
  const remove = db.prepare("DELETE FROM app_settings WHERE key = @key");
  return {
    get: (key) => select.get({ key })?.value,
    setIfAbsent(key, value, now) {
      insert.run({ key, value, updated_at: now.getTime() });
      return select.get({ key })!.value;
    },
    set: (key, value, now) => void upsert.run({ key, value, updated_at: now.getTime() }),
    delete: (key) => void remove.run({ key }),
  };
}
