import type { Config } from "../config";
import { buildDeps, closeDeps } from "../build-deps";
import type { Deps } from "../deps";
import { createLogger } from "../logger";

/**
 * Runs a CLI command with the service's deps. Logs go to stderr, warnings and errors only, so the
 * command's own output on stdout stays readable (and pipeable).
 */
export async function withDeps<T>(config: Config, fn: (deps: Deps) => Promise<T> | T): Promise<T> {
  const log = createLogger({ level: "warn", destination: process.stderr });
  const deps = buildDeps(config, log);
  try {
    return await fn(deps);
  } finally {
    closeDeps(deps);
  }
}
