"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.SafeHtml = void 0;
exports.escapeHtml = escapeHtml;
exports.html = html;
exports.jsonForScript = jsonForScript;
/**
 * The one HTML helper: a tagged template that escapes every interpolation unless it is already
 * SafeHtml (the result of another `html` call). Arrays are joined; null, undefined and false
 * render as nothing. Attributes must be written in double quotes, which are escaped too.
 */
class SafeHtml {
    value;
    constructor(value) {
        this.value = value;
    }
    toString() {
        return this.value;
    }
}
exports.SafeHtml = SafeHtml;
const ESCAPES = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;", "`": "&#96;" };
function escapeHtml(text) {
    return text.replace(/[&<>"'`]/g, (c) => ESCAPES[c]);
}
function render(v) {
    if (v instanceof SafeHtml)
        return v.value;
    if (Array.isArray(v))
        return v.map(render).join("");
    if (v === null || v === undefined || v === false)
        return "";
    return escapeHtml(String(v));
}
function html(strings, ...values) {
    let out = strings[0];
    for (let i = 0; i < values.length; i++)
        out += render(values[i]) + strings[i + 1];
    return new SafeHtml(out);
}
/**
 * JSON for a <script type="application/json"> block: `<`, `>`, `&` and the line separators are
 * \u-escaped so the text can never close the script element or be read as markup.
 */
function jsonForScript(value) {
    return new SafeHtml(JSON.stringify(value)
        .replace(/</g, "\\u003c")
        .replace(/>/g, "\\u003e")
        .replace(/&/g, "\\u0026")
        .replace(/\u2028/g, "\\u2028")
        .replace(/\u2029/g, "\\u2029"));
}
//# sourceMappingURL=html.js.map