/** A post's text is small: WeChat takes < 20 000 characters once rendered; 200 KB leaves room for long Markdown. */
export const MAX_MARKDOWN_BYTES = 200 * 1024;
export const MAX_MARKDOWN_NOTE = "200 KB";

export type DecodedMarkdown = { ok: true; text: string; note?: string } | { ok: false; problem: string };

/**
 * The bytes of an uploaded .md file as text. UTF-8 (a BOM is dropped: Windows Notepad adds one);
 * a file that is not valid UTF-8 is read as GBK/GB18030, which older Windows editors in China save
 * by default, and the editor is told it was converted. Bytes that are neither are refused.
 */
export function decodeMarkdown(data: Buffer, shownName: string): DecodedMarkdown {
  if (data.length > MAX_MARKDOWN_BYTES) {
    return { ok: false, problem: `“${shownName}”太大：Markdown 文件最大 ${MAX_MARKDOWN_NOTE}。请把文章拆成两篇，或删去粘贴进来的多余内容。` };
  }
  if (data.includes(0)) return { ok: false, problem: `“${shownName}”不是文本文件（含有二进制内容）。请上传 .md 文本文件。` };
  let text: string;
  let note: string | undefined;
  try {
    text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(data);
  } catch {
    try {
      text = new TextDecoder("gb18030", { fatal: true }).decode(data);
      note = `“${shownName}”是 GBK 编码，已自动转换为 UTF-8 保存。`;
    } catch {
      return { ok: false, problem: `“${shownName}”既不是 UTF-8 也不是 GBK 编码，无法读取。请在编辑器里“另存为 UTF-8”后再上传。` };
    }
  }
  text = text.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
  return note ? { ok: true, text, note } : { ok: true, text };
}
