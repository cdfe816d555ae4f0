import { AppError, ContentError, WeChatApiError } from "../errors";
import { explainErrcode } from "../wechat/api-errcodes";

/**
 * What to do after a step failed:
 * - retry: transient (busy, network, minute quota); the row keeps its state and intents, and is
 *   tried again at `retryAt` (backoff), up to MAX_ATTEMPTS renderings;
 * - quota: no 群发 quota left (45028); waiting_quota until the next quota window;
 * - draft_only: the account may not send through the API (48001); the draft stays for a person;
 * - approval_pending / approval_refused: API 群发保护 (89503, 89501 / 89506, 89507);
 * - fatal: asking again will not help (content, permission, refused); the row becomes failed.
 * Every reason is the Chinese text of src/wechat/api-errcodes.ts (the one errcode table).
 */
export type FailureDecision =
  | { kind: "retry"; code: string; reason: string; delayMs: number }
  | { kind: "quota" | "draft_only" | "approval_pending" | "approval_refused" | "fatal"; code: string; reason: string };

/** Renderings of one post before a transient failure becomes final. */
export const MAX_ATTEMPTS = 5;
/** Backoff after the 1st, 2nd, … transient failure. */
export const RETRY_DELAYS_MS = [60_000, 5 * 60_000, 15 * 60_000, 60 * 60_000];

export function retryDelay(attempt: number): number {
  return RETRY_DELAYS_MS[Math.min(Math.max(attempt - 1, 0), RETRY_DELAYS_MS.length - 1)]!;
}

/** A post that cannot be sent as written: every problem, each naming file, line and field. */
export class PostProblems extends AppError {
  readonly problems: ContentError[];
  constructor(problems: ContentError[]) {
    super("content_invalid", problems.map((p) => p.message).join("\n"), { expose: true, status: 422 });
    this.problems = problems;
  }
}

export function classifyFailure(err: unknown, attempt: number): FailureDecision {
  if (err instanceof PostProblems) return { kind: "fatal", code: "content", reason: `稿件有问题，请修改后点“重试”：\n${err.message}` };
  if (err instanceof ContentError) return { kind: "fatal", code: "content", reason: `稿件有问题，请修改后点“重试”：\n${err.message}` };
  if (err instanceof WeChatApiError) {
    const code = `wechat_${err.errcode}`;
    const meaning = explainErrcode(err.errcode, err.errmsg);
    const reason = `${meaning.text}（接口 ${err.endpoint}）`;
    if (meaning.action === "retry") return { kind: "retry", code, reason, delayMs: Math.max(meaning.delayMs ?? 0, retryDelay(attempt)) };
    return { kind: meaning.action, code, reason };
  }
  // Network errors, timeouts, unexpected bodies: the call may or may not have arrived; the
  // intents recorded before it make the next attempt look before it calls again.
  const message = err instanceof Error ? err.message : String(err);
  const code = err instanceof AppError ? err.code : "network";
  return { kind: "retry", code, reason: `连不上微信接口或回答异常（${message}）：稍后自动重试，无需操作`, delayMs: retryDelay(attempt) };
}
