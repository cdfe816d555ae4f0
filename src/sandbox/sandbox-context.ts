import type { Context } from "koa";
import type { EncryptMode } from "../config";
import type { Logger } from "../logger";
import type { Clock } from "../time";
import type { Db } from "../db/open-database";
import type { SandboxApprovalStore } from "../db/stores/sandbox-approval-store";
import type { SandboxCommentStore } from "../db/stores/sandbox-comment-store";
import type { SandboxContentStore } from "../db/stores/sandbox-content-store";
import type { SandboxControlStore } from "../db/stores/sandbox-control-store";
import type { SandboxJobStore } from "../db/stores/sandbox-job-store";
import type { SandboxOutboxStore } from "../db/stores/sandbox-outbox-store";
import type { SandboxTokenStore } from "../db/stores/sandbox-token-store";

/** Where the sandbox pushes job-finish events: our webhook, signed exactly as WeChat signs. */
export interface SandboxCallback {
  /** e.g. http://127.0.0.1:3000/wechat (the query with signature etc. is appended). */
  url: string;
  /** The webhook Token (服务器配置 → 令牌). */
  token: string;
  /** plain: signature only; compat and safe: also encrypt_type=aes + msg_signature over Encrypt. */
  encryptMode: EncryptMode;
  /** 43 characters; needed unless encryptMode is plain. */
  encodingAesKey?: string;
  /** The account's 原始ID (gh_…), ToUserName of the events. */
  originalId: string;
}

/** What can be changed while the sandbox runs (configure(), POST /settings). */
export interface SandboxSettings {
  /** 订阅号: 1 sendall a day. 服务号: 4 a month, to-all once a day (protocol §5.5). */
  accountType: "subscription" | "service";
  /** false: 48001 on custom/send, datacube, freepublish and mass sendall. */
  verified: boolean;
  callback: SandboxCallback | undefined;
  /** How long publish and mass-send jobs take before their events are pushed. */
  jobDelayMs: number;
  /** Latency of stable_token (tests widen the race window with it). */
  stableTokenDelayMs: number;
  /** Outcome of the next publish jobs: publish_status (0 ok; 2 原创失败, 3 常规失败, 4 审核不通过) and fail_idx. */
  publishOutcome: { status: number; failIdx: number[] };
  /**
   * API 群发保护 (设置 → 安全中心 → 风险操作保护; platform-2025.md §1b): a sendall to all followers
   * waits for an admin's confirmation (89503), decided with approveMassSend / refuseMassSend or
   * timed out after 30 minutes of the sandbox's clock.
   */
  massProtection: boolean;
}

export interface SandboxDeps extends Partial<SandboxSettings> {
  db: Db;
  clock: Clock;
  log: Logger;
  /** The simulated account's AppID and AppSecret (stable_token checks them). */
  appId: string;
  appSecret: string;
  accountId?: string;
  /** Seed of the generated follower and read figures; defaults to the appId. */
  seed?: string;
  /** Router prefix, "/sandbox" by default, so WECHAT_API_BASE = http://host:port/sandbox. */
  prefix?: string;
  /** For the event pushes. */
  fetch?: typeof fetch;
}

export interface SandboxStores {
  tokens: SandboxTokenStore;
  control: SandboxControlStore;
  content: SandboxContentStore;
  jobs: SandboxJobStore;
  outbox: SandboxOutboxStore;
  comments: SandboxCommentStore;
  approvals: SandboxApprovalStore;
}

/** One uploaded file (multipart field `media`). */
export interface Upload {
  filename: string;
  contentType: string;
  data: Buffer;
  /** The file was larger than the limit asked for (data holds only the first bytes). */
  tooLarge: boolean;
}

/** What every simulated endpoint gets. */
export interface Sandbox {
  accountId: string;
  appId: string;
  appSecret: string;
  seed: string;
  clock: Clock;
  log: Logger;
  settings: SandboxSettings;
  stores: SandboxStores;
  /** For the event pushes. */
  fetch: typeof fetch;
  /** When this process's last sendall calls arrived (ms), at most 60: the API's minute limit (protocol §5.5). */
  recentSendAlls: number[];
  /** Runs `task` after `delayMs` (tracked, so idle() and close() know about it). */
  later(delayMs: number, task: () => Promise<void> | void): void;
}

/** One request as an endpoint handler sees it. */
export interface SandboxRequest {
  ctx: Context;
  now: Date;
  query: Record<string, string>;
  json(): Promise<Record<string, unknown>>;
  upload(maxBytes: number): Promise<Upload>;
}

export type WireReply = Record<string, unknown>;

/** One simulated WeChat endpoint. */
export interface EndpointSpec {
  method: "GET" | "POST";
  /** "/cgi-bin/draft/add": the path under the API base. */
  path: string;
  /** Needs 微信认证: answers 48001 for unverified accounts. */
  verifiedOnly?: boolean;
  /** Takes no access_token (stable_token). */
  public?: boolean;
  /** Answer with Content-Type text/plain, as media/uploadimg does (protocol §5.2). */
  textPlain?: boolean;
  handle(req: SandboxRequest): Promise<WireReply> | WireReply;
}

/** Thrown by a handler to answer WeChat-style {errcode, errmsg, …extra}. */
export class SandboxReject extends Error {
  constructor(
    readonly errcode: number,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(`sandbox: errcode ${errcode}`);
  }
}

export function reject(errcode: number, extra?: Record<string, unknown>): never {
  throw new SandboxReject(errcode, extra);
}
