"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.readXml = readXml;
exports.childText = childText;
const errors_1 = require("../errors");
/** WeChat's deepest push (MASSSENDJOBFINISH's ArticleUrlResult/ResultList/item) nests 4 levels. */
const MAX_DEPTH = 16;
const ENTITIES = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };
function malformed(reason, at) {
    return new errors_1.RequestError("malformed_xml", `wechat: malformed XML: ${reason} (at offset ${at})`, 400);
}
/**
 * The one XML reader of pushes (plain bodies, decrypted bodies and the 安全模式 envelope) and of
 * passive replies (sandbox, CLI). WeChat's XML is a small subset (接收普通消息 / 接收事件推送 docs):
 * elements, text, CDATA, the five XML entities; no attributes, namespaces or DTDs.
 *
 * Hand-written because the kept libraries measured badly on this input (README, Benchmarks):
 * xml2js ~100 µs and fast-xml-parser 5 ~47 µs per push, and both are superlinear on a body of
 * thousands of repeated siblings (fast-xml-parser: 50–265 ms for 7,500). This reader is one pass,
 * linear in the input: every character is looked at a bounded number of times, repeated siblings
 * are appended in O(1), nesting is capped at MAX_DEPTH.
 *
 * Refused (400 malformed_xml): anything that is not well-formed, a root other than `<xml>`, a
 * DOCTYPE (no entity tricks: nothing is ever expanded), processing instructions after the
 * declaration, undefined entities, nesting deeper than MAX_DEPTH.
 */
function readXml(input) {
    let i = 0;
    const n = input.length;
    const skipSpace = () => {
        while (i < n) {
            const c = input.charCodeAt(i);
            if (c !== 32 && c !== 10 && c !== 13 && c !== 9)
                break;
            i++;
        }
    };
    /** Comments and whitespace between markup; `<?xml …?>` only where allowed. */
    const skipMisc = (declarationAllowed) => {
        for (;;) {
            skipSpace();
            if (input.startsWith("<!--", i)) {
                const end = input.indexOf("-->", i + 4);
                if (end < 0)
                    throw malformed("unclosed comment", i);
                i = end + 3;
            }
            else if (declarationAllowed && input.startsWith("<?xml", i)) {
                const end = input.indexOf("?>", i);
                if (end < 0)
                    throw malformed("unclosed declaration", i);
                i = end + 2;
                declarationAllowed = false;
            }
            else
                return;
        }
    };
    const readName = () => {
        const start = i;
        while (i < n) {
            const c = input.charCodeAt(i);
            const ok = (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 58 || (i > start && ((c >= 48 && c <= 57) || c === 45 || c === 46));
            if (!ok)
                break;
            i++;
        }
        if (i === start)
            throw malformed("element name expected", start);
        return input.slice(start, i);
    };
    /** Skips attributes (WeChat sends none; tolerated, not read) up to `>` or `/>`; true when self-closing. */
    const readTagEnd = () => {
        for (;;) {
            skipSpace();
            const c = input.charCodeAt(i);
            if (c === 62 /* > */) {
                i++;
                return false;
            }
            if (c === 47 /* / */ && input.charCodeAt(i + 1) === 62) {
                i += 2;
                return true;
            }
            readName();
            skipSpace();
            if (input.charCodeAt(i) !== 61 /* = */)
                throw malformed("attribute without value", i);
            i++;
            skipSpace();
            const quote = input.charCodeAt(i);
            if (quote !== 34 && quote !== 39)
                throw malformed("attribute value must be quoted", i);
            const end = input.indexOf(quote === 34 ? '"' : "'", i + 1);
            if (end < 0)
                throw malformed("unclosed attribute value", i);
            i = end + 1;
        }
    };
    const decodeText = (raw, at) => {
        if (!raw.includes("&"))
            return raw;
        return raw.replace(/&([^;&\s]{0,10});?/g, (whole, name, offset) => {
            if (!whole.endsWith(";"))
                throw malformed("bare & in text", at + offset);
            const named = ENTITIES[name];
            if (named !== undefined)
                return named;
            const code = name.startsWith("#x") ? parseInt(name.slice(2), 16) : name.startsWith("#") ? parseInt(name.slice(1), 10) : NaN;
            if (!Number.isInteger(code) || code <= 0 || code > 0x10ffff)
                throw malformed(`unknown entity &${name};`, at + offset);
            return String.fromCodePoint(code);
        });
    };
    /** The content of an element whose start tag was just read, through its end tag. */
    const readContent = (name, depth) => {
        if (depth > MAX_DEPTH)
            throw malformed(`nesting deeper than ${MAX_DEPTH}`, i);
        let text = "";
        let children;
        for (;;) {
            const lt = input.indexOf("<", i);
            if (lt < 0)
                throw malformed(`<${name}> is not closed`, i);
            if (lt > i) {
                const raw = input.slice(i, lt);
                if (raw.includes("]]>"))
                    throw malformed("]]> in text", i);
                text += decodeText(raw, i);
            }
            i = lt;
            if (input.startsWith("<![CDATA[", i)) {
                const end = input.indexOf("]]>", i + 9);
                if (end < 0)
                    throw malformed("unclosed CDATA", i);
                text += input.slice(i + 9, end);
                i = end + 3;
            }
            else if (input.startsWith("<!--", i)) {
                const end = input.indexOf("-->", i + 4);
                if (end < 0)
                    throw malformed("unclosed comment", i);
                i = end + 3;
            }
            else if (input.startsWith("</", i)) {
                i += 2;
                const closing = readName();
                if (closing !== name)
                    throw malformed(`</${closing}> closes <${name}>`, i);
                skipSpace();
                if (input.charCodeAt(i) !== 62)
                    throw malformed("> expected", i);
                i++;
                // Mixed content (text beside elements) keeps the elements, as xml2js did.
                return children ?? text;
            }
            else if (input.startsWith("<!", i) || input.startsWith("<?", i)) {
                throw malformed("DOCTYPE, declarations and processing instructions are not allowed", i);
            }
            else {
                i++;
                const child = readName();
                const value = readTagEnd() ? "" : readContent(child, depth + 1);
                children ??= Object.create(null);
                const prev = children[child];
                if (prev === undefined)
                    children[child] = value;
                else if (Array.isArray(prev))
                    prev.push(value);
                else
                    children[child] = [prev, value];
            }
        }
    };
    if (input.trim() === "")
        throw malformed("empty body", 0);
    skipMisc(true);
    if (input.startsWith("<!", i))
        throw malformed("DOCTYPE is not allowed", i);
    if (input.charCodeAt(i) !== 60)
        throw malformed("< expected", i);
    i++;
    const rootName = readName();
    if (rootName !== "xml")
        throw malformed(`root element is <${rootName}>, expected <xml>`, 1);
    const root = readTagEnd() ? "" : readContent(rootName, 1);
    skipMisc(false);
    if (i !== n)
        throw malformed("content after the root element", i);
    // `<xml/>` or `<xml>text</xml>`: no children; the caller reports what is missing.
    return typeof root === "string" || Array.isArray(root) ? Object.create(null) : root;
}
/** The text of the first `name` child, or undefined when absent or not text-only. */
function childText(element, name) {
    const value = element?.[name];
    if (typeof value === "string")
        return value;
    if (Array.isArray(value) && typeof value[0] === "string")
        return value[0];
    return undefined;
}
//# sourceMappingURL=read-xml.js.map