import { ACTION_LABELS } from "../../staff/role-labels";
import type { StaffAction } from "../../staff/can";
import { html, type SafeHtml } from "./html";

export interface Refusal {
  /** The account or 附件3 row asked for, as staff read it: 青春轮台, 轮南镇. */
  label: string;
  action: StaffAction;
  /** The signed-in user's grants in words (role-labels.ts describeGrants). */
  mine: string;
  userName: string;
}

/** The one-line refusal, the same words on the page and in a refused CSV/xlsx download. */
export const refusalText = (r: Refusal) => `你的账号没有权限查看或操作 ${r.label} 的内容，请联系县团委管理员。`;

/** What the admin runs (or does on the 人员 page) to let this user in. */
const fixText = (r: Refusal) =>
  r.action === "administer"
    ? `这一步只有县团委管理员（全部账号的管理员）能做。`
    : `管理员可以在后台「人员」页给「${r.userName}」添加「${ACTION_LABELS[r.action]}」以上的权限，或在服务器上运行 npm run cli -- user grant ${r.userName} --role ${r.action === "view" ? "viewer" : "editor"} --account 账号ID。`;

export const refusalPlain = (r: Refusal) => `${refusalText(r)}\n你现在的权限：${r.mine}。\n${fixText(r)}\n`;

export function refusalPage(r: Refusal): SafeHtml {
  return html`<section class="refusal" data-refused="${r.label}">
<h1>没有权限</h1>
<p>${refusalText(r)}</p>
<p>这一步需要：${ACTION_LABELS[r.action]}。你现在的权限：${r.mine}。</p>
<p>${fixText(r)}</p>
</section>`;
}
