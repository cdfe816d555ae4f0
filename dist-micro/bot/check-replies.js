"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.repliesSchema = void 0;
exports.checkReplies = checkReplies;
exports.crossCheckColumnsAndReplies = crossCheckColumnsAndReplies;
/**
 * content/replies.yml: welcome, numbered menu, default and other fixed replies; cross-checks with columns.yml.
 * Part of loadContent (load-content.ts); every problem names the file, the line and the field.
 */
const zod_1 = require("zod");
const bot_content_1 = require("./bot-content");
const check_menu_1 = require("./check-menu");
const content_yaml_1 = require("./content-yaml");
const report_content_issues_1 = require("./report-content-issues");
exports.repliesSchema = zod_1.z
    .object({
    welcome: report_content_issues_1.nonEmptyText,
    default: report_content_issues_1.nonEmptyText,
    default_reply_interval_minutes: zod_1.z.preprocess((v) => v ?? 60, zod_1.z.number().int("must be a whole number of minutes").min(0, "must be 0 or more").max(10080, "must be at most 10080 (a week)")),
    scan: report_content_issues_1.optionalText,
    numbered_menu: zod_1.z.preprocess((v) => (v === null ? undefined : v), zod_1.z
        .object({
        title: report_content_issues_1.nonEmptyText,
        items: zod_1.z
            .array(zod_1.z
            .object({
            key: report_content_issues_1.textish.pipe(zod_1.z.string().regex(/^\s*[0-9０-９]{1,2}\s*$/, "must be a number of one or two digits, e.g. 1")),
            column: zod_1.z.string(),
            label: report_content_issues_1.optionalText,
        })
            .strict())
            .min(1, "must list at least one item"),
    })
        .strict()
        .optional()),
    menu_replies: zod_1.z.preprocess((v) => (v === null ? undefined : v), zod_1.z.record(zod_1.z.string(), report_content_issues_1.nonEmptyText).optional()),
})
    .strict();
function checkReplies(f, columns, problems) {
    const out = { replies: null, digits: new Map(), menuReplyKeys: new Set() };
    if ((0, content_yaml_1.isRecord)(f.data) && (0, content_yaml_1.isRecord)(f.data["menu_replies"])) {
        for (const k of Object.keys(f.data["menu_replies"]))
            out.menuReplyKeys.add(k);
    }
    const parsed = exports.repliesSchema.safeParse(f.data);
    if (!parsed.success) {
        (0, report_content_issues_1.reportIssues)(f, [], parsed.error, problems);
        return out;
    }
    const r = parsed.data;
    let ok = true;
    let numberedMenu = null;
    if (r.numbered_menu) {
        const items = [];
        for (const [i, item] of r.numbered_menu.items.entries()) {
            const at = ["numbered_menu", "items", i];
            const key = (0, bot_content_1.normaliseText)(item.key);
            if (out.digits.has(key)) {
                problems.at(f, [...at, "key"], `number ${key} is used twice in the numbered menu`);
                ok = false;
                continue;
            }
            out.digits.set(key, { columnId: item.column, at: [...at, "key"] });
            const column = columns?.columns.find((c) => c.id === item.column);
            if (columns && !columns.declaredIds.has(item.column)) {
                problems.at(f, [...at, "column"], `unknown column "${item.column}"; columns.yml has ${[...columns.declaredIds].join(", ")}`);
                ok = false;
                continue;
            }
            items.push({ key, columnId: item.column, label: (item.label ?? column?.name ?? item.column).trim() });
        }
        const title = r.numbered_menu.title.trim();
        numberedMenu = { title, items, text: [title, ...items.map((it) => `${it.key}. ${it.label}`)].join("\n") };
    }
    const expand = (field, text) => {
        if (!text.includes(report_content_issues_1.NUMBERED_MENU_PLACEHOLDER))
            return text.trimEnd();
        if (!numberedMenu) {
            problems.at(f, [field], `uses ${report_content_issues_1.NUMBERED_MENU_PLACEHOLDER} but the file has no numbered_menu`);
            ok = false;
            return text;
        }
        return text.split(report_content_issues_1.NUMBERED_MENU_PLACEHOLDER).join(numberedMenu.text).trimEnd();
    };
    const welcome = expand("welcome", r.welcome);
    const dflt = expand("default", r.default);
    const scan = r.scan === undefined ? undefined : expand("scan", r.scan);
    const texts = [
        [["welcome"], welcome],
        [["default"], dflt],
        [["scan"], scan],
        ...Object.entries(r.menu_replies ?? {}).map(([k, v]) => [["menu_replies", k], v]),
    ];
    for (const [at, text] of texts) {
        if (text !== undefined && (0, bot_content_1.utf8Bytes)(text) > bot_content_1.MAX_TEXT_REPLY_BYTES) {
            problems.at(f, at, (0, content_yaml_1.tooLong)(text));
            ok = false;
        }
    }
    for (const key of Object.keys(r.menu_replies ?? {})) {
        if ((0, bot_content_1.utf8Bytes)(key) > check_menu_1.MENU_KEY_BYTES) {
            problems.at(f, ["menu_replies", key], `key is ${(0, bot_content_1.utf8Bytes)(key)} bytes; WeChat allows at most ${check_menu_1.MENU_KEY_BYTES}`);
            ok = false;
        }
    }
    if (!ok)
        return out;
    out.replies = {
        welcome,
        default: dflt,
        defaultReplyIntervalMinutes: r.default_reply_interval_minutes,
        ...(scan === undefined ? {} : { scan }),
        numberedMenu,
        menuReplies: new Map(Object.entries(r.menu_replies ?? {}).map(([k, v]) => [k, v.trimEnd()])),
    };
    return out;
}
function crossCheckColumnsAndReplies(cf, columns, rf, replies, problems) {
    // Numbered-menu digits are exact keywords too; one text must lead to one place.
    for (const [digit, d] of replies.digits) {
        const kw = columns.exactKeywords.get(digit);
        if (kw && kw.columnId !== d.columnId) {
            problems.at(cf, kw.at, `exact keyword "${digit}" is also number ${digit} of the numbered menu (${rf.file}:${(0, content_yaml_1.lineOf)(rf, d.at)}), which leads to column "${d.columnId}"`, `column "${kw.columnId}"`);
        }
    }
    for (const c of columns.columns) {
        if (c.menuKey !== undefined && replies.menuReplyKeys.has(c.menuKey)) {
            problems.at(rf, ["menu_replies", c.menuKey], `menu key "${c.menuKey}" is also the menu_key of column "${c.id}" (${cf.file}:${c.line}); a key can lead to one place only`);
        }
    }
}
//# sourceMappingURL=check-replies.js.map