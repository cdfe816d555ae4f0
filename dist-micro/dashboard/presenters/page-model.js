"use strict";
/**
 * The view model every stats page is made of. Presenters build it from the stores; the HTML view,
 * the CSV export and `cli stats` (table / csv / json) all render this same model, so the figures
 * staff see, download and print are the same.
 */
Object.defineProperty(exports, "__esModule", { value: true });
exports.emptyPage = exports.fullLabel = void 0;
exports.formatNumber = formatNumber;
/** The column's full name outside a grouped header (CSV, JSON readers). */
const fullLabel = (c) => (c.group ? `${c.group}·${c.label}` : c.label);
exports.fullLabel = fullLabel;
const emptyPage = (title) => ({ title, kpis: [], notices: [], paragraphs: [], charts: [], tables: [] });
exports.emptyPage = emptyPage;
/** 12345 → "12,345"; null → "—". */
function formatNumber(n) {
    return n === null || n === undefined ? "—" : n.toLocaleString("en-US");
}
//# sourceMappingURL=page-model.js.map