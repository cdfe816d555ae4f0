import { createHash } from "node:crypto";
import pino, { type DestinationStream, type Logger } from "pino";
import { DEFAULT_TIMEZONE, formatLocal } from "./time";

export type { Logger };

/** Closed set of log categories, so logs can be filtered by concern. */
export type LogCategory =
  | "http"
  | "webhook"
  | "inbox"
  | "wechat"
  | "bot"
  | "content"
  | "publisher"
  | "scheduler"
  | "stats"
  | "qa"
  | "db"
  | "cli"
  | "sandbox"
  | "lifecycle";

export interface LoggerOptions {
  level?: string;
  format?: "json" | "pretty";
  /** Where lines go; tests pass a stream to read them back. Defaults to stdout. */
  destination?: DestinationStream;
  /** Pretty lines show their time in this zone, named (北京时间), whatever the server's TZ. */
  timezone?: string;
  /** Pretty lines in colour (a terminal); default: when the destination is one. */
  colorize?: boolean;
}

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

export function createLogger(options: LoggerOptions = {}): Logger {
  const base = {
    level: options.level ?? "info",
    redact: { paths: REDACT_PATHS, censor: "[redacted]" },
    base: undefined,
    timestamp: pino.stdTimeFunctions.isoTime,
  };
  if (options.format === "pretty") return pino(base, prettyStream(options));
  if (options.destination) return pino(base, options.destination);
  return pino(base);
}

/** Pino's levels as staff read them. */
const LEVEL_NAMES: Record<number, string> = { 10: "跟踪", 20: "调试", 30: "信息", 40: "警告", 50: "错误", 60: "致命" };

/**
 * Lines for a person at a terminal: "[北京时间 12月8日 20:00:05] 警告: [publisher] post missed …",
 * fields below. In this process and synchronous (not pino's worker transport): a CLI command's last
 * warning is on screen before it exits, and the time prettifier can be a function.
 */
function prettyStream(options: LoggerOptions): DestinationStream {
  // Loaded only for terminals: JSON logging (the service behind a collector) never pays for it.
  const { build: pretty } = require("pino-pretty") as typeof import("pino-pretty");
  const tz = options.timezone ?? DEFAULT_TIMEZONE;
  const zone = tz === "Asia/Shanghai" ? "北京时间" : tz;
  const destination = options.destination ?? process.stdout;
  const colorize = options.colorize ?? (destination as { isTTY?: boolean }).isTTY === true;
  return pretty({
    destination,
    sync: true,
    colorize,
    // The raw ISO time reaches the prettifier below, which shows it in `tz` whatever TZ says.
    translateTime: false,
    ignore: "pid,hostname,category",
    customPrettifiers: {
      time: (t) => `[${zone} ${formatLocal(new Date(String(t)), tz, "M月D日 HH:mm:ss")}]`,
      level: (level, _key, _log, extras: { label: string; colors: { red(s: string): string; yellow(s: string): string } }) => {
        const name = LEVEL_NAMES[Number(level)] ?? extras.label;
        const n = Number(level);
        return n >= 50 ? extras.colors.red(name) : n >= 40 ? extras.colors.yellow(name) : name;
      },
    },
    messageFormat: (log, key) => (typeof log["category"] === "string" ? `[${log["category"]}] ${String(log[key])}` : String(log[key])),
  });
}

/** Child logger for one concern. */
export function categoryLogger(log: Logger, category: LogCategory): Logger {
  return log.child({ category });
}

/**
 * OpenIDs identify people; logs get a short stable hash instead, enough to follow one user's
 * requests without exposing who they are.
 */
export function hashOpenId(openId: string): string {
  return "u_" + createHash("sha256").update(openId).digest("hex").slice(0, 10);
}

/** Strips access_token (and any secret) from a URL before it is logged. */
export function redactUrl(url: string): string {
  return url.replace(/([?&](?:access_token|secret|appsecret)=)[^&]*/gi, "$1[redacted]");
}
