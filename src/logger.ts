import { createHash } from "node:crypto";
import pino, { type DestinationStream, type Logger } from "pino";

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
  if (options.destination) return pino(base, options.destination);
  if (options.format === "pretty") {
    return pino({
      ...base,
      transport: { target: "pino-pretty", options: { colorize: true, translateTime: "SYS:standard", ignore: "pid,hostname" } },
    });
  }
  return pino(base);
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
