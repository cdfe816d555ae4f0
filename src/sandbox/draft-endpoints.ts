import { randomBytes } from "node:crypto";
import { finishPublication } from "./finish-jobs";
import { reject, type EndpointSpec, type Sandbox } from "./sandbox-context";
import { validateDraft } from "./validate-draft";

/** POST /cgi-bin/draft/add {articles:[…]} → {media_id}, with the documented limits (validate-draft.ts). */
export const draftAddEndpoint = (sb: Sandbox): EndpointSpec => ({
  method: "POST",
  path: "/cgi-bin/draft/add",
  async handle(req) {
    const articles = validateDraft(await req.json(), sb.stores.content, sb.accountId);
    const mediaId = randomBytes(32).toString("base64url");
    sb.stores.content.addDraft(sb.accountId, mediaId, articles, req.now.getTime());
    return { media_id: mediaId };
  },
});

/** A draft that is still in the draft box, else 40007 invalid media_id. */
export function draftInBox(sb: Sandbox, mediaId: unknown) {
  const draft = typeof mediaId === "string" ? sb.stores.content.findDraft(sb.accountId, mediaId) : undefined;
  if (!draft || draft.status !== "draft") reject(40007);
  return draft;
}

/**
 * POST /cgi-bin/freepublish/submit {media_id} → {errcode 0, publish_id, msg_data_id}; the job
 * ends after jobDelayMs and PUBLISHJOBFINISH is pushed (protocol §5.4). 48001 when unverified.
 */
export const freepublishSubmitEndpoint = (sb: Sandbox): EndpointSpec => ({
  method: "POST",
  path: "/cgi-bin/freepublish/submit",
  verifiedOnly: true,
  async handle(req) {
    const draft = draftInBox(sb, (await req.json()).media_id);
    const { publishId, msgDataId } = sb.stores.jobs.addPublication(sb.accountId, draft.mediaId, req.now.getTime());
    sb.later(sb.settings.jobDelayMs, () => finishPublication(sb, publishId));
    return { errcode: 0, errmsg: "ok", publish_id: publishId, msg_data_id: msgDataId };
  },
});

/** POST /cgi-bin/freepublish/get {publish_id} → the job's state (53502 for an unknown id). */
export const freepublishGetEndpoint = (sb: Sandbox): EndpointSpec => ({
  method: "POST",
  path: "/cgi-bin/freepublish/get",
  verifiedOnly: true,
  async handle(req) {
    const publishId = String((await req.json()).publish_id ?? "");
    let pub = sb.stores.jobs.findPublication(sb.accountId, publishId);
    if (!pub) reject(53502);
    // Finished by the clock even if this process never ran the timer (a restart, another process).
    if (pub.status === 1 && req.now.getTime() - pub.createdAt >= sb.settings.jobDelayMs) {
      await finishPublication(sb, publishId);
      pub = sb.stores.jobs.findPublication(sb.accountId, publishId)!;
    }
    const body: Record<string, unknown> = { publish_id: pub.publishId, publish_status: pub.status };
    if (pub.status === 0) {
      body.article_id = pub.articleId;
      body.article_detail = {
        count: pub.articleUrls.length,
        item: pub.articleUrls.map((url, i) => ({ idx: i + 1, article_url: url })),
      };
    }
    if (pub.failIdx.length > 0) body.fail_idx = pub.failIdx;
    return body;
  },
});
