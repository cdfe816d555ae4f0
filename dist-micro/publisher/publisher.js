"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.DEFAULT_SETTLE_MS = exports.DEFAULT_LEASE_MS = exports.PUBLISH_STEPS = void 0;
exports.publisherFor = publisherFor;
const publication_store_1 = require("../db/stores/publication-store");
const uploaded_image_store_1 = require("../db/stores/uploaded-image-store");
const logger_1 = require("../logger");
const upload_images_1 = require("./upload-images");
/**
 * The named points of publishing one post, in order. Tests kill the process right after each one
 * (hooks.afterStep) to prove a restart still makes exactly one draft and one send.
 */
exports.PUBLISH_STEPS = [
    "rendering",
    "rendered",
    "draft-intent",
    "draft-sent",
    "drafted",
    "submit-intent",
    "submit-sent",
    "submitted",
    "published",
];
exports.DEFAULT_LEASE_MS = 5 * 60_000;
exports.DEFAULT_SETTLE_MS = 10 * 60_000;
/** The publisher of a Deps; it takes leases as this process (deps.leaseOwner, made once at startup). */
function publisherFor(deps, options = {}) {
    const log = (0, logger_1.categoryLogger)(deps.log, "publisher");
    const accountId = "default";
    const wechat = options.wechat ?? deps.wechat;
    const store = (0, publication_store_1.createPublicationStore)(deps.db);
    const publisher = {
        accountId,
        contentDir: deps.config.contentDir,
        timezone: deps.config.scheduleTimezone,
        catchUpMs: deps.config.publishCatchUpHours * 3600_000,
        quotaFallback: deps.config.publishQuotaFallback,
        accountType: deps.config.wechat.accountType,
        wechat,
        store,
        uploads: (0, upload_images_1.createImageUploader)({ accountId, wechat, store: (0, uploaded_image_store_1.createUploadedImageStore)(deps.db), clock: deps.clock, log }),
        clock: deps.clock,
        log,
        columns: () => deps.content.current().columnsById,
        owner: options.owner ?? deps.leaseOwner,
        leaseMs: options.leaseMs ?? exports.DEFAULT_LEASE_MS,
        settleMs: options.settleMs ?? exports.DEFAULT_SETTLE_MS,
        hooks: options.hooks ?? {},
        onPublished: () => deps.catalog.invalidate(),
    };
    return publisher;
}
//# sourceMappingURL=publisher.js.map