import type { Config } from "./config";
import type { ArticleCatalog, Deps } from "./deps";
import { openDatabase } from "./db/open-database";
import { createMessageStore } from "./db/stores/message-store";
import { createSettingsStore } from "./db/stores/settings-store";
import { categoryLogger, type Logger } from "./logger";
import { systemClock, type Clock } from "./time";
import { watchContent } from "./bot/watch-content";
import { routeMessage } from "./bot/route-message";
import { resolveAccounts, resolveSecrets } from "./resolve-accounts";

export interface BuildOptions {
  clock?: Clock;
  catalog?: ArticleCatalog;
}

/** Until something is published, columns answer with their own text. */
const noArticles: ArticleCatalog = { latestArticles: () => [] };

/**
 * The composition root shared by the server and the CLI: config → db → stores → content → deps.
 * Throws ContentError if content/ is broken at boot (the service must not start without rules).
 */
export function buildDeps(config: Config, log: Logger, options: BuildOptions = {}): Deps {
  const clock = options.clock ?? systemClock;
  const db = openDatabase(config.databasePath);
  try {
    const settings = createSettingsStore(db);
    const secrets = resolveSecrets(config, settings, clock);
    const content = watchContent(config.contentDir, categoryLogger(log, "content"));
    return {
      config,
      log,
      clock,
      db,
      stores: { messages: createMessageStore(db), settings },
      accounts: resolveAccounts(config, secrets),
      content,
      catalog: options.catalog ?? noArticles,
      route: (message, facts) => routeMessage(message, content.current(), facts),
      lifecycle: { stopping: false },
    };
  } catch (err) {
    db.close();
    throw err;
  }
}
