"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.buildQa = buildQa;
const qa_ticket_store_1 = require("../db/stores/qa-ticket-store");
const logger_1 = require("../logger");
const count_qa_1 = require("./count-qa");
const qa_service_1 = require("./qa-service");
const customer_send_store_1 = require("../db/stores/customer-send-store");
const errors_1 = require("../errors");
const qa_content_1 = require("./qa-content");
const watch_qa_content_1 = require("./watch-qa-content");
const write_roundup_1 = require("./write-roundup");
/** @throws ContentLoadError when content/qa.yml is missing or broken at boot, like the bot's files. */
function buildQa(o) {
    const log = (0, logger_1.categoryLogger)(o.log, "qa");
    const store = (0, qa_ticket_store_1.createQaTicketStore)(o.db);
    const columns = () => new Set(o.botContent.current().columns.map((c) => c.id));
    const content = (0, watch_qa_content_1.watchQaContent)(o.config.contentDir, log, columns, { watch: o.watch ?? true });
    const timezone = o.config.scheduleTimezone;
    const sends = (0, customer_send_store_1.createCustomerSendStore)(o.db);
    const serviceWith = (wechat) => (0, qa_service_1.createQaService)({
        store,
        sends,
        content: () => content.current(),
        clock: o.clock,
        log,
        verified: o.config.wechat.verified,
        send: (openId, message) => wechat.custom.send(openId, message),
    });
    const service = serviceWith(o.wechat);
    return {
        store,
        content,
        service,
        serviceWith,
        counts: (unit, from, to) => (0, count_qa_1.readQaCounts)(store, service.accountId, unit, from, to, timezone),
        roundup(since) {
            if (!content.current().enabled)
                throw new errors_1.AppError("qa_disabled", `${qa_content_1.QA_FILE} is missing in ${o.config.contentDir}: set up 青年之声 first`, { expose: true });
            const settings = content.current().roundup;
            const column = o.botContent.current().columnsById.get(settings.column);
            return (0, write_roundup_1.writeRoundup)({ store, clock: o.clock, accountId: service.accountId, contentDir: o.config.contentDir, timezone, settings, titleTemplate: column?.titleTemplate }, since);
        },
        close: () => content.close(),
    };
}
//# sourceMappingURL=build-qa.js.map