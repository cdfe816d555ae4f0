import type { AccountSettings, Deps } from "../deps";
import type { PushOutcome } from "../db/stores/message-store";
import type { RouteFacts, RouteResult } from "../bot/route-message";
import { hashOpenId } from "../logger";
import type { InboundMessage, Reply } from "../wechat/types";

const JOB_EVENTS = new Set(["mass_send_finished", "publish_finished", "template_send_finished"]);

const isPromise = <T>(v: T | Promise<T>): v is Promise<T> => typeof (v as { then?: unknown })?.then === "function";

/**
 * Dedupe → route → record for one verified push, within WeChat's deadline.
 *
 * WeChat waits 5 s, then retries (3 tries in all) and finally shows the youth
 * "该公众号暂时无法提供服务" (Passive_user_reply_message doc). So a retry of an answered push gets
 * the same reply again, a retry while the first try still runs gets `success` (null), and work not
 * done by the budget (~4.5 s) answers `success`, finishes in the background and is delivered
 * through the customer-service API.
 *
 * Fast path: routing is usually synchronous, so the push is recorded after routing with no await
 * in between (no other request of this process can interleave), by group commit (message-log.ts),
 * and the reply is returned synchronously: no promise, no microtask hop.
 * @returns the passive reply, or null for `success` (a promise of it on the slow path)
 */
export function answerPush(
  deps: Deps,
  account: AccountSettings,
  message: InboundMessage,
  receivedAt: Date,
): Reply | null | Promise<Reply | null> {
  const { messages } = deps.stores;
  const known = messages.find(account.accountId, message.dedupKey);
  if (known) return known.kind === "done" ? known.reply : null;

  deps.observeInbound?.(account.accountId, message);
  const decided = decide(deps, account, message, receivedAt);
  if (!isPromise(decided)) {
    const claim = messages.record({ accountId: account.accountId, message, outcome: decided, receivedAt });
    return claim.kind === "new" ? decided.reply : claim.kind === "done" ? claim.reply : null;
  }
  return answerLater(deps, account, message, decided, receivedAt);
}

/** The slow path: routing awaits something, so the push is claimed in the database first. */
async function answerLater(
  deps: Deps,
  account: AccountSettings,
  message: InboundMessage,
  decided: Promise<PushOutcome>,
  receivedAt: Date,
): Promise<Reply | null> {
  const { messages } = deps.stores;
  const claim = messages.claim(account.accountId, message, receivedAt);
  if (claim.kind !== "new") {
    decided.catch(() => undefined);
    return claim.kind === "done" ? claim.reply : null;
  }
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<"timeout">((resolve) => {
    timer = setTimeout(resolve, deps.config.wechat.replyBudgetMs, "timeout");
  });
  const first = await Promise.race([decided, deadline]);
  clearTimeout(timer);
  if (first !== "timeout") {
    messages.complete(account.accountId, message, first, deps.clock.now());
    return first.reply;
  }
  deps.log.warn({ category: "http", type: message.type, user: hashOpenId(message.openId) }, "reply budget exceeded, answered success");
  void decided.then((late) => finishLate(deps, account, message, late));
  return null;
}

async function finishLate(deps: Deps, account: AccountSettings, message: InboundMessage, late: PushOutcome): Promise<void> {
  const status = late.status === "failed" ? "failed" : "late";
  deps.stores.messages.complete(account.accountId, message, { ...late, status }, deps.clock.now());
  if (!late.reply || !deps.deliverLate) return;
  try {
    await deps.deliverLate(account.accountId, message.openId, late.reply);
  } catch (err) {
    deps.log.warn({ category: "http", err, user: hashOpenId(message.openId) }, "late reply not delivered");
  }
}

/** Runs the router (or the job-event hook); synchronous when they are. Never throws: failure is an outcome. */
function decide(deps: Deps, account: AccountSettings, message: InboundMessage, now: Date): PushOutcome | Promise<PushOutcome> {
  const failed = (err: unknown): PushOutcome => {
    deps.log.error({ category: "bot", err, type: message.type }, "routing failed, answered success");
    return { status: "failed", reply: null };
  };
  try {
    if (JOB_EVENTS.has(message.type)) {
      const done: PushOutcome = { status: "replied", reply: null, matchMode: "event" };
      const hook = deps.onJobEvent?.(account.accountId, message);
      return isPromise(hook) ? hook.then(() => done, failed) : done;
    }
    const { messages } = deps.stores;
    const facts: RouteFacts = {
      now,
      latestArticles: (columnId, limit) => deps.catalog.latestArticles(account.accountId, columnId, limit),
      // Read only when the router asks (unmatched messages), not on every push.
      get lastDefaultReplyAt() {
        return messages.lastDefaultReplyAt(account.accountId, message.openId);
      },
    };
    const result = deps.route(message, facts);
    return isPromise(result) ? result.then(toOutcome, failed) : toOutcome(result);
  } catch (err) {
    return failed(err);
  }
}

const toOutcome = (r: RouteResult): PushOutcome => ({
  status: "replied",
  reply: r.reply,
  ruleId: r.ruleId,
  columnId: r.columnId,
  matchMode: r.matchMode,
});
