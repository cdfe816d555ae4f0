import type { MatrixCell, MatrixHeader, MatrixModel, MatrixRow } from "../presenters/present-matrix";
import { MATRIX_PATH } from "../presenters/present-matrix";
import { html, type SafeHtml } from "./html";

/**
 * A header that sorts (server-side: a plain link, so it works without script and on any phone).
 * data-group lets the phone's sort strip, where the group row is hidden, say 本月发文·合计.
 */
function headerLink(h: MatrixHeader): SafeHtml {
  const arrow = h.ariaSort === "ascending" ? " ▲" : h.ariaSort === "descending" ? " ▼" : "";
  return html`<a href="${h.href}" data-sort="${h.key}"${h.group ? html` data-group="${h.group}"` : ""} title="按「${h.group ? `${h.group}·` : ""}${h.label}」排序">${h.label}${arrow}</a>`;
}

/** Two header rows: the groups (关注, 本月发文, 青年之声) over their columns, the others spanning both. */
function head(headers: readonly MatrixHeader[]): SafeHtml {
  const top: SafeHtml[] = [];
  for (let i = 0; i < headers.length; i++) {
    const h = headers[i]!;
    if (!h.group) {
      top.push(html`<th scope="col" rowspan="2" aria-sort="${h.ariaSort}"${h.numeric ? html` class="num"` : ""}>${headerLink(h)}</th>`);
      continue;
    }
    let span = 1;
    while (headers[i + span]?.group === h.group) span++;
    top.push(html`<th scope="colgroup" colspan="${span}" class="group">${h.group}</th>`);
    i += span - 1;
  }
  const second = headers.filter((h) => h.group).map((h) => html`<th scope="col" aria-sort="${h.ariaSort}" class="num">${headerLink(h)}</th>`);
  return html`<thead><tr>${top}</tr><tr>${second}</tr></thead>`;
}

/** The label a cell carries into its card on a phone ("关注·新关注"). */
const cardLabel = (h: MatrixHeader) => (h.group ? `${h.group}·${h.label}` : h.label);

function cell(h: MatrixHeader, c: MatrixCell | undefined): SafeHtml {
  const cls = [h.numeric ? "num" : "", c?.attention ? "attention" : "", `c-${h.key}`].filter(Boolean).join(" ");
  return html`<td data-label="${cardLabel(h)}" class="${cls}"${c?.hint ? html` title="${c.hint}"` : ""}>${c?.text ?? ""}</td>`;
}

function row(r: MatrixRow, headers: readonly MatrixHeader[]): SafeHtml {
  const [nameHeader, ...rest] = headers;
  const nameCell = html`<th scope="row" data-label="${nameHeader!.label}" class="c-name"><a href="${r.href}" data-account-link="${r.id}">${r.name}</a><span class="township">${r.township}</span></th>`;
  const note = r.note ? html`<p class="matrix-note" data-note>${r.note}</p>` : "";
  return html`<tr data-account="${r.id}" data-standing="${r.standing}"${r.attention ? html` class="attention"` : ""}>${nameCell}${rest.map((h, i) =>
    i === 0 ? html`<td data-label="${cardLabel(h)}" class="c-health${r.cells["health"]?.attention ? " attention" : ""}">${r.cells["health"]?.text ?? ""}${note}</td>` : cell(h, r.cells[h.key]),
  )}</tr>`;
}

/** GET /dashboard/matrix: the month picker, the sortable table (cards under 640 px), the 合计 row, the CSV link. */
export function matrixPage(m: MatrixModel): SafeHtml {
  const [nameHeader, ...rest] = m.headers;
  const totals = html`<tr class="sum" data-totals><th scope="row" data-label="${nameHeader!.label}" class="c-name">${m.totals["name"]?.text ?? "合计"}</th>${rest.map((h) => cell(h, m.totals[h.key]))}</tr>`;
  return html`<h1>${m.title}</h1>
<form class="range" method="get" action="${MATRIX_PATH}"><label>统计月份 <input type="month" name="month" value="${m.month}"></label>${
    m.sort ? html`<input type="hidden" name="sort" value="${m.sort.key}"><input type="hidden" name="dir" value="${m.sort.dir}">` : ""
  }<button type="submit">查看</button></form>
${m.notices.map((n) => html`<p class="notice info">${n}</p>`)}
<section class="card" id="matrix">
<div class="table-head"><h2>各账号 · 点表头排序，点账号名进入该账号的后台<small class="matrix-scroll-hint">表格较宽：左右滑动可看到最近发布、令牌、最近收到推送和最近失败</small></h2><a class="button" href="${m.csvHref}" download>导出 CSV</a></div>
${
  m.rows.length === 0
    ? html`<p class="empty">没有可以查看的账号。</p>`
    : html`<div class="scroll"><table class="matrix" data-matrix>${head(m.headers)}<tbody>${m.rows.map((r) => row(r, m.headers))}</tbody><tfoot>${totals}</tfoot></table></div>`
}
<p class="hint">关注总数为月末（本月为今天）的人数；发文按栏目的类别（columns.yml 的 category）统计已发出的文章；收到消息不含关注、菜单等事件；逾期未答指提问超过 48 小时仍未答复。时间为北京时间。</p>
</section>`;
}
