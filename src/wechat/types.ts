/**
 * What the rest of the service sees of WeChat's pushes and passive replies. Field names are ours
 * (camelCase); WeChat's PascalCase XML names exist only inside src/wechat/.
 */

interface Base {
  /** The account's original id (gh_…): the push's ToUserName. */
  accountOriginalId: string;
  /** The youth's OpenID: the push's FromUserName. */
  openId: string;
  /** CreateTime (Unix seconds) as an instant. */
  createdAt: Date;
  /**
   * Key under which WeChat's retries of this push collapse (Passive_user_reply_message doc:
   * messages by MsgId, events by FromUserName+CreateTime; job events by their job id, since
   * several can share FromUserName+CreateTime).
   */
  dedupKey: string;
}

/** Ordinary messages carry a 64-bit MsgId, kept as a string: real ids exceed 2^53. */
interface MessageBase extends Base {
  msgId: string;
}

export interface TextMessage extends MessageBase {
  type: "text";
  content: string;
}
export interface ImageMessage extends MessageBase {
  type: "image";
  picUrl: string;
  mediaId: string;
}
export interface VoiceMessage extends MessageBase {
  type: "voice";
  mediaId: string;
  format: string;
  /** Speech recognition result, when the account has it switched on. */
  recognition?: string;
}
export interface VideoMessage extends MessageBase {
  type: "video" | "shortvideo";
  mediaId: string;
  thumbMediaId: string;
}
export interface LocationMessage extends MessageBase {
  type: "location";
  latitude: number;
  longitude: number;
  scale: number;
  label: string;
}
export interface LinkMessage extends MessageBase {
  type: "link";
  title: string;
  description: string;
  url: string;
}

export interface SubscribeEvent extends Base {
  type: "subscribe";
  /** Scene of a parametric QR code, without WeChat's `qrscene_` prefix. */
  sceneId?: string;
  ticket?: string;
}
export interface UnsubscribeEvent extends Base {
  type: "unsubscribe";
}
export interface ScanEvent extends Base {
  type: "scan";
  sceneId: string;
  ticket?: string;
}
export interface ClickEvent extends Base {
  type: "click";
  key: string;
}
export interface ViewEvent extends Base {
  type: "view";
  url: string;
  menuId?: string;
}
export interface LocationReportEvent extends Base {
  type: "location_report";
  latitude: number;
  longitude: number;
  precision: number;
}
export interface MassSendFinishedEvent extends Base {
  type: "mass_send_finished";
  msgId: string;
  /** "send success", "send fail" or "err(num)". */
  status: string;
  totalCount: number;
  filterCount: number;
  sentCount: number;
  errorCount: number;
  articleUrls: string[];
}
export interface PublishFinishedEvent extends Base {
  type: "publish_finished";
  publishId: string;
  /** 0 success, 1 publishing, 2 原创失败, 3 常规失败, 4 审核不通过, 5 用户删除, 6 系统封禁. */
  publishStatus: number;
  articleId?: string;
  articleUrls: string[];
  /** 1-based indexes of the articles that failed. */
  failIdx: number[];
}
export interface TemplateSendFinishedEvent extends Base {
  type: "template_send_finished";
  msgId: string;
  status: string;
}
/** Anything we do not model: logged, recorded, answered with `success`. */
export interface UnknownMessage extends Base {
  type: "unknown";
  msgType: string;
  event?: string;
  msgId?: string;
  fields: Record<string, string>;
}

export type InboundMessage =
  | TextMessage
  | ImageMessage
  | VoiceMessage
  | VideoMessage
  | LocationMessage
  | LinkMessage
  | SubscribeEvent
  | UnsubscribeEvent
  | ScanEvent
  | ClickEvent
  | ViewEvent
  | LocationReportEvent
  | MassSendFinishedEvent
  | PublishFinishedEvent
  | TemplateSendFinishedEvent
  | UnknownMessage;

export type InboundType = InboundMessage["type"];

export interface NewsArticle {
  title: string;
  description: string;
  picUrl: string;
  url: string;
}

/** Passive replies (被动回复), one per push. */
export type Reply =
  | { type: "text"; content: string }
  | { type: "image"; mediaId: string }
  | { type: "voice"; mediaId: string }
  | { type: "video"; mediaId: string; title?: string; description?: string }
  | {
      type: "music";
      title?: string;
      description?: string;
      musicUrl?: string;
      hqMusicUrl?: string;
      thumbMediaId?: string;
    }
  /** One article when answering a user's message (45008 beyond; 2018-10-12 change). */
  | { type: "news"; articles: NewsArticle[] }
  | { type: "transfer_customer_service"; kfAccount?: string };

/** Addressing of a reply: to the youth, from the account. */
export interface ReplyEnvelope {
  toOpenId: string;
  fromOriginalId: string;
  createdAt: Date;
}
