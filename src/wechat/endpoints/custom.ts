import type { ApiCall } from "../api-types";

const SEND = "/cgi-bin/message/custom/send";

/** A link card: one article only (more gives 45008 since 2018-10-12; protocol §3.2). */
export interface CustomNewsArticle {
  title: string;
  description: string;
  url: string;
  picUrl: string;
}

/** Customer-service (客服) messages we send (doc:svc/api/customer/message/api_sendcustommessage). */
export type CustomMessage =
  | { type: "text"; content: string }
  | { type: "image"; mediaId: string }
  | { type: "news"; article: CustomNewsArticle }
  | { type: "mpnews"; mediaId: string }
  /** A published (freepublish) article by its article_id. */
  | { type: "mpnewsarticle"; articleId: string };

/** The wire body for `toOpenId`. */
export function toWireCustomMessage(toOpenId: string, message: CustomMessage): Record<string, unknown> {
  const head = { touser: toOpenId, msgtype: message.type };
  switch (message.type) {
    case "text":
      return { ...head, text: { content: message.content } };
    case "image":
      return { ...head, image: { media_id: message.mediaId } };
    case "news": {
      const a = message.article;
      return { ...head, news: { articles: [{ title: a.title, description: a.description, url: a.url, picurl: a.picUrl }] } };
    }
    case "mpnews":
      return { ...head, mpnews: { media_id: message.mediaId } };
    case "mpnewsarticle":
      return { ...head, mpnewsarticle: { article_id: message.articleId } };
  }
}

/**
 * 客服消息: reach a youth after the passive-reply deadline. Only within 48 h of their last message,
 * 5 messages per window (45015 outside the window or after unsubscribing, 45047 over the count),
 * and only for verified accounts (48001). None of these is retried (protocol §5.6, §6).
 */
export function customEndpoints(call: ApiCall) {
  return {
    /** message/custom/send. Not retried on -1: the youth would get the answer twice. */
    async send(toOpenId: string, message: CustomMessage): Promise<void> {
      await call({ path: SEND, method: "POST", json: toWireCustomMessage(toOpenId, message), retryOnBusy: false });
    },
  };
}
