"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.createSandboxJobStore = createSandboxJobStore;
const toPublication = (r) => ({
    publishId: r.publish_id,
    msgDataId: r.msg_data_id,
    mediaId: r.media_id,
    status: r.publish_status,
    articleId: r.article_id,
    articleUrls: r.article_urls_json ? JSON.parse(r.article_urls_json) : [],
    failIdx: r.fail_idx_json ? JSON.parse(r.fail_idx_json) : [],
    createdAt: r.created_at,
    finishedAt: r.finished_at,
});
const toMass = (r) => ({
    kind: r.kind,
    msgId: r.msg_id,
    msgDataId: r.msg_data_id,
    clientMsgId: r.clientmsgid,
    isToAll: r.is_to_all === 1,
    msgtype: r.msgtype,
    mediaId: r.media_id,
    request: JSON.parse(r.request_json),
    status: r.status,
    totalCount: r.total_count,
    createdAt: r.created_at,
    finishedAt: r.finished_at,
});
// Ids shaped like WeChat's (publish_id 2247503051, msg_data_id 2247483661…), unique per database.
const PUBLISH_ID_BASE = 2247500000;
const MSG_ID_BASE = 3147480000;
const MSG_DATA_ID_BASE = 2247600000;
function createSandboxJobStore(db) {
    const pubColumns = "publish_id, msg_data_id, media_id, publish_status, article_id, article_urls_json, fail_idx_json, created_at, finished_at";
    const insertPub = db.prepare("INSERT INTO sandbox_publications (account_id, media_id, created_at) VALUES (@account_id, @media_id, @at)");
    const setPubIds = db.prepare("UPDATE sandbox_publications SET publish_id = @publish_id, msg_data_id = @publish_id WHERE id = @id");
    const finishPub = db.prepare(`UPDATE sandbox_publications SET publish_status = @status, article_id = @article_id,
        article_urls_json = @urls, fail_idx_json = @fail_idx, finished_at = @at
      WHERE account_id = @account_id AND publish_id = @publish_id AND publish_status = 1`);
    const selectPub = db.prepare(`SELECT ${pubColumns} FROM sandbox_publications WHERE account_id = @account_id AND publish_id = @publish_id`);
    const recentPubs = db.prepare(`SELECT ${pubColumns} FROM sandbox_publications WHERE account_id = @account_id ORDER BY id DESC LIMIT @limit`);
    const massColumns = "kind, msg_id, msg_data_id, clientmsgid, is_to_all, msgtype, media_id, request_json, status, total_count, created_at, finished_at";
    const insertMass = db.prepare(`INSERT INTO sandbox_mass_sends (account_id, kind, clientmsgid, is_to_all, msgtype, media_id, request_json, created_at)
     VALUES (@account_id, @kind, @clientmsgid, @is_to_all, @msgtype, @media_id, @request_json, @at)`);
    const setMassIds = db.prepare("UPDATE sandbox_mass_sends SET msg_id = @msg_id, msg_data_id = @msg_data_id WHERE id = @id");
    const finishMass = db.prepare(`UPDATE sandbox_mass_sends SET status = @status, total_count = @total_count, finished_at = @at
      WHERE account_id = @account_id AND msg_id = @msg_id AND status = 'SENDING'`);
    const selectMass = db.prepare(`SELECT ${massColumns} FROM sandbox_mass_sends WHERE account_id = @account_id AND msg_id = @msg_id`);
    const selectByClientMsgId = db.prepare(`SELECT ${massColumns} FROM sandbox_mass_sends WHERE account_id = @account_id AND kind = 'sendall'
        AND clientmsgid = @clientmsgid AND created_at >= @since ORDER BY id DESC LIMIT 1`);
    const selectBetween = db.prepare(`SELECT ${massColumns} FROM sandbox_mass_sends WHERE account_id = @account_id AND kind = 'sendall'
        AND created_at >= @from AND created_at < @to ORDER BY created_at, id`);
    const recentMass = db.prepare(`SELECT ${massColumns} FROM sandbox_mass_sends WHERE account_id = @account_id AND kind = @kind ORDER BY id DESC LIMIT @limit`);
    const addPublicationTx = db.transaction((accountId, mediaId, at) => {
        const id = Number(insertPub.run({ account_id: accountId, media_id: mediaId, at }).lastInsertRowid);
        const publishId = String(PUBLISH_ID_BASE + id);
        setPubIds.run({ id, publish_id: publishId });
        return { publishId, msgDataId: publishId };
    });
    const addMassTx = db.transaction((accountId, s, at) => {
        const id = Number(insertMass.run({
            account_id: accountId,
            kind: s.kind,
            clientmsgid: s.clientMsgId,
            is_to_all: s.isToAll ? 1 : 0,
            msgtype: s.msgtype,
            media_id: s.mediaId,
            request_json: JSON.stringify(s.request),
            at,
        }).lastInsertRowid);
        const msgId = String(MSG_ID_BASE + id);
        const msgDataId = s.kind === "sendall" && s.msgtype === "mpnews" ? String(MSG_DATA_ID_BASE + id) : null;
        setMassIds.run({ id, msg_id: msgId, msg_data_id: msgDataId });
        return { msgId, msgDataId };
    });
    return {
        addPublication: (accountId, mediaId, at) => addPublicationTx(accountId, mediaId, at),
        finishPublication(accountId, publishId, r, at) {
            const changed = finishPub.run({
                account_id: accountId,
                publish_id: publishId,
                status: r.status,
                article_id: r.articleId,
                urls: JSON.stringify(r.articleUrls),
                fail_idx: JSON.stringify(r.failIdx),
                at,
            });
            return changed.changes > 0;
        },
        findPublication(accountId, publishId) {
            const r = selectPub.get({ account_id: accountId, publish_id: publishId });
            return r && toPublication(r);
        },
        listPublications: (accountId, limit) => recentPubs.all({ account_id: accountId, limit }).map(toPublication),
        addMassSend: (accountId, send, at) => addMassTx(accountId, send, at),
        finishMassSend(accountId, msgId, r, at) {
            return finishMass.run({ account_id: accountId, msg_id: msgId, status: r.status, total_count: r.totalCount, at }).changes > 0;
        },
        findMassSend(accountId, msgId) {
            const r = selectMass.get({ account_id: accountId, msg_id: msgId });
            return r && toMass(r);
        },
        findByClientMsgId(accountId, clientMsgId, since) {
            const r = selectByClientMsgId.get({ account_id: accountId, clientmsgid: clientMsgId, since });
            return r && toMass(r);
        },
        sendAllsBetween: (accountId, from, to) => selectBetween.all({ account_id: accountId, from, to }).map(toMass),
        listMassSends: (accountId, kind, limit) => recentMass.all({ account_id: accountId, kind, limit }).map(toMass),
    };
}
//# sourceMappingURL=sandbox-job-store.js.map