import { parseArgs } from "node:util";
import { loadConfig, loadDotEnv, type Config } from "./config";
import { ConfigError } from "./errors";
import { systemClock } from "./time";
import { openDatabase } from "./db/open-database";
import { sendCommand } from "./cli/send-command";
import { statsCommand, STATS_USAGE } from "./cli/stats-command";
import { terminalIo, userCommand, USER_USAGE } from "./cli/user-command";
import { checkContent } from "./cli/check-command";
import { menuCommand, MENU_USAGE } from "./cli/menu-command";
import { postsCommand, POSTS_USAGE } from "./cli/posts-command";
import { previewCommand, PREVIEW_USAGE } from "./cli/preview-command";
import { publishCommand, PUBLISH_USAGE } from "./cli/publish-command";
import { withDeps } from "./cli/with-deps";
import { qaCommand, QA_USAGE } from "./cli/qa-command";
import { cliLogger } from "./cli/cli-logger";
import { main } from "./main";
import type { SimulatedAction } from "./wechat/build-push";

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
${POSTS_USAGE}${PUBLISH_USAGE}${PREVIEW_USAGE}${MENU_USAGE}${QA_USAGE}${STATS_USAGE}${USER_USAGE}`;

function fail(message: string): never {
  process.stderr.write(message.endsWith("\n") ? message : message + "\n");
  process.exit(1);
}

function actionFrom(positionals: string[], values: Record<string, string | boolean | undefined>): SimulatedAction {
  if (typeof values["click"] === "string") return { kind: "click", key: values["click"] };
  const event = values["event"];
  if (event === "subscribe") return typeof values["scene"] === "string" ? { kind: "subscribe", sceneId: values["scene"] } : { kind: "subscribe" };
  if (event === "unsubscribe") return { kind: "unsubscribe" };
  if (event === "scan") return { kind: "scan", sceneId: typeof values["scene"] === "string" ? values["scene"] : "1" };
  if (event !== undefined) fail(`send: --event must be subscribe, unsubscribe or scan, not "${String(event)}"`);
  const text = positionals.join(" ").trim();
  if (!text) fail("send: give the text to send, e.g. npm run cli -- send 诚聘");
  return { kind: "text", content: text };
}

async function run(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  if (!command || command === "help" || command === "--help") {
    process.stdout.write(USAGE);
    return;
  }
  if (command === "start") {
    await main();
    return;
  }
  loadDotEnv();
  let config: Config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) fail(err.message);
    throw err;
  }
  switch (command) {
    case "migrate": {
      const db = openDatabase(config.databasePath);
      const version = db.pragma("user_version", { simple: true });
      db.close();
      process.stdout.write(`database ${config.databasePath} is at schema version ${String(version)}\n`);
      return;
    }
    case "check": {
      const { problems, summary } = checkContent(config);
      if (problems.length > 0) fail(problems.map((e) => e.message).join("\n") + `\n${problems.length} problem(s) in ${config.contentDir}/`);
      process.stdout.write(`${summary}\n`);
      return;
    }
    case "posts":
    case "publish":
    case "preview":
    case "menu":
    case "qa": {
      const out = (text: string) => void process.stdout.write(text);
      const commands = { posts: postsCommand, publish: publishCommand, preview: previewCommand, menu: menuCommand, qa: qaCommand };
      process.exitCode = await withDeps(config, (deps) => commands[command](deps, rest, out));
      return;
    }
    case "send": {
      const { values, positionals } = parseArgs({
        args: rest,
        allowPositionals: true,
        options: { event: { type: "string" }, click: { type: "string" }, scene: { type: "string" }, url: { type: "string" }, from: { type: "string" } },
      });
      const action = actionFrom(positionals, values);
      const label = action.kind === "text" ? action.content : action.kind === "click" ? `[menu ${action.key}]` : `[${action.kind}]`;
      const result = await sendCommand(config, systemClock, { action, url: values.url, openId: values.from });
      process.stdout.write(`你 → ${label}\n公众号 ←\n${result.text}\n`);
      if (result.status !== 200) process.exitCode = 1;
      return;
    }
    case "stats": {
      // Logs go to stderr so that --format csv|json output stays clean on stdout.
      const log = cliLogger(config);
      process.exitCode = await statsCommand(config, log, rest, (text) => void process.stdout.write(text));
      return;
    }
    case "user": {
      process.exitCode = await userCommand(config, systemClock, rest, terminalIo(config));
      return;
    }
    default:
      fail(`unknown command "${command}"\n\n${USAGE}`);
  }
}

run(process.argv.slice(2)).catch((err: Error) => fail(err.message));
