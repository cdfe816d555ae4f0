"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.DEMO_USER = void 0;
exports.describeStaffLogin = describeStaffLogin;
const node_crypto_1 = require("node:crypto");
const staff_user_store_1 = require("../db/stores/staff-user-store");
const auth_password_1 = require("../dashboard/middleware/auth-password");
exports.DEMO_USER = "demo";
/**
 * What `npm start` prints about dashboard logins. With no staff user yet: in sandbox mode a
 * `demo` user is created with a random password, printed once (a sandbox holds no real data); in
 * production nothing is created and the command to create the first user is printed.
 */
async function describeStaffLogin(deps, url) {
    const users = (0, staff_user_store_1.createStaffUserStore)(deps.db);
    const lines = [`  dashboard: ${url}/dashboard`];
    if (users.count() > 0)
        return lines;
    if (!deps.config.sandbox) {
        return [...lines, "             no staff user yet; create one: npm run cli -- user add NAME"];
    }
    const password = (0, node_crypto_1.randomBytes)(12).toString("base64url");
    const hash = await (0, auth_password_1.hashPassword)(password);
    // Another process (a second `npm start` on the same database) may have created it meanwhile.
    if (users.count() > 0)
        return lines;
    users.add(exports.DEMO_USER, hash, deps.clock.now().getTime());
    return [
        ...lines,
        `             sandbox login created: ${exports.DEMO_USER} / ${password}   (shown once; change: npm run cli -- user passwd ${exports.DEMO_USER})`,
    ];
}
//# sourceMappingURL=first-staff-user.js.map