/**
 * The checked files → BotContent with the keyword rules compiled in precedence order.
 * Part of loadContent (load-content.ts); every problem names the file, the line and the field.
 */
import { normaliseText, BotContent, KeywordRule, Menu } from "./bot-content";
import { CheckedColumns } from "./check-columns";
import { CheckedReplies } from "./check-replies";
import { YamlFile, lineOf } from "./content-yaml";
import { compilePattern } from "./keyword-pattern";

export function build(cf: YamlFile, checked: CheckedColumns, rf: YamlFile, checkedReplies: CheckedReplies, menu: Menu | null): BotContent {
  const replies = checkedReplies.replies!;
  const exact = new Map<string, KeywordRule>();
  const contains: KeywordRule[] = [];
  const regex: KeywordRule[] = [];

  for (const [digit, d] of checkedReplies.digits) {
    exact.set(digit, {
      id: `${d.columnId}:menu:${digit}`,
      columnId: d.columnId,
      mode: "exact",
      source: "numbered_menu",
      text: digit,
      file: rf.file,
      line: lineOf(rf, d.at) ?? 1,
    });
  }
  for (const c of checked.columns) {
    for (const k of c.keywords) {
      const base = { columnId: c.id, source: "column" as const, file: cf.file, line: k.line };
      if (k.match === "regex") {
        regex.push({ ...base, id: `${c.id}:regex:${k.pattern!}`, mode: "regex", regex: compilePattern(k.pattern!) });
      } else {
        const text = normaliseText(k.text!);
        const rule: KeywordRule = { ...base, id: `${c.id}:${k.match}:${text}`, mode: k.match, text };
        if (k.match === "exact") exact.set(text, rule);
        else contains.push(rule);
      }
    }
  }

  const menuKeyToColumn = new Map<string, string>();
  for (const c of checked.columns) if (c.menuKey !== undefined) menuKeyToColumn.set(c.menuKey, c.id);

  return {
    columns: checked.columns,
    columnsById: new Map(checked.columns.map((c) => [c.id, c])),
    replies,
    menu,
    rules: { exact, contains, regex, all: [...exact.values(), ...contains, ...regex] },
    menuKeyToColumn,
  };
}
