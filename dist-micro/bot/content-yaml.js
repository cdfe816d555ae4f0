"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.Problems = void 0;
exports.readYaml = readYaml;
exports.lineOf = lineOf;
exports.pathAtOffset = pathAtOffset;
exports.keyOf = keyOf;
exports.fieldName = fieldName;
exports.tooLong = tooLong;
exports.isRecord = isRecord;
/**
 * Reading the content files as YAML with positions, and collecting problems that name file, line and field.
 * Part of loadContent (load-content.ts); every problem names the file, the line and the field.
 */
const node_fs_1 = require("node:fs");
const yaml_1 = require("yaml");
const errors_1 = require("../errors");
const bot_content_1 = require("./bot-content");
/** Collects problems; each knows its file, line and field. */
class Problems {
    errors = [];
    at(f, at, problem, context) {
        this.errors.push(new errors_1.ContentError(f.file, context === undefined ? problem : `${context}: ${problem}`, {
            line: lineOf(f, at),
            field: at.length === 0 ? undefined : fieldName(at),
        }));
    }
    file(file, problem) {
        this.errors.push(new errors_1.ContentError(file, problem));
    }
}
exports.Problems = Problems;
function readYaml(file, required, problems) {
    let text;
    try {
        text = (0, node_fs_1.readFileSync)(file, "utf8");
    }
    catch (err) {
        const code = err.code;
        if (code === "ENOENT") {
            if (required)
                problems.file(file, "file not found; it is required (see the demo in the repository's content/)");
            return null;
        }
        problems.file(file, `cannot read the file: ${err.message}`);
        return null;
    }
    // Editors on Windows save with a BOM; it carries no meaning here.
    if (text.startsWith("\uFEFF"))
        text = text.slice(1);
    const lines = new yaml_1.LineCounter();
    const doc = (0, yaml_1.parseDocument)(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
    const f = { file, doc, lines, data: undefined };
    if (doc.errors.length > 0) {
        for (const e of doc.errors) {
            const at = pathAtOffset(doc.contents, e.pos[0]);
            problems.errors.push(new errors_1.ContentError(file, `YAML syntax error: ${e.message}`, {
                line: lines.linePos(e.pos[0]).line,
                field: at.length === 0 ? undefined : fieldName(at),
            }));
        }
        return null;
    }
    try {
        f.data = doc.toJS();
    }
    catch (err) {
        // e.g. alias expansion over yaml's maxAliasCount ("billion laughs").
        problems.file(file, `cannot read the YAML: ${err.message}`);
        return null;
    }
    if (f.data === null || f.data === undefined) {
        problems.file(file, "the file is empty");
        return null;
    }
    return f;
}
/** 1-based line of the node at `at` (a key's line for map entries), or of its nearest existing parent. */
function lineOf(f, at) {
    let node = f.doc.contents;
    let offset = (0, yaml_1.isNode)(node) && node.range ? node.range[0] : undefined;
    for (const seg of at) {
        if ((0, yaml_1.isMap)(node)) {
            const pair = node.items.find((p) => keyOf(p.key) === String(seg));
            if (!pair)
                break;
            const keyRange = (0, yaml_1.isNode)(pair.key) ? pair.key.range : undefined;
            if (keyRange)
                offset = keyRange[0];
            node = pair.value;
        }
        else if ((0, yaml_1.isSeq)(node) && typeof seg === "number") {
            node = node.items[seg];
            if (!(0, yaml_1.isNode)(node) || !node.range)
                break;
            offset = node.range[0];
        }
        else {
            break;
        }
    }
    return offset === undefined ? undefined : f.lines.linePos(offset).line;
}
/** The path of the innermost entry whose text covers `offset` (to name the field of a syntax error). */
function pathAtOffset(node, offset, at = []) {
    if ((0, yaml_1.isMap)(node)) {
        for (const pair of node.items) {
            const start = (0, yaml_1.isNode)(pair.key) ? pair.key.range?.[0] : undefined;
            const end = (0, yaml_1.isNode)(pair.value) ? pair.value.range?.[2] : (0, yaml_1.isNode)(pair.key) ? pair.key.range?.[2] : undefined;
            if (start !== undefined && end !== undefined && start <= offset && offset <= end) {
                return pathAtOffset(pair.value, offset, [...at, keyOf(pair.key)]);
            }
        }
    }
    else if ((0, yaml_1.isSeq)(node)) {
        for (const [i, item] of node.items.entries()) {
            const r = (0, yaml_1.isNode)(item) ? item.range : undefined;
            if (r && r[0] <= offset && offset <= r[2])
                return pathAtOffset(item, offset, [...at, i]);
        }
    }
    return at;
}
function keyOf(key) {
    return String((0, yaml_1.isScalar)(key) ? key.value : key);
}
/** `columns[1].keywords[0].match` */
function fieldName(at) {
    return at.map((seg, i) => (typeof seg === "number" ? `[${seg}]` : i === 0 ? seg : `.${seg}`)).join("");
}
function tooLong(text) {
    return `is ${(0, bot_content_1.utf8Bytes)(text)} bytes; WeChat text replies must stay within ${bot_content_1.MAX_TEXT_REPLY_BYTES} bytes (about ${Math.floor(bot_content_1.MAX_TEXT_REPLY_BYTES / 3)} 汉字)`;
}
function isRecord(v) {
    return typeof v === "object" && v !== null && !Array.isArray(v);
}
//# sourceMappingURL=content-yaml.js.map