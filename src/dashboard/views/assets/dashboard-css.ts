/** The dashboard's one stylesheet, served as /dashboard/assets/dashboard.css (no build step, no CDN). */
export const DASHBOARD_CSS = `
:root { --red: #c8102e; --ink: #1d2433; --muted: #5d6b82; --line: #e2e6ee; --bg: #f5f6f9; --card: #fff; --warn: #fff4d6; --info: #e8f1fb; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.6 system-ui, -apple-system, "PingFang SC", "Noto Sans CJK SC", "Microsoft YaHei", sans-serif; color: var(--ink); background: var(--bg); }
a { color: #1f5fa8; }
header.top { background: var(--red); color: #fff; display: flex; flex-wrap: wrap; align-items: center; gap: .5rem 1.5rem; padding: .6rem 1rem; }
header.top .brand { font-weight: 700; font-size: 1.1rem; color: #fff; text-decoration: none; }
header.top nav { display: flex; flex-wrap: wrap; gap: .25rem; flex: 1; }
header.top nav a { color: #fff; text-decoration: none; padding: .25rem .6rem; border-radius: 4px; }
header.top nav a[aria-current="page"] { background: rgba(255,255,255,.22); font-weight: 600; }
header.top .who { display: flex; align-items: center; gap: .5rem; font-size: .9rem; }
header.top .who button { background: transparent; color: #fff; border: 1px solid rgba(255,255,255,.7); border-radius: 4px; padding: .15rem .6rem; cursor: pointer; }
main { max-width: 1200px; margin: 0 auto; padding: 1rem; }
h1 { font-size: 1.35rem; margin: .25rem 0 1rem; }
h2, h3 { font-size: 1.05rem; margin: 0 0 .5rem; }
.badge { display: inline-block; background: #fff; color: var(--red); border-radius: 3px; padding: 0 .4rem; font-size: .75rem; font-weight: 700; }
form.range { display: flex; flex-wrap: wrap; gap: .5rem; align-items: end; margin-bottom: 1rem; }
form.range label { display: flex; flex-direction: column; font-size: .8rem; color: var(--muted); }
input, button, textarea, select { font: inherit; }
input[type=date], input[type=month], input[type=text], input[type=password] { padding: .35rem .5rem; border: 1px solid var(--line); border-radius: 4px; background: #fff; }
button.primary { background: var(--red); color: #fff; border: 0; border-radius: 4px; padding: .45rem 1rem; cursor: pointer; }
.quick { display: flex; flex-wrap: wrap; gap: .5rem; font-size: .85rem; }
.notice { border-radius: 6px; padding: .6rem .8rem; margin: 0 0 .75rem; }
.notice.warn { background: var(--warn); border: 1px solid #f0d27a; }
.notice.info { background: var(--info); border: 1px solid #bcd3ee; }
.kpis { display: grid; grid-template-columns: repeat(auto-fill, minmax(160px, 1fr)); gap: .75rem; margin-bottom: 1rem; }
.kpi { background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: .7rem .9rem; }
.kpi .label { color: var(--muted); font-size: .85rem; }
.kpi .value { font-size: 1.5rem; font-weight: 700; }
.kpi .hint { color: var(--muted); font-size: .75rem; }
.charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(320px, 1fr)); gap: 1rem; margin-bottom: 1rem; }
.card { background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: .9rem; margin-bottom: 1rem; }
.chart-box { position: relative; height: 280px; }
.table-head { display: flex; justify-content: space-between; align-items: baseline; gap: 1rem; flex-wrap: wrap; }
.scroll { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; font-size: .9rem; }
th, td { border-bottom: 1px solid var(--line); padding: .35rem .5rem; text-align: left; vertical-align: top; }
th { background: #fafbfc; white-space: nowrap; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.empty { color: var(--muted); }
.summary { font-size: 1.05rem; line-height: 1.9; background: var(--card); border-left: 4px solid var(--red); padding: .8rem 1rem; margin-bottom: 1rem; }
.login { max-width: 360px; margin: 10vh auto; }
.login form { display: flex; flex-direction: column; gap: .75rem; }
.login label { display: flex; flex-direction: column; gap: .25rem; }
.error { color: var(--red); }
.chat { display: flex; flex-direction: column; gap: .5rem; margin-top: .75rem; }
.bubble { max-width: 85%; padding: .5rem .75rem; border-radius: 10px; white-space: pre-wrap; word-break: break-word; }
.bubble.youth { align-self: flex-end; background: #95ec69; }
.bubble.account { align-self: flex-start; background: #f0f0f0; }
form.try { display: flex; gap: .5rem; flex-wrap: wrap; }
form.try input[type=text] { flex: 1; min-width: 12rem; }
/* 青年之声 (views/qa-views.ts) */
form.qa { display: flex; flex-direction: column; gap: .5rem; }
form.qa textarea { width: 100%; min-height: 8rem; padding: .5rem; border: 1px solid var(--line); border-radius: 4px; }
.actions { display: flex; flex-wrap: wrap; gap: .5rem 1rem; align-items: center; }
.actions form { display: inline-flex; gap: .5rem; align-items: center; margin: 0; }
.qa-text { white-space: pre-wrap; word-break: break-word; }
.qa-facts { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1rem; margin: 0 0 .75rem; }
.qa-facts dt { color: var(--muted); }
.qa-facts dd { margin: 0; }
label.check { justify-content: end; }
@media (max-width: 600px) {
  main { padding: .6rem; }
  .kpi .value { font-size: 1.25rem; }
  .chart-box { height: 230px; }
}
`;
