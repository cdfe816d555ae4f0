import type { DestinationStream } from "pino";
import type { Config } from "../config";
import { createLogger, type Logger } from "../logger";

/**
 * The logger of a CLI command: at LOG_LEVEL when set (issue 12: it used to be "warn" whatever the
 * setting), else warnings and errors only, and on stderr, so the command's own output on stdout
 * stays readable and pipeable (stats --format csv|json). On a terminal the lines are for people
 * (Beijing time, named; levels in Chinese: issue 15); piped, or with LOG_FORMAT=json, one JSON
 * object a line for machines.
 */
export function cliLogger(config: Config, destination: DestinationStream & { isTTY?: boolean } = process.stderr): Logger {
  const pretty = config.logFormat === "pretty" && destination.isTTY === true;
  return createLogger({ level: config.cliLogLevel, destination, format: pretty ? "pretty" : "json", timezone: config.scheduleTimezone });
}
