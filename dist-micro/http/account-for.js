"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.accountFor = accountFor;
const errors_1 = require("../errors");
/** The account a webhook URL names: `/wechat` is the default one, `/wechat/:account` another. */
function accountFor(deps, id) {
    const name = id ?? "default";
    const account = deps.accounts.get(name);
    if (!account)
        throw new errors_1.RequestError("unknown_account", `no account "${name}" is configured`, 404);
    return account;
}
//# sourceMappingURL=account-for.js.map