/**
 * 矩阵 (issue 14, "The matrix pages"): the accounts a staff member may view, side by side for a
 * month, sorted server-side by any column, with the 合计 row over those accounts. Pure: the
 * figures (stats/read-matrix-figures.ts) in, rows out; the page and the CSV render the same rows.
 */
import { COLUMN_CATEGORIES, type ColumnCategory } from "../../bot/bot-content";
import type { AccountFigures, AccountStanding, MatrixAccount } from "../../stats/read-matrix-figures";
import { formatMinute } from "../../stats/dates";
import { explainErrcode } from "../../wechat/api-errcodes";
import { chineseMonth } from "../../matrix/township-report-grid";
import { formatNumber, type Cell, type Table } from "./page-model";
import { label, SYNC_SOURCE_LABELS } from "./labels";

export const MATRIX_PATH = "/dashboard/matrix";

export type SortDir = "asc" | "desc";

const CATEGORY_KEYS: Record<ColumnCategory, string> = {
  政策法规: "sentPolicy",
  致富信息: "sentWealth",
  新闻娱乐: "sentNews",
  便民服务: "sentService",
  其他: "sentOther",
};

export interface MatrixColumn {
  key: string;
  label: string;
  /** Shared header cell above (关注, 本月发文, 青年之声). */
  group?: string;
  numeric: boolean;
  /** The first click's direction: biggest first for figures, A→Z for names. */
  firstDir: SortDir;
}

export const MATRIX_COLUMNS: readonly MatrixColumn[] = [
  { key: "name", label: "账号", numeric: false, firstDir: "asc" },
  { key: "health", label: "状态", numeric: false, firstDir: "desc" },
  { key: "followers", label: "关注总数", group: "关注", numeric: true, firstDir: "desc" },
  { key: "newFollowers", label: "新关注", group: "关注", numeric: true, firstDir: "desc" },
  { key: "unfollowed", label: "取消关注", group: "关注", numeric: true, firstDir: "desc" },
  { key: "net", label: "净增", group: "关注", numeric: true, firstDir: "desc" },
  ...COLUMN_CATEGORIES.map((c): MatrixColumn => ({ key: CATEGORY_KEYS[c], label: c, group: "本月发文", numeric: true, firstDir: "desc" })),
  { key: "sentTotal", label: "合计", group: "本月发文", numeric: true, firstDir: "desc" },
  { key: "reads", label: "阅读", numeric: true, firstDir: "desc" },
  { key: "messages", label: "收到消息", numeric: true, firstDir: "desc" },
  { key: "qaAsked", label: "提问", group: "青年之声", numeric: true, firstDir: "desc" },
  { key: "qaAnswered", label: "已答复", group: "青年之声", numeric: true, firstDir: "desc" },
  { key: "qaOverdue", label: "逾期未答", group: "青年之声", numeric: true, firstDir: "desc" },
  { key: "lastPublication", label: "最近发布", numeric: false, firstDir: "desc" },
  { key: "token", label: "令牌", numeric: false, firstDir: "desc" },
  { key: "lastPush", label: "最近收到推送", numeric: false, firstDir: "desc" },
  { key: "lastFailure", label: "最近失败", numeric: false, firstDir: "desc" },
];

export const isSortKey = (s: string | undefined): s is string => s !== undefined && MATRIX_COLUMNS.some((c) => c.key === s);

export interface MatrixCell {
  text: string;
  /** What sorting compares; null always sorts last. */
  sort: number | string | null;
  /** The CSV's value (numbers stay numbers). */
  csv: Cell;
  /** A tooltip: where a figure comes from, a failure's full reason. */
  hint?: string;
  /** Needs someone to act (shown in red). */
  attention?: boolean;
}

export interface MatrixRow {
  id: string;
  name: string;
  township: string;
  /** /dashboard/?account=<id>: that account's own pages. */
  href: string;
  standing: AccountStanding;
  /** Not served here (paused, not served, problem): why, and what to do. Its figures are empty. */
  note?: string;
  attention: boolean;
  cells: Record<string, MatrixCell>;
}

export interface MatrixHeader extends MatrixColumn {
  href: string;
  ariaSort: "ascending" | "descending" | "none";
}

export interface MatrixModel {
  month: string;
  title: string;
  sort: { key: string; dir: SortDir } | null;
  headers: MatrixHeader[];
  rows: MatrixRow[];
  totals: Record<string, MatrixCell>;
  csvHref: string;
  notices: string[];
}

export interface MatrixInput {
  month: string;
  accounts: readonly MatrixAccount[];
  sort?: { key: string; dir?: SortDir | undefined } | undefined;
  /** The time zone times are shown in (SCHEDULE_TIMEZONE, Asia/Shanghai). */
  timezone: string;
}

const num = (n: number | null, hint?: string): MatrixCell => ({ text: formatNumber(n), sort: n, csv: n, ...(hint ? { hint } : {}) });
const sumKnown = (xs: readonly (number | null)[]): number | null => (xs.some((x) => x !== null) ? xs.reduce<number>((a, x) => a + (x ?? 0), 0) : null);

const STANDING: Record<Exclude<AccountStanding, "served">, { text: string; note: string }> = {
  paused: {
    text: "已暂停",
    note: "content/accounts.yml 里这个账号写了 paused: true：不收消息、不发布、不取微信数据。要恢复，删掉 paused 这一行并重启服务。",
  },
  not_served: {
    text: "不由本系统收发",
    note: "content/accounts.yml 里这个账号没有 env：本系统不替它收发和发布，它只出现在附件2、附件3 里，数字由乡镇每月在「附件3」页填报。要接入，给它写上 env 并在 .env 填好密钥，然后重启服务。",
  },
  problem: { text: "无法收发", note: "" },
};

/** The token is failing when its last failure is newer than its last success. */
function tokenCell(f: AccountFigures, tz: string): MatrixCell {
  const { refreshedAt, failure } = f.token;
  if (failure && (refreshedAt === null || failure.at > refreshedAt)) {
    const why = failure.errcode !== null ? explainErrcode(failure.errcode, failure.detail).text : `连不上微信服务器（${failure.detail}），请检查服务器网络，系统会自动重试`;
    return { text: `令牌获取失败：${why}`, sort: 2, csv: `令牌获取失败：${why}`, hint: `${formatMinute(failure.at, tz)} 获取失败`, attention: true };
  }
  if (refreshedAt !== null) return { text: "正常", sort: 0, csv: "正常", hint: `${formatMinute(refreshedAt, tz)} 获取成功` };
  return { text: "尚未获取", sort: 1, csv: "尚未获取", hint: "还没有调用过微信接口（第一次发布或同步统计时获取）" };
}

interface Failure {
  at: number;
  text: string;
  /** Still true now: a publication failure with no success since, or a stats source whose last run failed. */
  current: boolean;
}

/** The newest failure of either kind, in the words of the 发布 page and the 数据同步状态 table. */
function lastFailure(f: AccountFigures, tz: string): Failure | null {
  const found: Failure[] = [];
  const p = f.publicationFailure;
  if (p) {
    const what = p.state === "missed" ? "错过发布时间" : "发布失败";
    found.push({ at: p.at, text: `${what}：《${p.title}》${p.reason ? ` ${p.reason}` : ""}`, current: f.lastPublication === null || f.lastPublication.at < p.at });
  }
  for (const s of f.statsErrors) {
    found.push({ at: s.at, text: `统计同步失败：${label(SYNC_SOURCE_LABELS, s.source)}${s.detail ? ` ${s.detail}` : ""}`, current: true });
  }
  found.sort((a, b) => b.at - a.at);
  const newest = found[0];
  return newest ? { ...newest, text: `${formatMinute(newest.at, tz)} ${newest.text}` } : null;
}

function servedCells(f: AccountFigures, tz: string): { cells: Record<string, MatrixCell>; attention: boolean } {
  const token = tokenCell(f, tz);
  const failure = lastFailure(f, tz);
  const attention = token.attention === true || failure?.current === true;
  const healthText = token.attention ? token.text : failure?.current ? failure.text : "正常";
  const sentTotal = COLUMN_CATEGORIES.reduce((a, c) => a + f.sent[c], 0);
  const followersHint =
    f.followers.source === "logs" ? "本系统记录的关注事件（微信统计不可用或尚未同步）" : f.followers.source === "user_get" ? "微信 user/get 的当前总数" : "微信数据统计（getusercumulate）";
  const cells: Record<string, MatrixCell> = {
    health: { text: healthText, sort: token.attention ? 2 : attention ? 1 : 0, csv: healthText, ...(attention ? { attention } : {}) },
    followers: num(f.followers.total, followersHint),
    newFollowers: num(f.followers.newUser),
    unfollowed: num(f.followers.cancelUser),
    net: num(f.followers.net),
    sentTotal: num(sentTotal),
    reads: num(f.reads.value, f.reads.label),
    messages: num(f.messages),
    qaAsked: num(f.qa.asked),
    qaAnswered: num(f.qa.answered),
    qaOverdue: { ...num(f.qa.overdue), ...(f.qa.overdue > 0 ? { attention: true, hint: "提问超过 48 小时还没有答复：请到「青年之声」页答复" } : {}) },
    lastPublication: f.lastPublication
      ? { text: `${f.lastPublication.title} · ${formatMinute(f.lastPublication.at, tz)}`, sort: f.lastPublication.at, csv: `${formatMinute(f.lastPublication.at, tz)} ${f.lastPublication.title}` }
      : { text: "还没有发布过", sort: null, csv: null },
    token,
    lastPush: f.lastPushAt !== null ? { text: formatMinute(f.lastPushAt, tz), sort: f.lastPushAt, csv: formatMinute(f.lastPushAt, tz) } : { text: "从未收到", sort: null, csv: null },
    lastFailure: failure ? { text: failure.text, sort: failure.at, csv: failure.text, ...(failure.current ? { attention: true } : {}) } : { text: "无", sort: null, csv: null },
  };
  for (const c of COLUMN_CATEGORIES) cells[CATEGORY_KEYS[c]] = num(f.sent[c]);
  return { cells, attention };
}

function rowOf(a: MatrixAccount, tz: string): MatrixRow {
  const base = { id: a.id, name: a.name, township: a.township, href: `/dashboard/?account=${encodeURIComponent(a.id)}`, standing: a.standing };
  const name: MatrixCell = { text: a.name, sort: a.name, csv: a.name, hint: `${a.township} · ${a.id}` };
  const figures = a.figures ? servedCells(a.figures, tz) : { cells: {} as Record<string, MatrixCell>, attention: false };
  if (a.standing === "served") return { ...base, attention: figures.attention, cells: { name, ...figures.cells } };
  const s = STANDING[a.standing];
  const note = a.standing === "problem" ? `${a.problem ?? ""} 改好 content/accounts/${a.id}/ 里的文件后重启服务（npm run cli -- check 会列出每一处问题）。` : s.note;
  // Not served: the state is what matters; its figures (the paused county's month so far) follow.
  const health: MatrixCell = { text: s.text, sort: a.standing === "problem" ? 3 : -1, csv: `${s.text}：${note}`, hint: note, ...(a.standing === "problem" ? { attention: true } : {}) };
  return { ...base, note, attention: a.standing === "problem", cells: { ...figures.cells, name, health } };
}

function compare(a: MatrixCell | undefined, b: MatrixCell | undefined, dir: SortDir): number {
  const x = a?.sort ?? null;
  const y = b?.sort ?? null;
  if (x === null || y === null) return x === y ? 0 : x === null ? 1 : -1;
  const order = typeof x === "number" && typeof y === "number" ? x - y : String(x).localeCompare(String(y), "zh-CN");
  return dir === "asc" ? order : -order;
}

function totalsOf(rows: readonly MatrixRow[]): Record<string, MatrixCell> {
  const totals: Record<string, MatrixCell> = {};
  for (const col of MATRIX_COLUMNS.filter((c) => c.numeric)) {
    const n = sumKnown(rows.map((r) => (typeof r.cells[col.key]?.csv === "number" ? (r.cells[col.key]!.csv as number) : null)));
    totals[col.key] = num(n);
  }
  const labels = new Set(rows.map((r) => r.cells["reads"]?.hint).filter((h): h is string => h !== undefined));
  if (labels.size > 1) totals["reads"] = { ...totals["reads"]!, hint: `各账号口径不同（${[...labels].join("、")}），合计仅供参考` };
  const needing = rows.filter((r) => r.attention).length;
  totals["name"] = { text: `合计（${rows.length} 个账号）`, sort: null, csv: `合计（${rows.length} 个账号）` };
  const health = needing === 0 ? "全部正常" : `${needing} 个账号需要处理`;
  totals["health"] = { text: health, sort: null, csv: health, ...(needing > 0 ? { attention: true } : {}) };
  return totals;
}

const hrefOf = (month: string, sort?: { key: string; dir: SortDir }) => `${MATRIX_PATH}?month=${month}${sort ? `&sort=${sort.key}&dir=${sort.dir}` : ""}`;

export function presentMatrix(input: MatrixInput): MatrixModel {
  const tz = input.timezone;
  const column = input.sort ? MATRIX_COLUMNS.find((c) => c.key === input.sort!.key) : undefined;
  const sort = column ? { key: column.key, dir: input.sort!.dir ?? column.firstDir } : null;
  const unsorted = input.accounts.map((a) => rowOf(a, tz));
  // Array.prototype.sort is stable: equal figures keep accounts.yml's order (the county first).
  const rows = sort ? [...unsorted].sort((a, b) => compare(a.cells[sort.key], b.cells[sort.key], sort.dir)) : unsorted;
  const headers = MATRIX_COLUMNS.map((c): MatrixHeader => {
    const current = sort?.key === c.key ? sort.dir : undefined;
    const next: SortDir = current === undefined ? c.firstDir : current === "asc" ? "desc" : "asc";
    return { ...c, href: hrefOf(input.month, { key: c.key, dir: next }), ariaSort: current === "asc" ? "ascending" : current === "desc" ? "descending" : "none" };
  });
  const notices: string[] = [];
  if (unsorted.some((r) => r.cells["followers"]?.hint?.startsWith("本系统记录"))) {
    notices.push("部分账号的关注数来自本系统记录的关注事件（未认证的账号读不到微信的统计，或尚未同步），只包含本系统上线以来的变化；把鼠标停在数字上可看来源。");
  }
  return {
    month: input.month,
    title: `矩阵 · ${chineseMonth(input.month)}`,
    sort,
    headers,
    rows,
    totals: totalsOf(unsorted),
    csvHref: `${MATRIX_PATH}.csv?month=${input.month}${sort ? `&sort=${sort.key}&dir=${sort.dir}` : ""}`,
    notices,
  };
}

/** The same rows as the page, one line per account and the 合计 line last. */
export function matrixTable(model: MatrixModel): Table {
  const columns = [
    { key: "id", label: "账号ID" },
    { key: "township", label: "乡镇" },
    ...MATRIX_COLUMNS.map((c) => ({ key: c.key, label: c.key === "sentTotal" ? "发文合计" : c.label, ...(c.group ? { group: c.group } : {}), ...(c.numeric ? { numeric: true } : {}) })),
  ];
  const line = (cells: Record<string, MatrixCell>): Record<string, Cell> => Object.fromEntries(MATRIX_COLUMNS.map((c) => [c.key, cells[c.key]?.csv ?? null]));
  return {
    id: "matrix",
    caption: model.title,
    columns,
    rows: [...model.rows.map((r) => ({ id: r.id, township: r.township, ...line(r.cells) })), { id: "", township: "", ...line(model.totals) }],
  };
}
