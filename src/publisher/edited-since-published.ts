import type { Publication } from "../db/stores/publication-store";
import type { Post } from "../posts/post";

/** What the CLI says of a published post whose file changed: it is never sent a second time. */
export const EDITED_NOTE = "edited after publishing: not sent again (publish a new post for a correction)";

/**
 * True when a published post's file no longer matches what was sent (content hash at publish
 * time). The ledger keys posts by slug, so the scheduler and `publish` never send it again.
 */
export function editedSincePublished(row: Publication | undefined, post: Post | undefined): boolean {
  return row?.state === "published" && post !== undefined && row.contentHash !== null && row.contentHash !== post.sourceHash;
}
