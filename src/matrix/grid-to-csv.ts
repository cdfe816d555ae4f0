import type { Grid, GridCell } from "./report-grid";

/** RFC 4180 quoting, plus a leading ' before = + - @ so a spreadsheet never runs a cell as a formula. */
function field(value: GridCell): string {
  if (value === null) return "";
  if (typeof value === "number") return String(value);
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/**
 * The grid as CSV in UTF-8 with a BOM (Excel on Windows reads BOM-less UTF-8 as GBK and shows
 * 乱码), CRLF line ends; a merged range's value stands in its top-left cell, as Excel saves it.
 */
export function gridToCsv(grid: Grid): string {
  return "\uFEFF" + grid.rows.map((r) => r.map(field).join(",")).join("\r\n") + "\r\n";
}
