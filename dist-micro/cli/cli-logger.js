"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.cliLogger = cliLogger;
const logger_1 = require("../logger");
/**
 * The logger of a CLI command: at LOG_LEVEL when set (issue 12: it used to be "warn" whatever the
 * setting), else warnings and errors only, and on stderr, so the command's own output on stdout
 * stays readable and pipeable (stats --format csv|json).
 */
function cliLogger(config, destination = process.stderr) {
    return (0, logger_1.createLogger)({ level: config.cliLogLevel, destination });
}
//# sourceMappingURL=cli-logger.js.map