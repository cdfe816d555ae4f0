"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.build = build;
/**
 * The checked files → BotContent with the keyword rules compiled in precedence order.
 * Part of loadContent (load-content.ts); every problem names the file, the line and the field.
 */
const bot_content_1 = require("./bot-content");
const content_yaml_1 = require("./content-yaml");
const keyword_pattern_1 = require("./keyword-pattern");
function build(cf, checked, rf, checkedReplies, menu) {
    const replies = checkedReplies.replies;
    const exact = new Map();
    const contains = [];
    const regex = [];
    for (const [digit, d] of checkedReplies.digits) {
        exact.set(digit, {
            id: `${d.columnId}:menu:${digit}`,
            columnId: d.columnId,
            mode: "exact",
            source: "numbered_menu",
            text: digit,
            file: rf.file,
            line: (0, content_yaml_1.lineOf)(rf, d.at) ?? 1,
        });
    }
    for (const c of checked.columns) {
        for (const k of c.keywords) {
            const base = { columnId: c.id, source: "column", file: cf.file, line: k.line };
            if (k.match === "regex") {
                regex.push({ ...base, id: `${c.id}:regex:${k.pattern}`, mode: "regex", regex: (0, keyword_pattern_1.compilePattern)(k.pattern) });
            }
            else {
                const text = (0, bot_content_1.normaliseText)(k.text);
                const rule = { ...base, id: `${c.id}:${k.match}:${text}`, mode: k.match, text };
                if (k.match === "exact")
                    exact.set(text, rule);
                else
                    contains.push(rule);
            }
        }
    }
    const menuKeyToColumn = new Map();
    for (const c of checked.columns)
        if (c.menuKey !== undefined)
            menuKeyToColumn.set(c.menuKey, c.id);
    return {
        columns: checked.columns,
        columnsById: new Map(checked.columns.map((c) => [c.id, c])),
        replies,
        menu,
        rules: { exact, contains, regex, all: [...exact.values(), ...contains, ...regex] },
        menuKeyToColumn,
    };
}
//# sourceMappingURL=compile-content.js.map