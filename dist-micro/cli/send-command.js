"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.DEMO_OPENID = void 0;
exports.sendCommand = sendCommand;
const open_database_1 = require("../db/open-database");
const settings_store_1 = require("../db/stores/settings-store");
const resolve_accounts_1 = require("../resolve-accounts");
const build_push_1 = require("../wechat/build-push");
const message_crypto_1 = require("../wechat/message-crypto");
const parse_reply_1 = require("../wechat/parse-reply");
const format_reply_1 = require("./format-reply");
/** A stable demo youth (real OpenIDs are 28 characters starting with "o"). */
exports.DEMO_OPENID = "oLunTaiDemoYouth000000000001";
/**
 * Signs a message exactly as WeChat would (and encrypts it in compat/safe mode), posts it to the
 * running webhook and renders the reply as the youth would see it.
 */
async function sendCommand(config, clock, options) {
    const db = (0, open_database_1.openDatabase)(config.databasePath);
    let secrets;
    try {
        secrets = (0, resolve_accounts_1.resolveSecrets)(config, (0, settings_store_1.createSettingsStore)(db), clock);
    }
    finally {
        db.close();
    }
    const encrypt = config.wechat.encryptMode !== "plain";
    const aesKey = secrets.encodingAesKey ? (0, message_crypto_1.aesKeyFromEncodingAesKey)(secrets.encodingAesKey) : undefined;
    const openId = options.openId ?? exports.DEMO_OPENID;
    const push = (0, build_push_1.buildPush)(options.action, openId, { token: secrets.token, originalId: secrets.originalId, encrypt, appId: secrets.appId, aesKey }, clock.now());
    const url = options.url ?? `http://127.0.0.1:${config.port}/wechat`;
    let res;
    try {
        res = await fetch(`${url}${url.includes("?") ? "&" : "?"}${push.query}`, {
            method: "POST",
            headers: { "content-type": "text/xml" },
            body: push.body,
            signal: AbortSignal.timeout(6000),
        });
    }
    catch (err) {
        throw new Error(`send: could not reach ${url} (${err.message}). Is the service running? Start it with: npm start`);
    }
    const body = await res.text();
    if (res.status !== 200)
        return { status: res.status, body, text: `webhook refused the message: HTTP ${res.status} ${body}` };
    return { status: res.status, body, text: (0, format_reply_1.formatReply)((0, parse_reply_1.parseReply)(body, aesKey)) };
}
//# sourceMappingURL=send-command.js.map