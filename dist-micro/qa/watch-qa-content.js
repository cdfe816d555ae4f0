"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.watchQaContent = watchQaContent;
/**
 * Keeps content/qa.yml current while the service runs, as watch-content.ts does for the bot's
 * files: an edit applies within a second, a broken edit never does (the last good version stays
 * and the problems are logged with file, line and field).
 */
const node_fs_1 = require("node:fs");
const watch_content_1 = require("../bot/watch-content");
const load_qa_content_1 = require("./load-qa-content");
const qa_content_1 = require("./qa-content");
/**
 * @param columnIds the bot's current column ids (the roundup's column must be one of them)
 * @throws ContentLoadError when the file is missing or broken at boot
 */
function watchQaContent(contentDir, log, columnIds, options = {}) {
    const first = (0, load_qa_content_1.loadQaContent)(contentDir, columnIds());
    if (!first.content)
        throw new watch_content_1.ContentLoadError(contentDir, first.errors);
    let content = first.content;
    const reload = () => {
        const result = (0, load_qa_content_1.loadQaContent)(contentDir, columnIds());
        if (result.content) {
            content = result.content;
            log.info({ contentDir, rota: content.rota.length }, "qa content reloaded");
            return [];
        }
        for (const e of result.errors) {
            log.error({ file: e.file, line: e.line, field: e.field }, `qa content not reloaded, keeping the last good version: ${e.message}`);
        }
        return result.errors;
    };
    let timer;
    let watcher;
    if (options.watch ?? true) {
        watcher = (0, node_fs_1.watch)(contentDir, { persistent: false }, (_event, filename) => {
            const name = filename?.toString();
            if (name !== undefined && name !== qa_content_1.QA_FILE && !name.startsWith(".."))
                return;
            if (timer)
                clearTimeout(timer);
            timer = setTimeout(() => {
                timer = undefined;
                reload();
            }, options.debounceMs ?? 250);
            timer.unref();
        });
        watcher.on("error", (err) => log.error({ contentDir, err }, "qa content watcher failed; qa.yml will no longer reload until restart"));
    }
    return {
        current: () => content,
        reload,
        close() {
            if (timer)
                clearTimeout(timer);
            watcher?.close();
            watcher = undefined;
        },
    };
}
//# sourceMappingURL=watch-qa-content.js.map