"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.WeChatApiError = exports.ContentError = exports.ConfigError = exports.RequestError = exports.AppError = void 0;
/**
 * Typed errors. `code` is stable (for logs, tests and HTTP mapping); `expose` says whether the
 * message may be shown to the caller. One Koa middleware maps these to responses.
 */
class AppError extends Error {
    code;
    expose;
    status;
    constructor(code, message, options = {}) {
        super(message, options.cause === undefined ? undefined : { cause: options.cause });
        this.name = new.target.name;
        this.code = code;
        this.expose = options.expose ?? false;
        this.status = options.status ?? 500;
    }
}
exports.AppError = AppError;
/** A request from outside (WeChat, staff, CLI) that we refuse: bad signature, bad body, replay. */
class RequestError extends AppError {
    constructor(code, message, status = 400, cause) {
        super(code, message, { expose: true, status, cause });
    }
}
exports.RequestError = RequestError;
/** Configuration that cannot work; the message says how to fix it. */
class ConfigError extends AppError {
    problems;
    constructor(problems) {
        super("config_invalid", `config: ${problems.length} problem(s)\n  - ${problems.join("\n  - ")}`);
        this.problems = problems;
    }
}
exports.ConfigError = ConfigError;
/** A problem in an editor's file under content/: names the file, the line when known, and the field. */
class ContentError extends AppError {
    file;
    line;
    field;
    constructor(file, problem, options = {}) {
        const where = options.line === undefined ? file : `${file}:${options.line}`;
        const what = options.field === undefined ? problem : `${options.field}: ${problem}`;
        super("content_invalid", `${where}: ${what}`, { expose: true, status: 422 });
        this.file = file;
        this.line = options.line;
        this.field = options.field;
    }
}
exports.ContentError = ContentError;
/**
 * WeChat answered errcode ≠ 0. Always names the endpoint, errcode and errmsg
 * (errmsg carries a `rid` that /cgi-bin/openapi/rid/get can resolve).
 */
class WeChatApiError extends AppError {
    endpoint;
    errcode;
    errmsg;
    body;
    constructor(endpoint, errcode, errmsg, body = {}) {
        super(`wechat_${errcode}`, `wechat: ${endpoint} failed: errcode ${errcode}: ${errmsg}`, { status: 502 });
        this.endpoint = endpoint;
        this.errcode = errcode;
        this.errmsg = errmsg;
        this.body = body;
    }
}
exports.WeChatApiError = WeChatApiError;
//# sourceMappingURL=errors.js.map