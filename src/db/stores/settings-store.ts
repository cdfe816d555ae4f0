import type { Db } from "../open-database";

/** Key/value state of the service (e.g. generated sandbox secrets), shared by web and CLI. */
export interface SettingsStore {
  get(key: string): string | undefined;
  /** Stores `value` unless the key already has one; returns the value that is now stored. */
  setIfAbsent(key: string, value: string, now: Date): string;
}

export function createSettingsStore(db: Db): SettingsStore {
  const select = db.prepare<{ key: string }, { value: string }>("SELECT value FROM app_settings WHERE key = @key");
  const insert = db.prepare(
    "INSERT INTO app_settings (key, value, updated_at) VALUES (@key, @value, @updated_at) ON CONFLICT (key) DO NOTHING",
  );
  return {
    get: (key) => select.get({ key })?.value,
    setIfAbsent(key, value, now) {
      insert.run({ key, value, updated_at: now.getTime() });
      return select.get({ key })!.value;
    },
  };
}
