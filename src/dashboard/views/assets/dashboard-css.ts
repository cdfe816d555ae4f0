import { PUBLISH_CSS } from "./publish-css";
import { TOWNSHIP_REPORT_CSS } from "./township-report-css";
import { MATRIX_CSS } from "./matrix-css";

/** The dashboard's one stylesheet, served as /dashboard/assets/dashboard.css (no build step, no CDN). */
export const DASHBOARD_CSS = `
:root { --red: #c8102e; --ink: #1d2433; --muted: #5d6b82; --line: #e2e6ee; --bg: #f5f6f9; --card: #fff; --warn: #fff4d6; --info: #e8f1fb; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.6 system-ui, -apple-system, "PingFang SC", "Noto Sans CJK SC", "Microsoft YaHei", sans-serif; color: var(--ink); background: var(--bg); }
a { color: #1f5fa8; }
header.top { background: var(--red); color: #fff; display: flex; flex-wrap: wrap; align-items: center; gap: .5rem 1.5rem; padding: .6rem 1rem; }
header.top .brand { font-weight: 700; font-size: 1.1rem; color: #fff; text-decoration: none; }
/* The nav asks for 24rem before it shares a line, and a link never breaks inside: with no basis it
   sat beside the brand and 切换账号 on a phone as a column one link wide, the header filling the screen. */
header.top nav { display: flex; flex-wrap: wrap; gap: .25rem; flex: 1 1 24rem; }
header.top nav a { color: #fff; text-decoration: none; padding: .25rem .6rem; border-radius: 4px; white-space: nowrap; }
header.top nav a[aria-current="page"] { background: rgba(255,255,255,.22); font-weight: 600; }
/* With the matrix the nav has 15 entries: tighter on a desk so they fit one line at 1280 px. */
@media (min-width: 1024px) { header.top { gap: .5rem 1rem; } header.top nav a { padding: .25rem .45rem; } }
header.top .who { display: flex; align-items: center; gap: .5rem; font-size: .9rem; }
header.top .who button { background: transparent; color: #fff; border: 1px solid rgba(255,255,255,.7); border-radius: 4px; padding: .15rem .6rem; cursor: pointer; }
header.top .switcher { position: relative; font-size: .9rem; }
header.top .switcher summary { cursor: pointer; color: #fff; border: 1px solid rgba(255,255,255,.7); border-radius: 4px; padding: .15rem .6rem; list-style: none; }
header.top .switcher ul { position: absolute; z-index: 10; margin: .3rem 0 0; padding: .3rem 0; list-style: none; background: #fff; border-radius: 6px; box-shadow: 0 4px 16px rgba(0,0,0,.18); min-width: 10rem; }
header.top .switcher a { display: block; padding: .45rem .9rem; color: #222; text-decoration: none; }
header.top .switcher a[aria-current="true"] { font-weight: 700; color: var(--red); }
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
/* 留言 (views/comment-views.ts) */
ol.comments { list-style: none; margin: 0; padding: 0; }
ol.comments > li { border-top: 1px solid var(--line); padding: .6rem 0; }
.comment-meta { color: var(--muted); font-size: .8rem; display: flex; flex-wrap: wrap; gap: .25rem .75rem; }
.comment-reply { margin: .35rem 0 0 .75rem; padding-left: .6rem; border-left: 3px solid var(--line); }
.elected { color: var(--red); font-weight: 600; }
form.reply { display: flex; flex-wrap: wrap; gap: .5rem; width: 100%; }
form.reply textarea { flex: 1 1 14rem; min-height: 2.5rem; padding: .35rem .5rem; border: 1px solid var(--line); border-radius: 4px; }
/* 私信 (views/inbox-views.ts): a table on a desk, cards on a phone; the thread beside its forms */
header.top nav .nav-count { display: inline-block; margin-left: .25rem; background: #fff; color: var(--red); border-radius: 999px; padding: 0 .45rem; font-size: .75rem; font-weight: 700; }
.tag { display: inline-block; border: 1px solid var(--line); background: #f4f5f8; color: var(--muted); border-radius: 3px; padding: 0 .35rem; font-size: .75rem; line-height: 1.5; white-space: nowrap; }
.tag.warn { background: var(--warn); border-color: #f0d27a; color: #7a5200; }
.tag.qa { background: var(--info); border-color: #bcd3ee; color: #1f4f86; }
.tag.ok { background: #e6f5ea; border-color: #a9d8b5; color: #1d6b34; }
.tag.bad { background: #fde8ea; border-color: #f1b0b8; color: #9b1326; }
.tag.muted { color: var(--muted); }
form.inbox-search .grow { flex: 1 1 16rem; }
form.inbox-search input[type=search] { width: 100%; padding: .35rem .5rem; border: 1px solid var(--line); border-radius: 4px; background: #fff; font: inherit; }
nav.tabs { display: flex; flex-wrap: wrap; gap: .35rem; margin-bottom: .75rem; }
nav.tabs a { text-decoration: none; padding: .3rem .8rem; border: 1px solid var(--line); border-radius: 999px; background: #fff; color: var(--ink); }
nav.tabs a[aria-current="true"] { background: var(--red); border-color: var(--red); color: #fff; }
table.threads td.who a { font-weight: 600; }
table.threads .gist { color: var(--ink); text-decoration: none; word-break: break-word; }
table.threads .tags { display: flex; flex-wrap: wrap; gap: .25rem; margin-top: .15rem; align-items: center; }
table.threads td.when { white-space: nowrap; color: var(--muted); }
table.threads tr.unanswered td.who { border-left: 3px solid var(--red); }
nav.pager { display: flex; justify-content: center; align-items: center; gap: 1rem; margin-top: .75rem; }
.thread-grid { display: grid; grid-template-columns: minmax(0, 3fr) minmax(300px, 2fr); gap: 1rem; align-items: start; }
ol.timeline { list-style: none; margin: 0; padding: 0; display: flex; flex-direction: column; gap: .6rem; }
ol.timeline .line { display: flex; flex-direction: column; max-width: 85%; }
ol.timeline .line.in { align-self: flex-start; }
ol.timeline .line.out { align-self: flex-end; align-items: flex-end; }
ol.timeline .line.event { align-self: center; max-width: 100%; color: var(--muted); font-size: .8rem; text-align: center; }
ol.timeline .meta { color: var(--muted); font-size: .78rem; }
ol.timeline .meta.note { max-width: 100%; text-align: right; }
ol.timeline time { color: var(--muted); font-size: .78rem; margin-left: .25rem; }
.bubble.youth-msg { background: #fff; border: 1px solid var(--line); max-width: 100%; }
.bubble.bot-msg { background: #f0f0f0; max-width: 100%; }
.bubble.staff-msg { background: #95ec69; max-width: 100%; }
form.inbox-reply { display: flex; flex-direction: column; gap: .4rem; margin: .5rem 0; }
form.inbox-reply textarea, form.inbox-reply select, form.inbox-reply input[type=text], form.inbox-reply input[type=file] { width: 100%; padding: .5rem; border: 1px solid var(--line); border-radius: 6px; background: #fff; font: inherit; }
form.inbox-reply textarea { min-height: 7rem; resize: vertical; }
form.inbox-reply button { min-height: 2.75rem; border-radius: 6px; }
form.inbox-reply button:disabled { opacity: .5; cursor: not-allowed; }
p.back { display: flex; justify-content: space-between; }
#inbox-reply details { border-top: 1px solid var(--line); padding-top: .4rem; margin-top: .4rem; }
#inbox-reply summary { cursor: pointer; padding: .4rem 0; color: #1f5fa8; }
@media (max-width: 800px) {
  .thread-grid { grid-template-columns: 1fr; }
}
@media (max-width: 600px) {
  table.threads, table.threads tbody, table.threads tr, table.threads td { display: block; width: 100%; }
  table.threads thead { display: none; }
  table.threads tr { border: 1px solid var(--line); border-radius: 8px; padding: .5rem .7rem; margin-bottom: .6rem; background: #fff; position: relative; }
  table.threads tr.unanswered { border-left: 4px solid var(--red); }
  table.threads tr.unanswered td.who { border-left: 0; }
  table.threads td { border: 0; padding: .1rem 0; }
  table.threads td.when { position: absolute; top: .55rem; right: .7rem; width: auto; font-size: .8rem; padding: 0; }
  table.threads td.who { padding-right: 8.5rem; font-size: 1.02rem; }
  table.threads td.who a { display: inline-block; padding: .15rem 0; }
  table.threads td.num { display: none; }
  ol.timeline .line { max-width: 95%; }
  form.inbox-search > * { flex: 1 1 100%; }
  form.inbox-search button { min-height: 2.75rem; }
  nav.tabs a { padding: .45rem .9rem; }
}
@media (max-width: 600px) {
  main { padding: .6rem; }
  .kpi .value { font-size: 1.25rem; }
  .chart-box { height: 230px; }
}
${PUBLISH_CSS}${TOWNSHIP_REPORT_CSS}${MATRIX_CSS}`;
