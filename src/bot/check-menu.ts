/**
 * content/menu.yml: the custom menu, within WeChat's limits (wechat-protocol.md §5.7; errcode 40016/40017/40018).
 * Part of loadContent (load-content.ts); every problem names the file, the line and the field.
 */
import { z } from "zod";
import { utf8Bytes, Menu, MenuButton, MenuLeaf } from "./bot-content";
import { CheckedColumns } from "./check-columns";
import { CheckedReplies } from "./check-replies";
import { Path, Problems, YamlFile, isRecord } from "./content-yaml";
import { nonEmptyText, optionalText, optionalTextish, reportIssues } from "./report-content-issues";

// WeChat's custom-menu limits (wechat-protocol.md §5.7; errcode 40016/40017/40018).
export const MENU_MAX_TOP = 3;
export const MENU_MAX_SUB = 5;
export const MENU_TOP_NAME_BYTES = 16;
export const MENU_SUB_NAME_BYTES = 60;
export const MENU_KEY_BYTES = 128;
export const MENU_URL_BYTES = 1024;


export const leafSchema = z
  .object({
    name: nonEmptyText,
    type: z.enum(["click", "view"]),
    key: optionalTextish,
    url: optionalText,
  })
  .strict();

export const menuFileSchema = z.object({ buttons: z.array(z.unknown()) }).strict();

export function checkMenu(
  f: YamlFile,
  columns: CheckedColumns | null,
  replies: CheckedReplies | null,
  problems: Problems,
): { menu: Menu | null } {
  const top = menuFileSchema.safeParse(f.data);
  if (!top.success) {
    reportIssues(f, [], top.error, problems);
    return { menu: null };
  }
  let ok = true;
  const fail = (at: Path, problem: string, context?: string): void => {
    problems.at(f, at, problem, context);
    ok = false;
  };
  const rawButtons = top.data.buttons;
  if (rawButtons.length === 0 || rawButtons.length > MENU_MAX_TOP) {
    fail(["buttons"], `has ${rawButtons.length} buttons; WeChat allows 1 to ${MENU_MAX_TOP} (errcode 40016)`);
  }

  const checkName = (at: Path, name: string, maxBytes: number, context: string): void => {
    const n = utf8Bytes(name);
    if (n > maxBytes) {
      fail([...at, "name"], `"${name}" is ${n} bytes; WeChat allows at most ${maxBytes} (a 汉字 takes 3 bytes; errcode 40018)`, context);
    }
  };
  const checkLeaf = (at: Path, raw: unknown, maxNameBytes: number): MenuLeaf | null => {
    const context = isRecord(raw) && typeof raw["name"] === "string" ? `button "${raw["name"]}"` : undefined;
    const parsed = leafSchema.safeParse(raw);
    if (!parsed.success) {
      reportIssues(f, at, parsed.error, problems, context);
      ok = false;
      return null;
    }
    const b = parsed.data;
    const ctx = `button "${b.name}"`;
    checkName(at, b.name, maxNameBytes, ctx);
    if (b.type === "click") {
      if (b.url !== undefined) fail([...at, "url"], "a click button takes `key:`, not `url:` (use type: view for links)", ctx);
      if (b.key === undefined) {
        fail([...at, "key"], "is required for a click button", ctx);
        return null;
      }
      if (utf8Bytes(b.key) > MENU_KEY_BYTES) {
        fail([...at, "key"], `is ${utf8Bytes(b.key)} bytes; WeChat allows at most ${MENU_KEY_BYTES}`, ctx);
      }
      // Only judged when both other files were readable; otherwise their own errors say why.
      if (columns && replies && !columns.declaredMenuKeys.has(b.key) && !replies.menuReplyKeys.has(b.key)) {
        fail(
          [...at, "key"],
          `key "${b.key}" leads nowhere: no column in columns.yml has menu_key: ${b.key}, and replies.yml has no menu_replies entry for it`,
          ctx,
        );
      }
      return { name: b.name, type: "click", key: b.key };
    }
    if (b.key !== undefined) fail([...at, "key"], "a view button takes `url:`, not `key:` (use type: click for keys)", ctx);
    if (b.url === undefined) {
      fail([...at, "url"], "is required for a view button", ctx);
      return null;
    }
    if (!/^https?:\/\/\S+$/i.test(b.url)) fail([...at, "url"], `"${b.url}" must be a web address starting with http:// or https://`, ctx);
    if (utf8Bytes(b.url) > MENU_URL_BYTES) fail([...at, "url"], `is ${utf8Bytes(b.url)} bytes; WeChat allows at most ${MENU_URL_BYTES}`, ctx);
    return { name: b.name, type: "view", url: b.url };
  };

  const buttons: MenuButton[] = [];
  for (const [i, raw] of rawButtons.entries()) {
    const at: Path = ["buttons", i];
    if (isRecord(raw) && "sub_buttons" in raw) {
      const context = typeof raw["name"] === "string" ? `button "${raw["name"]}"` : undefined;
      const parsed = z.object({ name: nonEmptyText, sub_buttons: z.array(z.unknown()) }).strict().safeParse(raw);
      if (!parsed.success) {
        reportIssues(f, at, parsed.error, problems, context);
        ok = false;
        continue;
      }
      const ctx = `button "${parsed.data.name}"`;
      checkName(at, parsed.data.name, MENU_TOP_NAME_BYTES, ctx);
      const subs = parsed.data.sub_buttons;
      if (subs.length === 0 || subs.length > MENU_MAX_SUB) {
        fail([...at, "sub_buttons"], `has ${subs.length} buttons; WeChat allows 1 to ${MENU_MAX_SUB} under each (errcode 40017)`, ctx);
      }
      const leaves = subs.map((s, j) => checkLeaf([...at, "sub_buttons", j], s, MENU_SUB_NAME_BYTES));
      buttons.push({ name: parsed.data.name, subButtons: leaves.filter((l): l is MenuLeaf => l !== null) });
    } else {
      const leaf = checkLeaf(at, raw, MENU_TOP_NAME_BYTES);
      if (leaf) buttons.push(leaf);
    }
  }
  return { menu: ok ? { buttons } : null };
}
