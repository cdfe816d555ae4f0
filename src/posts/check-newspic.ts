/**
 * The rules of a 图片消息 (type: newspic; draft/add article_type "newspic", platform-2025.md §1c):
 * 1 to 20 pictures, which are the body's images, and a short plain text. Checked on the Markdown
 * before anything is uploaded, each problem naming the line.
 */
import type MarkdownIt from "markdown-it";
import { imageTokens } from "./find-images";
import { NEWSPIC_LIMITS } from "./post";

type Token = MarkdownIt.Token;

export interface NewspicProblem {
  /** 1-based line of the post file, when the problem has one. */
  line: number | undefined;
  message: string;
}

/** Markdown that has no place in a plain text, and what the editor calls it. */
const BLOCK_MARKUP: Record<string, string> = {
  heading_open: "标题（# 开头的行）",
  bullet_list_open: "列表（- 或 * 开头的行）",
  ordered_list_open: "编号列表（1. 开头的行）",
  blockquote_open: "引用（> 开头的行）",
  fence: "代码块（``` 围起来的部分）",
  code_block: "代码块（缩进 4 格的行）",
  table_open: "表格",
  hr: "分隔线（---）",
  html_block: "HTML 标签",
};
const INLINE_MARKUP: Record<string, string> = {
  link_open: "链接",
  strong_open: "加粗（**…**）",
  em_open: "斜体（*…*）",
  s_open: "删除线（~~…~~）",
  code_inline: "代码（`…`）",
  html_inline: "HTML 标签",
};

/** The caption as WeChat would get it: the text of the paragraphs, images left out. */
export function newspicText(tokens: readonly Token[]): string {
  const paragraphs: string[] = [];
  for (const t of tokens) {
    if (t.type !== "inline" || !t.children) continue;
    const text = t.children
      .map((c) => (c.type === "text" || c.type === "code_inline" ? c.content : c.type === "softbreak" || c.type === "hardbreak" ? "\n" : ""))
      .join("")
      .trim();
    if (text !== "") paragraphs.push(text);
  }
  return paragraphs.join("\n");
}

/**
 * @param tokens the body parsed by markdown-it
 * @param bodyLine the file line where the body starts
 */
export function checkNewspic(tokens: readonly Token[], bodyLine: number): NewspicProblem[] {
  const problems: NewspicProblem[] = [];
  const at = (t: Token) => (t.map ? bodyLine + t.map[0] : undefined);
  for (const t of tokens) {
    const block = BLOCK_MARKUP[t.type];
    if (block) problems.push({ line: at(t), message: `图片消息的文字只能是纯文字，这里有${block}：去掉格式，或把 type 改成 article（图文消息）` });
    if (t.type !== "inline" || !t.children) continue;
    const seen = new Set<string>();
    for (const c of t.children) {
      const inline = INLINE_MARKUP[c.type];
      if (inline && !seen.has(inline)) {
        seen.add(inline);
        problems.push({ line: at(t), message: `图片消息的文字只能是纯文字，这里有${inline}：去掉格式，或把 type 改成 article（图文消息）` });
      }
    }
  }
  const pictures = imageTokens(tokens).length;
  if (pictures < NEWSPIC_LIMITS.minPictures) {
    problems.push({ line: bodyLine, message: "图片消息至少要有 1 张图片：在正文里插入 ![说明](images/照片.jpg)，第一张就是封面" });
  } else if (pictures > NEWSPIC_LIMITS.maxPictures) {
    const line = imageTokens(tokens)[NEWSPIC_LIMITS.maxPictures]?.line;
    problems.push({
      line: line === undefined ? bodyLine : bodyLine + line - 1,
      message: `图片消息最多 ${NEWSPIC_LIMITS.maxPictures} 张图片，现在有 ${pictures} 张：删掉多出的，或分成两条消息`,
    });
  }
  const bytes = Buffer.byteLength(newspicText(tokens), "utf8");
  if (bytes > NEWSPIC_LIMITS.textBytes) {
    problems.push({
      line: bodyLine,
      message: `图片消息的文字最多 ${NEWSPIC_LIMITS.textBytes} 字节（约 ${Math.floor(NEWSPIC_LIMITS.textBytes / 3)} 个汉字），现在 ${bytes} 字节：删短，或改成 type: article（图文消息）`,
    });
  }
  return problems;
}
