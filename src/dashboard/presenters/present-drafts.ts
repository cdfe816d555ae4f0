/**
 * The 稿件 page's models: the list of content/posts/, the editor form built from a file (and back),
 * problems placed beside their field or line, and what will happen to the post, in words, from the
 * publications ledger and describePlan.
 */
import { isMap, parseDocument } from "yaml";
import type { Publication } from "../../db/stores/publication-store";
import type { DraftProblem } from "../../posts/check-draft";
import { describePlan, type MassQuotaFacts } from "../../posts/describe-plan";
import { EXPIRED_DEMO_NOTE, isExpiredDemo, type Post } from "../../posts/post";
import { POST_FIELDS, type PostFieldSpec } from "../../posts/post-schema";
import type { FrontMatterValue } from "../../posts/save-post";
import { splitFrontMatter } from "../../posts/split-front-matter";
import { formatLocal } from "../../time";
import { MODE_LABELS, STATE_LABELS } from "./labels";

export interface EditorField {
  key: string;
  label: string;
  kind: "text" | "select" | "checkbox" | "textarea";
  /** [value, label]; "" is "not set". */
  options?: readonly (readonly [string, string])[];
  placeholder?: string;
  hint?: string;
}

/** Fields the form leaves out: demo marks the shipped examples; editors never set it. */
const HIDDEN_FIELDS = new Set(["demo"]);
/** What "" (the field left out of the file) means, per select. */
const UNSET_LABELS: Record<string, string> = { column: "（请选择）", mode: "按栏目默认", type: "图文消息（默认）", comments: "按栏目默认" };

/**
 * The form, from the same field list as the front matter schema (post-schema.ts POST_FIELDS), so
 * the page and `check` never disagree on names, labels and choices. Fields a file carries beyond
 * the form keep their value when the form saves (composePostText edits in place).
 */
export function editorFields(columns: readonly { id: string; name: string }[]): EditorField[] {
  return POST_FIELDS.filter((f) => !HIDDEN_FIELDS.has(f.name)).map((f): EditorField => {
    const spec = f as PostFieldSpec;
    const base = { key: spec.name, label: spec.label, hint: spec.help, ...(spec.example ? { placeholder: spec.example } : {}) };
    if (spec.kind === "boolean") return { ...base, kind: "checkbox", label: spec.name === "draft" ? "草稿（暂不发布）" : spec.label };
    if (spec.kind === "select") {
      const choices = spec.optionsFrom === "columns" ? columns.map((c) => [c.id, `${c.name}（${c.id}）`] as const) : (spec.options ?? []).map((o) => [o.value, o.label] as const);
      const unset = UNSET_LABELS[spec.name] ?? "（不填）";
      // "图文消息（默认）" is what leaving the field out means; one option for both.
      return { ...base, kind: "select", options: [["", unset], ...choices.filter(([v]) => !(spec.name === "type" && v === "article"))] };
    }
    return { ...base, kind: spec.name === "digest" ? "textarea" : "text" };
  });
}

export interface EditorForm {
  /** YYYY-MM-DD-slug of an existing file; "" for a new post. */
  name: string;
  /** New post: the date and slug of the file name to create. */
  date: string;
  slug: string;
  /** sha256 of the file as opened ("" for a new post). */
  baseHash: string;
  values: Record<string, string>;
  body: string;
}

/** The form's values from a file's text: front matter fields as strings, the body below. */
export function formFromText(text: string, fields: readonly EditorField[]): { values: Record<string, string>; body: string } {
  const clean = text.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
  const values: Record<string, string> = {};
  if (!/^---[ \t]*\n/.test(clean)) return { values, body: clean };
  const { matter, content } = splitFrontMatter(clean);
  const doc = parseDocument(matter);
  const data = doc.errors.length === 0 && isMap(doc.contents) ? (doc.toJSON() as Record<string, unknown>) : {};
  for (const f of fields) {
    const v = data[f.key];
    if (v === undefined || v === null) continue;
    values[f.key] = f.kind === "checkbox" ? (v === true || v === "true" ? "true" : "") : v instanceof Date ? v.toISOString() : String(v);
  }
  return { values, body: content.replace(/^\n/, "") };
}

/** The front matter to write from a submitted form: "" removes a field, an absent one is kept; the checkbox is true or absent. */
export function fieldsFromForm(form: URLSearchParams, fields: readonly EditorField[]): Map<string, FrontMatterValue> {
  const out = new Map<string, FrontMatterValue>();
  for (const f of fields) {
    if (f.kind === "checkbox") {
      out.set(f.key, form.get(f.key) === "true" ? true : undefined);
      continue;
    }
    // A field the request does not carry is left as the file has it (a script, an older page).
    if (!form.has(f.key)) continue;
    const raw = (form.get(f.key) ?? "").replace(/\r\n?/g, "\n");
    const value = f.kind === "textarea" ? raw.trim().replace(/\n+/g, " ") : raw.trim();
    out.set(f.key, value);
  }
  return out;
}

export interface PlacedProblems {
  /** Per form field. */
  byField: Map<string, string[]>;
  /** Per line of the body textarea (1-based), for the body's problems. */
  byLine: { line: number; text: string }[];
  /** Body problems without a line, and problems of fields the form does not show (with the field named). */
  general: string[];
  count: number;
}

/**
 * Puts each problem where the editor will look: beside its field, beside the body line (the
 * textarea's own numbering: file line minus the lines above the body), or at the top.
 */
export function placeProblems(problems: readonly DraftProblem[], fields: readonly EditorField[], firstBodyLine: number): PlacedProblems {
  const keys = new Set(fields.map((f) => f.key));
  const placed: PlacedProblems = { byField: new Map(), byLine: [], general: [], count: problems.length };
  for (const p of problems) {
    if (p.field !== undefined && keys.has(p.field)) {
      placed.byField.set(p.field, [...(placed.byField.get(p.field) ?? []), p.text]);
    } else if (p.line !== undefined && p.line >= firstBodyLine && (p.field === undefined || p.field === "body")) {
      placed.byLine.push({ line: p.line - firstBodyLine + 1, text: p.text });
    } else if (p.field === "body") {
      placed.general.push(`正文：${p.text}`);
    } else {
      placed.general.push(`${p.field ? `${p.field}：` : ""}${p.line !== undefined ? `第 ${p.line} 行：` : ""}${p.text}`);
    }
  }
  placed.byLine.sort((a, b) => a.line - b.line);
  return placed;
}

/** The file line where the body starts in a composed text (the body is its tail). */
export function firstBodyLineOf(text: string, body: string): number {
  const cleanBody = body.replace(/\r\n?/g, "\n").replace(/^\n+/, "");
  const at = cleanBody === "" ? text.length : text.lastIndexOf(cleanBody);
  return text.slice(0, at < 0 ? text.length : at).split("\n").length;
}

export type PlanLevel = "info" | "warn";

export interface PlanFactsInput {
  post: Post | undefined;
  errors: number;
  row: Publication | undefined;
  timezone: string;
  now: Date;
  quota: MassQuotaFacts | undefined;
  /** 微信认证 (describePlan: unverified accounts only make drafts). */
  verified?: boolean;
}

/**
 * What will happen to the post, in words (issue 15 "No surprises"), following the ledger: a
 * published post is never sent again, one under way is not changed by a save, a draft or a post
 * with problems is not scheduled.
 */
export function describeDraftPlan(f: PlanFactsInput): { level: PlanLevel; text: string } {
  const when = (d: Date | null) => (d ? formatLocal(d, f.timezone, "YYYY年M月D日 HH:mm") : "?");
  const row = f.row;
  if (row?.state === "published") {
    return { level: "warn", text: `本文已于 ${when(row.publishedAt)}${MODE_LABELS[row.mode] ?? ""}，修改不会再次发送（需要更正请新建一篇稿件）。` };
  }
  if (row && ["rendering", "drafted", "submitted"].includes(row.state)) {
    return { level: "warn", text: `本文正在发送（${STATE_LABELS[row.state]}），这次发送用的是开始发送时的版本，现在修改不会改变它，也不会再发一次。` };
  }
  if (f.errors > 0) return { level: "warn", text: `有 ${f.errors} 个问题，改好之前不会发布（可先存为草稿）。` };
  if (!f.post) return { level: "warn", text: "还不能发布：请填写标题、栏目和发布时间。" };
  if (f.post.draft) return { level: "info", text: "草稿：不会发布。取消勾选“草稿（暂不发布）”并保存后才会排期。" };
  if (isExpiredDemo(f.post, f.now, row !== undefined)) return { level: "info", text: `${EXPIRED_DEMO_NOTE}。要发送它：改成将来的时间并删掉 demo 一行后保存，或到“发布”页立即发布。` };
  if (row?.state === "draft_only") {
    return { level: "warn", text: `草稿已建：${row.failureReason ?? "该账号无发布接口权限，请在公众号后台手动发表"}。修改不会再次发送，请在公众号后台的草稿箱里发表。` };
  }
  if (row?.state === "awaiting_approval") return { level: "warn", text: "群发正等待管理员在手机上确认（API 群发保护，30 分钟内有效）；现在修改不会改变这次群发。" };
  const plan = describePlan({ mode: f.post.mode, at: f.post.publishAt, timezone: f.timezone, quota: f.post.mode === "mass" ? f.quota : undefined, now: f.now, verified: f.verified });
  if (row?.state === "failed") return { level: "warn", text: `上次发送失败（${row.failureReason ?? "原因未知"}）。保存后请到“发布”页重试；计划：${plan}。` };
  if (row?.state === "missed") return { level: "warn", text: `本文错过了发送时间（${when(row.scheduledAt)}），不会自动补发。请改发布时间后保存，或到“发布”页处理。` };
  if (row?.state === "cancelled") return { level: "warn", text: "本文已取消发送。需要发送请到“发布”页重新排期。" };
  if (row?.state === "waiting_quota") return { level: "info", text: `等待群发额度：${plan}。` };
  if (row?.state === "skipped") return { level: "warn", text: "本文已被跳过，不会发送。改发布时间后保存会重新排期。" };
  return { level: "info", text: `计划：${plan}。` };
}

export interface DraftListRow {
  name: string;
  title: string;
  column: string;
  /** publish_at as written. */
  time: string;
  /** From the ledger, else 草稿 / 未排期 / 待发布. */
  state: string;
  problems: number;
  /** type: newspic (图片消息), tagged in the list. */
  newspic: boolean;
}

/** One row of the 稿件 list from a file's text (read leniently: a broken post is listed with its problem count). */
export function draftListRow(
  name: string,
  text: string,
  checked: { post: Post | undefined; errors: readonly unknown[] },
  row: Publication | undefined,
  columnName: (id: string) => string,
  now: Date,
): DraftListRow {
  const problems = checked.errors.length;
  const { values } = formFromText(text, [
    { key: "title", label: "", kind: "text" },
    { key: "column", label: "", kind: "text" },
    { key: "publish_at", label: "", kind: "text" },
    { key: "draft", label: "", kind: "checkbox" },
    { key: "type", label: "", kind: "text" },
  ]);
  const state = row
    ? (STATE_LABELS[row.state] ?? row.state)
    : values["draft"] === "true"
      ? "草稿"
      : problems > 0
        ? "有问题，不会发布"
        : checked.post && isExpiredDemo(checked.post, now, false)
          ? "示例，不会发送"
          : "待发布";
  return {
    name,
    title: values["title"] || "（无标题）",
    column: values["column"] ? columnName(values["column"]) : "—",
    time: values["publish_at"] || "—",
    state,
    problems,
    newspic: values["type"]?.trim() === "newspic",
  };
}
