"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.EDITED_NOTE = void 0;
exports.editedSincePublished = editedSincePublished;
/** What the CLI says of a published post whose file changed: it is never sent a second time. */
exports.EDITED_NOTE = "edited after publishing: not sent again (publish a new post for a correction)";
/**
 * True when a published post's file no longer matches what was sent (content hash at publish
 * time). The ledger keys posts by slug, so the scheduler and `publish` never send it again.
 */
function editedSincePublished(row, post) {
    return row?.state === "published" && post !== undefined && row.contentHash !== null && row.contentHash !== post.sourceHash;
}
//# sourceMappingURL=edited-since-published.js.map