import { formatNumber, type PageModel, type Table } from "../dashboard/presenters/page-model";

/** Columns a character takes in a terminal: CJK and full-width forms take two. */
export function width(text: string): number {
  let w = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    w += (c >= 0x1100 && c <= 0x115f) || (c >= 0x2e80 && c <= 0xa4cf) || (c >= 0xac00 && c <= 0xd7a3) || (c >= 0xf900 && c <= 0xfaff) || (c >= 0xfe30 && c <= 0xfe4f) || (c >= 0xff00 && c <= 0xff60) || (c >= 0xffe0 && c <= 0xffe6) ? 2 : 1;
  }
  return w;
}

const pad = (text: string, to: number, right: boolean) => {
  const fill = " ".repeat(Math.max(0, to - width(text)));
  return right ? fill + text : text + fill;
};

/**
 * Rows of plain text as an aligned table: a header, a rule, the rows (CJK counted as two columns,
 * so Chinese labels line up in a terminal). `numeric` columns align right.
 */
export function formatRows(header: readonly string[], rows: readonly (readonly string[])[], numeric: readonly boolean[] = []): string {
  const widths = header.map((h, i) => Math.max(width(h), ...rows.map((r) => width(r[i] ?? ""))));
  const line = (r: readonly string[]) => header.map((_, i) => pad(r[i] ?? "", widths[i]!, numeric[i] === true)).join("  ").trimEnd();
  return [line(header), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)].join("\n") + "\n";
}

/** One table as aligned text with its caption. */
export function formatTextTable(t: Table): string {
  const cells = t.rows.map((r) =>
    t.columns.map((c) => {
      const v = r[c.key] ?? null;
      return typeof v === "number" ? formatNumber(v) : (v ?? "—").replace(/\s+/g, " ");
    }),
  );
  const widths = t.columns.map((c, i) => Math.max(width(c.label), ...cells.map((row) => width(row[i]!))));
  const line = (row: string[]) => row.map((v, i) => pad(v, widths[i]!, t.columns[i]!.numeric === true)).join("  ").trimEnd();
  const out = [`## ${t.caption}`];
  if (t.rows.length === 0) return [...out, t.empty ?? "（无）"].join("\n");
  out.push(line(t.columns.map((c) => c.label)), widths.map((w) => "-".repeat(w)).join("  "));
  for (const row of cells) out.push(line(row));
  return out.join("\n");
}

/** A whole page for the terminal: title, range, notices, KPIs, summary, tables. */
export function formatTextPage(page: PageModel): string {
  const head = `# ${page.title}${page.range ? `  ${page.range.from} – ${page.range.to}` : page.month ? `  ${page.month}` : ""}`;
  const parts = [head];
  for (const n of page.notices) parts.push(`${n.level === "warn" ? "!" : "i"} ${n.text}`);
  if (page.kpis.length > 0) parts.push(page.kpis.map((k) => `${k.label}: ${k.value}${k.hint ? ` (${k.hint})` : ""}`).join("\n"));
  parts.push(...page.paragraphs);
  parts.push(...page.tables.map(formatTextTable));
  return parts.join("\n\n") + "\n";
}
