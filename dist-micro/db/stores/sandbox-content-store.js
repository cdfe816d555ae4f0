"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.createSandboxContentStore = createSandboxContentStore;
const toMedia = (r) => ({
    kind: r.kind,
    mediaId: r.media_id,
    url: r.url,
    filename: r.filename,
    contentType: r.content_type,
    size: r.size,
    createdAt: r.created_at,
});
const toDraft = (r) => ({
    mediaId: r.media_id,
    articles: JSON.parse(r.articles_json),
    status: r.status,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
});
function createSandboxContentStore(db) {
    const mediaColumns = "kind, media_id, url, filename, content_type, size, created_at";
    const insertMedia = db.prepare(`INSERT INTO sandbox_media (account_id, ${mediaColumns})
     VALUES (@account_id, @kind, @media_id, @url, @filename, @content_type, @size, @created_at)`);
    const selectMedia = db.prepare(`SELECT ${mediaColumns} FROM sandbox_media WHERE account_id = @account_id AND media_id = @media_id`);
    const recentMedia = db.prepare(`SELECT ${mediaColumns} FROM sandbox_media WHERE account_id = @account_id ORDER BY id DESC LIMIT @limit`);
    const draftColumns = "media_id, articles_json, status, created_at, updated_at";
    const insertDraft = db.prepare(`INSERT INTO sandbox_drafts (account_id, media_id, articles_json, created_at, updated_at)
     VALUES (@account_id, @media_id, @articles_json, @at, @at)`);
    const selectDraft = db.prepare(`SELECT ${draftColumns} FROM sandbox_drafts WHERE account_id = @account_id AND media_id = @media_id`);
    const updateDraft = db.prepare(`UPDATE sandbox_drafts SET status = @status, updated_at = @at
      WHERE account_id = @account_id AND media_id = @media_id`);
    const recentDrafts = db.prepare(`SELECT ${draftColumns} FROM sandbox_drafts WHERE account_id = @account_id ORDER BY id DESC LIMIT @limit`);
    const insertMenu = db.prepare("INSERT INTO sandbox_menus (account_id, menu_json, created_at) VALUES (@account_id, @menu_json, @at)");
    const recentMenus = db.prepare("SELECT menu_json, created_at FROM sandbox_menus WHERE account_id = @account_id ORDER BY id DESC LIMIT @limit");
    return {
        addMedia(accountId, m) {
            insertMedia.run({
                account_id: accountId,
                kind: m.kind,
                media_id: m.mediaId,
                url: m.url,
                filename: m.filename,
                content_type: m.contentType,
                size: m.size,
                created_at: m.createdAt,
            });
        },
        findMedia(accountId, mediaId) {
            const r = selectMedia.get({ account_id: accountId, media_id: mediaId });
            return r && toMedia(r);
        },
        listMedia: (accountId, limit) => recentMedia.all({ account_id: accountId, limit }).map(toMedia),
        addDraft(accountId, mediaId, articles, at) {
            insertDraft.run({ account_id: accountId, media_id: mediaId, articles_json: JSON.stringify(articles), at });
        },
        findDraft(accountId, mediaId) {
            const r = selectDraft.get({ account_id: accountId, media_id: mediaId });
            return r && toDraft(r);
        },
        setDraftStatus(accountId, mediaId, status, at) {
            updateDraft.run({ account_id: accountId, media_id: mediaId, status, at });
        },
        listDrafts: (accountId, limit) => recentDrafts.all({ account_id: accountId, limit }).map(toDraft),
        addMenu(accountId, menu, at) {
            insertMenu.run({ account_id: accountId, menu_json: JSON.stringify(menu), at });
        },
        listMenus: (accountId, limit) => recentMenus.all({ account_id: accountId, limit }).map((r) => ({ menu: JSON.parse(r.menu_json), createdAt: r.created_at })),
    };
}
//# sourceMappingURL=sandbox-content-store.js.map