"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.USER_USAGE = void 0;
exports.terminalIo = terminalIo;
exports.userCommand = userCommand;
const node_util_1 = require("node:util");
const open_database_1 = require("../db/open-database");
const session_store_1 = require("../db/stores/session-store");
const staff_user_store_1 = require("../db/stores/staff-user-store");
const time_1 = require("../time");
const auth_password_1 = require("../dashboard/middleware/auth-password");
const read_password_1 = require("./read-password");
exports.USER_USAGE = `  user add NAME [--password-stdin]   create a staff login for /dashboard (prompts for the password twice;
                                    scripts: --password-stdin, or DASHBOARD_PASSWORD)
  user passwd NAME [--password-stdin] change a staff password (signs the user out everywhere)
  user list                         list staff logins
  user remove NAME                  delete a staff login and its sessions
`;
const NAME_RE = /^[\p{L}\p{N}_.@-]{1,32}$/u;
/** Terminal I/O: stdin line, DASHBOARD_PASSWORD, or a hidden prompt asked twice. */
function terminalIo(config) {
    return {
        out: (text) => void process.stdout.write(text),
        async readPassword(fromStdin) {
            if (fromStdin)
                return (0, read_password_1.readStdinLine)();
            if (config.dashboard.password !== undefined)
                return config.dashboard.password;
            const first = await (0, read_password_1.promptHidden)("新密码 (new password): ");
            const second = await (0, read_password_1.promptHidden)("再输入一次 (again): ");
            if (first !== second)
                throw new Error("user: the two passwords differ; nothing changed");
            return first;
        },
    };
}
/** `npm run cli -- user …`: staff logins, stored scrypt-hashed in the database. @returns the exit code */
async function userCommand(config, clock, args, io) {
    const { values, positionals } = (0, node_util_1.parseArgs)({ args, allowPositionals: true, options: { "password-stdin": { type: "boolean" } } });
    const [sub, name] = positionals;
    const db = (0, open_database_1.openDatabase)(config.databasePath);
    try {
        const users = (0, staff_user_store_1.createStaffUserStore)(db);
        const now = clock.now().getTime();
        const newPassword = async (forName) => {
            const password = await io.readPassword(values["password-stdin"] === true);
            const problem = (0, auth_password_1.passwordProblem)(password, forName);
            if (problem)
                throw new Error(`user: ${problem}`);
            return (0, auth_password_1.hashPassword)(password);
        };
        switch (sub) {
            case "list": {
                const all = users.list();
                if (all.length === 0)
                    io.out("no staff users yet: npm run cli -- user add NAME\n");
                for (const u of all) {
                    const last = u.lastLoginAt === null ? "never" : (0, time_1.formatLocal)(new Date(u.lastLoginAt), config.scheduleTimezone);
                    io.out(`${u.name}\tcreated ${(0, time_1.formatLocal)(new Date(u.createdAt), config.scheduleTimezone)}\tlast login ${last}\n`);
                }
                return 0;
            }
            case "add": {
                if (!name || !NAME_RE.test(name))
                    throw new Error("user add: give a name of 1–32 letters, digits or _ . @ -, e.g. npm run cli -- user add zhangsan");
                if (users.findByName(name))
                    throw new Error(`user add: "${name}" exists already; change the password with: npm run cli -- user passwd ${name}`);
                users.add(name, await newPassword(name), now);
                io.out(`staff user "${name}" created: log in at /dashboard/login\n`);
                return 0;
            }
            case "passwd": {
                const user = name ? users.findByName(name) : undefined;
                if (!user)
                    throw new Error(`user passwd: no staff user "${name ?? ""}" (see npm run cli -- user list)`);
                users.setPassword(user.id, await newPassword(user.name), now);
                const ended = (0, session_store_1.createSessionStore)(db).deleteForUser(user.id);
                io.out(`password of "${user.name}" changed; ${ended} session(s) signed out\n`);
                return 0;
            }
            case "remove": {
                if (!name || !users.remove(name))
                    throw new Error(`user remove: no staff user "${name ?? ""}" (see npm run cli -- user list)`);
                io.out(`staff user "${name}" removed (and signed out)\n`);
                return 0;
            }
            default:
                throw new Error(`user: expected add, passwd, list or remove\n\n${exports.USER_USAGE}`);
        }
    }
    finally {
        db.close();
    }
}
//# sourceMappingURL=user-command.js.map