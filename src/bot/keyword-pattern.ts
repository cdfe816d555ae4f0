/**
 * Regex keywords: compiled once, and refused when they could hang the bot.
 * Part of loadContent (load-content.ts); every problem names the file, the line and the field.
 */

/** Longer patterns are refused: a keyword pattern has no reason to be long, and length feeds backtracking. */
export const MAX_PATTERN_LENGTH = 200;

/** Patterns are matched against normalised (half-width, lower-case) messages, case-insensitively. */
export function compilePattern(pattern: string): RegExp {
  return new RegExp(pattern, "iu");
}

/**
 * Why a pattern is refused, or undefined. Besides syntax, two guards against catastrophic
 * backtracking (ReDoS) on a webhook that must answer within 5 s (wechat-protocol.md §3.2): a length
 * cap, and no unbounded quantifier applied to a group that itself contains one, e.g. `(a+)+`.
 */
export function regexProblem(pattern: string): string | undefined {
  if (pattern.length > MAX_PATTERN_LENGTH) {
    return `正则有 ${pattern.length} 个字符，最多 ${MAX_PATTERN_LENGTH} 个：写短一些，或拆成几个关键词`;
  }
  if (pattern.trim() === "") return "正则不能是空的：写上 pattern，或删掉这一项";
  try {
    compilePattern(pattern);
  } catch (err) {
    const detail = (err as Error).message.replace(/^Invalid regular expression: \/.*\/[a-z]*: /s, "");
    return `不是有效的正则表达式：${regexSyntaxWords(detail)}（${detail}）。改好后再试，或请技术同事看看`;
  }
  if (hasNestedQuantifier(pattern)) {
    return "重复的分组里又有重复（像 (a+)+ 或 (\\S*)*），这种正则可能让机器人卡住：去掉外层的重复再写";
  }
  return undefined;
}

/** V8's regex syntax errors, as an editor would say them; the original stays beside it. */
function regexSyntaxWords(detail: string): string {
  if (/Unterminated group|Unmatched '\('/.test(detail)) return "有 ( 没有配对的 )";
  if (/Unmatched '\)'/.test(detail)) return "有 ) 没有配对的 (";
  if (/Unterminated character class/.test(detail)) return "有 [ 没有配对的 ]";
  if (/Nothing to repeat/.test(detail)) return "* + ? 或 {n} 前面没有可重复的内容";
  if (/\\ at end of pattern/.test(detail)) return "末尾多了一个 \\";
  if (/Invalid escape|Invalid Unicode escape/.test(detail)) return "有一个 \\ 转义写错了";
  if (/numbers out of order/.test(detail)) return "{m,n} 里 m 比 n 大";
  if (/range out of order/i.test(detail)) return "[a-z] 这样的范围写反了";
  return "写法有误";
}

export function hasNestedQuantifier(pattern: string): boolean {
  const groups: boolean[] = []; // per open group: does it contain an unbounded quantifier?
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i]!;
    if (ch === "\\") {
      i++;
      continue;
    }
    if (inClass) {
      if (ch === "]") inClass = false;
      continue;
    }
    if (ch === "[") inClass = true;
    else if (ch === "(") groups.push(false);
    else if (ch === ")") {
      const repeated = groups.pop() ?? false;
      const next = pattern[i + 1];
      const quantified = next === "+" || next === "*" || (next === "{" && /^\{\d+,\d*\}/.test(pattern.slice(i + 1)));
      if (repeated && quantified) return true;
      if (repeated || quantified) markOpenGroup(groups);
    } else if (ch === "+" || ch === "*" || (ch === "{" && /^\{\d+,\d*\}/.test(pattern.slice(i)))) {
      markOpenGroup(groups);
    }
  }
  return false;
}

export function markOpenGroup(groups: boolean[]): void {
  if (groups.length > 0) groups[groups.length - 1] = true;
}
