"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.createSettingsStore = createSettingsStore;
function createSettingsStore(db) {
    const select = db.prepare("SELECT value FROM app_settings WHERE key = @key");
    const insert = db.prepare("INSERT INTO app_settings (key, value, updated_at) VALUES (@key, @value, @updated_at) ON CONFLICT (key) DO NOTHING");
    return {
        get: (key) => select.get({ key })?.value,
        setIfAbsent(key, value, now) {
            insert.run({ key, value, updated_at: now.getTime() });
            return select.get({ key }).value;
        },
    };
}
//# sourceMappingURL=settings-store.js.map