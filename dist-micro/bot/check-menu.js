"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.menuFileSchema = exports.leafSchema = exports.MENU_URL_BYTES = exports.MENU_KEY_BYTES = exports.MENU_SUB_NAME_BYTES = exports.MENU_TOP_NAME_BYTES = exports.MENU_MAX_SUB = exports.MENU_MAX_TOP = void 0;
exports.checkMenu = checkMenu;
/**
 * content/menu.yml: the custom menu, within WeChat's limits (wechat-protocol.md §5.7; errcode 40016/40017/40018).
 * Part of loadContent (load-content.ts); every problem names the file, the line and the field.
 */
const zod_1 = require("zod");
const bot_content_1 = require("./bot-content");
const content_yaml_1 = require("./content-yaml");
const report_content_issues_1 = require("./report-content-issues");
// WeChat's custom-menu limits (wechat-protocol.md §5.7; errcode 40016/40017/40018).
exports.MENU_MAX_TOP = 3;
exports.MENU_MAX_SUB = 5;
exports.MENU_TOP_NAME_BYTES = 16;
exports.MENU_SUB_NAME_BYTES = 60;
exports.MENU_KEY_BYTES = 128;
exports.MENU_URL_BYTES = 1024;
exports.leafSchema = zod_1.z
    .object({
    name: report_content_issues_1.nonEmptyText,
    type: zod_1.z.enum(["click", "view"]),
    key: report_content_issues_1.optionalTextish,
    url: report_content_issues_1.optionalText,
})
    .strict();
exports.menuFileSchema = zod_1.z.object({ buttons: zod_1.z.array(zod_1.z.unknown()) }).strict();
function checkMenu(f, columns, replies, problems) {
    const top = exports.menuFileSchema.safeParse(f.data);
    if (!top.success) {
        (0, report_content_issues_1.reportIssues)(f, [], top.error, problems);
        return { menu: null };
    }
    let ok = true;
    const fail = (at, problem, context) => {
        problems.at(f, at, problem, context);
        ok = false;
    };
    const rawButtons = top.data.buttons;
    if (rawButtons.length === 0 || rawButtons.length > exports.MENU_MAX_TOP) {
        fail(["buttons"], `has ${rawButtons.length} buttons; WeChat allows 1 to ${exports.MENU_MAX_TOP} (errcode 40016)`);
    }
    const checkName = (at, name, maxBytes, context) => {
        const n = (0, bot_content_1.utf8Bytes)(name);
        if (n > maxBytes) {
            fail([...at, "name"], `"${name}" is ${n} bytes; WeChat allows at most ${maxBytes} (a 汉字 takes 3 bytes; errcode 40018)`, context);
        }
    };
    const checkLeaf = (at, raw, maxNameBytes) => {
        const context = (0, content_yaml_1.isRecord)(raw) && typeof raw["name"] === "string" ? `button "${raw["name"]}"` : undefined;
        const parsed = exports.leafSchema.safeParse(raw);
        if (!parsed.success) {
            (0, report_content_issues_1.reportIssues)(f, at, parsed.error, problems, context);
            ok = false;
            return null;
        }
        const b = parsed.data;
        const ctx = `button "${b.name}"`;
        checkName(at, b.name, maxNameBytes, ctx);
        if (b.type === "click") {
            if (b.url !== undefined)
                fail([...at, "url"], "a click button takes `key:`, not `url:` (use type: view for links)", ctx);
            if (b.key === undefined) {
                fail([...at, "key"], "is required for a click button", ctx);
                return null;
            }
            if ((0, bot_content_1.utf8Bytes)(b.key) > exports.MENU_KEY_BYTES) {
                fail([...at, "key"], `is ${(0, bot_content_1.utf8Bytes)(b.key)} bytes; WeChat allows at most ${exports.MENU_KEY_BYTES}`, ctx);
            }
            // Only judged when both other files were readable; otherwise their own errors say why.
            if (columns && replies && !columns.declaredMenuKeys.has(b.key) && !replies.menuReplyKeys.has(b.key)) {
                fail([...at, "key"], `key "${b.key}" leads nowhere: no column in columns.yml has menu_key: ${b.key}, and replies.yml has no menu_replies entry for it`, ctx);
            }
            return { name: b.name, type: "click", key: b.key };
        }
        if (b.key !== undefined)
            fail([...at, "key"], "a view button takes `url:`, not `key:` (use type: click for keys)", ctx);
        if (b.url === undefined) {
            fail([...at, "url"], "is required for a view button", ctx);
            return null;
        }
        if (!/^https?:\/\/\S+$/i.test(b.url))
            fail([...at, "url"], `"${b.url}" must be a web address starting with http:// or https://`, ctx);
        if ((0, bot_content_1.utf8Bytes)(b.url) > exports.MENU_URL_BYTES)
            fail([...at, "url"], `is ${(0, bot_content_1.utf8Bytes)(b.url)} bytes; WeChat allows at most ${exports.MENU_URL_BYTES}`, ctx);
        return { name: b.name, type: "view", url: b.url };
    };
    const buttons = [];
    for (const [i, raw] of rawButtons.entries()) {
        const at = ["buttons", i];
        if ((0, content_yaml_1.isRecord)(raw) && "sub_buttons" in raw) {
            const context = typeof raw["name"] === "string" ? `button "${raw["name"]}"` : undefined;
            const parsed = zod_1.z.object({ name: report_content_issues_1.nonEmptyText, sub_buttons: zod_1.z.array(zod_1.z.unknown()) }).strict().safeParse(raw);
            if (!parsed.success) {
                (0, report_content_issues_1.reportIssues)(f, at, parsed.error, problems, context);
                ok = false;
                continue;
            }
            const ctx = `button "${parsed.data.name}"`;
            checkName(at, parsed.data.name, exports.MENU_TOP_NAME_BYTES, ctx);
            const subs = parsed.data.sub_buttons;
            if (subs.length === 0 || subs.length > exports.MENU_MAX_SUB) {
                fail([...at, "sub_buttons"], `has ${subs.length} buttons; WeChat allows 1 to ${exports.MENU_MAX_SUB} under each (errcode 40017)`, ctx);
            }
            const leaves = subs.map((s, j) => checkLeaf([...at, "sub_buttons", j], s, exports.MENU_SUB_NAME_BYTES));
            buttons.push({ name: parsed.data.name, subButtons: leaves.filter((l) => l !== null) });
        }
        else {
            const leaf = checkLeaf(at, raw, exports.MENU_TOP_NAME_BYTES);
            if (leaf)
                buttons.push(leaf);
        }
    }
    return { menu: ok ? { buttons } : null };
}
//# sourceMappingURL=check-menu.js.map