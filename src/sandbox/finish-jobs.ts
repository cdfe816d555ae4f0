import { randomBytes } from "node:crypto";
import { localDate, unixSeconds } from "../time";
import { followerOpenIds, followersOn, unit } from "./fake-figures";
import { massSendJobFinishXml, publishJobFinishXml, pushJobEvent } from "./job-events";
import type { Sandbox } from "./sandbox-context";

const articleUrl = () => `http://mp.weixin.qq.com/s/${randomBytes(16).toString("base64url")}`;

function articleCount(sb: Sandbox, mediaId: string | null): number {
  if (mediaId === null) return 0;
  return sb.stores.content.findDraft(sb.accountId, mediaId)?.articles.length ?? 0;
}

/**
 * Ends a publish job once (timer or a late freepublish/get, whichever comes first) with the
 * configured outcome, takes the draft out of the draft box on success, and pushes PUBLISHJOBFINISH.
 */
export async function finishPublication(sb: Sandbox, publishId: string): Promise<void> {
  const pub = sb.stores.jobs.findPublication(sb.accountId, publishId);
  if (!pub || pub.status !== 1) return;
  const now = sb.clock.now();
  const { status, failIdx } = sb.settings.publishOutcome;
  const ok = status === 0;
  const result = {
    publishId,
    status,
    articleId: ok ? randomBytes(24).toString("base64url") : null,
    articleUrls: ok ? Array.from({ length: articleCount(sb, pub.mediaId) }, articleUrl) : [],
    failIdx: ok ? [] : failIdx,
  };
  if (!sb.stores.jobs.finishPublication(sb.accountId, publishId, result, now.getTime())) return;
  // "上传到草稿箱中的素材被群发或发布后，该素材将从草稿箱中移除" (api_draft_add doc).
  if (ok) sb.stores.content.setDraftStatus(sb.accountId, pub.mediaId, "published", now.getTime());
  await pushJobEvent(sb, {
    name: "PUBLISHJOBFINISH",
    refId: publishId,
    fromUser: "mphelper",
    xml: (to) => publishJobFinishXml(to, unixSeconds(now), result),
  });
}

/** Ends a mass send once as "send success" to today's followers and pushes MASSSENDJOBFINISH. */
export async function finishMassSend(sb: Sandbox, msgId: string): Promise<void> {
  const send = sb.stores.jobs.findMassSend(sb.accountId, msgId);
  if (!send || send.status !== "SENDING") return;
  const now = sb.clock.now();
  const total = followersOn(sb.seed, localDate(now));
  const errorCount = Math.floor(unit(sb.seed, "mass-errors", msgId) * 3);
  const result = {
    msgId,
    status: "send success",
    totalCount: total,
    filterCount: total,
    sentCount: total - errorCount,
    errorCount,
    articleUrls: Array.from({ length: articleCount(sb, send.mediaId) }, articleUrl),
  };
  if (!sb.stores.jobs.finishMassSend(sb.accountId, msgId, { status: "SEND_SUCCESS", totalCount: total }, now.getTime())) return;
  // The admin who sends is a follower too; the vector's FromUserName is an ordinary OpenID.
  const [admin = "mphelper"] = followerOpenIds(sb.seed, 1);
  await pushJobEvent(sb, {
    name: "MASSSENDJOBFINISH",
    refId: msgId,
    fromUser: admin,
    xml: (to) => massSendJobFinishXml(to, admin, unixSeconds(now), result),
  });
}
