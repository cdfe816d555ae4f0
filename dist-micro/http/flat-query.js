"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.flatQuery = flatQuery;
exports.repeatedParameter = repeatedParameter;
const errors_1 = require("../errors");
/**
 * A parsed query string (node:querystring, as Koa's ctx.query) with one value per key. WeChat never
 * repeats a parameter, and a repeated `signature` could smuggle a second value past the check, so a
 * repeat is refused.
 */
function flatQuery(parsed) {
    for (const k in parsed) {
        if (Array.isArray(parsed[k]))
            throw repeatedParameter(k);
    }
    return parsed;
}
/** The refusal of a query string that names `key` twice (here and in parse-query.ts). */
function repeatedParameter(key) {
    return new errors_1.RequestError("bad_query", `query parameter ${key} given more than once`, 400);
}
//# sourceMappingURL=flat-query.js.map