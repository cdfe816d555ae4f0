import { createHash } from "node:crypto";

/**
 * The clientmsgid of a post's mass send: deterministic (same account, post and draft → same id),
 * so a send repeated after a crash is refused with 45065 and the existing msg_id instead of
 * reaching phones twice (protocol §5.5, §8 item 8). 24 ASCII characters: WeChat allows 64 bytes,
 * but a 36-character id has been reported refused with 45067, so it stays short.
 * A new draft (the post was edited and re-drafted) gets a new id.
 */
export function clientMsgId(accountId: string, slug: string, draftMediaId: string): string {
  const digest = createHash("sha256").update(`${accountId}\n${slug}\n${draftMediaId}`).digest("base64url");
  return `ql${digest.slice(0, 22)}`;
}
