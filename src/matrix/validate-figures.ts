import { fullLabel, MEMBER_PARTS, MEMBER_TOTAL, type FigureField, type Figures } from "./figure-fields";

/** No township has ten million of anything: a bigger number is a typing slip (an extra 0 pasted twice). */
export const MAX_FIGURE = 9_999_999;

export interface FiguresInput {
  /** The posted form: a field's text, or null when the field was not sent. */
  get(key: string): string | null;
}

export interface ValidatedFigures {
  /** The entered values; blank fields are left out (not entered). */
  figures: Record<string, number>;
  /** Field key → what is wrong, in Chinese, naming the field; empty when all is well. */
  errors: Record<string, string>;
}

/**
 * Checks one unit's monthly figures as typed in the form: each a non-negative whole number or
 * blank (full-width digits and thousands commas, as phones and Excel produce, are accepted), and
 * when a 微信群内成员数 total is entered together with any of its parts, the parts add up to it.
 */
export function validateFigures(fields: readonly FigureField[], input: FiguresInput): ValidatedFigures {
  const figures: Record<string, number> = {};
  const errors: Record<string, string> = {};
  for (const f of fields) {
    const raw = (input.get(f.key) ?? "").normalize("NFKC").trim();
    if (raw === "") continue;
    const text = raw.replace(/[,\s]/g, "");
    if (/^-\d+(\.\d+)?$/.test(text)) errors[f.key] = `${fullLabel(f)}：不能为负数（现在是 ${raw}），请填 0 或正整数`;
    else if (/^\d+\.\d+$/.test(text)) errors[f.key] = `${fullLabel(f)}：请填整数（现在是 ${raw}）`;
    else if (!/^\d+$/.test(text)) errors[f.key] = `${fullLabel(f)}：请填数字（现在是 “${raw.slice(0, 20)}”），没有就填 0 或留空`;
    else if (Number(text) > MAX_FIGURE) errors[f.key] = `${fullLabel(f)}：${raw} 太大，请核对（最多 ${MAX_FIGURE}）`;
    else figures[f.key] = Number(text);
  }
  const asksMembers = fields.some((f) => f.key === MEMBER_TOTAL.key);
  const total = figures[MEMBER_TOTAL.key];
  const parts = MEMBER_PARTS.filter((p) => figures[p.key] !== undefined);
  const partsValid = MEMBER_PARTS.every((p) => errors[p.key] === undefined);
  if (asksMembers && total !== undefined && parts.length > 0 && partsValid) {
    const sum = parts.reduce((a, p) => a + figures[p.key]!, 0);
    if (sum !== total) {
      errors[MEMBER_TOTAL.key] =
        `微信群内成员数：在乡和外出各项之和为 ${sum}，与填写的合计 ${total} 不符；请核对各项，或改合计为 ${sum}（只知道总数时可把各项都留空）`;
    }
  }
  return { figures, errors };
}

/** The total 微信群内成员数 of a unit: as entered, else the sum of the parts entered, else none. */
export function memberTotal(figures: Figures): number | undefined {
  const total = figures[MEMBER_TOTAL.key];
  if (total !== undefined) return total;
  const parts = MEMBER_PARTS.filter((p) => figures[p.key] !== undefined);
  return parts.length > 0 ? parts.reduce((a, p) => a + figures[p.key]!, 0) : undefined;
}
