/**
 * The service in sandbox mode (no WeChat credentials), served on a loopback port: youths push
 * signed messages to /wechat as WeChat would, staff answer through the customer-service API of the
 * simulator served over HTTP (as the CLI does), and the simulator's outbox shows what reached them.
 */
import { createApp } from "../../src/http/create-app";
import { closeDeps } from "../../src/build-deps";
import { withWeChat } from "../../src/cli/cli-wechat";
import type { Deps } from "../../src/deps";
import { buildPush, type SimulatedAction } from "../../src/wechat/build-push";
import { parseReply } from "../../src/wechat/parse-reply";
import type { Reply } from "../../src/wechat/types";
import type { AnswerOutcome } from "../../src/qa/qa-service";
import { fixedClock } from "../../src/time";
import { buildTestDeps, listen } from "../helpers/build-test-deps";
import { SANDBOX_ENV } from "../http/dashboard-helpers";

export const YOUTH = "oLuntai_youth_0001_AbCdEfGhIjKlMn";
export const OTHER_YOUTH = "oLuntai_youth_0002_ZyXwVuTsRqPoNm";

export interface SentPush {
  status: number;
  /** The reply as the youth's phone shows it ("" for `success`). */
  text: string;
  reply: Reply | null;
  /** WeChat's retry of this very push (same MsgId, signature and body). */
  retry(): Promise<SentPush>;
}

export type QaHarness = Awaited<ReturnType<typeof startQa>>;

function replyText(r: Reply | null): string {
  if (!r) return "";
  if (r.type === "text") return r.content;
  if (r.type === "news") return r.articles.map((a) => a.title).join("\n");
  return `[${r.type}]`;
}

export async function startQa(env: Record<string, string> = {}, start = "2026-11-23T02:00:00Z") {
  const clock = fixedClock(start);
  const { deps } = buildTestDeps({ ...SANDBOX_ENV, ...env }, { clock, logLevel: "silent" });
  const server = await listen(createApp(deps, deps.sandbox ? [deps.sandbox.router] : []));
  const account = deps.accounts.get("default")!;

  const post = async (query: string, body: string): Promise<SentPush> => {
    const res = await fetch(`${server.url}/wechat?${query}`, { method: "POST", headers: { "content-type": "text/xml" }, body });
    const raw = await res.text();
    const reply = res.status === 200 && raw !== "success" && raw !== "" ? parseReply(raw) : null;
    return { status: res.status, text: replyText(reply), reply, retry: () => post(query, body) };
  };

  const push = (openId: string, action: SimulatedAction) => {
    const p = buildPush(action, openId, { token: account.token, originalId: account.originalId, encrypt: false }, clock.now());
    return post(p.query, p.body);
  };

  return {
    deps,
    clock,
    url: server.url,
    /** What a youth does on their phone. */
    youth(openId = YOUTH) {
      return {
        send: (content: string) => push(openId, { kind: "text", content }),
        click: (key: string) => push(openId, { kind: "click", key }),
        follow: () => push(openId, { kind: "subscribe" }),
      };
    },
    /** Staff answer as the CLI does: through the simulator served over HTTP on loopback. */
    answer(id: number, text: string, by = "王芳"): Promise<AnswerOutcome> {
      return withWeChat(deps, (wechat) => deps.qa.serviceWith(wechat).answer(id, text, by));
    },
    /** Customer-service messages the simulator accepted for the youth (text contents, oldest first). */
    customMessages(openId = YOUTH): string[] {
      return (
        deps.db.prepare("SELECT request_json FROM sandbox_custom_messages WHERE open_id = ? ORDER BY id").all(openId) as { request_json: string }[]
      ).map((r) => (JSON.parse(r.request_json) as { text?: { content?: string } }).text?.content ?? "");
    },
    /** Errcodes the simulator answered custom/send with, in order. */
    customSendErrcodes(): number[] {
      return (deps.db.prepare("SELECT errcode FROM sandbox_calls WHERE endpoint = '/cgi-bin/message/custom/send' ORDER BY id").all() as { errcode: number }[]).map(
        (r) => r.errcode,
      );
    },
    latestTicketId(): number {
      return (deps.db.prepare("SELECT max(id) AS id FROM qa_tickets").get() as { id: number }).id;
    },
    async close() {
      await server.close();
      closeDeps(deps);
    },
  };
}

export type { Deps };
