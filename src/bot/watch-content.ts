/**
 * Keeps the bot's content current while the service runs: editors change content/*.yml and the
 * next message already uses the new rules, no restart. A broken edit never takes effect: the last
 * good content stays, and the problems are logged with file, line and field.
 */
import { watch, type FSWatcher } from "node:fs";
import { ContentError } from "../errors";
import type { Logger } from "../logger";
import type { BotContent } from "./bot-content";
import { CONTENT_FILES, loadContent } from "./load-content";

export interface ContentSource {
  /** The last content that loaded without problems. */
  current(): BotContent;
  /** Loads now; applies the result only if it has no problems, which are returned (and logged). */
  reload(): ContentError[];
  /** Stops watching. */
  close(): void;
}

export interface WatchContentOptions {
  /** Quiet time after the last change before reloading (editors write in several steps). */
  debounceMs?: number;
}

/** The initial load failed: carries every problem; the message lists them all. */
export class ContentLoadError extends ContentError {
  readonly errors: ContentError[];
  constructor(contentDir: string, errors: ContentError[]) {
    super(contentDir, `内容文件里有 ${errors.length} 个问题：\n  - ${errors.map((e) => e.message).join("\n  - ")}`);
    this.errors = errors;
  }
}

const WATCHED = new Set<string>(CONTENT_FILES);

export function watchContent(contentDir: string, log: Logger, options: WatchContentOptions = {}): ContentSource {
  const debounceMs = options.debounceMs ?? 250;
  const first = loadContent(contentDir);
  if (!first.content) throw new ContentLoadError(contentDir, first.errors);
  let content: BotContent = first.content;
  log.info({ contentDir, ...summary(content) }, "bot content loaded");

  const reload = (): ContentError[] => {
    const result = loadContent(contentDir);
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

  let timer: NodeJS.Timeout | undefined;
  const schedule = (): void => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      reload();
    }, debounceMs);
    timer.unref();
  };

  // The directory, not the files: editors that save via a temporary file and rename (vim, VS Code's
  // atomic save, git checkout) replace the inode, which a watch on the file itself stops seeing.
  let watcher: FSWatcher | undefined = watch(contentDir, { persistent: false }, (_event, filename) => {
    // filename can be missing on some platforms; Kubernetes-style mounts swap a `..data` symlink.
    const name = filename?.toString();
    if (name === undefined || WATCHED.has(name) || name.startsWith("..")) schedule();
  });
  watcher.on("error", (err) => {
    log.error({ contentDir, err }, "bot content watcher failed; content will no longer reload until restart");
  });

  return {
    current: () => content,
    reload,
    close: () => {
      if (timer) clearTimeout(timer);
      timer = undefined;
      watcher?.close();
      watcher = undefined;
    },
  };
}

function summary(content: BotContent): { columns: number; rules: number; menu: boolean } {
  return { columns: content.columns.length, rules: content.rules.all.length, menu: content.menu !== null };
}
