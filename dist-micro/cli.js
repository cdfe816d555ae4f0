"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const node_util_1 = require("node:util");
const config_1 = require("./config");
const errors_1 = require("./errors");
const time_1 = require("./time");
const open_database_1 = require("./db/open-database");
const send_command_1 = require("./cli/send-command");
const stats_command_1 = require("./cli/stats-command");
const user_command_1 = require("./cli/user-command");
const check_command_1 = require("./cli/check-command");
const menu_command_1 = require("./cli/menu-command");
const posts_command_1 = require("./cli/posts-command");
const preview_command_1 = require("./cli/preview-command");
const publish_command_1 = require("./cli/publish-command");
const with_deps_1 = require("./cli/with-deps");
const qa_command_1 = require("./cli/qa-command");
const cli_logger_1 = require("./cli/cli-logger");
const main_1 = require("./main");
const USAGE = `usage: npm run cli -- <command> [options]

commands:
  start                         run the service (same as npm start)
  migrate                       bring the database schema up to date
  check                         validate content/ (columns, replies, menu, posts as they would be sent);
                                prints every problem of every file, exit 1 if any
  send <text>                   send a text message to the running webhook as a youth would
  send --event subscribe|unsubscribe [--scene S]
  send --click KEY              press a custom-menu button
    options: --url URL (default http://127.0.0.1:$PORT/wechat)  --from OPENID
${posts_command_1.POSTS_USAGE}${publish_command_1.PUBLISH_USAGE}${preview_command_1.PREVIEW_USAGE}${menu_command_1.MENU_USAGE}${qa_command_1.QA_USAGE}${stats_command_1.STATS_USAGE}${user_command_1.USER_USAGE}`;
function fail(message) {
    process.stderr.write(message.endsWith("\n") ? message : message + "\n");
    process.exit(1);
}
function actionFrom(positionals, values) {
    if (typeof values["click"] === "string")
        return { kind: "click", key: values["click"] };
    const event = values["event"];
    if (event === "subscribe")
        return typeof values["scene"] === "string" ? { kind: "subscribe", sceneId: values["scene"] } : { kind: "subscribe" };
    if (event === "unsubscribe")
        return { kind: "unsubscribe" };
    if (event === "scan")
        return { kind: "scan", sceneId: typeof values["scene"] === "string" ? values["scene"] : "1" };
    if (event !== undefined)
        fail(`send: --event must be subscribe, unsubscribe or scan, not "${String(event)}"`);
    const text = positionals.join(" ").trim();
    if (!text)
        fail("send: give the text to send, e.g. npm run cli -- send 诚聘");
    return { kind: "text", content: text };
}
async function run(argv) {
    const [command, ...rest] = argv;
    if (!command || command === "help" || command === "--help") {
        process.stdout.write(USAGE);
        return;
    }
    if (command === "start") {
        await (0, main_1.main)();
        return;
    }
    (0, config_1.loadDotEnv)();
    let config;
    try {
        config = (0, config_1.loadConfig)();
    }
    catch (err) {
        if (err instanceof errors_1.ConfigError)
            fail(err.message);
        throw err;
    }
    switch (command) {
        case "migrate": {
            const db = (0, open_database_1.openDatabase)(config.databasePath);
            const version = db.pragma("user_version", { simple: true });
            db.close();
            process.stdout.write(`database ${config.databasePath} is at schema version ${String(version)}\n`);
            return;
        }
        case "check": {
            const { problems, summary } = (0, check_command_1.checkContent)(config);
            if (problems.length > 0)
                fail(problems.map((e) => e.message).join("\n") + `\n${problems.length} problem(s) in ${config.contentDir}/`);
            process.stdout.write(`${summary}\n`);
            return;
        }
        case "posts":
        case "publish":
        case "preview":
        case "menu":
        case "qa": {
            const out = (text) => void process.stdout.write(text);
            const commands = { posts: posts_command_1.postsCommand, publish: publish_command_1.publishCommand, preview: preview_command_1.previewCommand, menu: menu_command_1.menuCommand, qa: qa_command_1.qaCommand };
            process.exitCode = await (0, with_deps_1.withDeps)(config, (deps) => commands[command](deps, rest, out));
            return;
        }
        case "send": {
            const { values, positionals } = (0, node_util_1.parseArgs)({
                args: rest,
                allowPositionals: true,
                options: { event: { type: "string" }, click: { type: "string" }, scene: { type: "string" }, url: { type: "string" }, from: { type: "string" } },
            });
            const action = actionFrom(positionals, values);
            const label = action.kind === "text" ? action.content : action.kind === "click" ? `[menu ${action.key}]` : `[${action.kind}]`;
            const result = await (0, send_command_1.sendCommand)(config, time_1.systemClock, { action, url: values.url, openId: values.from });
            process.stdout.write(`你 → ${label}\n公众号 ←\n${result.text}\n`);
            if (result.status !== 200)
                process.exitCode = 1;
            return;
        }
        case "stats": {
            // Logs go to stderr so that --format csv|json output stays clean on stdout.
            const log = (0, cli_logger_1.cliLogger)(config);
            process.exitCode = await (0, stats_command_1.statsCommand)(config, log, rest, (text) => void process.stdout.write(text));
            return;
        }
        case "user": {
            process.exitCode = await (0, user_command_1.userCommand)(config, time_1.systemClock, rest, (0, user_command_1.terminalIo)(config));
            return;
        }
        default:
            fail(`unknown command "${command}"\n\n${USAGE}`);
    }
}
run(process.argv.slice(2)).catch((err) => fail(err.message));
//# sourceMappingURL=cli.js.map