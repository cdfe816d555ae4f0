import { existsSync } from "node:fs";
import { z } from "zod";
import { ConfigError } from "./errors";

/**
 * The only reader of process.env. Read once at boot, validated, frozen; every problem is listed
 * at once with how to fix it. `.env.example` documents every key.
 */
export type EncryptMode = "plain" | "compat" | "safe";

export interface WeChatConfig {
  appId: string | undefined;
  appSecret: string | undefined;
  token: string | undefined;
  encodingAesKey: string | undefined;
  /** The key before the last change in the MP console; WeChat's FAQ says to try it second. */
  previousEncodingAesKey: string | undefined;
  /** The account's original id (gh_…), used as ToUserName when we sign test messages. */
  originalId: string | undefined;
  encryptMode: EncryptMode;
  /** 订阅号 (1 mass send a day) or 服务号 (4 a month): decides quotas; the sandbox simulates it. */
  accountType: "subscription" | "service";
  /** 微信认证: unverified accounts get 48001 from custom/send, datacube, freepublish (since 2025-07). */
  verified: boolean;
  apiBase: string | undefined;
  /** Requests whose timestamp is further than this from now are refused as replays. */
  replayWindowSeconds: number;
  bodyLimitBytes: number;
}

export interface Config {
  port: number;
  host: string;
  databasePath: string;
  contentDir: string;
  scheduleTimezone: string;
  /** A post more than this many hours overdue (the service was down) is reported missed, not sent. */
  publishCatchUpHours: number;
  /** After SIGTERM, /healthz answers 503 this long before the service stops accepting connections. */
  shutdownGraceMs: number;
  /** A mass send over the 群发 quota: wait for the next slot, or go out as 发布 (not pushed) now. */
  publishQuotaFallback: "wait" | "publish";
  logLevel: LogLevel;
  /** The CLI's level: LOG_LEVEL when set, else "warn" (a command's own output stays readable). */
  cliLogLevel: LogLevel;
  logFormat: "json" | "pretty";
  /** No WeChat credentials: run against the embedded simulator with generated local secrets. */
  sandbox: boolean;
  wechat: WeChatConfig;
  dashboard: DashboardConfig;
}

/** The staff dashboard (/dashboard) and the stats job. */
export interface DashboardConfig {
  /** 账号名称 in reports, e.g. 青春轮台. */
  accountName: string;
  /** Add `Secure` to the session cookie (set when the dashboard is reached over https). */
  secureCookie: boolean;
  /** Behind a reverse proxy: take the login throttle's client IP from the last X-Forwarded-For entry. */
  trustProxy: boolean;
  sessionHours: number;
  /** Password for `cli user add` in scripts (instead of the prompt); never used by the server. */
  password: string | undefined;
  /** First stats run: how many days of datacube history to fetch. */
  statsBackfillDays: number;
}

export type LogLevel = "fatal" | "error" | "warn" | "info" | "debug" | "trace" | "silent";

type Env = Record<string, string | undefined>;

const blankToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);
const optionalString = z.preprocess(blankToUndefined, z.string().trim().optional());
const intIn = (min: number, max: number, def: number) =>
  z.preprocess(blankToUndefined, z.coerce.number().int().min(min).max(max).default(def));

const schema = z.object({
  PORT: intIn(0, 65535, 3000),
  // Loopback by default: the service is meant to sit behind a TLS reverse proxy (README, Going
  // live), and 0.0.0.0 exposed the dashboard and the sandbox to the whole network (issue 12).
  HOST: z.preprocess(blankToUndefined, z.string().default("127.0.0.1")),
  DATABASE_PATH: z.preprocess(blankToUndefined, z.string().default("data/app.db")),
  CONTENT_DIR: z.preprocess(blankToUndefined, z.string().default("content")),
  SCHEDULE_TIMEZONE: z.preprocess(blankToUndefined, z.string().default("Asia/Shanghai")),
  PUBLISH_CATCH_UP_HOURS: intIn(0, 168, 2),
  SHUTDOWN_GRACE_SECONDS: intIn(0, 120, 5),
  PUBLISH_QUOTA_FALLBACK: z.preprocess(blankToUndefined, z.enum(["wait", "publish"]).default("wait")),
  LOG_LEVEL: z.preprocess(
    blankToUndefined,
    z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).optional(),
  ),
  LOG_FORMAT: z.preprocess(blankToUndefined, z.enum(["json", "pretty"]).optional()),
  WECHAT_APP_ID: optionalString,
  WECHAT_APP_SECRET: optionalString,
  WECHAT_TOKEN: optionalString,
  WECHAT_ENCODING_AES_KEY: optionalString,
  WECHAT_ENCODING_AES_KEY_PREVIOUS: optionalString,
  WECHAT_ORIGINAL_ID: optionalString,
  WECHAT_ENCRYPT_MODE: z.preprocess(blankToUndefined, z.enum(["plain", "compat", "safe"]).default("plain")),
  WECHAT_API_BASE: optionalString,
  WECHAT_ACCOUNT_TYPE: z.preprocess(blankToUndefined, z.enum(["subscription", "service"]).default("subscription")),
  WECHAT_VERIFIED: z.preprocess(blankToUndefined, z.enum(["true", "false"]).default("true")),
  WECHAT_REPLAY_WINDOW_SECONDS: intIn(10, 86400, 300),
  WECHAT_BODY_LIMIT_BYTES: intIn(1024, 10 * 1024 * 1024, 64 * 1024),
  WECHAT_ACCOUNT_NAME: z.preprocess(blankToUndefined, z.string().trim().max(30).default("青春轮台")),
  DASHBOARD_SECURE_COOKIE: z.preprocess(blankToUndefined, z.enum(["true", "false"]).default("false")),
  DASHBOARD_SESSION_HOURS: intIn(1, 720, 12),
  DASHBOARD_TRUST_PROXY: z.preprocess(blankToUndefined, z.enum(["true", "false"]).default("false")),
  DASHBOARD_PASSWORD: z.preprocess(blankToUndefined, z.string().optional()),
  STATS_BACKFILL_DAYS: intIn(1, 4000, 90),
});

const HINTS: Record<string, string> = {
  PUBLISH_QUOTA_FALLBACK: "use wait (a mass send over the 群发 quota waits for the next allowed slot) or publish (it goes out as 发布 instead, not pushed)",
  PUBLISH_CATCH_UP_HOURS: "hours between 0 and 168 a post may still go out late after downtime, e.g. 2",
  SHUTDOWN_GRACE_SECONDS: "seconds between 0 and 120 that /healthz answers 503 after SIGTERM before the port closes, e.g. 5",
  PORT: "set PORT to a number between 0 and 65535, e.g. PORT=3000",
  LOG_LEVEL: "use one of fatal, error, warn, info, debug, trace, silent",
  LOG_FORMAT: "use json (for log collectors) or pretty (for a terminal)",
  WECHAT_ENCRYPT_MODE: "use plain (明文), compat (兼容) or safe (安全), as chosen under 服务器配置 in the MP console",
  WECHAT_ACCOUNT_TYPE: "use subscription (订阅号) or service (服务号)",
  WECHAT_VERIFIED: "use true if the account passed 微信认证, else false",
  WECHAT_REPLAY_WINDOW_SECONDS: "seconds between 10 and 86400; 300 suits WeChat's retries",
  WECHAT_BODY_LIMIT_BYTES: "bytes between 1024 and 10485760",
  WECHAT_ACCOUNT_NAME: "the account's display name (账号名称), at most 30 characters",
  DASHBOARD_SECURE_COOKIE: "use true when staff reach the dashboard over https, else false",
  DASHBOARD_SESSION_HOURS: "hours between 1 and 720 a staff login lasts",
  DASHBOARD_TRUST_PROXY: "use true only when a reverse proxy (nginx, Caddy) in front sets X-Forwarded-For",
  STATS_BACKFILL_DAYS: "days between 1 and 4000 of WeChat statistics to fetch on the first run",
};

/** EncodingAESKey: 43 characters of [A-Za-z0-9] decoding (with "=") to 32 bytes (message-push doc). */
const AES_KEY_RE = /^[A-Za-z0-9]{43}$/;

function isValidTimezone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** Loads `.env` (if present) into `env` without overriding what is already set. */
export function loadDotEnv(path = ".env"): void {
  if (existsSync(path)) process.loadEnvFile(path);
}

export function loadConfig(env: Env = process.env): Config {
  const parsed = schema.safeParse(env);
  const problems: string[] = [];
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const key = String(issue.path[0]);
      problems.push(`${key}: ${issue.message}${HINTS[key] ? ` (${HINTS[key]})` : ""}`);
    }
    throw new ConfigError(problems);
  }
  const e = parsed.data;

  const credentials = {
    WECHAT_APP_ID: e.WECHAT_APP_ID,
    WECHAT_APP_SECRET: e.WECHAT_APP_SECRET,
    WECHAT_TOKEN: e.WECHAT_TOKEN,
  };
  const given = Object.entries(credentials).filter(([, v]) => v !== undefined);
  const sandbox = given.length === 0;
  if (!sandbox) {
    for (const [key, value] of Object.entries(credentials)) {
      if (value === undefined) {
        problems.push(
          `${key} is missing: production needs WECHAT_APP_ID, WECHAT_APP_SECRET and WECHAT_TOKEN together ` +
            `(MP console → 设置与开发 → 基本配置), or leave all three unset to run the sandbox`,
        );
      }
    }
  }
  if (e.WECHAT_APP_ID !== undefined && !/^wx[0-9a-f]{16}$/i.test(e.WECHAT_APP_ID)) {
    problems.push("WECHAT_APP_ID: expected wx followed by 16 hex characters, as shown under 基本配置 → 开发者ID(AppID)");
  }
  if (e.WECHAT_TOKEN !== undefined && !/^[A-Za-z0-9]{3,32}$/.test(e.WECHAT_TOKEN)) {
    problems.push("WECHAT_TOKEN: must be 3–32 letters or digits, exactly as entered under 服务器配置 → 令牌(Token)");
  }
  for (const key of ["WECHAT_ENCODING_AES_KEY", "WECHAT_ENCODING_AES_KEY_PREVIOUS"] as const) {
    const v = e[key];
    if (v !== undefined && !AES_KEY_RE.test(v)) {
      problems.push(`${key}: must be the 43 letters and digits shown under 服务器配置 → 消息加解密密钥(EncodingAESKey)`);
    }
  }
  if (!sandbox && e.WECHAT_ENCRYPT_MODE !== "plain" && e.WECHAT_ENCODING_AES_KEY === undefined) {
    problems.push(
      `WECHAT_ENCODING_AES_KEY is missing: WECHAT_ENCRYPT_MODE=${e.WECHAT_ENCRYPT_MODE} needs the EncodingAESKey ` +
        "from 服务器配置, or set WECHAT_ENCRYPT_MODE=plain",
    );
  }
  if (e.WECHAT_ORIGINAL_ID !== undefined && !/^gh_[0-9a-z]+$/i.test(e.WECHAT_ORIGINAL_ID)) {
    problems.push("WECHAT_ORIGINAL_ID: expected the account's 原始ID, like gh_4d00ed8d6399 (设置与开发 → 基本配置)");
  }
  if (e.WECHAT_API_BASE !== undefined && !/^https?:\/\/[^\s]+$/.test(e.WECHAT_API_BASE)) {
    problems.push("WECHAT_API_BASE: expected an http(s) URL such as https://api.weixin.qq.com");
  }
  if (!isValidTimezone(e.SCHEDULE_TIMEZONE)) {
    problems.push(`SCHEDULE_TIMEZONE: unknown time zone "${e.SCHEDULE_TIMEZONE}" (use an IANA name such as Asia/Shanghai)`);
  }
  if (problems.length > 0) throw new ConfigError(problems);

  const config: Config = {
    port: e.PORT,
    host: e.HOST,
    databasePath: e.DATABASE_PATH,
    contentDir: e.CONTENT_DIR,
    scheduleTimezone: e.SCHEDULE_TIMEZONE,
    publishCatchUpHours: e.PUBLISH_CATCH_UP_HOURS,
    shutdownGraceMs: e.SHUTDOWN_GRACE_SECONDS * 1000,
    publishQuotaFallback: e.PUBLISH_QUOTA_FALLBACK,
    logLevel: e.LOG_LEVEL ?? "info",
    cliLogLevel: e.LOG_LEVEL ?? "warn",
    logFormat: e.LOG_FORMAT ?? (process.stdout.isTTY ? "pretty" : "json"),
    sandbox,
    wechat: {
      appId: e.WECHAT_APP_ID,
      appSecret: e.WECHAT_APP_SECRET,
      token: e.WECHAT_TOKEN,
      encodingAesKey: e.WECHAT_ENCODING_AES_KEY,
      previousEncodingAesKey: e.WECHAT_ENCODING_AES_KEY_PREVIOUS,
      originalId: e.WECHAT_ORIGINAL_ID,
      encryptMode: e.WECHAT_ENCRYPT_MODE,
      accountType: e.WECHAT_ACCOUNT_TYPE,
      verified: e.WECHAT_VERIFIED === "true",
      apiBase: e.WECHAT_API_BASE,
      replayWindowSeconds: e.WECHAT_REPLAY_WINDOW_SECONDS,
      bodyLimitBytes: e.WECHAT_BODY_LIMIT_BYTES,
    },
    dashboard: {
      accountName: e.WECHAT_ACCOUNT_NAME,
      secureCookie: e.DASHBOARD_SECURE_COOKIE === "true",
      trustProxy: e.DASHBOARD_TRUST_PROXY === "true",
      sessionHours: e.DASHBOARD_SESSION_HOURS,
      password: e.DASHBOARD_PASSWORD,
      statsBackfillDays: e.STATS_BACKFILL_DAYS,
    },
  };
  return deepFreeze(config);
}

function deepFreeze<T extends object>(o: T): T {
  for (const v of Object.values(o)) if (v && typeof v === "object") deepFreeze(v as object);
  return Object.freeze(o);
}
