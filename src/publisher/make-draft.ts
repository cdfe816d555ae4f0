import { ContentError } from "../errors";
import type { Publication } from "../db/stores/publication-store";
import type { Post } from "../posts/post";
import { PostProblems } from "./failure-policy";
import { cancel, hook, save, WITHDRAWN, type Next } from "./ledger-steps";
import { prepareDraft } from "./prepare-draft";
import type { Publisher } from "./publisher";

/** WeChat's clock and ours differ a little; a draft this much older than our intent is not ours. */
export const LOOKUP_SLACK_MS = 5 * 60_000;
/** draft/batchget and freepublish/batchget pages read when reconciling (20 a page, newest first). */
export const LOOKUP_PAGES = 3;

/**
 * rendering → drafted: prepare the post, record the draft intent, draft/add, record its media_id.
 * After a crash between draft/add and recording its answer, draft/batchget finds the draft made
 * (same title, not older than the intent) instead of adding a second one.
 */
export async function makeDraft(p: Publisher, row: Publication, post: Post | undefined): Promise<Next> {
  if (row.draftRequestedAt !== null && row.draftMediaId === null && row.articleTitle !== null) {
    const found = await findOwnDraft(p, row);
    if (found) {
      const saved = save(p, { ...row, state: "drafted", draftMediaId: found, draftedAt: p.clock.now() }, {
        step: "drafted",
        detail: `found after an interrupted draft/add: ${found}`,
      });
      p.log.warn({ post: row.slug, mediaId: found }, "draft/add had succeeded before the interruption; using that draft");
      if (saved) hook(p, "drafted", saved);
      return "continue";
    }
  }
  if (!post) return cancel(p, row, WITHDRAWN);
  const column = p.columns().get(post.columnId);
  if (!column) throw new PostProblems([new ContentError(post.file, `栏目 "${post.columnId}" 不在 columns.yml 中：请改 column`, { field: "column" })]);

  const { article, cover, draft } = await prepareDraft(p, post, column, row.issue ?? 1);
  hook(p, "rendered", row);

  const intent = save(
    p,
    {
      ...row,
      articleTitle: article.title,
      digest: article.digest,
      coverMediaId: cover.mediaId,
      coverUrl: cover.url || null,
      contentHash: post.sourceHash,
      draftRequestedAt: p.clock.now(),
    },
    { step: "draft_intent", detail: article.title },
  );
  if (!intent) return "continue";
  hook(p, "draft-intent", intent);
  const { mediaId } = await p.wechat.draft.add([draft]);
  hook(p, "draft-sent", intent);
  const drafted = save(p, { ...intent, state: "drafted", draftMediaId: mediaId, draftedAt: p.clock.now() }, { step: "drafted", detail: mediaId });
  if (drafted) hook(p, "drafted", drafted);
  return "continue";
}

/** The draft our interrupted draft/add made, if it made one: same title, not older than the intent. */
async function findOwnDraft(p: Publisher, row: Publication): Promise<string | undefined> {
  const since = row.draftRequestedAt!.getTime() - LOOKUP_SLACK_MS;
  for (let page = 0; page < LOOKUP_PAGES; page++) {
    const { drafts, totalCount } = await p.wechat.draft.batchGet(page * 20, 20);
    const match = drafts.find((d) => d.articles[0]?.title === row.articleTitle && d.updatedAt.getTime() >= since);
    if (match) return match.mediaId;
    if (drafts.length < 20 || (page + 1) * 20 >= totalCount || drafts.every((d) => d.updatedAt.getTime() < since)) break;
  }
  return undefined;
}
