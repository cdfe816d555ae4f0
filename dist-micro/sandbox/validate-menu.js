"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.validateMenu = validateMenu;
const sandbox_context_1 = require("./sandbox-context");
const bytes = (s) => Buffer.byteLength(s, "utf8");
const KEY_TYPES = new Set([
    "click",
    "scancode_push",
    "scancode_waitmsg",
    "pic_sysphoto",
    "pic_photo_or_album",
    "pic_weixin",
    "location_select",
]);
const OTHER_TYPES = new Set(["view", "miniprogram", "media_id", "view_limited", "article_id", "article_view_limited"]);
/** Error codes for a top-level button and for a sub-button (global error code list). */
const CODES = {
    top: { type: 40017, name: 40018, key: 40019, url: 40020 },
    sub: { type: 40024, name: 40025, key: 40026, url: 40027 },
};
function checkLeaf(b, level) {
    const codes = CODES[level];
    const type = b.type;
    if (typeof type !== "string" || !(KEY_TYPES.has(type) || OTHER_TYPES.has(type)))
        (0, sandbox_context_1.reject)(codes.type);
    if (KEY_TYPES.has(type)) {
        if (typeof b.key !== "string" || b.key === "" || bytes(b.key) > 128)
            (0, sandbox_context_1.reject)(codes.key);
    }
    if (type === "view" || type === "miniprogram") {
        if (typeof b.url !== "string" || b.url === "" || bytes(b.url) > 1024)
            (0, sandbox_context_1.reject)(codes.url);
    }
}
/**
 * menu/create's checks (protocol §5.7): 1–3 buttons (40016), 1–5 sub-buttons (40023); names
 * ≤ 16 bytes top-level and ≤ 60 bytes below (40018/40025); key ≤ 128 bytes; url ≤ 1024 bytes.
 */
function validateMenu(body) {
    const buttons = body.button;
    if (!Array.isArray(buttons) || buttons.length < 1 || buttons.length > 3)
        (0, sandbox_context_1.reject)(40016);
    for (const raw of buttons) {
        if (typeof raw !== "object" || raw === null)
            (0, sandbox_context_1.reject)(47001);
        const b = raw;
        if (typeof b.name !== "string" || b.name === "" || bytes(b.name) > 16)
            (0, sandbox_context_1.reject)(40018);
        const subs = b.sub_button;
        if (Array.isArray(subs) && subs.length > 0) {
            if (subs.length > 5)
                (0, sandbox_context_1.reject)(40023);
            for (const rawSub of subs) {
                if (typeof rawSub !== "object" || rawSub === null)
                    (0, sandbox_context_1.reject)(47001);
                const s = rawSub;
                if (typeof s.name !== "string" || s.name === "" || bytes(s.name) > 60)
                    (0, sandbox_context_1.reject)(40025);
                checkLeaf(s, "sub");
            }
        }
        else {
            checkLeaf(b, "top");
        }
    }
}
//# sourceMappingURL=validate-menu.js.map