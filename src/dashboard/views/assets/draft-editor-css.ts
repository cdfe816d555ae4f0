/** The 稿件 pages' stylesheet (views/draft-views.ts), served beside the editor script by dashboard-draft-routes.ts. */
export const DRAFT_EDITOR_CSS = `
a.button { display: inline-block; text-decoration: none; }
a.button.primary { background: var(--red); color: #fff; border-radius: 4px; padding: .45rem 1rem; }
.draft-upload { display: flex; flex-direction: column; gap: .6rem; }
.draft-upload label { display: flex; flex-direction: column; gap: .25rem; font-size: .9rem; }
.draft-upload input[type=text] { max-width: 24rem; }
.editor-grid { display: grid; grid-template-columns: minmax(0, 1fr) 400px; gap: 1rem; align-items: start; }
.draft-form { display: flex; flex-direction: column; gap: .75rem; min-width: 0; }
.draft-form fieldset { border: 1px solid var(--line); border-radius: 8px; background: var(--card); margin: 0; padding: .6rem .8rem .8rem; display: grid; grid-template-columns: repeat(auto-fill, minmax(220px, 1fr)); gap: .6rem .9rem; min-width: 0; }
.draft-form legend { font-weight: 600; padding: 0 .3rem; }
.draft-form .field { display: flex; flex-direction: column; gap: .2rem; min-width: 0; }
.draft-form .field.check { flex-direction: row; flex-wrap: wrap; align-items: center; gap: .4rem; }
.draft-form .field.check small { flex-basis: 100%; }
.draft-form .field > label { font-size: .85rem; color: var(--muted); }
.draft-form input[type=text], .draft-form select, .draft-form textarea { width: 100%; padding: .4rem .5rem; border: 1px solid var(--line); border-radius: 4px; background: #fff; font: inherit; min-width: 0; }
.draft-form .field.invalid input, .draft-form .field.invalid select, .draft-form .field.invalid textarea { border-color: var(--red); }
.draft-form small { font-size: .75rem; }
.field-problems { margin: .2rem 0 0; padding-left: 1.1rem; color: #9b1326; font-size: .85rem; }
.body-field { background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: .6rem .8rem .8rem; }
#draft-body { font-family: Menlo, Consolas, "Noto Sans Mono CJK SC", monospace; font-size: 14px; line-height: 1.6; min-height: 22rem; resize: vertical; }
/* 图片消息 (type: newspic): what its body may hold, shown while the type select says so (no script
   needed); the toolbar's formatting buttons go, since its text is plain. Without :has, the server's
   data-active (the saved type) decides. */
.draft-form .newspic-hint { display: none; margin: .1rem 0 .3rem; padding: .35rem .5rem; border-left: 3px solid #1f5fa8; background: #eef4fb; color: #1f3f66; font-size: .8rem; line-height: 1.5; }
.draft-form .newspic-hint[data-active], .draft-form:has(#field-type option[value=newspic]:checked) .newspic-hint { display: block; }
.draft-form:has(#field-type option[value=newspic]:not(:checked)) .newspic-hint { display: none; }
.draft-form:has(#field-type option[value=newspic]:checked) .toolbar button:not([data-md=image]) { display: none; }
.toolbar { display: flex; flex-wrap: wrap; gap: .3rem; }
.toolbar button { border: 1px solid var(--line); background: #fff; border-radius: 4px; padding: .2rem .6rem; min-height: 2.2rem; cursor: pointer; }
.drop { margin-top: .5rem; border: 2px dashed var(--line); border-radius: 8px; padding: .6rem; display: flex; flex-direction: column; gap: .25rem; }
.drop.over { border-color: var(--red); background: #fff5f5; }
.drop .pick { color: #1f5fa8; text-decoration: underline; cursor: pointer; margin-left: .25rem; }
.drop input[type=file] { max-width: 100%; }
.picture-status { margin: 0; font-size: .85rem; }
.picture-status.bad { color: #9b1326; }
.save-bar { display: flex; flex-wrap: wrap; gap: .5rem; position: sticky; bottom: 0; background: var(--bg); padding: .5rem 0; }
.save-bar button, .preview-to-me button { min-height: 2.6rem; padding: .4rem 1.2rem; border-radius: 4px; border: 1px solid var(--line); background: #fff; cursor: pointer; }
.save-bar button.primary { background: var(--red); color: #fff; border: 0; }
.preview-pane { position: sticky; top: .5rem; }
.preview-to-me { margin-top: .5rem; display: flex; flex-wrap: wrap; gap: .25rem .75rem; align-items: center; }
.preview-pane iframe { width: 100%; height: calc(100vh - 2rem); min-height: 480px; border: 1px solid var(--line); border-radius: 12px; background: #ededed; display: block; }
.conflict-grid { display: grid; grid-template-columns: 1fr 1fr; gap: .75rem; }
.conflict-grid label { display: flex; flex-direction: column; gap: .25rem; font-weight: 600; min-width: 0; }
.conflict-grid textarea { width: 100%; font-family: Menlo, Consolas, monospace; font-size: 13px; font-weight: normal; }
table.drafts td { word-break: break-word; }
@media (max-width: 900px) {
  .editor-grid { grid-template-columns: 1fr; }
  .preview-pane { position: static; }
  .preview-pane iframe { height: 80vh; }
  .conflict-grid { grid-template-columns: 1fr; }
}
@media (max-width: 600px) {
  main { padding: .6rem; }
  .draft-form fieldset { grid-template-columns: 1fr; }
  table.drafts, table.drafts tbody, table.drafts tr, table.drafts td { display: block; width: 100%; }
  table.drafts thead { display: none; }
  table.drafts tr { border: 1px solid var(--line); border-radius: 8px; padding: .5rem .7rem; margin-bottom: .6rem; background: #fff; }
  table.drafts td { border: 0; padding: .1rem 0; text-align: left; }
  table.drafts td[data-label]::before { content: attr(data-label) "："; color: var(--muted); font-size: .8rem; }
  table.drafts td:first-child::before { content: none; }
}
`;
