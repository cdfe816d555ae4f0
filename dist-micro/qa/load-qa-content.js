"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.loadQaContent = loadQaContent;
/**
 * Reads content/qa.yml: the 青年之声 keywords, menu key, texts, duty rota and roundup settings.
 * Every problem is reported at once, naming the file, the line and the field, like the bot's
 * content (load-content.ts). Reads one file; no other I/O.
 */
const node_fs_1 = require("node:fs");
const node_path_1 = __importDefault(require("node:path"));
const yaml_1 = require("yaml");
const zod_1 = require("zod");
const bot_content_1 = require("../bot/bot-content");
const errors_1 = require("../errors");
const qa_content_1 = require("./qa-content");
/** Each text, its placeholders, and whether it must mention each one. */
const TEXT_FIELDS = {
    askPrompt: { key: "ask_prompt", placeholders: ["wait_minutes"], required: [] },
    received: { key: "received", placeholders: ["number"], required: ["number"] },
    receivedShort: { key: "received_short", placeholders: ["number"], required: ["number"] },
    cancelled: { key: "cancelled", placeholders: [], required: [] },
    tooShort: { key: "too_short", placeholders: [], required: [], fallback: qa_content_1.DEFAULT_TOO_SHORT },
    noTickets: { key: "no_tickets", placeholders: [], required: [] },
    listHeader: { key: "list_header", placeholders: [], required: [] },
    answer: { key: "answer", placeholders: ["number", "question", "answer"], required: ["answer"] },
    deferredNote: { key: "deferred_note", placeholders: [], required: [] },
};
const WEEKDAYS = {
    sun: 0, sunday: 0, 日: 0, 天: 0, 周日: 0, 周天: 0, 星期日: 0, 星期天: 0,
    mon: 1, monday: 1, 一: 1, 周一: 1, 星期一: 1,
    tue: 2, tuesday: 2, 二: 2, 周二: 2, 星期二: 2,
    wed: 3, wednesday: 3, 三: 3, 周三: 3, 星期三: 3,
    thu: 4, thursday: 4, 四: 4, 周四: 4, 星期四: 4,
    fri: 5, friday: 5, 五: 5, 周五: 5, 星期五: 5,
    sat: 6, saturday: 6, 六: 6, 周六: 6, 星期六: 6,
};
const keywordList = zod_1.z.array(zod_1.z.union([zod_1.z.string(), zod_1.z.number()]).transform(String)).min(1);
const text = zod_1.z.string().min(1);
const schema = zod_1.z
    .object({
    ask_keywords: keywordList,
    list_keywords: keywordList,
    cancel_keywords: keywordList.optional(),
    menu_key: zod_1.z.string().min(1).max(128).optional(),
    wait_minutes: zod_1.z.number().int().min(1).max(1440).default(10),
    texts: zod_1.z
        .object(Object.fromEntries(Object.values(TEXT_FIELDS).map((f) => [f.key, f.fallback === undefined ? text : text.default(f.fallback)])))
        .strict(),
    duty: zod_1.z
        .array(zod_1.z
        .object({
        name: zod_1.z.string().trim().min(1).max(30),
        days: zod_1.z.array(zod_1.z.union([zod_1.z.string(), zod_1.z.number()]).transform(String)).min(1).optional(),
    })
        .strict())
        .default([]),
    roundup: zod_1.z
        .object({
        column: zod_1.z.string().min(1),
        title: zod_1.z.string().min(1),
        author: zod_1.z.string().min(1).max(16).optional(),
    })
        .strict(),
})
    .strict();
function loadQaContent(contentDir, columnIds) {
    const file = node_path_1.default.join(contentDir, qa_content_1.QA_FILE);
    const errors = [];
    let source;
    try {
        source = (0, node_fs_1.readFileSync)(file, "utf8").replace(/^\uFEFF/, "");
    }
    catch (err) {
        // No qa.yml: 青年之声 is simply not set up (the intake stays off); not an error.
        if (err.code === "ENOENT")
            return { content: qa_content_1.QA_DISABLED, errors: [] };
        return { content: null, errors: [new errors_1.ContentError(file, `cannot read the file: ${err.message}`)] };
    }
    const lines = new yaml_1.LineCounter();
    const doc = (0, yaml_1.parseDocument)(source, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
    if (doc.errors.length > 0) {
        return {
            content: null,
            errors: doc.errors.map((e) => new errors_1.ContentError(file, `YAML syntax error: ${e.message.split("\n")[0]}`, { line: lines.linePos(e.pos[0]).line })),
        };
    }
    const problem = (at, message) => errors.push(new errors_1.ContentError(file, message, { line: lineOf(doc, lines, at), ...(at.length ? { field: fieldName(at) } : {}) }));
    const parsed = schema.safeParse(doc.toJS());
    if (!parsed.success) {
        for (const issue of parsed.error.issues) {
            const message = issue.code === "unrecognized_keys"
                ? `unknown field(s) ${issue.keys.join(", ")}`
                : issue.code === "invalid_type" && issue.received === "undefined"
                    ? "is required"
                    : issue.message;
            problem(issue.code === "unrecognized_keys" ? [...issue.path, issue.keys[0]] : issue.path, message);
        }
        return { content: null, errors };
    }
    const q = parsed.data;
    const keywords = (field, list) => {
        const out = [];
        list.forEach((k, i) => {
            const n = (0, bot_content_1.normaliseText)(k);
            if (n === "")
                problem([field, i], "must not be empty");
            else
                out.push(n);
        });
        return out;
    };
    const askKeywords = keywords("ask_keywords", q.ask_keywords);
    const listKeywords = keywords("list_keywords", q.list_keywords);
    const cancelKeywords = keywords("cancel_keywords", q.cancel_keywords ?? []);
    const seen = new Map();
    for (const [field, list] of [["ask_keywords", askKeywords], ["list_keywords", listKeywords], ["cancel_keywords", cancelKeywords]]) {
        list.forEach((k, i) => {
            const first = seen.get(k);
            if (first)
                problem([field, i], `"${k}" is already listed under ${first}; a keyword can do one thing only`);
            else
                seen.set(k, field);
        });
    }
    const texts = {};
    for (const [name, spec] of Object.entries(TEXT_FIELDS)) {
        const value = String(q.texts[spec.key]).trimEnd();
        texts[name] = value;
        const at = ["texts", spec.key];
        for (const m of value.matchAll(/\{([a-z_]+)\}/g)) {
            if (!spec.placeholders.includes(m[1])) {
                problem(at, `unknown placeholder {${m[1]}}; this text can use ${spec.placeholders.length ? spec.placeholders.map((p) => `{${p}}`).join(", ") : "none"}`);
            }
        }
        for (const r of spec.required) {
            if (value.includes(`{${r}}`))
                continue;
            // "received: 已收到 #{number}" loses everything from " #" on: YAML reads it as a comment.
            const line = lineOf(doc, lines, at);
            const cut = line !== undefined && !value.includes("#") && / #/.test(source.split("\n")[line - 1] ?? "");
            problem(at, `must contain {${r}}${cut ? ' (in YAML " #" starts a comment: put the text in quotes, or write it on the next lines after |-)' : ""}`);
        }
        if ((0, bot_content_1.utf8Bytes)(value) > bot_content_1.MAX_TEXT_REPLY_BYTES / 2) {
            problem(at, `is ${(0, bot_content_1.utf8Bytes)(value)} bytes; keep it within ${bot_content_1.MAX_TEXT_REPLY_BYTES / 2} (about ${Math.floor(bot_content_1.MAX_TEXT_REPLY_BYTES / 6)} 汉字) so it fits a reply with the answer`);
        }
    }
    const rota = [];
    const names = new Set();
    q.duty.forEach((d, i) => {
        if (names.has(d.name))
            problem(["duty", i, "name"], `"${d.name}" is on the rota twice; list each cadre once with all their days`);
        names.add(d.name);
        const days = new Set();
        (d.days ?? ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]).forEach((raw, j) => {
            const day = WEEKDAYS[raw.trim().toLowerCase()];
            if (day === undefined)
                problem(["duty", i, "days", j], `"${raw}" is not a day; write mon … sun, or 一 … 日`);
            else
                days.add(day);
        });
        rota.push({ name: d.name, days });
    });
    if (columnIds && !columnIds.has(q.roundup.column)) {
        problem(["roundup", "column"], `"${q.roundup.column}" is not a column in columns.yml; use one of ${[...columnIds].join(", ")}`);
    }
    if (errors.length > 0)
        return { content: null, errors };
    return {
        content: {
            enabled: true,
            askKeywords,
            listKeywords,
            cancelKeywords,
            menuKey: q.menu_key,
            waitMinutes: q.wait_minutes,
            texts,
            rota,
            roundup: { column: q.roundup.column, title: q.roundup.title, author: q.roundup.author },
        },
        errors: [],
    };
}
/** 1-based line of the node at `at`, or of its nearest existing parent. */
function lineOf(doc, lines, at) {
    let node = doc.contents;
    let offset = (0, yaml_1.isNode)(node) && node.range ? node.range[0] : undefined;
    for (const seg of at) {
        if ((0, yaml_1.isMap)(node)) {
            const pair = node.items.find((p) => String((0, yaml_1.isScalar)(p.key) ? p.key.value : p.key) === String(seg));
            if (!pair)
                break;
            if ((0, yaml_1.isNode)(pair.key) && pair.key.range)
                offset = pair.key.range[0];
            node = pair.value;
        }
        else if ((0, yaml_1.isSeq)(node) && typeof seg === "number") {
            node = node.items[seg];
            if (!(0, yaml_1.isNode)(node) || !node.range)
                break;
            offset = node.range[0];
        }
        else
            break;
    }
    return offset === undefined ? undefined : lines.linePos(offset).line;
}
function fieldName(at) {
    return at.map((seg, i) => (typeof seg === "number" ? `[${seg}]` : i === 0 ? seg : `.${seg}`)).join("");
}
//# sourceMappingURL=load-qa-content.js.map