/**
 * 稿件 (issue 15, "Editing without a terminal"): the list of content/posts/ and the editor of one
 * post: front matter as a form, the Markdown text with a toolbar and picture drop, every problem
 * beside its field or line, what will happen in words, and the phone preview beside (below on a
 * phone). Works without script: saving and "刷新预览" are plain form posts; the editor script adds
 * the live preview, the toolbar and picture upload by drag and drop.
 */
import { MAX_MARKDOWN_NOTE } from "../../posts/decode-markdown";
import { NEWSPIC_LIMITS } from "../../posts/post";
import { MAX_IMAGE_NOTE } from "../../posts/upload-image";
import type { DraftListRow, EditorField, EditorForm, PlacedProblems, PlanLevel } from "../presenters/present-drafts";
import { html, type SafeHtml } from "./html";

export interface DraftAssets {
  css: string;
  script: string;
}

export interface Notice {
  level: "info" | "warn";
  text: string;
}

const notices = (list: readonly Notice[]) =>
  list.map((n) => html`<p class="notice ${n.level}" role="status" data-notice="${n.level}">${n.text}</p>`);

/** GET /dashboard/drafts */
export function draftListPage(o: { rows: DraftListRow[]; csrfToken: string; assets: DraftAssets; notices: Notice[]; postsDir: string }): SafeHtml {
  const rows = o.rows.map(
    (r) => html`<tr data-draft="${r.name}">
<td data-label="标题"><a href="/dashboard/drafts/${r.name}">${r.title}</a>${r.newspic ? html` <span class="tag" data-newspic>图片消息</span>` : ""}<br><small class="empty">${r.name}.md</small></td>
<td data-label="栏目">${r.column}</td>
<td data-label="发布时间">${r.time}</td>
<td data-label="状态">${r.state}</td>
<td class="num" data-label="问题">${r.problems > 0 ? html`<span class="tag bad" data-problems="${r.problems}">${r.problems} 个问题</span>` : html`<span class="tag ok" data-problems="0">无</span>`}</td>
</tr>`,
  );
  return html`<link rel="stylesheet" href="${o.assets.css}">
<h1>稿件 <small class="empty">${o.postsDir}/ 里的文章 · 时间为北京时间</small></h1>
${notices(o.notices)}
<p class="actions"><a class="button primary" href="/dashboard/drafts/new" data-new-draft>新建稿件</a></p>
<div class="card">
<table class="drafts"><thead><tr><th>标题</th><th>栏目</th><th>发布时间</th><th>状态</th><th class="num">问题</th></tr></thead>
<tbody>${rows.length > 0 ? rows : html`<tr><td colspan="5" class="empty">还没有稿件：点“新建稿件”，或上传一个 .md 文件。</td></tr>`}</tbody></table>
</div>
<div class="card">
<h2>上传 Markdown 文件</h2>
<form method="post" action="/dashboard/drafts/upload" enctype="multipart/form-data" class="draft-upload" data-upload-form>
<input type="hidden" name="_csrf" value="${o.csrfToken}">
<label>文章（.md，UTF-8 或 GBK，最大 ${MAX_MARKDOWN_NOTE}）及其中用到的图片（jpg、png、gif、webp，每张最大 ${MAX_IMAGE_NOTE}）
<input type="file" name="files" multiple accept=".md,.markdown,text/markdown,text/plain,image/*" required></label>
<label>文件名（可选，英文小写，如 2026-12-01-job-fair）<input type="text" name="name" pattern="\\d{4}-\\d{2}-\\d{2}-[a-z0-9]+(-[a-z0-9]+)*" placeholder="留空则用上传的文件名"></label>
<button type="submit" class="primary">上传</button>
</form>
</div>`;
}

export interface EditorPageOptions {
  /** The account's posts folder as editors name it (content/posts, content/accounts/<id>/posts). */
  postsDir: string;
  csrfToken: string;
  assets: DraftAssets;
  fields: EditorField[];
  form: EditorForm;
  problems: PlacedProblems;
  plan: { level: PlanLevel; text: string };
  notices: Notice[];
  /** The file changed since it was opened: both versions, nothing written. */
  conflict?: { theirs: string; yours: string } | undefined;
  /** The suggested ASCII slug for a new post. */
  suggestedSlug: string;
}

function fieldInput(f: EditorField, value: string, problems: readonly string[] | undefined): SafeHtml {
  const id = `field-${f.key}`;
  const invalid = problems && problems.length > 0;
  const describedBy = [f.hint ? `${id}-hint` : "", invalid ? `${id}-problems` : ""].filter(Boolean).join(" ");
  const aria = html`${describedBy ? html` aria-describedby="${describedBy}"` : ""}${invalid ? html` aria-invalid="true"` : ""}`;
  let control: SafeHtml;
  if (f.kind === "select") {
    const options = f.options ?? [];
    const known = options.some(([v]) => v === value);
    control = html`<select id="${id}" name="${f.key}"${aria}>${known ? "" : html`<option value="${value}" selected>${value}（文件里写的）</option>`}${options.map(
      ([v, label]) => html`<option value="${v}"${v === value ? html` selected` : ""}>${label}</option>`,
    )}</select>`;
  } else if (f.kind === "checkbox") {
    control = html`<input type="checkbox" id="${id}" name="${f.key}" value="true"${value === "true" ? html` checked` : ""}${aria}>`;
  } else if (f.kind === "textarea") {
    control = html`<textarea id="${id}" name="${f.key}" rows="2"${aria}>${value}</textarea>`;
  } else {
    control = html`<input type="text" id="${id}" name="${f.key}" value="${value}"${f.placeholder ? html` placeholder="${f.placeholder}"` : ""}${aria}>`;
  }
  return html`<div class="field${f.kind === "checkbox" ? " check" : ""}${invalid ? " invalid" : ""}" data-field="${f.key}">
<label for="${id}">${f.label}</label>${control}
${f.hint ? html`<small id="${id}-hint" class="empty">${f.hint}</small>` : ""}
${invalid ? html`<ul class="field-problems" id="${id}-problems">${problems.map((p) => html`<li>${p}</li>`)}</ul>` : ""}
</div>`;
}

/**
 * What a 图片消息's body may hold (check-newspic.ts). Shown when the file says type: newspic, and
 * by the stylesheet as soon as the editor picks 图片消息 in the form (draft-editor-css.ts, :has).
 */
const NEWSPIC_BODY_HINT =
  `图片消息的正文只放图片和纯文字：图片 ${NEWSPIC_LIMITS.minPictures}–${NEWSPIC_LIMITS.maxPictures} 张，写成 ![说明](images/照片.jpg)，` +
  `按写的顺序左右滑动，第一张作封面；文字最多 ${NEWSPIC_LIMITS.textBytes} 字节（约 ${Math.floor(NEWSPIC_LIMITS.textBytes / 3)} 个汉字），` +
  "空一行分段，不能有标题（#）、列表、引用、链接、加粗、代码或 HTML。要这些格式，请把消息类型改成图文消息。";

/** GET /dashboard/drafts/new, GET /dashboard/drafts/:name, and the answer to a save with problems or a conflict. */
export function editorPage(o: EditorPageOptions): SafeHtml {
  const f = o.form;
  const isNew = f.name === "";
  const title = f.values["title"] || (isNew ? "新建稿件" : f.name);
  const newspic = f.values["type"] === "newspic";
  const previewSrc = isNew ? "/dashboard/drafts/preview" : `/dashboard/drafts/preview?name=${encodeURIComponent(f.name)}`;
  return html`<link rel="stylesheet" href="${o.assets.css}">
<p class="back"><a href="/dashboard/drafts">‹ 全部稿件</a>${isNew ? "" : html`<small class="empty">${o.postsDir}/${f.name}.md</small>`}</p>
<h1>${isNew ? "新建稿件" : html`稿件 · ${title}`}</h1>
${notices(o.notices)}
<p class="notice ${o.plan.level}" data-plan>${o.plan.text}</p>
${
  o.problems.count > 0
    ? html`<div class="notice warn" role="alert" data-problem-count="${o.problems.count}"><strong>共 ${o.problems.count} 个问题</strong>（已标在对应的栏目和行旁边）${
        o.problems.general.length > 0 ? html`<ul data-general-problems>${o.problems.general.map((p) => html`<li>${p}</li>`)}</ul>` : ""
      }</div>`
    : ""
}
${
  o.conflict
    ? html`<section class="card conflict" data-conflict>
<h2>这篇稿件在你打开之后被别人改过，你的修改没有保存</h2>
<p>两个版本都在下面，什么也没有被覆盖。请把对方的修改合并到你的版本里（编辑框里仍是你的文字），再点“保存”：那时会用编辑框里的内容替换对方的版本。</p>
<div class="conflict-grid">
<label>对方的版本（现在文件里的内容）<textarea readonly rows="14" data-theirs>${o.conflict.theirs || "（文件已被删除）"}</textarea></label>
<label>你的版本（尚未保存）<textarea readonly rows="14" data-yours>${o.conflict.yours}</textarea></label>
</div>
</section>`
    : ""
}
<div class="editor-grid">
<form id="draft-form" class="draft-form" method="post" action="/dashboard/drafts/save" data-editor>
<input type="hidden" name="_csrf" value="${o.csrfToken}">
<input type="hidden" name="name" value="${f.name}">
<input type="hidden" name="base_hash" value="${f.baseHash}">
${
  isNew
    ? html`<fieldset class="file-name"><legend>文件名</legend>
<div class="field"><label for="field-date">日期</label><input type="text" id="field-date" name="date" value="${f.date}" placeholder="2026-12-01" inputmode="numeric" data-date></div>
<div class="field"><label for="field-slug">英文短名</label><input type="text" id="field-slug" name="slug" value="${f.slug}" placeholder="${o.suggestedSlug}" data-slug data-suggested="${o.suggestedSlug}">
<small class="empty">只用小写英文字母、数字和连字符，如 job-fair；发布后不要再改。留空则用 ${o.suggestedSlug}</small></div>
</fieldset>`
    : ""
}
<fieldset class="front-matter"><legend>文章信息</legend>
${o.fields.map((field) => fieldInput(field, f.values[field.key] ?? "", o.problems.byField.get(field.key)))}
</fieldset>
<div class="field body-field${o.problems.byLine.length > 0 ? " invalid" : ""}" data-field="body">
<label for="draft-body">正文（Markdown）</label>
<small id="draft-body-hint" class="newspic-hint" data-newspic-hint${newspic ? html` data-active` : ""}>${NEWSPIC_BODY_HINT}</small>
<div class="toolbar" role="toolbar" aria-label="格式" data-toolbar hidden>
<button type="button" data-md="bold" title="加粗"><b>B</b></button><button type="button" data-md="h2" title="小标题">H</button><button type="button" data-md="ul" title="列表">• 列表</button><button type="button" data-md="ol" title="编号列表">1. 列表</button><button type="button" data-md="image" title="插入图片">图片</button>
</div>
<textarea id="draft-body" name="body" rows="22" spellcheck="false"${newspic ? html` aria-describedby="draft-body-hint"` : ""} data-body>${f.body}</textarea>
${
  o.problems.byLine.length > 0
    ? html`<ul class="field-problems" data-line-problems>${o.problems.byLine.map((p) => html`<li data-line="${p.line}">正文第 ${p.line} 行：${p.text}</li>`)}</ul>`
    : ""
}
<div class="drop" data-drop>
<label for="picture-input">插入图片：拖到这里，或<span class="pick">从相册/文件选择</span></label>
<input type="file" id="picture-input" accept="image/*" multiple data-picture-input>
<small class="empty">jpg、png、gif、webp，每张最大 ${MAX_IMAGE_NOTE}；保存在 ${o.postsDir}/images/</small>
<p class="picture-status" role="status" data-picture-status></p>
</div>
</div>
<div class="save-bar">
<button type="submit" class="primary" data-save>保存</button>
<button type="submit" formaction="/dashboard/drafts/preview" formtarget="phone-preview" formnovalidate data-preview-button>刷新预览</button>
</div>
</form>
<section class="preview-pane" aria-label="手机预览">
<iframe name="phone-preview" src="${previewSrc}" title="手机预览" data-preview></iframe>
${
  isNew
    ? ""
    : html`<form class="preview-to-me" method="post" action="/dashboard/posts/${f.name}/preview-to-me" data-preview-to-me>
<input type="hidden" name="_csrf" value="${o.csrfToken}">
<input type="hidden" name="back" value="/dashboard/drafts/${f.name}">
<button type="submit">发送预览到我的手机</button>
<small class="empty">发送已保存的版本；手机要先在<a href="/dashboard/phone">我的手机</a>绑定。</small>
</form>`
}
</section>
</div>
<script src="${o.assets.script}"></script>`;
}
