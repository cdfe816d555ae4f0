/** 附件3 and its monthly form (views/township-report-views.ts), appended to the dashboard's stylesheet. */
export const TOWNSHIP_REPORT_CSS = `
/* 附件3 (views/township-report-views.ts) */
form.figures fieldset { border: 1px solid var(--line); border-radius: 8px; padding: .6rem .8rem .8rem; margin: 0 0 .9rem; background: var(--card); }
form.figures legend { font-weight: 600; padding: 0 .3rem; }
form.figures .hint { color: var(--muted); font-size: .85rem; margin: .2rem 0 .5rem; }
form.figures .fields { display: grid; grid-template-columns: repeat(auto-fill, minmax(9.5rem, 1fr)); gap: .6rem .9rem; }
form.figures label { display: flex; flex-direction: column; gap: .2rem; font-size: .9rem; }
form.figures input[type=text] { width: 100%; min-height: 2.5rem; font-size: 1rem; }
form.figures label.invalid input { border: 2px solid var(--red); background: #fff5f5; }
form.figures .error { font-size: .82rem; line-height: 1.35; }
form.figures button.primary { min-height: 2.75rem; min-width: 8rem; }
dl.ledger { display: grid; grid-template-columns: repeat(auto-fill, minmax(7rem, 1fr)); gap: .4rem .9rem; margin: 0; }
dl.ledger dt { color: var(--muted); font-size: .85rem; }
dl.ledger dd { margin: 0; font-size: 1.2rem; font-weight: 600; }
table.attachment3 { font-size: .82rem; }
table.attachment3 th { text-align: center; vertical-align: middle; white-space: normal; min-width: 3.2rem; border: 1px solid var(--line); }
table.attachment3 td { border: 1px solid var(--line); }
table.attachment3 td:nth-child(2) { white-space: nowrap; }
table.attachment3 tr.sum td { font-weight: 600; background: #fafbfc; }
.downloads { display: inline-flex; flex-wrap: wrap; gap: .3rem; }
ol.audit { margin: 0; padding-left: 1.2rem; font-size: .88rem; }
ol.audit time { color: var(--muted); }
ul.problems li { margin-bottom: .4rem; word-break: break-word; }
@media (max-width: 600px) {
  form.figures .fields { grid-template-columns: repeat(2, minmax(0, 1fr)); }
}
`;
