import { parseArgs } from "node:util";
import { loadConfig, loadDotEnv, type Config } from "./config";
import { ConfigError } from "./errors";
import type { Deps } from "./deps";
import type { SimulatedAction } from "./wechat/build-push";

/*
 * Every command's module is required when it runs, not at start: `npm run cli -- posts` must answer
 * in well under a second (issue 15), and the dashboard, the scheduler or the Q&A code it does not
 * use took most of that. The launcher (src/launch-cli.cjs) runs this file as one built bundle.
 */
const lazy = {
  posts: () => require("./cli/posts-command") as typeof import("./cli/posts-command"),
  publish: () => require("./cli/publish-command") as typeof import("./cli/publish-command"),
  preview: () => require("./cli/preview-command") as typeof import("./cli/preview-command"),
  menu: () => require("./cli/menu-command") as typeof import("./cli/menu-command"),
  qa: () => require("./cli/qa-command") as typeof import("./cli/qa-command"),
  stats: () => require("./cli/stats-command") as typeof import("./cli/stats-command"),
  user: () => require("./cli/user-command") as typeof import("./cli/user-command"),
  check: () => require("./cli/check-command") as typeof import("./cli/check-command"),
  send: () => require("./cli/send-command") as typeof import("./cli/send-command"),
  withDeps: () => require("./cli/with-deps") as typeof import("./cli/with-deps"),
  main: () => require("./main") as typeof import("./main"),
};

const USAGE = `用法：npm run cli -- <命令> [选项]      （每个打印数据的命令都可以加 --json，输出给程序读）

命令：
  start                         运行服务（同 npm start）
  migrate                       把数据库结构升级到最新
  check                         检查 content/（栏目、自动回复、菜单、稿件），一次列出所有问题，有问题时退出码为 1；
                                矩阵里每个由本系统收发的账号都查（乡镇的在 content/accounts/<id>/）
    选项：--account ID（只查这一个账号）
  send <文字>                   像青年一样给运行中的服务发一条消息，打印公众号的回复
  send --event subscribe|unsubscribe|scan [--scene 场景值]
                                模拟关注、取消关注、扫带参数二维码
  send --click KEY              点一下自定义菜单（KEY 是 menu.yml 里按钮的 key）
    选项：--url URL（默认：用这个数据库运行的服务；找不到时 http://127.0.0.1:$PORT/wechat）
          --from OPENID（模拟的青年；默认一个固定的示例 openid）

矩阵（content/accounts.yml 里有多个账号时）：posts、publish、preview、menu、qa、stats、send 都可以加
  --account ID                  对这个账号操作（默认 default，团县委自己的账号），例如 --account lunnan
`;

/** The usage of every command: read from each module only when help is asked for. */
function usage(): string {
  return (
    USAGE +
    lazy.posts().POSTS_USAGE +
    lazy.publish().PUBLISH_USAGE +
    lazy.preview().PREVIEW_USAGE +
    lazy.menu().MENU_USAGE +
    lazy.qa().QA_USAGE +
    lazy.stats().STATS_USAGE +
    lazy.user().USER_USAGE
  );
}

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
  if (event !== undefined) fail(`send：--event 只能是 subscribe、unsubscribe 或 scan，不能是 "${String(event)}"`);
  const text = positionals.join(" ").trim();
  if (!text) fail("send：请给出要发送的文字，例如 npm run cli -- send 诚聘");
  return { kind: "text", content: text };
}

const out = (text: string) => void process.stdout.write(text);

async function run(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  if (!command || command === "help" || command === "--help" || command === "-h") {
    out(usage());
    return;
  }
  if (command === "start") {
    await lazy.main().main();
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
  // `--account ID` chooses the account of the matrix (check and user read their own --account).
  const { takeAccountOption, accountDepsOf } = require("./cli/account-option") as typeof import("./cli/account-option");
  const { accountId, rest: args } = command === "check" || command === "user" ? { accountId: undefined, rest } : takeAccountOption(rest);
  const withDeps = <T>(fn: (deps: Deps) => Promise<T> | T) => lazy.withDeps().withDeps(config, (deps) => fn(accountDepsOf(deps, accountId)));
  switch (command) {
    case "migrate": {
      const { openDatabase } = require("./db/open-database") as typeof import("./db/open-database");
      const db = openDatabase(config.databasePath);
      const version = Number(db.pragma("user_version", { simple: true }));
      db.close();
      out(rest.includes("--json") ? JSON.stringify({ databasePath: config.databasePath, schemaVersion: version }) + "\n" : `数据库 ${config.databasePath} 的结构已是第 ${version} 版（最新）\n`);
      return;
    }
    case "check": {
      // The report goes to stdout whole (problems, warnings, each post's plan); exit 1 on any problem.
      const { systemClock } = require("./time") as typeof import("./time");
      process.exitCode = lazy.check().checkCommand(config, rest, out, systemClock.now());
      return;
    }
    case "posts":
      process.exitCode = await withDeps((deps) => lazy.posts().postsCommand(deps, args, out));
      return;
    case "publish":
      process.exitCode = await withDeps((deps) => lazy.publish().publishCommand(deps, args, out));
      return;
    case "preview":
      process.exitCode = await withDeps((deps) => lazy.preview().previewCommand(deps, args, out));
      return;
    case "menu":
      process.exitCode = await withDeps((deps) => lazy.menu().menuCommand(deps, args, out));
      return;
    case "qa":
      process.exitCode = await withDeps((deps) => lazy.qa().qaCommand(deps, args, out));
      return;
    case "send": {
      const { values, positionals } = parseArgs({
        args,
        allowPositionals: true,
        options: { event: { type: "string" }, click: { type: "string" }, scene: { type: "string" }, url: { type: "string" }, from: { type: "string" } },
      });
      const action = actionFrom(positionals, values);
      const label = lazy.send().actionLabel(action);
      const { systemClock } = require("./time") as typeof import("./time");
      const result = await lazy.send().sendCommand(config, systemClock, { action, url: values.url, openId: values.from, accountId });
      out(`你 → ${label}\n公众号 ←\n${result.text}\n`);
      if (result.status !== 200) process.exitCode = 1;
      return;
    }
    case "stats": {
      // Logs go to stderr so that --format csv|json output stays clean on stdout.
      const { cliLogger } = require("./cli/cli-logger") as typeof import("./cli/cli-logger");
      // Progress rewrites one line of a terminal; piped, nobody wants it.
      const progress = process.stderr.isTTY ? (text: string) => void process.stderr.write(`\r\u001b[K${text}`) : undefined;
      process.exitCode = await lazy.stats().statsCommand(config, cliLogger(config), args, out, undefined, progress, accountId);
      return;
    }
    case "user": {
      const { systemClock } = require("./time") as typeof import("./time");
      const user = lazy.user();
      process.exitCode = await user.userCommand(config, systemClock, rest, user.terminalIo(config));
      return;
    }
    default:
      fail(`没有 "${command}" 这个命令\n\n${usage()}`);
  }
}

/** node:util parseArgs speaks English; an editor who mistyped an option reads what to do instead. */
function argumentProblem(err: Error & { code?: string }): string | undefined {
  const option = /'(--?[^' ]+)/.exec(err.message)?.[1];
  if (err.code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") return `没有 ${option ?? "这个"} 选项：运行 npm run cli -- help 查看每个命令能用的选项`;
  if (err.code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE") return `选项 ${option ?? ""} 后面要写一个值，例如 ${option ?? "--to"} me`;
  if (err.code === "ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL") return `多写了参数：运行 npm run cli -- help 查看用法`;
  return undefined;
}

run(process.argv.slice(2)).catch((err: Error) => fail(argumentProblem(err) ?? err.message));
