"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.splitFrontMatter = splitFrontMatter;
/**
 * `---` line, YAML, `---` line, Markdown. The YAML keeps the rest of the opening line (its
 * newline), so line n of it is line n of the file and errors point into the file. Without a
 * closing line the whole rest is YAML and the body is empty (reported as such). The split is a
 * few lines; the YAML itself is parsed by the same library as content/*.yml, with positions.
 * (gray-matter did this before: it pulled a second YAML parser and esprima into the service,
 * and cached every file's text it ever saw.)
 */
function splitFrontMatter(text) {
    const opening = text.indexOf("\n");
    const close = /\n---[ \t]*(?:\n|$)/g;
    close.lastIndex = opening;
    const found = close.exec(text);
    if (opening < 0 || !found)
        return { matter: opening < 0 ? "" : text.slice(3), content: "" };
    return { matter: text.slice(3, found.index), content: text.slice(found.index + found[0].length) };
}
//# sourceMappingURL=split-front-matter.js.map