import type { AccountSettings, Deps } from "../deps";
import type { PushOutcome } from "../db/stores/message-store";
import type { RouteFacts } from "../bot/route-message";
import { hashOpenId } from "../logger";
import type { InboundMessage, Reply } from "../wechat/types";

const JOB_EVENTS = new Set(["mass_send_finished", "publish_finished", "template_send_finished"]);

/**
 * Dedupe → route → record for one verified push, within WeChat's deadline.
 *
 * WeChat waits 5 s, then retries (3 tries in all) and finally shows the youth
 * "该公众号暂时无法提供服务" (Passive_user_reply_message doc). So: the first try claims the push;
 * a retry while it is still running gets `success` (null); a retry after it finished gets the same
 * reply again; and work not done by the budget (~4.5 s) answers `success`, finishes in the
 * background and is delivered through the customer-service API.
 * @returns the passive reply, or null for `success`
 */
export async function answerPush(deps: Deps, account: AccountSettings, message: InboundMessage): Promise<Reply | null> {
  const { messages } = deps.stores;
  const claim = messages.claim(account.accountId, message, deps.clock.now());
  if (claim.kind === "in_progress") return null;
  if (claim.kind === "done") return claim.reply;

  const work = decide(deps, account, message);
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<"timeout">((resolve) => {
    timer = setTimeout(resolve, deps.config.wechat.replyBudgetMs, "timeout");
  });
  const first = await Promise.race([work, deadline]);
  clearTimeout(timer);

  if (first !== "timeout") {
    messages.complete(account.accountId, message, first, deps.clock.now());
    return first.reply;
  }
  deps.log.warn({ category: "http", type: message.type, user: hashOpenId(message.openId) }, "reply budget exceeded, answered success");
  void work.then(async (late) => {
    messages.complete(account.accountId, message, { ...late, status: late.status === "failed" ? "failed" : "late" }, deps.clock.now());
    if (late.reply && deps.deliverLate) {
      try {
        await deps.deliverLate(account.accountId, message.openId, late.reply);
      } catch (err) {
        deps.log.warn({ category: "http", err, user: hashOpenId(message.openId) }, "late reply not delivered");
      }
    }
  });
  return null;
}

/** Runs the router (or the job-event hook); never throws: a failure is an outcome. */
async function decide(deps: Deps, account: AccountSettings, message: InboundMessage): Promise<PushOutcome> {
  try {
    if (JOB_EVENTS.has(message.type)) {
      await deps.onJobEvent?.(account.accountId, message);
      return { status: "replied", reply: null, matchMode: "event" };
    }
    const { messages } = deps.stores;
    const facts: RouteFacts = {
      now: deps.clock.now(),
      latestArticles: (columnId, limit) => deps.catalog.latestArticles(account.accountId, columnId, limit),
      // Read only when the router asks (unmatched messages), not on every push.
      get lastDefaultReplyAt() {
        return messages.lastDefaultReplyAt(account.accountId, message.openId);
      },
    };
    const result = await deps.route(message, facts);
    return {
      status: "replied",
      reply: result.reply,
      ruleId: result.ruleId,
      columnId: result.columnId,
      matchMode: result.matchMode,
    };
  } catch (err) {
    deps.log.error({ category: "bot", err, type: message.type }, "routing failed, answered success");
    return { status: "failed", reply: null };
  }
}
