import { existsSync } from "node:fs";
import { z } from "zod";
import { ConfigError } from "./errors";
import { configureAccounts, type AccountsConfig } from "./matrix/configure-accounts";

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
  /** The accounts of content/accounts.yml, which of them this instance serves, and their secrets. */
  matrix: AccountsConfig;
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

/** What each key is for and what to write, in the words of the person editing .env. */
const HINTS: Record<string, string> = {
  PORT: "服务监听的端口，例如 PORT=3000",
  HOST: "服务监听的地址，默认 127.0.0.1（前面放反向代理）",
  PUBLISH_QUOTA_FALLBACK: "wait：超出群发次数时等到下一个可群发的时间；publish：改为发布（不推送）",
  PUBLISH_CATCH_UP_HOURS: "服务停机后，过了发布时间多少小时内的稿件仍补发，例如 2",
  SHUTDOWN_GRACE_SECONDS: "收到 SIGTERM 后 /healthz 先报 503 的秒数，例如 5",
  LOG_LEVEL: "日志级别：fatal、error、warn、info、debug、trace 或 silent",
  LOG_FORMAT: "json（给日志系统）或 pretty（给终端看）",
  WECHAT_ENCRYPT_MODE: "plain（明文）、compat（兼容）或 safe（安全），和公众号后台“服务器配置”里选的一致",
  WECHAT_ACCOUNT_TYPE: "subscription（订阅号）或 service（服务号）",
  WECHAT_VERIFIED: "账号通过了微信认证写 true，否则写 false",
  WECHAT_REPLAY_WINDOW_SECONDS: "秒数，300 适合微信的重试",
  WECHAT_BODY_LIMIT_BYTES: "字节数",
  WECHAT_ACCOUNT_NAME: "公众号名称，例如 青春轮台",
  DASHBOARD_SECURE_COOKIE: "工作人员通过 https 访问后台时写 true，否则写 false",
  DASHBOARD_SESSION_HOURS: "工作人员登录一次保持的小时数",
  DASHBOARD_TRUST_PROXY: "只有前面的反向代理（nginx、Caddy）会设置 X-Forwarded-For 时才写 true",
  STATS_BACKFILL_DAYS: "第一次统计时向微信取多少天的历史数据",
};

/** The whole-number keys and their ranges, for "PORT 应为 0–65535 的整数，现在是 abc". */
const INT_RANGES: Record<string, [number, number]> = {
  PORT: [0, 65535],
  PUBLISH_CATCH_UP_HOURS: [0, 168],
  SHUTDOWN_GRACE_SECONDS: [0, 120],
  WECHAT_REPLAY_WINDOW_SECONDS: [10, 86400],
  WECHAT_BODY_LIMIT_BYTES: [1024, 10 * 1024 * 1024],
  DASHBOARD_SESSION_HOURS: [1, 720],
  STATS_BACKFILL_DAYS: [1, 4000],
};

/** One schema problem as plain Chinese: the key, what it should be, what it is now, what it is for. */
function describeConfigIssue(issue: z.ZodIssue, env: Env): string {
  const key = String(issue.path[0]);
  const now = `现在是「${env[key] ?? ""}」`;
  const hint = HINTS[key] ? `（${HINTS[key]}）` : "";
  const range = INT_RANGES[key];
  if (range) return `${key} 应为 ${range[0]}–${range[1]} 的整数，${now}${hint}`;
  if (issue.code === "invalid_enum_value") return `${key} 只能写 ${issue.options.join("、")} 之一，${now}${hint}`;
  if (issue.code === "too_big") return `${key} 最多 ${String(issue.maximum)} 个字，${now}${hint}`;
  return `${key} 的值不对，${now}${hint}`;
}

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
  // Every problem in one pass: the schema's and the cross-checks below, which read the raw values
  // so that a bad PORT does not hide a bad WECHAT_APP_ID until the next start (issue 15).
  const parsed = schema.safeParse(env);
  // One key can fail two ways (0.5 is neither whole nor ≥ 1): it is said once.
  const problems: string[] = parsed.success ? [] : [...new Set(parsed.error.issues.map((issue) => describeConfigIssue(issue, env)))];
  const raw = (key: string): string | undefined => {
    const v = env[key];
    return v === undefined || v.trim() === "" ? undefined : v.trim();
  };

  const credentials = ["WECHAT_APP_ID", "WECHAT_APP_SECRET", "WECHAT_TOKEN"] as const;
  const sandbox = credentials.every((k) => raw(k) === undefined);
  if (!sandbox) {
    for (const key of credentials) {
      if (raw(key) === undefined) {
        problems.push(
          `${key} 没有填写：正式环境要同时填 WECHAT_APP_ID、WECHAT_APP_SECRET 和 WECHAT_TOKEN（微信开发者平台 → 我的业务 → 公众号 → 基础信息），` +
            "或三个都不填，使用内置的模拟微信（sandbox）",
        );
      }
    }
  }
  const appId = raw("WECHAT_APP_ID");
  if (appId !== undefined && !/^wx[0-9a-f]{16}$/i.test(appId)) {
    problems.push(`WECHAT_APP_ID 应为 wx 加 16 位十六进制字符（开发者ID(AppID)），现在是「${appId}」`);
  }
  const token = raw("WECHAT_TOKEN");
  if (token !== undefined && !/^[A-Za-z0-9]{3,32}$/.test(token)) {
    problems.push("WECHAT_TOKEN 应为 3–32 个字母或数字，和“服务器配置 → 令牌(Token)”里填的完全一样");
  }
  for (const key of ["WECHAT_ENCODING_AES_KEY", "WECHAT_ENCODING_AES_KEY_PREVIOUS"] as const) {
    const v = raw(key);
    if (v !== undefined && !AES_KEY_RE.test(v)) {
      problems.push(`${key} 应为“服务器配置 → 消息加解密密钥(EncodingAESKey)”里的 43 个字母和数字，现在是 ${v.length} 个字符`);
    }
  }
  const encryptMode = raw("WECHAT_ENCRYPT_MODE") ?? "plain";
  if (!sandbox && (encryptMode === "compat" || encryptMode === "safe") && raw("WECHAT_ENCODING_AES_KEY") === undefined) {
    problems.push(
      `WECHAT_ENCODING_AES_KEY 没有填写：WECHAT_ENCRYPT_MODE=${encryptMode} 需要“服务器配置”里的 EncodingAESKey，` + "或改成 WECHAT_ENCRYPT_MODE=plain",
    );
  }
  const originalId = raw("WECHAT_ORIGINAL_ID");
  if (originalId !== undefined && !/^gh_[0-9a-z]+$/i.test(originalId)) {
    problems.push(`WECHAT_ORIGINAL_ID 应为公众号的原始ID，例如 gh_4d00ed8d6399，现在是「${originalId}」`);
  }
  const apiBase = raw("WECHAT_API_BASE");
  if (apiBase !== undefined && !/^https?:\/\/[^\s]+$/.test(apiBase)) {
    problems.push(`WECHAT_API_BASE 应为 http(s) 网址，例如 https://api.weixin.qq.com，现在是「${apiBase}」`);
  }
  const timezone = raw("SCHEDULE_TIMEZONE") ?? "Asia/Shanghai";
  if (!isValidTimezone(timezone)) {
    problems.push(`SCHEDULE_TIMEZONE 不是已知的时区：「${timezone}」；写 IANA 时区名，例如 Asia/Shanghai（北京时间）`);
  }
  // The matrix (content/accounts.yml) and each served account's secrets, validated with the rest.
  const matrix = configureAccounts(raw("CONTENT_DIR") ?? "content", env, sandbox, {
    accountName: raw("WECHAT_ACCOUNT_NAME") ?? "青春轮台",
    accountType: raw("WECHAT_ACCOUNT_TYPE") === "service" ? "service" : "subscription",
    verified: raw("WECHAT_VERIFIED") !== "false",
  }, problems);
  if (problems.length > 0 || !parsed.success || !matrix) throw new ConfigError(problems);
  const e = parsed.data;

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
    matrix,
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
