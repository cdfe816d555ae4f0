import type { Publication } from "../db/stores/publication-store";
import { applyMassResult, applyPublishResult } from "./apply-result";
import { hook, type Next } from "./ledger-steps";
import type { Publisher } from "./publisher";

/**
 * submitted → published | failed, asking WeChat (the source of truth; the job events
 * PUBLISHJOBFINISH and MASSSENDJOBFINISH are a shortcut that may never come: protocol §2).
 */
export async function followResult(p: Publisher, row: Publication): Promise<Next> {
  let saved: Publication | undefined;
  if (row.mode === "publish") {
    const state = await p.wechat.freepublish.get(row.publishId!);
    saved = applyPublishResult(p, row, { status: state.status, articleId: state.articleId, articleUrls: state.articleUrls.map((a) => a.url), failIdx: state.failIdx }, "freepublish/get");
  } else {
    const state = await p.wechat.mass.get(row.msgId!);
    saved = applyMassResult(p, row, { status: state.status }, "mass/get");
  }
  if (saved?.state === "published") hook(p, "published", saved);
  return "stop";
}
