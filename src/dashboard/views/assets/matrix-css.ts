/**
 * The 矩阵 page (views/matrix-views.ts), appended to the dashboard's one stylesheet. Under 640 px
 * each account becomes a card (each cell with its label), as the 发布 page does, so a phone never
 * scrolls sideways through 20 columns; the sort headers become a strip of chips above the cards.
 */
export const MATRIX_CSS = `
/* 矩阵 (views/matrix-views.ts) */
table.matrix { font-size: .85rem; }
table.matrix th.group { text-align: center; border-bottom: 1px solid var(--line); }
table.matrix thead th a { color: inherit; text-decoration: none; white-space: nowrap; }
table.matrix thead th[aria-sort=ascending] a, table.matrix thead th[aria-sort=descending] a { color: var(--red); }
table.matrix th.c-name { white-space: nowrap; }
table.matrix .township { display: block; color: var(--muted); font-size: .75rem; font-weight: 400; }
table.matrix td.c-lastPublication, table.matrix td.c-lastFailure, table.matrix td.c-health, table.matrix td.c-token { min-width: 9rem; max-width: 18rem; overflow-wrap: anywhere; }
table.matrix td.attention { color: #8a1c1c; }
table.matrix tr.attention th.c-name { border-left: 4px solid var(--red); }
table.matrix tr[data-standing=paused] td, table.matrix tr[data-standing=not_served] td { color: var(--muted); }
table.matrix .matrix-note { margin: .2rem 0 0; font-size: .78rem; color: var(--muted); }
table.matrix tfoot tr.sum th, table.matrix tfoot tr.sum td { font-weight: 600; background: #fafbfc; border-top: 2px solid var(--line); }
/* Wider than the card at desktop widths: the account's name stays in view while the table scrolls. */
table.matrix th.c-name { position: sticky; left: 0; z-index: 1; background: #fff; }
table.matrix tfoot tr.sum th.c-name { background: #fafbfc; }
.matrix-scroll-hint { display: block; font-size: .75rem; font-weight: 400; color: var(--muted); }
@media (max-width: 640px) {
  .matrix-scroll-hint { display: none; }
  table.matrix th.c-name { position: static; }
  table.matrix, table.matrix tbody, table.matrix tfoot, table.matrix tr, table.matrix th, table.matrix td { display: block; width: 100%; }
  table.matrix tr { display: grid; grid-template-columns: repeat(3, minmax(0, 1fr)); gap: .15rem .6rem; border: 1px solid var(--line); border-radius: 8px; padding: .5rem .7rem; margin-bottom: .6rem; background: #fff; box-sizing: border-box; }
  table.matrix .c-name, table.matrix .c-health, table.matrix .c-lastPublication, table.matrix .c-token, table.matrix .c-lastPush, table.matrix .c-lastFailure { grid-column: 1 / -1; }
  table.matrix tr.attention { border-left: 4px solid var(--red); }
  table.matrix tr.attention th.c-name { border-left: 0; }
  table.matrix th, table.matrix td { border: 0; padding: .15rem 0; text-align: left; max-width: none; }
  table.matrix th.c-name { font-size: 1.05rem; }
  table.matrix td::before { content: attr(data-label); display: block; color: var(--muted); font-size: .75rem; }
  table.matrix td:empty { display: none; }
  /* The headers stay, as one strip of sort chips above the cards that scrolls sideways inside itself
     (the page does not): without them a phone could not sort. The group row is folded into each chip. */
  table.matrix thead { display: flex; gap: .4rem; overflow-x: auto; padding: .1rem 0 .5rem; margin-bottom: .3rem; }
  table.matrix thead::before { content: "排序"; flex: none; align-self: center; color: var(--muted); font-size: .8rem; }
  table.matrix thead tr { display: contents; }
  table.matrix thead th { flex: none; width: auto; padding: 0; border: 1px solid var(--line); border-radius: 999px; background: #fff; font-weight: 400; }
  table.matrix thead th.group { display: none; }
  table.matrix thead th a { display: block; padding: .4rem .75rem; }
  table.matrix thead th a[data-group]::before { content: attr(data-group) "·"; }
  table.matrix thead th[aria-sort=ascending], table.matrix thead th[aria-sort=descending] { border-color: var(--red); }
}
`;
