"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.optionalTextish = exports.optionalText = exports.nonEmptyText = exports.textish = exports.KNOWN_FIELDS = exports.NUMBERED_MENU_PLACEHOLDER = exports.TITLE_PLACEHOLDERS = void 0;
exports.reportIssues = reportIssues;
exports.describeIssue = describeIssue;
exports.expectedName = expectedName;
exports.suggest = suggest;
exports.editDistance = editDistance;
/**
 * zod issues → the editors' messages (with "did you mean" hints), and the text schemas the files share.
 * Part of loadContent (load-content.ts); every problem names the file, the line and the field.
 */
const zod_1 = require("zod");
exports.TITLE_PLACEHOLDERS = new Set(["issue", "title"]);
exports.NUMBERED_MENU_PLACEHOLDER = "{numbered_menu}";
/** Field names used anywhere in the three files, for "did you mean" hints on typos. */
exports.KNOWN_FIELDS = [
    "columns", "id", "name", "title_template", "category", "keywords", "text", "pattern", "match", "reply",
    "latest", "menu_key", "default_cover", "description", "comments", "welcome", "default", "default_reply_interval_minutes",
    "scan", "numbered_menu", "title", "items", "key", "column", "label", "menu_replies", "buttons",
    "sub_buttons", "type", "url",
];
function reportIssues(f, base, error, problems, context) {
    for (const issue of error.issues) {
        const at = [...base, ...issue.path];
        if (issue.code === "unrecognized_keys") {
            for (const key of issue.keys) {
                const hint = suggest(key);
                problems.at(f, [...at, key], `unknown field "${key}"${hint ? ` (did you mean "${hint}"?)` : ""}`, context);
            }
            continue;
        }
        problems.at(f, at, describeIssue(issue), context);
    }
}
function describeIssue(issue) {
    switch (issue.code) {
        case "invalid_type":
            if (issue.received === "undefined")
                return "is required";
            if (issue.received === "null")
                return "is empty; write a value";
            return `must be ${expectedName(issue.expected)}, not ${expectedName(issue.received)}`;
        case "invalid_enum_value":
            return `must be one of ${issue.options.join(", ")} (found "${String(issue.received)}")`;
        case "invalid_literal":
            return `must be ${JSON.stringify(issue.expected)}`;
        default:
            return issue.message;
    }
}
function expectedName(t) {
    const names = {
        string: "text",
        number: "a number",
        integer: "a whole number",
        array: "a list",
        object: "a mapping (key: value lines)",
        boolean: "true/false",
    };
    return names[t] ?? t;
}
function suggest(key) {
    let best;
    let bestDistance = 3;
    for (const known of exports.KNOWN_FIELDS) {
        const d = editDistance(key.toLowerCase(), known);
        if (d < bestDistance) {
            best = known;
            bestDistance = d;
        }
    }
    return best;
}
function editDistance(a, b) {
    let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
        const cur = [i];
        for (let j = 1; j <= b.length; j++) {
            cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
        }
        prev = cur;
    }
    return prev[b.length];
}
// YAML reads `key: 1` as a number and `description:` (no value) as null; editors mean text and "absent".
exports.textish = zod_1.z.preprocess((v) => (typeof v === "number" ? String(v) : v), zod_1.z.string());
exports.nonEmptyText = zod_1.z.string().trim().min(1, "must not be empty");
exports.optionalText = zod_1.z.preprocess((v) => (v === null ? undefined : v), zod_1.z.string().optional());
exports.optionalTextish = zod_1.z.preprocess((v) => (v === null ? undefined : typeof v === "number" ? String(v) : v), zod_1.z.string().optional());
//# sourceMappingURL=report-content-issues.js.map