"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.createLogger = createLogger;
exports.categoryLogger = categoryLogger;
exports.hashOpenId = hashOpenId;
exports.redactUrl = redactUrl;
const node_crypto_1 = require("node:crypto");
const pino_1 = __importDefault(require("pino"));
/**
 * Paths never logged in clear. Secrets are also kept out of log calls by construction
 * (config is never logged whole); this is the safety net.
 */
const REDACT_PATHS = [
    "appSecret",
    "secret",
    "token",
    "accessToken",
    "access_token",
    "encodingAesKey",
    "password",
    "*.appSecret",
    "*.secret",
    "*.token",
    "*.accessToken",
    "*.access_token",
    "*.encodingAesKey",
    "*.password",
    "req.headers.cookie",
    "req.headers.authorization",
];
function createLogger(options = {}) {
    const base = {
        level: options.level ?? "info",
        redact: { paths: REDACT_PATHS, censor: "[redacted]" },
        base: undefined,
        timestamp: pino_1.default.stdTimeFunctions.isoTime,
    };
    if (options.destination)
        return (0, pino_1.default)(base, options.destination);
    if (options.format === "pretty") {
        return (0, pino_1.default)({
            ...base,
            transport: { target: "pino-pretty", options: { colorize: true, translateTime: "SYS:standard", ignore: "pid,hostname" } },
        });
    }
    return (0, pino_1.default)(base);
}
/** Child logger for one concern. */
function categoryLogger(log, category) {
    return log.child({ category });
}
/**
 * OpenIDs identify people; logs get a short stable hash instead, enough to follow one user's
 * requests without exposing who they are.
 */
function hashOpenId(openId) {
    return "u_" + (0, node_crypto_1.createHash)("sha256").update(openId).digest("hex").slice(0, 10);
}
/** Strips access_token (and any secret) from a URL before it is logged. */
function redactUrl(url) {
    return url.replace(/([?&](?:access_token|secret|appsecret)=)[^&]*/gi, "$1[redacted]");
}
//# sourceMappingURL=logger.js.map