/**
 * The 发布 and 我的手机 pages' styles, appended to the dashboard's one stylesheet. At 600 px and
 * below the table's rows become cards (each cell with its label) so a phone never scrolls sideways.
 */
export const PUBLISH_CSS = `
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
a.button, .pub-actions button:not(.primary), #phone-bound button { display: inline-block; border: 1px solid var(--line); background: #fff; color: var(--ink); border-radius: 4px; padding: .35rem .8rem; text-decoration: none; cursor: pointer; }
a.button.primary { background: var(--red); border-color: var(--red); color: #fff; }
.pub-table td { overflow-wrap: anywhere; }
.pub-table tr.attention td:first-child { border-left: 4px solid var(--red); }
.pub-title strong { display: block; }
.pub-file { display: block; color: var(--muted); font-size: .8rem; overflow-wrap: anywhere; }
.pub-state { font-weight: 600; }
.pub-plan, .pub-hint, .pub-reason { display: block; font-size: .85rem; }
.pub-hint { color: var(--muted); }
.pub-reason { color: #8a1c1c; }
.pub-actions { display: flex; flex-wrap: wrap; gap: .4rem; }
.pub-problems li { overflow-wrap: anywhere; }
.confirm .will li { margin-bottom: .3rem; }
.confirm-form { display: flex; flex-direction: column; gap: .75rem; align-items: flex-start; }
.confirm-form label { display: flex; flex-direction: column; gap: .25rem; }
.confirm-form input[type=datetime-local] { padding: .45rem .5rem; border: 1px solid var(--line); border-radius: 4px; max-width: 100%; }
header.top .who a.who-phone { color: #fff; }
.bind-code { font-size: 2.2rem; font-weight: 700; letter-spacing: .3em; font-variant-numeric: tabular-nums; margin: .25rem 0; }
@media (max-width: 600px) {
  .pub-table, .pub-table tbody, .pub-table tr, .pub-table td { display: block; width: 100%; }
  .pub-table thead { display: none; }
  .pub-table tr { border: 1px solid var(--line); border-radius: 8px; padding: .5rem .7rem; margin-bottom: .6rem; background: #fff; }
  .pub-table tr.attention { border-left: 4px solid var(--red); }
  .pub-table tr.attention td:first-child { border-left: 0; }
  .pub-table td { border: 0; padding: .15rem 0; }
  .pub-table td::before { content: attr(data-label); display: block; color: var(--muted); font-size: .75rem; }
  .pub-actions a.button, .pub-actions button { min-height: 2.75rem; display: inline-flex; align-items: center; }
  .confirm-form, .confirm-form label, .confirm-form input[type=datetime-local] { width: 100%; }
}
`;
