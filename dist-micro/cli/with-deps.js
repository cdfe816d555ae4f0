"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.withDeps = withDeps;
const build_deps_1 = require("../build-deps");
const cli_logger_1 = require("./cli-logger");
/**
 * Runs a CLI command with the service's deps, logging as cliLogger does (LOG_LEVEL, on stderr).
 */
async function withDeps(config, fn) {
    const log = (0, cli_logger_1.cliLogger)(config);
    const deps = (0, build_deps_1.buildDeps)(config, log);
    try {
        return await fn(deps);
    }
    finally {
        (0, build_deps_1.closeDeps)(deps);
    }
}
//# sourceMappingURL=with-deps.js.map