/**
 * POST /wechat[/:account]: one WeChat push, from the request to the reply, top to bottom.
 *
 *   read body → verify, decrypt, parse (src/wechat) → at the end of the event loop's turn, in one
 *   transaction with a savepoint per push: dedup, read the youth's state (and a staff member's
 *   "绑定 …"), route (pure), record (message log, 青年之声, inbox, phone binding, job results)
 *   → COMMIT → render → reply
 *
 * Guarantees (README, The webhook; each has a test):
 * - Answered means stored: the reply is written only after the push is committed, to the main
 *   database or, while another process holds its lock, to the push journal (answerFromJournal).
 * - One bad push harms only itself: it is refused (4xx) before anything is written, and each push
 *   is its own transaction.
 * - A locked database never freezes the service: the service's connection waits at most
 *   SERVICE_BUSY_TIMEOUT_MS, then the push goes to the journal, folded into the main database in
 *   order and exactly once when the lock frees (fold-journal.ts).
 * - WeChat's retry of a push (same MsgId, or FromUserName+CreateTime for events) gets the stored
 *   reply again and changes nothing (Passive_user_reply_message doc: 3 tries, 5 s apart).
 *
 * Everything after the body is read is synchronous (better-sqlite3 is): no push waits for
 * another's I/O, and WeChat's 5 s deadline is met as long as the event loop runs.
 */
import { COUNTY_ACCOUNT_ID } from "../matrix/declared-account";
import { parse as parseQueryString } from "node:querystring";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { AccountSettings, Deps } from "../deps";
import { immediateTransaction, isBusy, savepoint } from "../db/immediate-transaction";
import { RequestError } from "../errors";
import { errorResponse } from "../http/error-response";
import { flatQuery } from "../http/flat-query";
import { applySecurityHeaders } from "../http/security-headers";
import { categoryLogger } from "../logger";
import { withTicketNumber } from "../qa/apply-qa";
import { decodePush, type DecodedPush } from "../wechat/decode-push";
import { encodeReply } from "../wechat/encode-reply";
import { createRandomPool } from "../wechat/random-pool";
import type { InboundMessage, Reply } from "../wechat/types";
import { readBody } from "./read-body";
import { createJournalFolder } from "./fold-journal";
import { readFollower } from "./read-follower";
import { readBindState } from "../staff-phone/read-bind-state";
import { accountDeps, recordPush, routeOrFail } from "./record-push";
import { webhookAccountOf } from "./webhook-path";

/** How long the service's own SQLite connection waits for another process's lock (main.ts). */
export const SERVICE_BUSY_TIMEOUT_MS = 50;

export interface PushHandler {
  /** Serves the request and returns true when it is a push; false leaves it to Koa. */
  serve(req: IncomingMessage, res: ServerResponse): boolean;
  /** Moves journal entries into the main database, if it is free now (also at boot). */
  foldJournal(): void;
  close(): void;
}

type Answer = { status: number; contentType: string; body: string };

/** A push verified and parsed, waiting for the end of this turn of the event loop to be recorded. */
interface Decoded {
  account: AccountSettings;
  push: DecodedPush;
  receivedAt: Date;
  res: ServerResponse;
  path: string;
}

export function createPushHandler(deps: Deps): PushHandler {
  const log = categoryLogger(deps.log, "webhook");
  const journal = deps.pushJournal;
  const inTransaction = immediateTransaction(deps.db);
  const inSavepoint = savepoint(deps.db);
  const random = createRandomPool();
  let turn: Decoded[] = [];
  const folder = createJournalFolder(deps, log);

  /**
   * Group commit: the pushes decoded in one turn of the event loop are recorded in one transaction,
   * each in its own savepoint (a push that fails is undone alone), and answered after the COMMIT.
   * A commit cost more than everything else a push does (README, Benchmarks); one busy turn now
   * pays for it once. When idle a turn holds one push and this adds no wait.
   */
  function answerTurn(): void {
    const pushes = turn;
    turn = [];
    const replies = journal.size() === 0 ? recordInDatabase(pushes) : pushes.map(fromJournal);
    pushes.forEach((p, i) => {
      const reply = replies[i];
      let answer: Answer;
      try {
        answer = reply instanceof Error ? refusal(reply, p.path) : render(p, reply ?? null);
      } catch (err) {
        answer = refusal(err, p.path);
      }
      respond(p.res, answer);
    });
  }

  /** Dedup, route and record each push in one transaction of the main database; the journal when it is locked. */
  function recordInDatabase(pushes: readonly Decoded[]): Array<Reply | null | Error> {
    try {
      return inTransaction(() =>
        pushes.map((p) => {
          try {
            return inSavepoint(() => answerFromDatabase(p.account.accountId, p.push.message, p.receivedAt));
          } catch (err) {
            if (isBusy(err)) throw err;
            return err instanceof Error ? err : new Error(String(err));
          }
        }),
      );
    } catch (err) {
      if (!isBusy(err)) return pushes.map(() => (err instanceof Error ? err : new Error(String(err))));
      log.warn({ code: (err as { code?: string }).code }, "database locked by another process: answering from the push journal");
      return pushes.map(fromJournal);
    }
  }

  function fromJournal(p: Decoded): Reply | null | Error {
    try {
      return answerFromJournal(p.account.accountId, p.push.message, p.receivedAt);
    } catch (err) {
      return err instanceof Error ? err : new Error(String(err));
    }
  }

  /** Inside the turn's transaction: a retry gets its stored reply; a new push is routed and recorded. */
  function answerFromDatabase(accountId: string, message: InboundMessage, receivedAt: Date): Reply | null {
    const stored = deps.stores.messages.find(accountId, message.dedupKey);
    if (stored) return stored.reply;
    const follower = readFollower(deps.stores, accountId, message, accountDeps(deps, accountId).qa.content.current(), receivedAt);
    const bind = readBindState(deps.stores.staffPhones, accountId, message, receivedAt);
    const decision = routeOrFail(deps, log, accountId, message, follower, receivedAt, bind);
    return recordPush(deps, log, accountId, message, decision, receivedAt);
  }

  function render(p: Decoded, reply: Reply | null): Answer {
    return {
      status: 200,
      contentType: reply ? "application/xml; charset=utf-8" : "text/plain; charset=utf-8",
      body: encodeReply(reply, p.push, p.account, p.receivedAt, reply && p.push.encrypted ? random.next16() : undefined),
    };
  }

  /**
   * While the main database is locked (or the journal still holds older pushes: order is kept),
   * the push is routed on what can be read and made durable in the journal before its reply.
   * Waiting answers stay waiting, and a new ticket's number is given when it is folded.
   */
  function answerFromJournal(accountId: string, message: InboundMessage, receivedAt: Date): Reply | null {
    const stored = journal.find(accountId, message.dedupKey) ?? deps.stores.messages.find(accountId, message.dedupKey);
    if (stored) return stored.reply;
    const follower = readFollower(deps.stores, accountId, message, accountDeps(deps, accountId).qa.content.current(), receivedAt, false);
    const bind = readBindState(deps.stores.staffPhones, accountId, message, receivedAt, false);
    const decision = routeOrFail(deps, log, accountId, message, follower, receivedAt, bind);
    const reply = withTicketNumber(decision.result.reply, "待编号");
    if (!journal.append({ accountId, message, decision, reply, receivedAt })) {
      throw new RequestError("journal_full", `push journal full (${journal.capacity}): no reply, WeChat will retry`, 503);
    }
    folder.schedule();
    return reply;
  }

  function respond(res: ServerResponse, answer: Answer): void {
    if (res.headersSent || res.destroyed) return;
    applySecurityHeaders(res);
    res.writeHead(answer.status, { "Content-Type": answer.contentType, "Content-Length": Buffer.byteLength(answer.body) });
    res.end(answer.body);
  }

  function refusal(err: unknown, path: string): Answer {
    const e = errorResponse(err, log, { method: "POST", path });
    return { status: e.status, contentType: "text/plain; charset=utf-8", body: e.body };
  }

  return {
    serve(req, res) {
      if (req.method !== "POST") return false;
      const url = req.url ?? "";
      const q = url.indexOf("?");
      const path = q === -1 ? url : url.slice(0, q);
      const accountId = webhookAccountOf(path);
      if (accountId === undefined) return false;
      const id = accountId ?? COUNTY_ACCOUNT_ID;
      const account = deps.accounts.get(id);
      if (!account) {
        // Declared but not served now: paused (accounts.yml `paused: true`), its secrets not set yet,
        // or its content folder broken (deps.matrixProblems). 503 stores nothing; WeChat retries, then
        // tells the youth the account is unavailable. Such an account is never built, so ask its declaration.
        const declared = deps.config.matrix.accounts.find((a) => a.id === id);
        const waiting = declared !== undefined && (declared.paused || deps.matrixProblems.has(id));
        const err = waiting
          ? new RequestError("account_not_served", `account "${id}" is not served now (${declared.paused ? "paused in content/accounts.yml" : "see the 矩阵 page"})`, 503)
          : new RequestError("unknown_account", `no account "${id}" is configured`, 404);
        respond(res, refusal(err, path));
        return true;
      }
      readBody(req, deps.config.wechat.bodyLimitBytes).then(
        (body) => {
          try {
            const receivedAt = deps.clock.now();
            const push = decodePush(flatQuery(parseQueryString(q === -1 ? "" : url.slice(q + 1))), body, account, receivedAt);
            if (turn.push({ account, push, receivedAt, res, path }) === 1) setImmediate(answerTurn);
          } catch (err) {
            respond(res, refusal(err, path));
          }
        },
        (err: unknown) => respond(res, refusal(err, path)),
      );
      return true;
    },
    foldJournal: folder.fold,
    close: folder.close,
  };
}
