import type { ContentError } from "../../errors";
import type { AuditEntry } from "../../db/stores/audit-store";
import { MEMBER_PARTS, MEMBER_TOTAL, SENT_FIELDS, type FigureField } from "../../matrix/figure-fields";
import type { ReportUnit } from "../../matrix/report-units";
import { coveredCells, type Grid } from "../../matrix/report-grid";
import { ATTACHMENT3_TITLE, chineseMonth } from "../../matrix/township-report-grid";
import type { FormStart } from "../../matrix/township-figures-service";
import type { ReportLock } from "../../db/stores/township-figure-store";
import { formatLocal } from "../../time";
import type { TownshipReportModel } from "../presenters/present-township-report";
import { html, type SafeHtml } from "./html";

export const REPORT_PATH = "/dashboard/township-report";

/** The table part of a grid (header rows down), with the grid's merges as rowspan/colspan. */
export function gridTable(grid: Grid): SafeHtml {
  const first = grid.kinds.indexOf("head");
  const covered = coveredCells(grid.merges);
  const rows = grid.rows.map((cells, r) => {
    if (r < first) return "";
    const kind = grid.kinds[r];
    const tag = kind === "head" ? "th" : "td";
    return html`<tr${kind === "sum" ? html` class="sum"` : ""}>${cells.map((v, c) => {
      if (covered.has(`${r},${c}`)) return "";
      const m = grid.merges.find((x) => x.top === r && x.left === c);
      const span = m ? html`${m.right > c ? html` colspan="${m.right - c + 1}"` : ""}${m.bottom > r ? html` rowspan="${m.bottom - r + 1}"` : ""}` : "";
      const cls = typeof v === "number" || (kind !== "head" && c > 1) ? html` class="num"` : "";
      return tag === "th" ? html`<th${span} scope="col">${v ?? ""}</th>` : html`<td${span}${cls}>${v ?? ""}</td>`;
    })}</tr>`;
  });
  return html`<div class="scroll"><table class="attachment3" data-attachment3><tbody>${rows}</tbody></table></div>`;
}

function lockNotice(lock: ReportLock, timezone: string): SafeHtml {
  return html`<p class="notice warn" data-locked>本月已锁定（已上报）：${lock.lockedBy} 于 ${formatLocal(lock.lockedAt, timezone)} 锁定，填表人 ${lock.filler}，联系方式 ${lock.phone}。锁定期间各乡镇不能再修改本月数字；如需更正，请先解除锁定。</p>`;
}

function historyList(history: readonly AuditEntry[], timezone: string): SafeHtml {
  if (history.length === 0) return html`<p class="empty">还没有修改记录。</p>`;
  return html`<ol class="audit" data-audit>${history.map(
    (e) => html`<li><time>${formatLocal(e.at, timezone)}</time> ${e.staffName}：${e.detail ?? e.action}</li>`,
  )}</ol>`;
}

/** GET /dashboard/township-report: rows' state, where the figures come from, lock, the table, downloads. */
export function townshipReportPage(m: TownshipReportModel, csrfToken: string, timezone: string, note?: { level: "info" | "warn"; text: string }): SafeHtml {
  const lock = m.report.lock;
  const base = `${REPORT_PATH}/${m.month}`;
  return html`<h1>附件3 · ${ATTACHMENT3_TITLE}</h1>
<form class="range" method="get" action="${REPORT_PATH}"><label>统计月份 <input type="month" name="month" value="${m.month}"></label><button type="submit">查看</button></form>
${note ? html`<p class="notice ${note.level}" data-notice>${note.text}</p>` : ""}
${lock ? lockNotice(lock, timezone) : ""}
${m.sources.map((s) => html`<p class="notice info">${s}</p>`)}
<section class="card" id="units">
<h2>${m.monthLabel} 各单位填报</h2>
<p>每月填写微信不知道的数字：团支部、团干部、团员青年、微信群及成员、线下活动。首次打开会带出上个月的数字作为起点，核对后保存。</p>
<div class="scroll"><table class="units"><thead><tr><th scope="col">单位</th><th scope="col">状态</th><th scope="col">操作</th></tr></thead>
<tbody>${m.units.map(
    (u) => html`<tr data-unit="${u.key}" data-state="${u.state}"><td>${u.label}</td><td>${u.text}</td><td><a href="${u.href}">${lock ? "查看" : u.state === "entered" ? "修改" : "填报"}</a></td></tr>`,
  )}</tbody></table></div>
</section>
<section class="card" id="lock">
<h2>上报与锁定</h2>
${
  lock
    ? m.canLock
      ? html`<form method="post" action="${base}/unlock" class="actions"><input type="hidden" name="_csrf" value="${csrfToken}"><button type="submit" data-unlock>解除锁定</button><span>解除后各乡镇可以再修改本月数字（会记入修改记录）。</span></form>`
      : ""
    : m.canLock
      ? html`<form method="post" action="${base}/lock" class="figures lock-form">
<input type="hidden" name="_csrf" value="${csrfToken}">
<p>上报给团市委后请锁定本月：表头写入填报时间、填表人和联系方式，之后各乡镇不能再修改本月数字。</p>
<div class="fields"><label><span>填表人</span><input type="text" name="filler" value="${m.lockDefaults.filler}" maxlength="20" required></label>
<label><span>联系方式</span><input type="text" name="phone" value="${m.lockDefaults.phone}" maxlength="20" inputmode="tel" required></label></div>
<button type="submit" class="primary" data-lock>锁定本月（已上报）</button></form>`
      : ""
}
</section>
<section class="card" id="table">
<div class="table-head"><h2>${m.monthLabel} 附件3</h2>
<span class="downloads"><a href="${base}/attachment3.xlsx" download data-download="xlsx">下载 Excel (.xlsx)</a> · <a href="${base}/attachment3.csv" download data-download="csv">下载 CSV</a></span></div>
<p>团委：${m.report.committee} · 填报时间：${m.report.filedOn}${lock ? "" : "（未锁定，为今天的草稿）"}</p>
${gridTable(m.grid)}
</section>
<section class="card" id="accounts">
<div class="table-head"><h2>附件2 · 公众号信息</h2>
<span class="downloads"><a href="${REPORT_PATH}/attachment2.xlsx" download data-download="accounts-xlsx">下载 Excel (.xlsx)</a> · <a href="${REPORT_PATH}/attachment2.csv" download data-download="accounts-csv">下载 CSV</a></span></div>
<p>公众号名称、类型、认证、管理员和联系电话取自 content/accounts.yml；要增改账号，请修改该文件。</p>
</section>
<section class="card" id="history"><h2>锁定记录</h2>${historyList(m.history, timezone)}</section>`;
}

function input(f: FigureField, value: string, error: string | undefined, disabled: boolean): SafeHtml {
  const id = `f-${f.key}`;
  // Inside its fieldset a field drops the outer group: 在乡·务工 and 外出·务工 under 微信群内成员数.
  const label = [...f.groups.slice(1), f.label].join("·");
  return html`<label class="figure${error ? " invalid" : ""}" for="${id}"><span>${label}</span>
<input type="text" inputmode="numeric" id="${id}" name="${f.key}" value="${value}" autocomplete="off"${disabled ? html` disabled` : ""}${
    error ? html` aria-invalid="true" aria-describedby="err-${f.key}"` : ""
  }>${error ? html`<span class="error" id="err-${f.key}" data-error="${f.key}">${error}</span>` : ""}</label>`;
}

export interface FigureFormModel {
  month: string;
  unit: ReportUnit;
  start: FormStart;
  /** What was posted (after a refused save), else the starting values. */
  values: Record<string, string>;
  errors: Record<string, string>;
  lock: ReportLock | undefined;
  /** 发送微信数 from the ledger, for a unit whose account this install publishes for. */
  ledgerSent: number[] | null;
  history: AuditEntry[];
  timezone: string;
  csrfToken: string;
}

/** GET/POST /dashboard/township-report/:month/unit/:unit: one unit's figures for the month. */
export function figureFormPage(m: FigureFormModel): SafeHtml {
  const { unit, start, lock } = m;
  const disabled = lock !== undefined;
  const fields = new Set(unit.fields.map((f) => f.key));
  const group = (title: string, list: readonly FigureField[], hint?: string) => {
    const shown = list.filter((f) => fields.has(f.key));
    if (shown.length === 0) return "";
    return html`<fieldset><legend>${title}</legend>${hint ? html`<p class="hint">${hint}</p>` : ""}<div class="fields">${shown.map((f) =>
      input(f, m.values[f.key] ?? "", m.errors[f.key], disabled),
    )}</div></fieldset>`;
  };
  const errorCount = Object.keys(m.errors).length;
  const org = unit.fields.filter((f) => f.groups.length === 0);
  return html`<p class="back"><a href="${REPORT_PATH}?month=${m.month}">← 返回附件3（${chineseMonth(m.month)}）</a></p>
<h1>${unit.label} · ${chineseMonth(m.month)} 填报</h1>
${lock ? lockNotice(lock, m.timezone) : ""}
${errorCount > 0 ? html`<p class="notice warn" role="alert" data-form-errors>有 ${errorCount} 处需要修改，见标红的栏目；其他数字还没有保存。</p>` : ""}
${
  start.from === "previous" && errorCount === 0
    ? html`<p class="notice info" data-prefill="previous">以下数字取自 ${chineseMonth(start.sourceMonth!)} 的填报，仅作起点：请逐项核对本月的实际数字后保存。</p>`
    : start.from === "saved" && errorCount === 0
      ? html`<p class="notice info" data-prefill="saved">本月已由 ${start.savedBy} 于 ${formatLocal(start.savedAt!, m.timezone)} 保存；修改后再次保存即可。</p>`
      : ""
}
<form method="post" action="${REPORT_PATH}/${m.month}/unit/${encodeURIComponent(unit.key)}" class="figures" novalidate>
<input type="hidden" name="_csrf" value="${m.csrfToken}">
<p class="hint">每项填不小于 0 的整数；没有就填 0，不清楚可以留空。</p>
${group("组织与微信群", org)}
${group("微信群内成员数", [MEMBER_TOTAL, ...MEMBER_PARTS], "合计可以不填（按各项相加）；填了合计又填了各项时，在乡和外出各项之和必须等于合计。")}
${
  m.ledgerSent
    ? html`<fieldset><legend>发送微信数</legend><p class="hint">取自本系统的发布记录（${unit.accounts.filter((a) => unit.ledgerAccountIds.includes(a.id)).map((a) => a.name).join("、")}），无需填写。</p>
<dl class="ledger">${SENT_FIELDS.map((f, i) => html`<div><dt>${f.label}</dt><dd data-ledger="${f.key}">${m.ledgerSent![i]}</dd></div>`)}</dl></fieldset>`
    : group("发送微信数", SENT_FIELDS, unit.kind === "township" ? "本乡镇的公众号还不在本系统发布，请按公众号后台的群发记录填写本月各类条数。" : undefined)
}
${group("线下活动开展情况（次）", unit.fields.filter((f) => f.groups[0] === "线下活动开展情况"))}
${disabled ? "" : html`<button type="submit" class="primary" data-save>保存</button>`}
</form>
<section class="card"><h2>修改记录</h2>${historyList(m.history, m.timezone)}</section>`;
}

/** accounts.yml has problems: the report cannot list its rows until they are fixed. */
export function accountsErrorsPage(errors: readonly ContentError[]): SafeHtml {
  return html`<h1>附件3 · ${ATTACHMENT3_TITLE}</h1>
<p class="notice warn" data-accounts-errors>content/accounts.yml 有 ${errors.length} 处问题，改好后刷新本页即可（无需重启）：</p>
<ul class="problems">${errors.map((e) => html`<li><code>${e.file}${e.line !== undefined ? `:${e.line}` : ""}</code>${e.field ? html` <code>${e.field}</code>` : ""}：${problemText(e)}</li>`)}</ul>`;
}

/** The problem alone: ContentError's message repeats the file, line and field in front of it. */
function problemText(e: ContentError): string {
  const where = e.line === undefined ? e.file : `${e.file}:${e.line}`;
  const prefix = e.field === undefined ? `${where}: ` : `${where}: ${e.field}: `;
  return e.message.startsWith(prefix) ? e.message.slice(prefix.length) : e.message;
}

