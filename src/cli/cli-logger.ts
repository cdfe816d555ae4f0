import type { DestinationStream } from "pino";
import type { Config } from "../config";
import { createLogger, type Logger } from "../logger";

/**
 * The logger of a CLI command: at LOG_LEVEL when set (issue 12: it used to be "warn" whatever the
 * setting), else warnings and errors only, and on stderr, so the command's own output on stdout
 * stays readable and pipeable (stats --format csv|json).
 */
export function cliLogger(config: Config, destination: DestinationStream = process.stderr): Logger {
  return createLogger({ level: config.cliLogLevel, destination });
}
