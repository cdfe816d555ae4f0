/**
 * content/replies.yml: welcome, numbered menu, default and other fixed replies; cross-checks with columns.yml.
 * Part of loadContent (load-content.ts); every problem names the file, the line and the field.
 */
import { z } from "zod";
import { MAX_TEXT_REPLY_BYTES, normaliseText, utf8Bytes, NumberedMenu, NumberedMenuItem, Replies } from "./bot-content";
import { CheckedColumns } from "./check-columns";
import { MENU_KEY_BYTES } from "./check-menu";
import { Path, Problems, YamlFile, isRecord, lineOf, tooLong } from "./content-yaml";
import { NUMBERED_MENU_PLACEHOLDER, nonEmptyText, optionalText, reportIssues, textish } from "./report-content-issues";

export const repliesSchema = z
  .object({
    welcome: nonEmptyText,
    default: nonEmptyText,
    default_reply_interval_minutes: z.preprocess(
      (v) => v ?? 60,
      z.number().int("must be a whole number of minutes").min(0, "must be 0 or more").max(10080, "must be at most 10080 (a week)"),
    ),
    scan: optionalText,
    numbered_menu: z.preprocess(
      (v) => (v === null ? undefined : v),
      z
        .object({
          title: nonEmptyText,
          items: z
            .array(
              z
                .object({
                  key: textish.pipe(z.string().regex(/^\s*[0-9０-９]{1,2}\s*$/, "must be a number of one or two digits, e.g. 1")),
                  column: z.string(),
                  label: optionalText,
                })
                .strict(),
            )
            .min(1, "must list at least one item"),
        })
        .strict()
        .optional(),
    ),
    menu_replies: z.preprocess((v) => (v === null ? undefined : v), z.record(z.string(), nonEmptyText).optional()),
  })
  .strict();

export interface CheckedReplies {
  replies: Replies | null;
  /** Numbered-menu digits and where they are, for cross-file checks. */
  digits: Map<string, { columnId: string; at: Path }>;
  menuReplyKeys: Set<string>;
}

export function checkReplies(f: YamlFile, columns: CheckedColumns | null, problems: Problems): CheckedReplies {
  const out: CheckedReplies = { replies: null, digits: new Map(), menuReplyKeys: new Set() };
  if (isRecord(f.data) && isRecord(f.data["menu_replies"])) {
    for (const k of Object.keys(f.data["menu_replies"])) out.menuReplyKeys.add(k);
  }
  const parsed = repliesSchema.safeParse(f.data);
  if (!parsed.success) {
    reportIssues(f, [], parsed.error, problems);
    return out;
  }
  const r = parsed.data;
  let ok = true;

  let numberedMenu: NumberedMenu | null = null;
  if (r.numbered_menu) {
    const items: NumberedMenuItem[] = [];
    for (const [i, item] of r.numbered_menu.items.entries()) {
      const at: Path = ["numbered_menu", "items", i];
      const key = normaliseText(item.key);
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

  const expand = (field: string, text: string): string => {
    if (!text.includes(NUMBERED_MENU_PLACEHOLDER)) return text.trimEnd();
    if (!numberedMenu) {
      problems.at(f, [field], `uses ${NUMBERED_MENU_PLACEHOLDER} but the file has no numbered_menu`);
      ok = false;
      return text;
    }
    return text.split(NUMBERED_MENU_PLACEHOLDER).join(numberedMenu.text).trimEnd();
  };
  const welcome = expand("welcome", r.welcome);
  const dflt = expand("default", r.default);
  const scan = r.scan === undefined ? undefined : expand("scan", r.scan);

  const texts: Array<[Path, string | undefined]> = [
    [["welcome"], welcome],
    [["default"], dflt],
    [["scan"], scan],
    ...Object.entries(r.menu_replies ?? {}).map(([k, v]): [Path, string] => [["menu_replies", k], v]),
  ];
  for (const [at, text] of texts) {
    if (text !== undefined && utf8Bytes(text) > MAX_TEXT_REPLY_BYTES) {
      problems.at(f, at, tooLong(text));
      ok = false;
    }
  }
  for (const key of Object.keys(r.menu_replies ?? {})) {
    if (utf8Bytes(key) > MENU_KEY_BYTES) {
      problems.at(f, ["menu_replies", key], `key is ${utf8Bytes(key)} bytes; WeChat allows at most ${MENU_KEY_BYTES}`);
      ok = false;
    }
  }

  if (!ok) return out;
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

export function crossCheckColumnsAndReplies(
  cf: YamlFile,
  columns: CheckedColumns,
  rf: YamlFile,
  replies: CheckedReplies,
  problems: Problems,
): void {
  // Numbered-menu digits are exact keywords too; one text must lead to one place.
  for (const [digit, d] of replies.digits) {
    const kw = columns.exactKeywords.get(digit);
    if (kw && kw.columnId !== d.columnId) {
      problems.at(
        cf,
        kw.at,
        `exact keyword "${digit}" is also number ${digit} of the numbered menu (${rf.file}:${lineOf(rf, d.at)}), which leads to column "${d.columnId}"`,
        `column "${kw.columnId}"`,
      );
    }
  }
  for (const c of columns.columns) {
    if (c.menuKey !== undefined && replies.menuReplyKeys.has(c.menuKey)) {
      problems.at(
        rf,
        ["menu_replies", c.menuKey],
        `menu key "${c.menuKey}" is also the menu_key of column "${c.id}" (${cf.file}:${c.line}); a key can lead to one place only`,
      );
    }
  }
}
