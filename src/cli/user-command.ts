import { parseArgs } from "node:util";
import type { Config } from "../config";
import { openDatabase } from "../db/open-database";
import { createSessionStore } from "../db/stores/session-store";
import { createStaffUserStore } from "../db/stores/staff-user-store";
import { createStaffRoleStore } from "../db/stores/staff-role-store";
import { describeGrants } from "../staff/role-labels";
import { cliAccountNames, grantOfOptions } from "./role-options";
import { formatLocal, type Clock } from "../time";
import { zoneName } from "../posts/describe-plan";
import { formatRows } from "./format-table";
import { hashPassword, MIN_PASSWORD_LENGTH, passwordProblem } from "../dashboard/middleware/auth-password";
import { promptHidden, readStdinLine } from "./read-password";

export const USER_USAGE = `  user add 登录名 [--password-stdin]
                                新建一个后台（/dashboard）登录账号；会让你输入两次密码
                                （脚本里用 --password-stdin 从标准输入读，或设 DASHBOARD_PASSWORD）
  user passwd 登录名 [--password-stdin]
                                修改密码（这个账号在所有设备上都会被登出）
  user list [--json]            列出后台登录账号
  user remove 登录名            删除一个登录账号，并登出它
  user add 登录名 --role editor --account lunnan
                                角色：admin（县团委管理员，默认）、editor（编辑）、viewer（只读）；
                                账号：content/accounts.yml 的 id，或 '*'（全部账号，默认）
  user grant 登录名 --role 角色 --account 账号ID
                                给已有账号添加一项权限
  user revoke 登录名 --role 角色 --account 账号ID
                                移除一项权限（user list 列出每人的权限）
`;

const NAME_RE = /^[\p{L}\p{N}_.@-]{1,32}$/u;

export interface UserCommandIo {
  out(text: string): void;
  /** The new password: from stdin, DASHBOARD_PASSWORD or the terminal (twice). */
  readPassword(fromStdin: boolean): Promise<string>;
}

/** Terminal I/O: stdin line, DASHBOARD_PASSWORD, or a hidden prompt asked twice. */
export function terminalIo(config: Config): UserCommandIo {
  return {
    out: (text) => void process.stdout.write(text),
    async readPassword(fromStdin) {
      if (fromStdin) return readStdinLine();
      if (config.dashboard.password !== undefined) return config.dashboard.password;
      const first = await promptHidden("新密码：");
      const second = await promptHidden("再输入一次：");
      if (first !== second) throw new Error("user：两次输入的密码不一样，什么也没有改：请重新运行");
      return first;
    },
  };
}

/** `npm run cli -- user …`: staff logins, stored scrypt-hashed in the database. @returns the exit code */
export async function userCommand(config: Config, clock: Clock, args: string[], io: UserCommandIo): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { "password-stdin": { type: "boolean" }, json: { type: "boolean" }, role: { type: "string" }, account: { type: "string" } } });
  const [sub, name] = positionals;
  const db = openDatabase(config.databasePath);
  try {
    const users = createStaffUserStore(db);
    const roles = createStaffRoleStore(db);
    const now = clock.now().getTime();
    const newPassword = async (forName: string) => {
      const password = await io.readPassword(values["password-stdin"] === true);
      const problem = passwordProblem(password, forName);
      // passwordProblem words the rule for the dashboard; the CLI states all three rules in Chinese.
      if (problem) throw new Error(`user：密码不合格，什么也没有改：密码至少 ${MIN_PASSWORD_LENGTH} 个字符，不能包含登录名，也不能是同一个字符重复`);
      return hashPassword(password);
    };
    switch (sub) {
      case "list": {
        const all = users.list();
        if (values.json === true) {
          const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
          io.out(JSON.stringify(all.map((u) => ({ name: u.name, createdAt: iso(u.createdAt), lastLoginAt: iso(u.lastLoginAt), grants: roles.grantsOf(u.id) }))) + "\n");
          return 0;
        }
        if (all.length === 0) {
          io.out("还没有后台登录账号：运行 npm run cli -- user add 登录名 新建一个\n");
          return 0;
        }
        const tz = config.scheduleTimezone;
        const zone = zoneName(tz);
        const at = (ms: number) => formatLocal(new Date(ms), tz);
        const names = cliAccountNames(config);
        io.out(
          formatRows(
            ["登录名", `创建时间（${zone}）`, `上次登录（${zone}）`, "权限"],
            all.map((u) => [u.name, at(u.createdAt), u.lastLoginAt === null ? "从未登录" : at(u.lastLoginAt), describeGrants(roles.grantsOf(u.id), names)]),
          ),
        );
        return 0;
      }
      case "add": {
        if (!name || !NAME_RE.test(name)) throw new Error("user add：登录名写 1–32 个字母、数字或 _ . @ -，例如 npm run cli -- user add zhangsan");
        if (users.findByName(name)) throw new Error(`user add：「${name}」已经有了：要改密码，运行 npm run cli -- user passwd ${name}`);
        const grant = grantOfOptions(config, "user add", values);
        users.add(name, await newPassword(name), now, grant);
        io.out(`后台账号「${name}」已建好：在 /dashboard/login 登录\n`);
        return 0;
      }
      case "passwd": {
        const user = name ? users.findByName(name) : undefined;
        if (!user) throw new Error(`user passwd：没有「${name ?? ""}」这个后台账号（运行 npm run cli -- user list 查看）`);
        users.setPassword(user.id, await newPassword(user.name), now);
        const ended = createSessionStore(db).deleteForUser(user.id);
        io.out(`「${user.name}」的密码已修改；已登出 ${ended} 个登录中的会话\n`);
        return 0;
      }
      case "grant":
      case "revoke": {
        // The CLI is the server's operator: it acts as county admin (issue 14), so it may change any grant.
        const user = name ? users.findByName(name) : undefined;
        if (!user) throw new Error(`user ${sub}：没有「${name ?? ""}」这个后台账号（运行 npm run cli -- user list 查看）`);
        if (values.role === undefined || values.account === undefined) {
          throw new Error(`user ${sub}：请写 --role 和 --account，例如 npm run cli -- user ${sub} ${user.name} --role editor --account lunnan`);
        }
        const grant = grantOfOptions(config, `user ${sub}`, values);
        const label = describeGrants([grant], cliAccountNames(config));
        const changed = sub === "grant" ? roles.grant(user.id, grant, now) : roles.revoke(user.id, grant);
        if (sub === "grant") io.out(changed ? `已给「${user.name}」添加权限：${label}\n` : `「${user.name}」已经有这项权限：${label}，没有改动\n`);
        else io.out(changed ? `已移除「${user.name}」的权限：${label}\n` : `「${user.name}」没有这项权限：${label}，没有改动（运行 npm run cli -- user list 查看）\n`);
        return 0;
      }
      case "remove": {
        if (!name || !users.remove(name)) throw new Error(`user remove：没有「${name ?? ""}」这个后台账号（运行 npm run cli -- user list 查看）`);
        io.out(`后台账号「${name}」已删除（并已登出）\n`);
        return 0;
      }
      default:
        throw new Error(`user：${sub === undefined ? "请写子命令" : `没有「${sub}」这个子命令`}，可用 add、passwd、list 或 remove（权限：grant、revoke）\n\n用法：\n${USER_USAGE}`);
    }
  } finally {
    db.close();
  }
}
