"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.ContentLoadError = void 0;
exports.watchContent = watchContent;
/**
 * Keeps the bot's content current while the service runs: editors change content/*.yml and the
 * next message already uses the new rules, no restart. A broken edit never takes effect: the last
 * good content stays, and the problems are logged with file, line and field.
 */
const node_fs_1 = require("node:fs");
const errors_1 = require("../errors");
const load_content_1 = require("./load-content");
/** The initial load failed: carries every problem; the message lists them all. */
class ContentLoadError extends errors_1.ContentError {
    errors;
    constructor(contentDir, errors) {
        super(contentDir, `${errors.length} problem(s) in the content files:\n  - ${errors.map((e) => e.message).join("\n  - ")}`);
        this.errors = errors;
    }
}
exports.ContentLoadError = ContentLoadError;
const WATCHED = new Set(load_content_1.CONTENT_FILES);
function watchContent(contentDir, log, options = {}) {
    const debounceMs = options.debounceMs ?? 250;
    const first = (0, load_content_1.loadContent)(contentDir);
    if (!first.content)
        throw new ContentLoadError(contentDir, first.errors);
    let content = first.content;
    log.info({ contentDir, ...summary(content) }, "bot content loaded");
    const reload = () => {
        const result = (0, load_content_1.loadContent)(contentDir);
        if (result.content) {
            content = result.content;
            log.info({ contentDir, ...summary(content) }, "bot content reloaded");
            return [];
        }
        for (const e of result.errors) {
            log.error({ file: e.file, line: e.line, field: e.field }, `bot content not reloaded, keeping the last good rules: ${e.message}`);
        }
        return result.errors;
    };
    let timer;
    const schedule = () => {
        if (timer)
            clearTimeout(timer);
        timer = setTimeout(() => {
            timer = undefined;
            reload();
        }, debounceMs);
        timer.unref();
    };
    // The directory, not the files: editors that save via a temporary file and rename (vim, VS Code's
    // atomic save, git checkout) replace the inode, which a watch on the file itself stops seeing.
    let watcher = (0, node_fs_1.watch)(contentDir, { persistent: false }, (_event, filename) => {
        // filename can be missing on some platforms; Kubernetes-style mounts swap a `..data` symlink.
        const name = filename?.toString();
        if (name === undefined || WATCHED.has(name) || name.startsWith(".."))
            schedule();
    });
    watcher.on("error", (err) => {
        log.error({ contentDir, err }, "bot content watcher failed; content will no longer reload until restart");
    });
    return {
        current: () => content,
        reload,
        close: () => {
            if (timer)
                clearTimeout(timer);
            timer = undefined;
            watcher?.close();
            watcher = undefined;
        },
    };
}
function summary(content) {
    return { columns: content.columns.length, rules: content.rules.all.length, menu: content.menu !== null };
}
//# sourceMappingURL=watch-content.js.map