import type { AccountSettings, Deps } from "../deps";
import { decodePush, type DecodedPush } from "../wechat/decode-push";
import type { Reply } from "../wechat/types";
import { encodeReply } from "../wechat/encode-reply";
import { answerPush } from "./answer-push";
import type { FlatQuery } from "./flat-query";

export interface PushAnswer {
  /** application/xml for a passive reply, text/plain for `success`. */
  contentType: "application/xml; charset=utf-8" | "text/plain; charset=utf-8";
  body: string;
}

/**
 * One POST to the webhook, from the raw body to the answer: verify and decode at the edge
 * (src/wechat), dedupe/route/record (answer-push.ts), encode the reply in the push's own form.
 * Throws RequestError for anything refused (synchronously); error-response.ts maps it.
 */
export function receivePush(deps: Deps, account: AccountSettings, query: FlatQuery, body: string): PushAnswer | Promise<PushAnswer> {
  const now = deps.clock.now();
  const push = decodePush(query, body, account, now);
  const reply = answerPush(deps, account, push.message, now);
  // Synchronous on the fast path (answer-push.ts): the common push costs no promise.
  return reply instanceof Promise
    ? reply.then((r) => answerWith(account, push, r, deps.clock.now()))
    : answerWith(account, push, reply, now);
}

function answerWith(account: AccountSettings, push: DecodedPush, reply: Reply | null, now: Date): PushAnswer {
  return {
    contentType: reply ? "application/xml; charset=utf-8" : "text/plain; charset=utf-8",
    body: encodeReply(reply, push, account, now),
  };
}
