import { randomInt } from "node:crypto";
import { computeSignature } from "../wechat/verify-signature";
import { aesKeyFromEncodingAesKey, encryptMessage } from "../wechat/message-crypto";
import { unixSeconds } from "../time";
import type { Sandbox } from "./sandbox-context";

const cdata = (v: string) => `<![CDATA[${v.replace(/]]>/g, "]]]]><![CDATA[>")}]]>`;

/** Who sends job events: "公众号群发助手的openid，为mphelper" (freepublish_submit doc; protocol §2). */
const MPHELPER = "mphelper";

export interface PublishResult {
  publishId: string;
  status: number;
  articleId: string | null;
  articleUrls: string[];
  failIdx: number[];
}

export interface MassResult {
  msgId: string;
  status: string;
  totalCount: number;
  filterCount: number;
  sentCount: number;
  errorCount: number;
  articleUrls: string[];
}

const head = (toUser: string, fromUser: string, createTime: number, event: string) =>
  `<xml><ToUserName>${cdata(toUser)}</ToUserName><FromUserName>${cdata(fromUser)}</FromUserName>` +
  `<CreateTime>${createTime}</CreateTime><MsgType>${cdata("event")}</MsgType><Event>${cdata(event)}</Event>`;

/** PUBLISHJOBFINISH as in vectors/ev-publishjobfinish*.xml (article_* only on success, fail_idx repeated). */
export function publishJobFinishXml(toUser: string, createTime: number, r: PublishResult): string {
  let info = `<publish_id>${r.publishId}</publish_id><publish_status>${r.status}</publish_status>`;
  if (r.status === 0 && r.articleId !== null) {
    const items = r.articleUrls
      .map((url, i) => `<item><idx>${i + 1}</idx><article_url>${cdata(url)}</article_url></item>`)
      .join("");
    info += `<article_id>${cdata(r.articleId)}</article_id><article_detail><count>${r.articleUrls.length}</count>${items}</article_detail>`;
  }
  info += r.failIdx.map((i) => `<fail_idx>${i}</fail_idx>`).join("");
  return head(toUser, MPHELPER, createTime, "PUBLISHJOBFINISH") + `<PublishEventInfo>${info}</PublishEventInfo></xml>`;
}

/** MASSSENDJOBFINISH as in vectors/ev-masssendjobfinish-success.xml (MsgID with a capital D). */
export function massSendJobFinishXml(toUser: string, fromUser: string, createTime: number, r: MassResult): string {
  const urls = r.articleUrls
    .map((url, i) => `<item><ArticleIdx>${i + 1}</ArticleIdx><ArticleUrl>${cdata(url)}</ArticleUrl></item>`)
    .join("");
  return (
    head(toUser, fromUser, createTime, "MASSSENDJOBFINISH") +
    `<MsgID>${r.msgId}</MsgID><Status>${cdata(r.status)}</Status><TotalCount>${r.totalCount}</TotalCount>` +
    `<FilterCount>${r.filterCount}</FilterCount><SentCount>${r.sentCount}</SentCount><ErrorCount>${r.errorCount}</ErrorCount>` +
    `<CopyrightCheckResult><Count>0</Count><ResultList></ResultList><CheckState>1</CheckState></CopyrightCheckResult>` +
    `<ArticleUrlResult><Count>${r.articleUrls.length}</Count><ResultList>${urls}</ResultList></ArticleUrlResult></xml>`
  );
}

/** The event as WeChat would POST it: query (signature…) and body, per the callback's encrypt mode (protocol §1). */
export function signPush(sb: Sandbox, xml: string, fromUser: string, now: Date): { query: URLSearchParams; body: string } {
  const cb = sb.settings.callback!;
  const timestamp = String(unixSeconds(now));
  const nonce = String(randomInt(100_000_000, 2_147_483_647));
  const query = new URLSearchParams({ signature: computeSignature(cb.token, timestamp, nonce), timestamp, nonce, openid: fromUser });
  if (cb.encryptMode === "plain") return { query, body: xml };
  if (!cb.encodingAesKey) throw new Error(`sandbox: callback encryptMode ${cb.encryptMode} needs encodingAesKey`);
  const encrypt = encryptMessage(xml, aesKeyFromEncodingAesKey(cb.encodingAesKey), sb.appId);
  query.set("encrypt_type", "aes");
  query.set("msg_signature", computeSignature(cb.token, timestamp, nonce, encrypt));
  // 兼容模式 sends the plaintext fields and Encrypt together; 安全模式 only ToUserName and Encrypt.
  const body =
    cb.encryptMode === "compat"
      ? xml.replace(/<\/xml>$/, `<Encrypt>${cdata(encrypt)}</Encrypt></xml>`)
      : `<xml><ToUserName>${cdata(cb.originalId)}</ToUserName><Encrypt>${cdata(encrypt)}</Encrypt></xml>`;
  return { query, body };
}

/**
 * POSTs a job event to the callback URL, signed as WeChat signs, and records how it went.
 * One try with WeChat's 5 s patience; no callback configured means nothing is pushed.
 */
export async function pushJobEvent(
  sb: Sandbox,
  event: { name: "PUBLISHJOBFINISH" | "MASSSENDJOBFINISH"; refId: string; fromUser: string; xml: (toUser: string) => string },
): Promise<void> {
  const cb = sb.settings.callback;
  if (!cb) return;
  const now = sb.clock.now();
  const { query, body } = signPush(sb, event.xml(cb.originalId), event.fromUser, now);
  const record = { event: event.name, refId: event.refId, url: cb.url, createdAt: now.getTime() };
  try {
    const res = await sb.fetch(`${cb.url}${cb.url.includes("?") ? "&" : "?"}${query}`, {
      method: "POST",
      headers: { "content-type": "text/xml; charset=utf-8" },
      body,
      signal: AbortSignal.timeout(5000),
    });
    await res.text();
    sb.stores.outbox.addPush(sb.accountId, { ...record, httpStatus: res.status, error: null });
    sb.log.info({ event: event.name, refId: event.refId, status: res.status }, "sandbox pushed job event");
  } catch (err) {
    const error = err instanceof Error ? err.message : String(err);
    sb.stores.outbox.addPush(sb.accountId, { ...record, httpStatus: null, error });
    sb.log.warn({ event: event.name, refId: event.refId, error }, "sandbox could not push job event");
  }
}
