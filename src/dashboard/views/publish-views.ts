import type { Chart, Kpi } from "../presenters/page-model";
import { ACTION_LABELS, type PublishAction, type PublishItem, type PublishPageModel } from "../presenters/present-publish-page";
import { html, jsonForScript, type SafeHtml } from "./html";

export interface Notice {
  level: "info" | "warn";
  text: string;
}

export interface PublishPageView {
  model: PublishPageModel;
  /** The account's posts folder as editors name it. */
  postsDir: string;
  kpis: Kpi[];
  /** The range's figures per column (the stats page's chart), drawn by the dashboard script. */
  charts: Chart[];
  range: { from: string; to: string };
  today: string;
  notice?: Notice | undefined;
}

const actionHref = (slug: string, action: PublishAction) => `/dashboard/publications/${encodeURIComponent(slug)}/${action}`;

function actions(item: PublishItem): SafeHtml {
  if (item.actions.length === 0) return html``;
  return html`<div class="pub-actions">${item.actions.map(
    (a) => html`<a class="button${a === "publish" || a === "retry" ? " primary" : ""}" href="${actionHref(item.slug, a)}" data-action="${a}">${ACTION_LABELS[a]}</a>`,
  )}</div>`;
}

/** A row on a desk; on a phone (≤ 600 px) the stylesheet stacks its cells into a card, each with its label. */
function row(item: PublishItem, upcoming: boolean): SafeHtml {
  const bad = item.stateKey === "failed" || item.stateKey === "missed";
  return html`<tr id="post-${item.slug}" data-slug="${item.slug}" data-state="${item.stateKey}"${bad ? html` class="attention"` : ""}>
<td data-label="时间">${item.at}</td>
<td data-label="标题" class="pub-title"><strong>${item.title}</strong><span class="pub-file">${item.slug}.md</span></td>
<td data-label="栏目">${item.column} · ${item.issue}</td>
<td data-label="状态"><span class="pub-state" data-state-label>${item.state}</span>${
    upcoming && item.plan ? html`<span class="pub-plan" data-plan>${item.plan}</span>` : ""
  }${item.sentCount !== null ? html`<span class="pub-plan">送达 ${item.sentCount.toLocaleString("en-US")} 人</span>` : ""}</td>
<td data-label="说明" class="pub-why">${item.reason ? html`<span class="pub-reason" data-reason>${item.reason}</span>` : ""}${
    item.hint ? html`<span class="pub-hint">${item.hint}</span>` : item.reason ? "" : "—"
  }</td>
<td data-label="操作">${actions(item)}</td>
</tr>`;
}

function itemsTable(items: PublishItem[], upcoming: boolean, caption: string): SafeHtml {
  return html`<table class="pub-table">
<caption class="visually-hidden">${caption}</caption>
<thead><tr><th scope="col">时间</th><th scope="col">标题</th><th scope="col">栏目 · 期数</th><th scope="col">状态</th><th scope="col">说明</th><th scope="col">操作</th></tr></thead>
<tbody>${items.map((i) => row(i, upcoming))}</tbody>
</table>`;
}

/** The same markup as the stats pages' charts (render-page.ts): the dashboard script draws it. */
function chart(c: Chart): SafeHtml {
  return html`<figure class="card" id="figure-${c.id}">
<h3>${c.title}</h3>
<div class="chart-box"><canvas id="chart-${c.id}" data-chart="${c.id}" role="img" aria-label="${c.title}"></canvas></div>
<script type="application/json" id="chart-data-${c.id}">${jsonForScript({ kind: c.kind, labels: c.labels, series: c.series })}</script>
</figure>`;
}

/**
 * 发布: the next 14 days first (what will happen, in words), posts with problems, then what was
 * sent or failed in the range, with the buttons that apply. Every button opens a confirmation page.
 */
export function publishPage(v: PublishPageView): SafeHtml {
  const { model } = v;
  const csv = `?${new URLSearchParams({ from: v.range.from, to: v.range.to }).toString()}`;
  return html`<h1>发布</h1>
${v.notice ? html`<p class="notice ${v.notice.level}" role="${v.notice.level === "warn" ? "alert" : "status"}" data-notice>${v.notice.text}</p>` : ""}
<div class="kpis">${v.kpis.map((k) => html`<div class="kpi"><div class="label">${k.label}</div><div class="value">${k.value}</div></div>`)}</div>
<section class="card" id="upcoming">
<h2>接下来 14 天</h2>
${model.upcoming.length === 0 ? html`<p class="empty">接下来 14 天没有安排发布的文章。在“稿件”页面写一篇，或把文件放进 ${v.postsDir}/。</p>` : itemsTable(model.upcoming, true, "接下来 14 天要发布的文章")}
</section>
${
  model.problems.length > 0
    ? html`<section class="card" id="problems"><h2>有问题的文章（改好前不会发布）</h2><ul class="pub-problems">${model.problems.map(
        (p) => html`<li><strong>${p.file}</strong><ul>${p.messages.map((m) => html`<li>${m}</li>`)}</ul></li>`,
      )}</ul></section>`
    : ""
}
<section class="card" id="recent">
<div class="table-head"><h2>发布记录</h2><span class="pub-actions"><a href="/dashboard/export/publications/ledger.csv${csv}" download data-csv="ledger">下载 CSV</a><a href="/dashboard/export/publications/columns.csv${csv}" download data-csv="columns">各栏目 CSV</a></span></div>
<form class="range" method="get" action="/dashboard/publications">
<label>开始<input type="date" name="from" value="${v.range.from}" max="${v.today}"></label>
<label>结束<input type="date" name="to" value="${v.range.to}" max="${v.today}"></label>
<button class="primary" type="submit">查看</button>
</form>
${model.recent.length === 0 ? html`<p class="empty">这段时间没有发布记录。</p>` : itemsTable(model.recent, false, "发布记录")}
</section>
${v.charts.length > 0 ? html`<div class="charts">${v.charts.map(chart)}</div>` : ""}`;
}

export interface ConfirmView {
  item: PublishItem;
  action: PublishAction;
  /** What will happen, one sentence a line. */
  will: string[];
  csrfToken: string;
  /** 改时间: the time input's value (local, "2026-12-08T20:00") and the file's hash when shown. */
  reschedule?: { value: string; min: string; hash: string; zone: string } | undefined;
  error?: string | undefined;
  /** false: the action does not apply to the post's state; the page says why and offers no button. */
  allowed: boolean;
}

/** The confirmation step of every button: what will happen, then one POST with the CSRF token. */
export function confirmPage(v: ConfirmView): SafeHtml {
  const { item, action } = v;
  return html`<h1>${ACTION_LABELS[action]}：${item.title}</h1>
${v.error ? html`<p class="notice warn" role="alert" data-error>${v.error}</p>` : ""}
<section class="card confirm" data-confirm="${action}">
<p class="pub-file">${item.slug}.md · ${item.column} · ${item.issue} · ${item.state}</p>
${item.reason ? html`<p>上次的原因：${item.reason}</p>` : ""}
${
  v.allowed
    ? html`<h2>确认后将会：</h2>
<ul class="will">${v.will.map((w) => html`<li data-will>${w}</li>`)}</ul>
<form method="post" action="${actionHref(item.slug, action)}" class="confirm-form">
<input type="hidden" name="_csrf" value="${v.csrfToken}">
${
  v.reschedule
    ? html`<input type="hidden" name="hash" value="${v.reschedule.hash}">
<label>新的发布时间（${v.reschedule.zone}）<input type="datetime-local" name="publish_at" value="${v.reschedule.value}" min="${v.reschedule.min}" required></label>`
    : ""
}
<div class="pub-actions"><button class="primary" type="submit" data-confirm-button>确认${ACTION_LABELS[action]}</button><a class="button" href="/dashboard/publications#post-${item.slug}">取消</a></div>
</form>`
    : html`<div class="pub-actions"><a class="button" href="/dashboard/publications#post-${item.slug}">返回发布页</a></div>`
}
</section>`;
}
