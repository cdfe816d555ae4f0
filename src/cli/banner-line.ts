import { width } from "./format-table";

/** Terminal columns of the label column, "微信消息接口：" being the widest label (14). */
const LABEL_COLUMNS = 14;

/**
 * One line of the start-up banner: an indented Chinese label padded to a fixed terminal width
 * (CJK counts two), so the values line up; continuation lines (no label) line up with the values.
 */
export function bannerLine(label: string, value: string): string {
  const head = label === "" ? "" : `${label}：`;
  return `  ${head}${" ".repeat(Math.max(0, LABEL_COLUMNS - width(head)))}${value}`;
}
