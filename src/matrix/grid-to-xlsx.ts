import type { Workbook as ExcelWorkbook } from "exceljs";
import type { Grid } from "./report-grid";

const THIN = { style: "thin" as const };
const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN };

/**
 * The grid as an .xlsx workbook of one sheet, laid out for printing and filing: merged header
 * cells, Chinese headers centred and wrapped, borders on the table, column widths, the header
 * rows (and 序号/乡镇) frozen, landscape A4 fitted to one page wide.
 */
export async function gridToXlsx(grid: Grid, meta: { creator: string; created: Date }): Promise<Buffer> {
  // Loaded on the first export only: exceljs is several MB the 64 MB service need not carry otherwise.
  const { Workbook } = require("exceljs") as { Workbook: typeof ExcelWorkbook };
  const book = new Workbook();
  book.creator = meta.creator;
  book.created = meta.created;
  const sheet = book.addWorksheet(grid.sheet, {
    views: [{ state: "frozen", xSplit: grid.frozen.columns, ySplit: grid.frozen.rows }],
    pageSetup: { paperSize: 9, orientation: "landscape", fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  sheet.columns = grid.widths.map((width) => ({ width }));
  grid.rows.forEach((cells, r) => {
    const row = sheet.getRow(r + 1);
    const kind = grid.kinds[r];
    cells.forEach((value, c) => {
      const cell = row.getCell(c + 1);
      if (value !== null) cell.value = value;
      if (kind === "head" || kind === "body" || kind === "sum") {
        cell.border = BORDER;
        cell.alignment = { vertical: "middle", horizontal: kind === "head" || typeof value === "number" || c === 0 ? "center" : "left", wrapText: true };
      }
      if (kind === "head" || kind === "sum") cell.font = { bold: true };
    });
    if (kind === "title") {
      row.height = 30;
      row.getCell(1).font = { bold: true, size: 16 };
      row.getCell(1).alignment = { horizontal: "center", vertical: "middle" };
    }
    if (kind === "attachment") row.getCell(1).font = { bold: true, size: 12 };
  });
  for (const m of grid.merges) sheet.mergeCells(m.top + 1, m.left + 1, m.bottom + 1, m.right + 1);
  return Buffer.from(await book.xlsx.writeBuffer());
}
