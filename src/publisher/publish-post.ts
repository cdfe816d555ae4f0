import type { Publication } from "../db/stores/publication-store";
import type { Post } from "../posts/post";
import { followApproval } from "./follow-approval";
import { followResult } from "./follow-result";
import { resumeAfterQuota, start } from "./issue-and-quota";
import { isDeadLocalOwner } from "./lease-owner";
import { save, type Next } from "./ledger-steps";
import { makeDraft } from "./make-draft";
import type { Publisher } from "./publisher";
import { recordFailure, type AdvanceResult } from "./record-failure";
import { describePublication } from "./describe-publication";
import { sendPost } from "./send-post";

export type { AdvanceResult } from "./record-failure";
// Kept here for the callers that knew them from this file (preview, posts, publish).
export { describePublication } from "./describe-publication";
export { prepareDraft } from "./prepare-draft";

/** Safety net against a state machine loop; a post needs at most 6 steps. */
const MAX_STEPS = 12;

/**
 * Publishes one post as far as it can go now: the idempotent command behind the scheduler, the
 * CLI, the 发布 page and the crash tests. Takes the row's lease, then one step per state:
 *   scheduled      → rendering   the 期数 and the 群发 quota (issue-and-quota.ts)
 *   rendering      → drafted     images, render, draft/add (make-draft.ts, prepare-draft.ts)
 *   drafted        → submitted   freepublish/submit or mass/sendall (send-post.ts);
 *                                or draft_only (48001), or awaiting_approval (89503, 群发保护)
 *   awaiting_approval → submitted | failed   the admin's answer (follow-approval.ts)
 *   submitted      → published | failed     freepublish/get or mass/get (follow-result.ts)
 * Every WeChat call that creates something has its intent recorded before it and its result after,
 * so after a crash between the two the next run looks first: draft/batchget for the draft,
 * the same clientmsgid (45065 → msg_id) for a mass send, freepublish/batchget for a publication.
 * A step that throws is recorded by record-failure.ts (retry, quota wait, or failed, in Chinese).
 */
export async function advancePublication(p: Publisher, slug: string, post: Post | undefined): Promise<AdvanceResult> {
  const first = p.store.find(p.accountId, slug);
  if (!first) return { slug, state: "unknown", detail: "not in the ledger" };
  if (!claim(p, first)) return { slug, state: "busy", detail: `another process (${first.leaseOwner ?? "?"}) is publishing it` };
  let row = first;
  try {
    // A row waiting after a transient failure counts one more attempt when it is tried again.
    if (row.nextAttemptAt !== null && row.state !== "waiting_quota" && row.state !== "scheduled" && row.state !== "awaiting_approval") {
      row = save(p, { ...row, attempts: row.attempts + 1, nextAttemptAt: null }, { step: "retry", detail: `attempt ${row.attempts + 1}` }) ?? row;
    }
    for (let i = 0; i < MAX_STEPS; i++) {
      row = p.store.find(p.accountId, slug)!;
      renew(p, row);
      if ((await step(p, row, post)) === "stop") break;
    }
    row = p.store.find(p.accountId, slug)!;
    return { slug, state: row.state, detail: describePublication(p, row) };
  } catch (err) {
    row = p.store.find(p.accountId, slug) ?? row;
    return recordFailure(p, row, err);
  } finally {
    p.store.release(p.accountId, slug, p.owner);
  }
}

function step(p: Publisher, row: Publication, post: Post | undefined): Promise<Next> | Next {
  switch (row.state) {
    case "scheduled":
      return start(p, row, post);
    case "waiting_quota":
      return resumeAfterQuota(p, row, post);
    case "rendering":
      return makeDraft(p, row, post);
    case "drafted":
      return sendPost(p, row, post);
    case "awaiting_approval":
      return followApproval(p, row);
    case "submitted":
      return followResult(p, row);
    default:
      return "stop";
  }
}

function claim(p: Publisher, row: Publication): boolean {
  const now = p.clock.now();
  const until = new Date(now.getTime() + p.leaseMs);
  const steal = row.leaseOwner !== null && isDeadLocalOwner(row.leaseOwner) ? row.leaseOwner : undefined;
  if (steal) p.log.warn({ post: row.slug, holder: steal }, "taking over the post from a process that died");
  return p.store.claim(p.accountId, row.slug, p.owner, until, now, steal);
}

function renew(p: Publisher, row: Publication): void {
  const now = p.clock.now();
  p.store.claim(p.accountId, row.slug, p.owner, new Date(now.getTime() + p.leaseMs), now);
}
