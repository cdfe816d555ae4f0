"use strict";
/**
 * Regex keywords: compiled once, and refused when they could hang the bot.
 * Part of loadContent (load-content.ts); every problem names the file, the line and the field.
 */
Object.defineProperty(exports, "__esModule", { value: true });
exports.MAX_PATTERN_LENGTH = void 0;
exports.compilePattern = compilePattern;
exports.regexProblem = regexProblem;
exports.hasNestedQuantifier = hasNestedQuantifier;
exports.markOpenGroup = markOpenGroup;
/** Longer patterns are refused: a keyword pattern has no reason to be long, and length feeds backtracking. */
exports.MAX_PATTERN_LENGTH = 200;
/** Patterns are matched against normalised (half-width, lower-case) messages, case-insensitively. */
function compilePattern(pattern) {
    return new RegExp(pattern, "iu");
}
/**
 * Why a pattern is refused, or undefined. Besides syntax, two guards against catastrophic
 * backtracking (ReDoS) on a webhook that must answer within 5 s (wechat-protocol.md §3.2): a length
 * cap, and no unbounded quantifier applied to a group that itself contains one, e.g. `(a+)+`.
 */
function regexProblem(pattern) {
    if (pattern.length > exports.MAX_PATTERN_LENGTH) {
        return `pattern is ${pattern.length} characters; at most ${exports.MAX_PATTERN_LENGTH} are allowed`;
    }
    if (pattern.trim() === "")
        return "must not be empty";
    try {
        compilePattern(pattern);
    }
    catch (err) {
        return `invalid regular expression: ${err.message.replace(/^Invalid regular expression: \/.*\/[a-z]*: /s, "")}`;
    }
    if (hasNestedQuantifier(pattern)) {
        return "a repeated group contains another repetition (like (a+)+ or (\\S*)*); such patterns can hang the bot, rewrite it without the outer repetition";
    }
    return undefined;
}
function hasNestedQuantifier(pattern) {
    const groups = []; // per open group: does it contain an unbounded quantifier?
    let inClass = false;
    for (let i = 0; i < pattern.length; i++) {
        const ch = pattern[i];
        if (ch === "\\") {
            i++;
            continue;
        }
        if (inClass) {
            if (ch === "]")
                inClass = false;
            continue;
        }
        if (ch === "[")
            inClass = true;
        else if (ch === "(")
            groups.push(false);
        else if (ch === ")") {
            const repeated = groups.pop() ?? false;
            const next = pattern[i + 1];
            const quantified = next === "+" || next === "*" || (next === "{" && /^\{\d+,\d*\}/.test(pattern.slice(i + 1)));
            if (repeated && quantified)
                return true;
            if (repeated || quantified)
                markOpenGroup(groups);
        }
        else if (ch === "+" || ch === "*" || (ch === "{" && /^\{\d+,\d*\}/.test(pattern.slice(i)))) {
            markOpenGroup(groups);
        }
    }
    return false;
}
function markOpenGroup(groups) {
    if (groups.length > 0)
        groups[groups.length - 1] = true;
}
//# sourceMappingURL=keyword-pattern.js.map