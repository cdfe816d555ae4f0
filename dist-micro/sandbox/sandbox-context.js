"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.SandboxReject = void 0;
exports.reject = reject;
/** Thrown by a handler to answer WeChat-style {errcode, errmsg, …extra}. */
class SandboxReject extends Error {
    errcode;
    extra;
    constructor(errcode, extra = {}) {
        super(`sandbox: errcode ${errcode}`);
        this.errcode = errcode;
        this.extra = extra;
    }
}
exports.SandboxReject = SandboxReject;
function reject(errcode, extra) {
    throw new SandboxReject(errcode, extra);
}
//# sourceMappingURL=sandbox-context.js.map