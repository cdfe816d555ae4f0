import { parseArgs } from "node:util";
import type { Config } from "../config";
import { openDatabase } from "../db/open-database";
import { createSessionStore } from "../db/stores/session-store";
import { createStaffUserStore } from "../db/stores/staff-user-store";
import { formatLocal, type Clock } from "../time";
import { hashPassword, passwordProblem } from "../dashboard/middleware/auth-password";
import { promptHidden, readStdinLine } from "./read-password";

export const USER_USAGE = `  user add NAME [--password-stdin]   create a staff login for /dashboard (prompts for the password twice;
                                    scripts: --password-stdin, or DASHBOARD_PASSWORD)
  user passwd NAME [--password-stdin] change a staff password (signs the user out everywhere)
  user list                         list staff logins
  user remove NAME                  delete a staff login and its sessions
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
      const first = await promptHidden("新密码 (new password): ");
      const second = await promptHidden("再输入一次 (again): ");
      if (first !== second) throw new Error("user: the two passwords differ; nothing changed");
      return first;
    },
  };
}

/** `npm run cli -- user …`: staff logins, stored scrypt-hashed in the database. @returns the exit code */
export async function userCommand(config: Config, clock: Clock, args: string[], io: UserCommandIo): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { "password-stdin": { type: "boolean" } } });
  const [sub, name] = positionals;
  const db = openDatabase(config.databasePath);
  try {
    const users = createStaffUserStore(db);
    const now = clock.now().getTime();
    const newPassword = async (forName: string) => {
      const password = await io.readPassword(values["password-stdin"] === true);
      const problem = passwordProblem(password, forName);
      if (problem) throw new Error(`user: ${problem}`);
      return hashPassword(password);
    };
    switch (sub) {
      case "list": {
        const all = users.list();
        if (all.length === 0) io.out("no staff users yet: npm run cli -- user add NAME\n");
        for (const u of all) {
          const last = u.lastLoginAt === null ? "never" : formatLocal(new Date(u.lastLoginAt), config.scheduleTimezone);
          io.out(`${u.name}\tcreated ${formatLocal(new Date(u.createdAt), config.scheduleTimezone)}\tlast login ${last}\n`);
        }
        return 0;
      }
      case "add": {
        if (!name || !NAME_RE.test(name)) throw new Error("user add: give a name of 1–32 letters, digits or _ . @ -, e.g. npm run cli -- user add zhangsan");
        if (users.findByName(name)) throw new Error(`user add: "${name}" exists already; change the password with: npm run cli -- user passwd ${name}`);
        users.add(name, await newPassword(name), now);
        io.out(`staff user "${name}" created: log in at /dashboard/login\n`);
        return 0;
      }
      case "passwd": {
        const user = name ? users.findByName(name) : undefined;
        if (!user) throw new Error(`user passwd: no staff user "${name ?? ""}" (see npm run cli -- user list)`);
        users.setPassword(user.id, await newPassword(user.name), now);
        const ended = createSessionStore(db).deleteForUser(user.id);
        io.out(`password of "${user.name}" changed; ${ended} session(s) signed out\n`);
        return 0;
      }
      case "remove": {
        if (!name || !users.remove(name)) throw new Error(`user remove: no staff user "${name ?? ""}" (see npm run cli -- user list)`);
        io.out(`staff user "${name}" removed (and signed out)\n`);
        return 0;
      }
      default:
        throw new Error(`user: expected add, passwd, list or remove\n\n${USER_USAGE}`);
    }
  } finally {
    db.close();
  }
}
