"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.resolveSecrets = resolveSecrets;
exports.resolveAccounts = resolveAccounts;
const node_crypto_1 = require("node:crypto");
const message_crypto_1 = require("./wechat/message-crypto");
const ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
function randomAlnum(n) {
    const bytes = (0, node_crypto_1.randomBytes)(n);
    let s = "";
    for (let i = 0; i < n; i++)
        s += ALNUM[bytes[i] % ALNUM.length];
    return s;
}
/**
 * The account's webhook secrets. In sandbox mode (no WeChat credentials) they are generated once
 * and kept in the database, so the server, the CLI and the simulator agree across restarts.
 */
function resolveSecrets(config, settings, clock) {
    const w = config.wechat;
    if (!config.sandbox) {
        return {
            token: w.token,
            appId: w.appId,
            appSecret: w.appSecret,
            encodingAesKey: w.encodingAesKey,
            originalId: w.originalId ?? "gh_000000000000",
        };
    }
    const now = clock.now();
    return {
        token: settings.setIfAbsent("sandbox.token", randomAlnum(32), now),
        appId: settings.setIfAbsent("sandbox.app_id", "wx" + (0, node_crypto_1.randomBytes)(8).toString("hex"), now),
        appSecret: settings.setIfAbsent("sandbox.app_secret", (0, node_crypto_1.randomBytes)(16).toString("hex"), now),
        encodingAesKey: w.encodingAesKey ?? settings.setIfAbsent("sandbox.encoding_aes_key", randomAlnum(43), now),
        originalId: w.originalId ?? settings.setIfAbsent("sandbox.original_id", "gh_" + (0, node_crypto_1.randomBytes)(6).toString("hex"), now),
    };
}
/** Webhook settings per account id; a single-account install serves `default`. */
function resolveAccounts(config, secrets) {
    const w = config.wechat;
    const aesKeys = [secrets.encodingAesKey, w.previousEncodingAesKey]
        .filter((k) => k !== undefined)
        .map(message_crypto_1.aesKeyFromEncodingAesKey);
    const account = {
        accountId: "default",
        originalId: secrets.originalId,
        token: secrets.token,
        encryptMode: w.encryptMode,
        appId: secrets.appId,
        aesKeys,
        replayWindowSeconds: w.replayWindowSeconds,
    };
    return new Map([["default", account]]);
}
//# sourceMappingURL=resolve-accounts.js.map