"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.pageQuery = pageQuery;
exports.renderPage = renderPage;
const dates_1 = require("../../stats/dates");
const page_model_1 = require("../presenters/page-model");
const html_1 = require("./html");
function cell(value, numeric) {
    if (numeric)
        return (0, html_1.html) `<td class="num">${typeof value === "number" ? (0, page_model_1.formatNumber)(value) : (value ?? "—")}</td>`;
    return (0, html_1.html) `<td>${value ?? "—"}</td>`;
}
/** The query that reproduces the page's range or month (for CSV links and the nav). */
function pageQuery(page) {
    if (page.range)
        return new URLSearchParams({ from: page.range.from, to: page.range.to }).toString();
    if (page.month)
        return new URLSearchParams({ month: page.month }).toString();
    return "";
}
/** One header row, or two when columns are grouped (本月发送信息数 over the five categories). */
function tableHead(t) {
    const th = (c, rowspan) => (0, html_1.html) `<th${c.numeric ? (0, html_1.html) ` class="num"` : ""}${rowspan > 1 ? (0, html_1.html) ` rowspan="${rowspan}"` : ""} scope="col">${c.label}</th>`;
    if (!t.columns.some((c) => c.group))
        return (0, html_1.html) `<tr>${t.columns.map((c) => th(c, 1))}</tr>`;
    const top = [];
    for (let i = 0; i < t.columns.length;) {
        const c = t.columns[i];
        if (!c.group) {
            top.push(th(c, 2));
            i++;
            continue;
        }
        let span = 1;
        while (t.columns[i + span]?.group === c.group)
            span++;
        top.push((0, html_1.html) `<th colspan="${span}" scope="colgroup">${c.group}</th>`);
        i += span;
    }
    return (0, html_1.html) `<tr>${top}</tr><tr>${t.columns.filter((c) => c.group).map((c) => th(c, 1))}</tr>`;
}
function renderTable(spec, page, t) {
    const query = pageQuery(page);
    const href = `/dashboard/export/${spec.id}/${t.id}.csv${query ? `?${query}` : ""}`;
    const body = t.rows.length === 0
        ? (0, html_1.html) `<p class="empty">${t.empty ?? "没有数据。"}</p>`
        : (0, html_1.html) `<div class="scroll"><table>
<thead>${tableHead(t)}</thead>
<tbody>${t.rows.map((r) => (0, html_1.html) `<tr>${t.columns.map((c) => cell(r[c.key] ?? null, c.numeric))}</tr>`)}</tbody>
</table></div>`;
    return (0, html_1.html) `<section class="card" id="table-${t.id}">
<div class="table-head"><h3>${t.caption}</h3><a href="${href}" download data-csv="${t.id}">下载 CSV</a></div>
${body}
</section>`;
}
function renderChart(c) {
    const data = { kind: c.kind, labels: c.labels, series: c.series };
    return (0, html_1.html) `<figure class="card" id="figure-${c.id}">
<h3>${c.title}</h3>
<div class="chart-box"><canvas id="chart-${c.id}" data-chart="${c.id}" role="img" aria-label="${c.title}"></canvas></div>
<script type="application/json" id="chart-data-${c.id}">${(0, html_1.jsonForScript)(data)}</script>
</figure>`;
}
function rangeForm(spec, page, today) {
    const action = `/dashboard${spec.path ? `/${spec.path}` : ""}`;
    if (spec.param === "month") {
        return (0, html_1.html) `<form class="range" method="get" action="${action}">
<label>月份<input type="month" name="month" value="${page.month ?? ""}" max="${today.slice(0, 7)}"></label>
<button class="primary" type="submit">查看</button>
</form>`;
    }
    const quick = [
        ["近 7 天", 7],
        ["近 30 天", 30],
        ["近 90 天", 90],
        ["近一年", 365],
    ];
    return (0, html_1.html) `<form class="range" method="get" action="${action}">
<label>开始<input type="date" name="from" value="${page.range?.from ?? ""}" max="${today}"></label>
<label>结束<input type="date" name="to" value="${page.range?.to ?? ""}" max="${today}"></label>
<button class="primary" type="submit">查看</button>
<span class="quick">${quick.map(([text, days]) => (0, html_1.html) `<a href="${action}?${new URLSearchParams({ from: (0, dates_1.addDays)(today, -(days - 1)), to: today }).toString()}">${text}</a>`)}</span>
</form>`;
}
/** A stats page: range form, notices, summary paragraphs, KPI cards, charts, tables with CSV links. */
function renderPage(page, options) {
    const { spec } = options;
    return (0, html_1.html) `<h1>${page.title}${page.range ? (0, html_1.html) ` <small class="empty">${page.range.from} 至 ${page.range.to}</small>` : ""}</h1>
${rangeForm(spec, page, options.today)}
${page.notices.map((n) => (0, html_1.html) `<p class="notice ${n.level}" role="${n.level === "warn" ? "alert" : "note"}">${n.text}</p>`)}
${page.paragraphs.map((p) => (0, html_1.html) `<p class="summary" data-summary>${p}</p>`)}
${page.kpis.length > 0 ? (0, html_1.html) `<div class="kpis">${page.kpis.map((k) => (0, html_1.html) `<div class="kpi"><div class="label">${k.label}</div><div class="value">${k.value}</div>${k.hint ? (0, html_1.html) `<div class="hint">${k.hint}</div>` : ""}</div>`)}</div>` : ""}
${page.charts.length > 0 ? (0, html_1.html) `<div class="charts">${page.charts.map(renderChart)}</div>` : ""}
${options.extra ?? ""}
${page.tables.map((t) => renderTable(spec, page, t))}`;
}
//# sourceMappingURL=render-page.js.map