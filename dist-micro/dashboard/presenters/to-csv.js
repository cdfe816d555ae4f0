"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.BOM = void 0;
exports.csvField = csvField;
exports.tableToCsv = tableToCsv;
exports.csvFileName = csvFileName;
const page_model_1 = require("./page-model");
/** Excel opens UTF-8 CSV as GBK unless it starts with a byte-order mark. */
exports.BOM = "\uFEFF";
/**
 * Text a spreadsheet would run as a formula (=, +, -, @, tab, CR at the start: OWASP "CSV
 * injection"). Youths' messages reach these tables, so text cells get a leading apostrophe;
 * numbers are written as numbers.
 */
const FORMULA_START = /^[=+\-@\t\r]/;
/** One field per RFC 4180: quoted when it holds a quote, comma, CR or LF; quotes doubled. */
function csvField(cell) {
    if (cell === null)
        return "";
    if (typeof cell === "number")
        return Number.isFinite(cell) ? String(cell) : "";
    const text = FORMULA_START.test(cell) ? `'${cell}` : cell;
    return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
/** A table as CSV: UTF-8 with BOM, header row of the Chinese labels, CRLF line ends (RFC 4180). */
function tableToCsv(table) {
    const lines = [table.columns.map((c) => csvField((0, page_model_1.fullLabel)(c))).join(",")];
    for (const row of table.rows)
        lines.push(table.columns.map((c) => csvField(row[c.key] ?? null)).join(","));
    return exports.BOM + lines.join("\r\n") + "\r\n";
}
/** The download's file name: ASCII only (Content-Disposition), e.g. overview-daily-2026-11-01_2026-11-30.csv. */
function csvFileName(page, table, suffix) {
    return `${page}-${table}-${suffix}.csv`.replace(/[^A-Za-z0-9._-]/g, "_");
}
//# sourceMappingURL=to-csv.js.map