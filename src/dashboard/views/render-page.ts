import { addDays } from "../../stats/dates";
import { formatNumber, type Cell, type Chart, type PageModel, type Table } from "../presenters/page-model";
import type { PageSpec } from "../presenters/pages";
import { html, jsonForScript, type SafeHtml } from "./html";

export interface PageViewOptions {
  spec: PageSpec;
  /** Today's local date, for the quick ranges. */
  today: string;
  /** Extra content after the tables (the "try the bot" panel). */
  extra?: SafeHtml;
}

function cell(value: Cell, numeric: boolean | undefined): SafeHtml {
  if (numeric) return html`<td class="num">${typeof value === "number" ? formatNumber(value) : (value ?? "—")}</td>`;
  return html`<td>${value ?? "—"}</td>`;
}

/** The query that reproduces the page's range or month (for CSV links and the nav). */
export function pageQuery(page: PageModel): string {
  if (page.range) return new URLSearchParams({ from: page.range.from, to: page.range.to }).toString();
  if (page.month) return new URLSearchParams({ month: page.month }).toString();
  return "";
}

/** One header row, or two when columns are grouped (本月发送信息数 over the five categories). */
function tableHead(t: Table): SafeHtml {
  const th = (c: Table["columns"][number], rowspan: number) =>
    html`<th${c.numeric ? html` class="num"` : ""}${rowspan > 1 ? html` rowspan="${rowspan}"` : ""} scope="col">${c.label}</th>`;
  if (!t.columns.some((c) => c.group)) return html`<tr>${t.columns.map((c) => th(c, 1))}</tr>`;
  const top: SafeHtml[] = [];
  for (let i = 0; i < t.columns.length; ) {
    const c = t.columns[i]!;
    if (!c.group) {
      top.push(th(c, 2));
      i++;
      continue;
    }
    let span = 1;
    while (t.columns[i + span]?.group === c.group) span++;
    top.push(html`<th colspan="${span}" scope="colgroup">${c.group}</th>`);
    i += span;
  }
  return html`<tr>${top}</tr><tr>${t.columns.filter((c) => c.group).map((c) => th(c, 1))}</tr>`;
}

function renderTable(spec: PageSpec, page: PageModel, t: Table): SafeHtml {
  const query = pageQuery(page);
  const href = `/dashboard/export/${spec.id}/${t.id}.csv${query ? `?${query}` : ""}`;
  const body =
    t.rows.length === 0
      ? html`<p class="empty">${t.empty ?? "没有数据。"}</p>`
      : html`<div class="scroll"><table>
<thead>${tableHead(t)}</thead>
<tbody>${t.rows.map((r) => html`<tr>${t.columns.map((c) => cell(r[c.key] ?? null, c.numeric))}</tr>`)}</tbody>
</table></div>`;
  return html`<section class="card" id="table-${t.id}">
<div class="table-head"><h3>${t.caption}</h3><a href="${href}" download data-csv="${t.id}">下载 CSV</a></div>
${body}
</section>`;
}

function renderChart(c: Chart): SafeHtml {
  const data = { kind: c.kind, labels: c.labels, series: c.series, ...(c.valueAxis ? { valueAxis: c.valueAxis } : {}) };
  return html`<figure class="card" id="figure-${c.id}">
<h3>${c.title}</h3>
<div class="chart-box"><canvas id="chart-${c.id}" data-chart="${c.id}" role="img" aria-label="${c.title}"></canvas></div>
<script type="application/json" id="chart-data-${c.id}">${jsonForScript(data)}</script>
</figure>`;
}

function rangeForm(spec: PageSpec, page: PageModel, today: string): SafeHtml {
  const action = `/dashboard${spec.path ? `/${spec.path}` : ""}`;
  if (spec.param === "month") {
    return html`<form class="range" method="get" action="${action}">
<label>月份<input type="month" name="month" value="${page.month ?? ""}" max="${today.slice(0, 7)}"></label>
<button class="primary" type="submit">查看</button>
</form>`;
  }
  const quick = [
    ["近 7 天", 7],
    ["近 30 天", 30],
    ["近 90 天", 90],
    ["近一年", 365],
  ] as const;
  return html`<form class="range" method="get" action="${action}">
<label>开始<input type="date" name="from" value="${page.range?.from ?? ""}" max="${today}"></label>
<label>结束<input type="date" name="to" value="${page.range?.to ?? ""}" max="${today}"></label>
<button class="primary" type="submit">查看</button>
<span class="quick">${quick.map(([text, days]) => html`<a href="${action}?${new URLSearchParams({ from: addDays(today, -(days - 1)), to: today }).toString()}">${text}</a>`)}</span>
</form>`;
}

/** A stats page: range form, notices, summary paragraphs, KPI cards, charts, tables with CSV links. */
export function renderPage(page: PageModel, options: PageViewOptions): SafeHtml {
  const { spec } = options;
  return html`<h1>${page.title}${page.range ? html` <small class="empty">${page.range.from} 至 ${page.range.to}</small>` : ""}</h1>
${rangeForm(spec, page, options.today)}
${page.notices.map((n) => html`<p class="notice ${n.level}" role="${n.level === "warn" ? "alert" : "note"}">${n.text}</p>`)}
${page.paragraphs.map((p) => html`<p class="summary" data-summary>${p}</p>`)}
${page.kpis.length > 0 ? html`<div class="kpis">${page.kpis.map((k) => html`<div class="kpi"><div class="label">${k.label}</div><div class="value">${k.value}</div>${k.hint ? html`<div class="hint">${k.hint}</div>` : ""}</div>`)}</div>` : ""}
${page.charts.length > 0 ? html`<div class="charts">${page.charts.map(renderChart)}</div>` : ""}
${options.extra ?? ""}
${page.tables.map((t) => renderTable(spec, page, t))}`;
}
