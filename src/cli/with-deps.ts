import type { Config } from "../config";
import { buildDeps, closeDeps } from "../build-deps";
import type { Deps } from "../deps";
import { cliLogger } from "./cli-logger";

/**
 * Runs a CLI command with the service's deps, logging as cliLogger does (LOG_LEVEL, on stderr).
 */
export async function withDeps<T>(config: Config, fn: (deps: Deps) => Promise<T> | T): Promise<T> {
  const log = cliLogger(config);
  const deps = buildDeps(config, log);
  try {
    return await fn(deps);
  } finally {
    closeDeps(deps);
  }
}
