/**
 * Keeps content/qa.yml current while the service runs, as watch-content.ts does for the bot's
 * files: an edit applies within a second, a broken edit never does (the last good version stays
 * and the problems are logged with file, line and field).
 */
import { watch, type FSWatcher } from "node:fs";
import type { ContentError } from "../errors";
import type { Logger } from "../logger";
import { ContentLoadError } from "../bot/watch-content";
import { loadQaContent } from "./load-qa-content";
import { QA_FILE, type QaContent } from "./qa-content";

export interface QaContentSource {
  current(): QaContent;
  reload(): ContentError[];
  close(): void;
}

/**
 * @param columnIds the bot's current column ids (the roundup's column must be one of them)
 * @throws ContentLoadError when the file is missing or broken at boot
 */
export function watchQaContent(
  contentDir: string,
  log: Logger,
  columnIds: () => ReadonlySet<string> | undefined,
  options: { debounceMs?: number; watch?: boolean } = {},
): QaContentSource {
  const first = loadQaContent(contentDir, columnIds());
  if (!first.content) throw new ContentLoadError(contentDir, first.errors);
  let content = first.content;

  const reload = (): ContentError[] => {
    const result = loadQaContent(contentDir, columnIds());
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

  let timer: NodeJS.Timeout | undefined;
  let watcher: FSWatcher | undefined;
  if (options.watch ?? true) {
    watcher = watch(contentDir, { persistent: false }, (_event, filename) => {
      const name = filename?.toString();
      if (name !== undefined && name !== QA_FILE && !name.startsWith("..")) return;
      if (timer) clearTimeout(timer);
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
      if (timer) clearTimeout(timer);
      watcher?.close();
      watcher = undefined;
    },
  };
}
