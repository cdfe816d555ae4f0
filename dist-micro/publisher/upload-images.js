"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.createImageUploader = createImageUploader;
const node_crypto_1 = require("node:crypto");
const node_fs_1 = require("node:fs");
const prepare_image_1 = require("./prepare-image");
const sha256 = (data) => (0, node_crypto_1.createHash)("sha256").update(data).digest("hex");
/**
 * Uploads each picture once: the cache is keyed by the sha256 of the file as saved, so a retry, a
 * restart after a crash, or another post with the same picture reuses the URL (wenyan's upload
 * cache, anchors.md B2). An upload done just before a crash and not yet recorded is uploaded again;
 * that costs one orphan image, never a second draft or send.
 */
function createImageUploader(deps) {
    const { accountId, store, log } = deps;
    return {
        async bodyUrl(image) {
            if (image.path === undefined)
                return image.ref;
            const source = (0, node_fs_1.readFileSync)(image.path);
            const hash = sha256(source);
            const cached = store.find(accountId, "body", hash);
            if (cached)
                return cached.url;
            const prepared = await (0, prepare_image_1.prepareImage)(source, image.path);
            const { url } = await deps.wechat.media.uploadImage({ data: prepared.data, filename: prepared.filename, contentType: prepared.contentType });
            store.add(accountId, { kind: "body", contentHash: hash, url, mediaId: null, bytes: prepared.data.length, createdAt: deps.clock.now() });
            log.info({ image: image.ref, bytes: prepared.data.length, changes: prepared.changes }, "image uploaded");
            return url;
        },
        async cover(image) {
            if (image.path === undefined)
                throw new Error(`cover ${image.ref} is not a local file`);
            const source = (0, node_fs_1.readFileSync)(image.path);
            const hash = sha256(source);
            const cached = store.find(accountId, "cover", hash);
            if (cached?.mediaId)
                return { mediaId: cached.mediaId, url: cached.url };
            const prepared = await (0, prepare_image_1.prepareImage)(source, image.path);
            const added = await deps.wechat.material.add("image", { data: prepared.data, filename: prepared.filename, contentType: prepared.contentType });
            const url = added.url ?? "";
            store.add(accountId, { kind: "cover", contentHash: hash, url, mediaId: added.mediaId, bytes: prepared.data.length, createdAt: deps.clock.now() });
            log.info({ image: image.ref, bytes: prepared.data.length, changes: prepared.changes }, "cover uploaded");
            return { mediaId: added.mediaId, url };
        },
    };
}
//# sourceMappingURL=upload-images.js.map