/**
 * content/replies.yml: welcome, numbered menu, default and other fixed replies; cross-checks with columns.yml.
 * Part of loadContent (load-content.ts); every problem names the file, the line and the field.
 */
import { z } from "zod";
import { MAX_TEXT_REPLY_BYTES, MENU_KEY_BYTES, normaliseText, utf8Bytes, NumberedMenu, NumberedMenuItem, Replies } from "./bot-content";
import { CheckedColumns, columnContext } from "./check-columns";
import { Path, Problems, YamlFile, isRecord, lineOf, tooLong } from "./content-yaml";
import { NUMBERED_MENU_PLACEHOLDER, nonEmptyText, optionalText, reportIssues, textish } from "./report-content-issues";

export const repliesSchema = z
  .object({
    welcome: nonEmptyText,
    default: nonEmptyText,
    default_reply_interval_minutes: z.preprocess(
      (v) => v ?? 60,
      z.number().int("要写整数（分钟），例如 60").min(0, "不能小于 0（0 表示每条消息都回复默认回复）").max(10080, "最多 10080 分钟（一周）"),
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
                  key: textish.pipe(z.string().regex(/^\s*[0-9０-９]{1,2}\s*$/, "要写一位或两位数字，例如 1")),
                  column: z.string(),
                  label: optionalText,
                })
                .strict(),
            )
            .min(1, "至少要有一项：写 - key: 1 和 column: 栏目 id"),
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
        problems.at(f, [...at, "key"], `数字 ${key} 在数字菜单里用了两次：每个数字只能用一次，改掉其中一个`);
        ok = false;
        continue;
      }
      out.digits.set(key, { columnId: item.column, at: [...at, "key"] });
      const column = columns?.columns.find((c) => c.id === item.column);
      if (columns && !columns.declaredIds.has(item.column)) {
        problems.at(f, [...at, "column"], `没有「${item.column}」这个栏目：写 columns.yml 里的栏目 id，有 ${[...columns.declaredIds].join("、")}`);
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
      problems.at(f, [field], `用了 ${NUMBERED_MENU_PLACEHOLDER}，但文件里没有 numbered_menu（数字菜单）：加上 numbered_menu，或删掉 ${NUMBERED_MENU_PLACEHOLDER}`);
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
      problems.at(f, ["menu_replies", key], `菜单 key 有 ${utf8Bytes(key)} 字节，微信最多允许 ${MENU_KEY_BYTES} 字节（一个汉字算 3 字节）：改短一些，并同时改 menu.yml 里对应按钮的 key`);
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
        `全匹配关键词「${digit}」也是数字菜单的第 ${digit} 项（${rf.file} 第 ${lineOf(rf, d.at)} 行），那一项通向栏目「${d.columnId}」：同一个文字只能通向一个地方，删掉这个关键词或改数字菜单`,
        columnContext(kw.columnId),
      );
    }
  }
  for (const c of columns.columns) {
    if (c.menuKey !== undefined && replies.menuReplyKeys.has(c.menuKey)) {
      problems.at(
        rf,
        ["menu_replies", c.menuKey],
        `菜单 key「${c.menuKey}」也是栏目「${c.id}」的 menu_key（${cf.file} 第 ${c.line} 行）：一个 key 只能通向一个地方，删掉其中一个`,
      );
    }
  }
}
