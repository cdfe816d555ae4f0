/**
 * content/menu.yml: the custom menu, within WeChat's limits (wechat-protocol.md §5.7; errcode 40016/40017/40018).
 * Part of loadContent (load-content.ts); every problem names the file, the line and the field.
 */
import { z } from "zod";
import { MENU_KEY_BYTES, utf8Bytes, Menu, MenuButton, MenuLeaf } from "./bot-content";
import { CheckedColumns } from "./check-columns";
import { CheckedReplies } from "./check-replies";
import { Path, Problems, YamlFile, isRecord } from "./content-yaml";
import { nonEmptyText, optionalText, optionalTextish, reportIssues } from "./report-content-issues";

// WeChat's custom-menu limits (wechat-protocol.md §5.7; errcode 40016/40017/40018).
export const MENU_MAX_TOP = 3;
export const MENU_MAX_SUB = 5;
export const MENU_TOP_NAME_BYTES = 16;
export const MENU_SUB_NAME_BYTES = 60;
export const MENU_URL_BYTES = 1024;


/** `按钮「轮青诚聘」`: the prefix of every problem about one button. */
const buttonContext = (name: string) => `按钮「${name}」`;

export const leafSchema = z
  .object({
    name: nonEmptyText,
    type: z.enum(["click", "view"], {
      errorMap: (_issue, ctx) => ({ message: `「${String(ctx.data)}」不对：按钮的 type 写 click（点了回复栏目内容）或 view（打开网页）` }),
    }),
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
    fail(["buttons"], `有 ${rawButtons.length} 个一级按钮，微信只允许 1 到 ${MENU_MAX_TOP} 个（errcode 40016）：${rawButtons.length === 0 ? "至少写一个" : "删掉多余的，或把几个放进同一个 sub_buttons"}`);
  }

  const checkName = (at: Path, name: string, maxBytes: number, context: string): void => {
    const n = utf8Bytes(name);
    if (n > maxBytes) {
      fail([...at, "name"], `「${name}」有 ${n} 字节，微信最多允许 ${maxBytes} 字节（一个汉字算 3 字节，即最多 ${Math.floor(maxBytes / 3)} 个汉字；errcode 40018）：改短一些`, context);
    }
  };
  const checkLeaf = (at: Path, raw: unknown, maxNameBytes: number): MenuLeaf | null => {
    const context = isRecord(raw) && typeof raw["name"] === "string" ? buttonContext(raw["name"]) : undefined;
    const parsed = leafSchema.safeParse(raw);
    if (!parsed.success) {
      reportIssues(f, at, parsed.error, problems, context);
      ok = false;
      return null;
    }
    const b = parsed.data;
    const ctx = buttonContext(b.name);
    checkName(at, b.name, maxNameBytes, ctx);
    if (b.type === "click") {
      if (b.url !== undefined) fail([...at, "url"], "click 按钮写 key:，不写 url:：要打开网页请把 type 改成 view", ctx);
      if (b.key === undefined) {
        fail([...at, "key"], "click 按钮必须写 key:（columns.yml 里某个栏目的 menu_key，或 replies.yml 里 menu_replies 的一项）", ctx);
        return null;
      }
      if (utf8Bytes(b.key) > MENU_KEY_BYTES) {
        fail([...at, "key"], `有 ${utf8Bytes(b.key)} 字节，微信最多允许 ${MENU_KEY_BYTES} 字节（一个汉字算 3 字节）：改短一些`, ctx);
      }
      // Only judged when both other files were readable; otherwise their own errors say why.
      if (columns && replies && !columns.declaredMenuKeys.has(b.key) && !replies.menuReplyKeys.has(b.key)) {
        fail(
          [...at, "key"],
          `key「${b.key}」点了没有回复：columns.yml 里没有栏目写 menu_key: ${b.key}，replies.yml 的 menu_replies 里也没有它。在其中一处加上，或改成已有的 key`,
          ctx,
        );
      }
      return { name: b.name, type: "click", key: b.key };
    }
    if (b.key !== undefined) fail([...at, "key"], "view 按钮写 url:，不写 key:：要回复栏目内容请把 type 改成 click", ctx);
    if (b.url === undefined) {
      fail([...at, "url"], "view 按钮必须写 url:（以 https:// 开头的网址）", ctx);
      return null;
    }
    if (!/^https?:\/\/\S+$/i.test(b.url)) fail([...at, "url"], `「${b.url}」不是网址：要以 http:// 或 https:// 开头`, ctx);
    if (utf8Bytes(b.url) > MENU_URL_BYTES) fail([...at, "url"], `有 ${utf8Bytes(b.url)} 字节，微信最多允许 ${MENU_URL_BYTES} 字节：换一个短一些的网址`, ctx);
    return { name: b.name, type: "view", url: b.url };
  };

  const buttons: MenuButton[] = [];
  for (const [i, raw] of rawButtons.entries()) {
    const at: Path = ["buttons", i];
    if (isRecord(raw) && "sub_buttons" in raw) {
      const context = typeof raw["name"] === "string" ? buttonContext(raw["name"]) : undefined;
      const parsed = z.object({ name: nonEmptyText, sub_buttons: z.array(z.unknown()) }).strict().safeParse(raw);
      if (!parsed.success) {
        reportIssues(f, at, parsed.error, problems, context);
        ok = false;
        continue;
      }
      const ctx = buttonContext(parsed.data.name);
      checkName(at, parsed.data.name, MENU_TOP_NAME_BYTES, ctx);
      const subs = parsed.data.sub_buttons;
      if (subs.length === 0 || subs.length > MENU_MAX_SUB) {
        fail([...at, "sub_buttons"], `有 ${subs.length} 个子按钮，微信每组只允许 1 到 ${MENU_MAX_SUB} 个（errcode 40017）：${subs.length === 0 ? "至少写一个，或去掉 sub_buttons 把它改成普通按钮" : "删掉多余的，或分到另一个一级按钮下"}`, ctx);
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
