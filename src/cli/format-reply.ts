import type { Reply } from "../wechat/types";

/** Turns <a href="url">title</a> into "title (url)" so a terminal shows what a youth would tap. */
function plainLinks(text: string): string {
  return text.replace(/<a\s+href="([^"]*)"\s*>([\s\S]*?)<\/a>/gi, "$2 ($1)");
}

/** A passive reply as it would look in the youth's chat, for the terminal (labels in Chinese). */
export function formatReply(reply: Reply | null): string {
  if (!reply) return "（没有回复：公众号回答了 success，青年什么也看不到）";
  switch (reply.type) {
    case "text":
      return plainLinks(reply.content);
    case "news":
      return reply.articles
        .map((a) => `▣ ${a.title}\n  ${a.description}\n  ${a.url}${a.picUrl ? `\n  [封面] ${a.picUrl}` : ""}`)
        .join("\n");
    case "image":
      return `[图片 ${reply.mediaId}]`;
    case "voice":
      return `[语音 ${reply.mediaId}]`;
    case "video":
      return `[视频 ${reply.title ?? ""} ${reply.mediaId}]`;
    case "music":
      return `[音乐 ${reply.title ?? ""}]`;
    case "transfer_customer_service":
      return "（转给了人工客服）";
  }
}
