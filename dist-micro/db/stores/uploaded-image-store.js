"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.createUploadedImageStore = createUploadedImageStore;
function createUploadedImageStore(db) {
    const select = db.prepare(`SELECT kind, content_hash, url, media_id, bytes, created_at FROM uploaded_images
      WHERE account_id = @account_id AND kind = @kind AND content_hash = @content_hash`);
    const insert = db.prepare(`INSERT INTO uploaded_images (account_id, content_hash, kind, url, media_id, bytes, created_at)
     VALUES (@account_id, @content_hash, @kind, @url, @media_id, @bytes, @created_at)
     ON CONFLICT (account_id, kind, content_hash) DO NOTHING`);
    return {
        find(accountId, kind, contentHash) {
            const r = select.get({ account_id: accountId, kind, content_hash: contentHash });
            return r && { kind: r.kind, contentHash: r.content_hash, url: r.url, mediaId: r.media_id, bytes: r.bytes, createdAt: new Date(r.created_at) };
        },
        add(accountId, image) {
            insert.run({
                account_id: accountId,
                content_hash: image.contentHash,
                kind: image.kind,
                url: image.url,
                media_id: image.mediaId,
                bytes: image.bytes,
                created_at: image.createdAt.getTime(),
            });
        },
    };
}
//# sourceMappingURL=uploaded-image-store.js.map