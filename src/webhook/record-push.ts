import type { Deps } from "../deps";
import { hashOpenId, type Logger } from "../logger";
import { followJobResult } from "../publisher/job-events";
import { applyQa } from "../qa/apply-qa";
import { applyBind } from "../staff-phone/apply-bind";
import type { BindState } from "../staff-phone/decide-bind";
import type { InboundMessage, Reply } from "../wechat/types";
import { windowOpenerOf } from "../wechat/window-opener";
import type { FollowerState } from "./read-follower";
import { routePush, type RoutedPush } from "./route-push";

/** The account's own parts (content, 青年之声, simulator); the county's when the id is not served. */
export const accountDeps = (deps: Deps, accountId: string): Deps => deps.matrix.get(accountId) ?? deps;

/** A decision, or the fact that routing threw (the push is then answered `success` and logged as failed). */
export type PushDecision = RoutedPush & { failed?: true };

/** The pure router (route-push.ts) on the content as it is now; a bug in it fails only this push. */
export function routeOrFail(deps: Deps, log: Logger, accountId: string, message: InboundMessage, follower: FollowerState, now: Date, bind: BindState | null = null): PushDecision {
  try {
    const account = accountDeps(deps, accountId);
    return routePush(message, { bot: account.content.current(), qa: account.qa.content.current(), articles: deps.catalog.byColumn(accountId) }, follower, now, bind);
  } catch (err) {
    log.error({ err, type: message.type, user: hashOpenId(message.openId) }, "routing failed, answered success");
    return { result: { reply: null }, intent: null, delivered: [], deliveredReplies: [], failed: true };
  }
}

/**
 * Writes everything one push causes, inside the caller's transaction, and returns its reply:
 * 青年之声 (tickets, answers and staff replies delivered), a staff member's phone binding,
 * job results for the publishing ledger,
 * the simulated customer-service window (sandbox mode), then the message log and the youth's row.
 * Used for a push being answered (handle-push.ts) and for one folded from the journal (fold-journal.ts).
 * @param sent the reply already given (a journal entry being folded): stored as it was
 */
export function recordPush(deps: Deps, log: Logger, accountId: string, message: InboundMessage, decision: PushDecision, receivedAt: Date, sent?: Reply | null): Reply | null {
  const account = accountDeps(deps, accountId);
  const qaReply = applyQa(
    { store: deps.stores.qaTickets, staffReplies: deps.stores.staffReplies, log, timezone: deps.config.scheduleTimezone },
    account.qa.content.current(),
    accountId,
    message,
    decision,
    receivedAt,
  );
  // A "绑定 …" from the journal was answered "后台正忙" and carries no outcome: nothing to bind.
  const bindReply = decision.bind ? applyBind({ store: deps.stores.staffPhones, audit: deps.stores.audit, log }, accountId, message.openId, decision.bind, receivedAt) : undefined;
  const reply = sent !== undefined ? sent : bindReply !== undefined ? { type: "text" as const, content: bindReply } : qaReply;
  if (message.type === "publish_finished" || message.type === "mass_send_finished") {
    followJobResult({ store: deps.stores.publications, clock: deps.clock, log, onPublished: () => deps.catalog.invalidate() }, accountId, message);
  }
  // Sandbox mode: what the youth did opens the simulated customer-service window, as WeChat's would.
  const opener = windowOpenerOf(message);
  if (account.sandbox && opener) account.sandbox.recordInteraction(message.openId, opener, message.createdAt);
  const { ruleId, columnId, matchMode } = decision.result;
  deps.stores.messages.record({ accountId, message, receivedAt, outcome: { status: decision.failed ? "failed" : "replied", reply, ruleId, columnId, matchMode } });
  return reply;
}
