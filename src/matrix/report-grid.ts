/**
 * A printed table as a grid of cells with merged ranges: what the .xlsx, the CSV and the page
 * all draw from, so the three cannot disagree. Rows and columns are 0-based here; exceljs
 * adds one.
 */
export type GridCell = string | number | null;

export interface Merge {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

export type GridRowKind = "attachment" | "title" | "meta" | "head" | "body" | "sum";

export interface Grid {
  /** Sheet name (at most 31 characters, no []:*?/\). */
  sheet: string;
  rows: GridCell[][];
  kinds: GridRowKind[];
  merges: Merge[];
  /** Column widths in Excel's units (about one Latin character; a 汉字 takes two). */
  widths: number[];
  /** Rows and columns that stay in view while scrolling (the header, 序号 and 乡镇). */
  frozen: { rows: number; columns: number };
}

/** A header column: its labels from the outermost group down to its own name. */
export type HeaderPath = readonly string[];

/**
 * The header rows for columns given as label paths: a group spans its columns across, a label
 * with fewer levels than the deepest spans down to the last header row.
 */
export function headerRows(paths: readonly HeaderPath[], firstRow: number): { rows: GridCell[][]; merges: Merge[] } {
  const depth = Math.max(...paths.map((p) => p.length));
  const rows: GridCell[][] = Array.from({ length: depth }, () => paths.map(() => null));
  const merges: Merge[] = [];
  for (let level = 0; level < depth; level++) {
    for (let c = 0; c < paths.length; ) {
      const p = paths[c]!;
      if (level >= p.length) {
        c++;
        continue;
      }
      const leaf = level === p.length - 1;
      let right = c;
      // A group spans every neighbour sharing its labels down to this level.
      if (!leaf) while (right + 1 < paths.length && sameUpTo(paths[right + 1]!, p, level)) right++;
      rows[level]![c] = p[level]!;
      const bottom = leaf ? depth - 1 : level;
      if (right > c || bottom > level) merges.push({ top: firstRow + level, left: c, bottom: firstRow + bottom, right });
      c = right + 1;
    }
  }
  return { rows, merges };
}

function sameUpTo(a: HeaderPath, b: HeaderPath, level: number): boolean {
  if (a.length <= level + 1 || b.length <= level + 1) return false;
  for (let i = 0; i <= level; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** The value a merged range shows sits in its top-left cell; the others are covered. */
export function coveredCells(merges: readonly Merge[]): Set<string> {
  const covered = new Set<string>();
  for (const m of merges) {
    for (let r = m.top; r <= m.bottom; r++) for (let c = m.left; c <= m.right; c++) if (r !== m.top || c !== m.left) covered.add(`${r},${c}`);
  }
  return covered;
}
