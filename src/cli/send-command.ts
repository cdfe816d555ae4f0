import { COUNTY_ACCOUNT_ID } from "../matrix/declared-account";
import { builtAccounts } from "../matrix/configure-accounts";
import { webhookPathOf } from "../webhook/webhook-path";
import type { Config } from "../config";
import { openDatabase } from "../db/open-database";
import { createSettingsStore } from "../db/stores/settings-store";
import { resolveSecrets } from "../resolve-accounts";
import type { Clock } from "../time";
import { buildPush, type SimulatedAction } from "../wechat/build-push";
import { aesKeyFromEncodingAesKey } from "../wechat/message-crypto";
import { parseReply } from "../wechat/parse-reply";
import { formatReply } from "./format-reply";
import { findRunningService } from "./running-service";

/** A stable demo youth (real OpenIDs are 28 characters starting with "o"). */
export const DEMO_OPENID = "oLunTaiDemoYouth000000000001";

export interface SendOptions {
  action: SimulatedAction;
  /** Webhook URL; defaults to the service running on this database (its recorded address), else PORT. */
  url?: string | undefined;
  /** The account (accounts.yml id) the youth writes to; default: the county's. */
  accountId?: string | undefined;
  /** The simulated youth's OpenID; defaults to a stable demo id. */
  openId?: string | undefined;
}

export interface SendResult {
  status: number;
  body: string;
  text: string;
}

/** What the youth did, as the terminal shows it beside "你 →". */
export function actionLabel(action: SimulatedAction): string {
  switch (action.kind) {
    case "text":
      return action.content;
    case "click":
      return `[点菜单 ${action.key}]`;
    case "subscribe":
      return action.sceneId === undefined ? "[关注]" : `[扫码关注，场景 ${action.sceneId}]`;
    case "unsubscribe":
      return "[取消关注]";
    case "scan":
      return `[已关注时扫码，场景 ${action.sceneId}]`;
  }
}

/** Why the service refused a simulated push, and what to check (the status says which step failed). */
export function refusedText(status: number, body: string, url: string): string {
  const why =
    status === 401 || status === 403
      ? `签名没通过：${url} 的服务用的令牌（WECHAT_TOKEN）或加解密设置和这里的不一样。` +
        "在运行服务的同一个文件夹、同一份 .env 下运行这个命令；或者那个端口上是别的程序，用 --url 指定服务的地址"
      : status === 404
        ? `${url} 没有这个地址：那个端口上可能是别的程序，用 --url 指定服务的地址（启动时打印的“微信消息接口”）`
        : status >= 500
          ? "服务出错了：看服务的日志（运行 npm start 的终端）"
          : "检查服务的日志（运行 npm start 的终端）";
  return `服务拒绝了这条消息（HTTP ${status}${body.trim() ? `：${body.trim().slice(0, 200)}` : ""}）。${why}`;
}

/**
 * Signs a message exactly as WeChat would (and encrypts it in compat/safe mode), posts it to the
 * running webhook and renders the reply as the youth would see it.
 */
export async function sendCommand(config: Config, clock: Clock, options: SendOptions): Promise<SendResult> {
  const db = openDatabase(config.databasePath);
  let secrets;
  let running: string | undefined;
  try {
    const settings = createSettingsStore(db);
    const accountId = options.accountId ?? COUNTY_ACCOUNT_ID;
    const built = builtAccounts(config.matrix);
    const account = built.find((a) => a.id === accountId);
    if (!account) {
      const declared = config.matrix.accounts.some((a) => a.id === accountId);
      const served = config.matrix.accounts.filter((a) => a.served).map((a) => a.id);
      throw new Error(`send：账号「${accountId}」${declared ? "没有由本系统收发（暂停，或没有写 env）" : "没有在 content/accounts.yml 里声明"}；可用的账号：${served.join("、")}`);
    }
    secrets = resolveSecrets(config, settings, clock, account);
    // The service running on this database, wherever it listens (it records its address at start),
    // so `send` needs no PORT; else the local server on PORT.
    if (options.url === undefined) running = await findRunningService(settings);
  } finally {
    db.close();
  }
  const encrypt = config.wechat.encryptMode !== "plain";
  const aesKey = secrets.encodingAesKey ? aesKeyFromEncodingAesKey(secrets.encodingAesKey) : undefined;
  const openId = options.openId ?? DEMO_OPENID;
  const push = buildPush(
    options.action,
    openId,
    { token: secrets.token, originalId: secrets.originalId, encrypt, appId: secrets.appId, aesKey },
    clock.now(),
  );
  const path = webhookPathOf(options.accountId ?? COUNTY_ACCOUNT_ID);
  const url = options.url ?? `${running ?? `http://127.0.0.1:${config.port}`}${path}`;
  let res: Response;
  try {
    res = await fetch(`${url}${url.includes("?") ? "&" : "?"}${push.query}`, {
      method: "POST",
      headers: { "content-type": "text/xml" },
      body: push.body,
      signal: AbortSignal.timeout(6000),
    });
  } catch (err) {
    throw new Error(`send：连不上 ${url}（${(err as Error).message}）。服务在运行吗？用 npm start 启动；服务在别的端口时设 PORT。`);
  }
  const body = await res.text();
  if (res.status !== 200) return { status: res.status, body, text: refusedText(res.status, body, url) };
  return { status: res.status, body, text: formatReply(parseReply(body, aesKey)) };
}
