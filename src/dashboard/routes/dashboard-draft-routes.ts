import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type Router from "@koa/router";
import type { Context } from "koa";
import type { Deps } from "../../deps";
import { postsFolderLabel } from "../../matrix/scope-account";
import { checkDraft, previewPost, type DraftCheck } from "../../posts/check-draft";
import { decodeMarkdown, MAX_MARKDOWN_BYTES } from "../../posts/decode-markdown";
import { PHONE_PREVIEW_CSP } from "../../posts/phone-preview";
import { fieldTitle } from "../../posts/post-schema";
import { composePostText, hashText, POST_NAME_RE, postPath, savePostFile, SLUG_RE, suggestSlug } from "../../posts/save-post";
import { MAX_IMAGE_BYTES, saveImage } from "../../posts/upload-image";
import { massQuota } from "../../publisher/mass-quota";
import { upcomingIssues } from "../../publisher/upcoming-issues";
import { localDate } from "../../time";
import { staffOf } from "../middleware/auth-session";
import { formOf } from "../middleware/csrf";
import { formUploadsOf, requireCsrfFiles } from "../middleware/csrf-upload";
import { requireCsrfLargeForm } from "../middleware/csrf-editor";
import {
  describeDraftPlan,
  draftListRow,
  editorFields,
  fieldsFromForm,
  firstBodyLineOf,
  formFromText,
  placeProblems,
  type EditorForm,
} from "../presenters/present-drafts";
import { presentPhonePreview, presentPreviewPlaceholder } from "../presenters/present-phone-preview";
import { DRAFT_EDITOR_CSS } from "../views/assets/draft-editor-css";
import { DRAFT_EDITOR_JS } from "../views/assets/draft-editor-script";
import { draftListPage, editorPage, type DraftAssets, type Notice } from "../views/draft-views";
import type { SafeHtml } from "../views/html";
import type { PageRouteDeps } from "./dashboard-page-routes";
import { mountDraftPictureRoutes } from "./dashboard-draft-picture-routes";
import { one } from "./query-value";

/** The editor's form: a post of MAX_MARKDOWN_BYTES, percent-encoded (a CJK character is 9 bytes encoded, 3 raw). */
const FORM_LIMIT_BYTES = MAX_MARKDOWN_BYTES * 3 + 64 * 1024;
/** One upload of a post with its pictures. */
const UPLOAD_LIMITS = { maxFiles: 20, maxFileBytes: MAX_IMAGE_BYTES, maxTotalBytes: 40 * 1024 * 1024 };

const shortHash = (s: string) => createHash("sha256").update(s).digest("hex").slice(0, 10);

/** The editor page lets the phone preview be framed (by this origin only); the rest as createApp's header. */
const EDITOR_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-src 'self'; " +
  "form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

/**
 * 稿件 (issue 15): write, upload and check posts in content/posts/ from the browser. The folder
 * stays the source of truth: a save writes the same file an editor would drop in by hand.
 *   GET  /dashboard/drafts                  the posts, their state in the ledger and problem count
 *   GET  /dashboard/drafts/new | /:name     the editor (front matter form, Markdown, phone preview)
 *   POST /dashboard/drafts/save             check (as `check` does) and write, or show the problems / the conflict
 *   GET|POST /dashboard/drafts/preview      the phone preview page of a saved file / of the form as typed
 *   POST /dashboard/drafts/images           one picture into content/posts/images/ (JSON for the editor script)
 *   POST /dashboard/drafts/upload           a .md file with its pictures
 *   GET  /dashboard/drafts/images/:file     pictures for the preview, behind the login
 * Every POST: login, CSRF token, an audit line; every write through writeFileAtomic.
 */
export function mountDraftRoutes(router: Router, deps: Deps, pages: PageRouteDeps): void {
  mountDraftPictureRoutes(router, deps, pages);
  const accountId = deps.account.id;
  const postsLabel = postsFolderLabel(accountId);
  const contentDir = deps.config.contentDir;
  const tz = deps.config.scheduleTimezone;
  const css = Buffer.from(DRAFT_EDITOR_CSS);
  const js = Buffer.from(DRAFT_EDITOR_JS);
  const assetFiles = new Map([
    [`drafts-${shortHash(DRAFT_EDITOR_CSS)}.css`, { type: "text/css; charset=utf-8", body: css }],
    [`drafts-${shortHash(DRAFT_EDITOR_JS)}.js`, { type: "application/javascript; charset=utf-8", body: js }],
  ]);
  const [cssName, jsName] = [...assetFiles.keys()];
  const assets: DraftAssets = { css: `/dashboard/drafts/assets/${cssName}`, script: `/dashboard/drafts/assets/${jsName}` };

  const columns = () => deps.content.current().columnsById;
  const fields = () => editorFields(deps.content.current().columns);
  const audit = (ctx: Context, action: string, target: string, detail: string | null) =>
    deps.stores.audit.record({ at: deps.clock.now(), accountId, staffName: staffOf(ctx).name, action, target, detail });
  const send = (ctx: Context, title: string, body: SafeHtml, status = 200) => {
    ctx.status = status;
    ctx.type = "text/html; charset=utf-8";
    ctx.set("Content-Security-Policy", EDITOR_CSP);
    ctx.body = pages.page(ctx, title, body, { active: "drafts", query: "", charts: false });
  };
  const postsDir = path.join(contentDir, "posts");
  const postNames = (): string[] => {
    try {
      return readdirSync(postsDir)
        .filter((n) => n.endsWith(".md") && !n.startsWith(".") && !n.startsWith("_") && n.toLowerCase() !== "readme.md")
        .map((n) => n.slice(0, -3))
        .sort()
        .reverse();
    } catch {
      return [];
    }
  };
  const readPost = (name: string): string | undefined => {
    const file = postPath(contentDir, name);
    return file && existsSync(file) ? readFileSync(file, "utf8") : undefined;
  };

  /** The column a text names, for its next 期数 (the title's length counts the number's digits). */
  const columnOf = (text: string) => formFromText(text, [{ key: "column", label: "", kind: "text" }]).values["column"] ?? "";
  /** The checks of `check` for one text, with the 期数 the post would get among the others. */
  const check = (name: string, text: string): DraftCheck => {
    const store = deps.stores.publications;
    const rows = store.list(accountId);
    const sent = new Set(rows.filter((r) => r.state === "published").map((r) => r.slug));
    return checkDraft({
      contentDir,
      name,
      text,
      timezone: tz,
      columns: columns(),
      now: deps.clock.now(),
      isSent: (slug) => sent.has(slug),
      issueOf: (slug) => rows.find((r) => r.slug === slug && r.issue !== null)?.issue ?? store.lastIssue(accountId, columnOf(text)) + 1,
    });
  };

  const planOf = (name: string, result: DraftCheck) => {
    const now = deps.clock.now();
    const post = result.post;
    const quota =
      post && post.mode === "mass"
        ? massQuota({ store: deps.stores.publications, accountId, accountType: deps.config.wechat.accountType, timezone: tz, at: post.publishAt }).facts
        : undefined;
    return describeDraftPlan({ post, errors: result.errors.length, row: name ? deps.stores.publications.find(accountId, name) : undefined, timezone: tz, now, quota, verified: deps.config.wechat.verified });
  };

  /** The editor page for a form and its text as composed (problems placed by the composed text's lines). */
  const showEditor = (
    ctx: Context,
    form: EditorForm,
    text: string | undefined,
    options: { notices?: Notice[]; conflict?: { theirs: string; yours: string }; status?: number; checkName?: string } = {},
  ) => {
    const list = fields();
    const checkName = options.checkName ?? (form.name || `${form.date || localDate(deps.clock.now(), tz)}-${form.slug || "new"}`);
    const result = text !== undefined && POST_NAME_RE.test(checkName) ? check(checkName, text) : { post: undefined, errors: [], warnings: [] };
    const firstBodyLine = text !== undefined ? firstBodyLineOf(text, form.body) : 1;
    const suggested = suggestSlug(form.values["title"] ?? "", form.values["column"] ?? "", form.date || localDate(deps.clock.now(), tz));
    const body = editorPage({
      postsDir: postsLabel,
      csrfToken: staffOf(ctx).csrfToken,
      assets,
      fields: list,
      form,
      problems: placeProblems(result.errors, list, firstBodyLine),
      plan: planOf(form.name, result),
      notices: [...(options.notices ?? []), ...result.warnings.map((w): Notice => ({ level: "info", text: `提示：${w.field ? `${fieldTitle(w.field)}：` : ""}${w.text}` }))],
      conflict: options.conflict,
      suggestedSlug: suggested,
    });
    send(ctx, form.values["title"] ? `稿件 · ${form.values["title"]}` : "稿件", body, options.status);
  };

  router.get("/drafts/assets/:file", (ctx) => {
    const asset = assetFiles.get((ctx.params as { file: string }).file);
    if (!asset) return void (ctx.status = 404);
    ctx.set("Cache-Control", "public, max-age=31536000, immutable");
    ctx.type = asset.type;
    ctx.body = asset.body;
  });

  /** Every post file with its ledger row, as the list shows it. */
  const listRows = () => {
    const rows = new Map(deps.stores.publications.list(accountId).map((r) => [r.slug, r]));
    const columnName = (id: string) => columns().get(id)?.name ?? id;
    const now = deps.clock.now();
    return postNames().map((name) => {
      const text = readPost(name) ?? "";
      return draftListRow(name, text, check(name, text), rows.get(name), columnName, now);
    });
  };

  router.get("/drafts", pages.requireStaff, (ctx) => {
    const list = listRows();
    const notices: Notice[] = [];
    const done = one(ctx.query["saved"]);
    if (done && POST_NAME_RE.test(done)) notices.push({ level: "info", text: `已保存 ${done}.md` });
    send(ctx, "稿件", draftListPage({ rows: list, csrfToken: staffOf(ctx).csrfToken, assets, notices, postsDir: postsLabel }));
  });

  router.get("/drafts/new", pages.requireStaff, (ctx) => {
    const today = localDate(deps.clock.now(), tz);
    const form: EditorForm = { name: "", date: "", slug: "", baseHash: "", values: { publish_at: `${today} 20:00`, draft: "true" }, body: "" };
    showEditor(ctx, form, undefined);
  });

  /** The phone preview of a post's text: images through /dashboard/drafts/images, as the phone will see them. */
  const sendPreview = (ctx: Context, name: string, text: string | undefined) => {
    ctx.set("Content-Security-Policy", PHONE_PREVIEW_CSP);
    ctx.set("X-Frame-Options", "SAMEORIGIN");
    ctx.set("Cache-Control", "no-store");
    ctx.type = "text/html; charset=utf-8";
    const accountName = deps.config.dashboard.accountName;
    const result = text !== undefined && POST_NAME_RE.test(name) ? previewPost({ contentDir, name, text, timezone: tz, columns: columns() }) : undefined;
    const post = result?.post;
    const column = post ? columns().get(post.columnId) : undefined;
    if (!post || !column) {
      const reason =
        text === undefined ? "输入标题、栏目、发布时间和正文后，这里显示手机上的样子。" : `还不能预览：${result?.errors.slice(0, 3).map((e) => e.text).join("；") || "请填写标题、栏目和发布时间"}`;
      ctx.body = presentPreviewPlaceholder(accountName, reason);
      return;
    }
    const rows = deps.stores.publications.list(accountId);
    const issue = upcomingIssues([post], rows, (c) => deps.stores.publications.lastIssue(accountId, c), { now: deps.clock.now() }).get(post.slug) ?? 1;
    ctx.body = presentPhonePreview({ post, column, issue, contentDir, accountName, timezone: tz });
  };

  router.get("/drafts/preview", pages.requireStaff, (ctx) => {
    const name = one(ctx.query["name"]) ?? "";
    sendPreview(ctx, name, POST_NAME_RE.test(name) ? readPost(name) : undefined);
  });

  /** The form as submitted: the file name, the composed text (front matter edited in place), the body. */
  const submitted = (ctx: Context) => {
    const form = formOf(ctx);
    const name = form.get("name") ?? "";
    // No date typed: the publish time's day, as the editor script fills it in.
    const date = (form.get("date") ?? "").trim() || (/^(\d{4}-\d{2}-\d{2})/.exec((form.get("publish_at") ?? "").trim())?.[1] ?? "");
    const rawSlug = (form.get("slug") ?? "").trim();
    const values: Record<string, string> = {};
    const list = fields();
    for (const f of list) values[f.key] = f.kind === "checkbox" ? (form.get(f.key) === "true" ? "true" : "") : (form.get(f.key) ?? "");
    const body = (form.get("body") ?? "").replace(/\r\n?/g, "\n");
    const slug = rawSlug || suggestSlug(values["title"] ?? "", values["column"] ?? "", date);
    const editor: EditorForm = { name: POST_NAME_RE.test(name) ? name : "", date, slug: rawSlug, baseHash: form.get("base_hash") ?? "", values, body };
    const fileName = editor.name || `${date}-${slug}`;
    const original = editor.name ? readPost(editor.name) : undefined;
    const text = composePostText(original, fieldsFromForm(form, list), body);
    return { editor, fileName, text, slugGiven: rawSlug, slug, date };
  };

  router.post("/drafts/preview", pages.requireStaff, requireCsrfLargeForm(FORM_LIMIT_BYTES), (ctx) => {
    const s = submitted(ctx);
    sendPreview(ctx, POST_NAME_RE.test(s.fileName) ? s.fileName : `${localDate(deps.clock.now(), tz)}-preview`, s.text);
  });

  router.post("/drafts/save", pages.requireStaff, requireCsrfLargeForm(FORM_LIMIT_BYTES), (ctx) => {
    const s = submitted(ctx);
    const isNew = s.editor.name === "";
    if (isNew) {
      const problems: string[] = [];
      if (!/^\d{4}-\d{2}-\d{2}$/.test(s.date) || Number.isNaN(Date.parse(`${s.date}T00:00:00Z`))) problems.push(`文件名的日期“${s.date}”不对：请写成 2026-12-01 这样的日期。`);
      if (!SLUG_RE.test(s.slug)) problems.push(`英文短名“${s.slugGiven}”只能用小写英文字母、数字和连字符（如 job-fair），不能有空格或汉字。`);
      if (problems.length > 0) return showEditor(ctx, s.editor, s.text, { notices: problems.map((text) => ({ level: "warn", text })), status: 422, checkName: `${localDate(deps.clock.now(), tz)}-new` });
    }
    const file = postPath(contentDir, s.fileName)!;
    const result = check(s.fileName, s.text);
    const draft = s.editor.values["draft"] === "true";
    if (result.errors.length > 0 && !draft) {
      // Never scheduled with problems: nothing is written; everything typed stays in the form.
      return showEditor(ctx, s.editor, s.text, {
        notices: [{ level: "warn", text: `没有保存：有 ${result.errors.length} 个问题，有问题的稿件不能排期。请改正，或勾选“草稿（暂不发布）”先保存。` }],
        status: 422,
        checkName: s.fileName,
      });
    }
    const saved = savePostFile(file, s.text, s.editor.baseHash);
    if (!saved.ok) {
      audit(ctx, "post.save_conflict", s.fileName, "文件在打开后被修改，未保存");
      const editor: EditorForm = { ...s.editor, baseHash: saved.theirsHash, name: isNew && saved.theirs !== "" ? "" : s.editor.name };
      return showEditor(ctx, editor, s.text, {
        notices: [{ level: "warn", text: isNew ? `${postsLabel}/${s.fileName}.md 已经存在，没有覆盖。请换一个英文短名，或打开那篇稿件修改。` : "没有保存：这篇稿件在你打开之后被别人改过。" }],
        conflict: { theirs: saved.theirs, yours: s.text },
        status: 409,
        checkName: s.fileName,
      });
    }
    audit(ctx, saved.created ? "post.create" : "post.save", s.fileName, `${draft ? "草稿" : "排期"}；${result.errors.length} 个问题；sha256 ${saved.hash.slice(0, 12)}`);
    ctx.status = 303;
    ctx.redirect(`/dashboard/drafts/${s.fileName}?saved=1`);
  });

  router.post("/drafts/upload", pages.requireStaff, requireCsrfFiles(UPLOAD_LIMITS), (ctx) => {
    const uploads = formUploadsOf(ctx);
    const form = formOf(ctx);
    const mds = uploads.filter((u) => /\.(md|markdown|txt)$/i.test(u.filename));
    const pictures = uploads.filter((u) => !mds.includes(u));
    const listWith = (notices: Notice[], status: number) => {
      ctx.status = status;
      send(ctx, "稿件", draftListPage({ rows: listRows(), csrfToken: staffOf(ctx).csrfToken, assets, notices, postsDir: postsLabel }), status);
    };
    if (mds.length !== 1) return listWith([{ level: "warn", text: mds.length === 0 ? "没有收到 .md 文件：请选择一篇文章（.md）和其中用到的图片。" : "一次只能上传一篇文章（.md），图片可以多张。" }], 422);
    const md = mds[0]!;
    const shown = path.basename(md.filename.replace(/\\/g, "/"));
    if (md.tooLarge) return listWith([{ level: "warn", text: `“${shown}”太大：Markdown 文件最大 200 KB。` }], 413);
    const decoded = decodeMarkdown(md.data, shown);
    if (!decoded.ok) return listWith([{ level: "warn", text: decoded.problem }], 422);
    const given = (form.get("name") ?? "").trim().replace(/\.md$/, "");
    const fromFile = shown.replace(/\.(md|markdown|txt)$/i, "");
    const name = POST_NAME_RE.test(given) ? given : POST_NAME_RE.test(fromFile) ? fromFile : "";

    // Pictures first: a name already taken by another picture is renamed, and the text follows.
    const notices: Notice[] = decoded.note ? [{ level: "info", text: decoded.note }] : [];
    let text = decoded.text;
    const stem = POST_NAME_RE.exec(name)?.[2] ?? "image";
    for (const picture of pictures) {
      const r = saveImage(contentDir, picture, stem);
      if (!r.ok) {
        notices.push({ level: "warn", text: r.problem });
        continue;
      }
      if (!r.reused) audit(ctx, "image.upload", r.ref, `${picture.filename} → ${r.name}，${r.bytes} 字节（随 ${shown} 上传）`);
      const original = path.basename(picture.filename.replace(/\\/g, "/"));
      if (`images/${original}` !== r.ref) {
        text = replaceImageRef(text, original, r.ref);
        notices.push({ level: "info", text: `图片 ${original} 保存为 ${r.ref}，文中的引用已随之修改。` });
      }
    }
    const list = fields();
    const { values, body } = formFromText(text, list);
    const date = name ? name.slice(0, 10) : (/^(\d{4}-\d{2}-\d{2})/.exec(values["publish_at"] ?? "")?.[1] ?? localDate(deps.clock.now(), tz));
    const slug = name ? name.slice(11) : "";
    const editor: EditorForm = { name: "", date, slug, baseHash: "", values, body };
    if (!name) {
      notices.push({ level: "warn", text: `“${shown}”的文件名不是“日期-英文短名.md”（如 2026-12-01-job-fair.md）：请在下面填写英文短名，检查后点“保存”。` });
      return showEditor(ctx, editor, text, { notices, status: 422, checkName: `${date}-${suggestSlug(values["title"] ?? "", values["column"] ?? "", date)}` });
    }
    const result = check(name, text);
    if (result.errors.length > 0 && values["draft"] !== "true") {
      notices.push({ level: "warn", text: `没有保存：有 ${result.errors.length} 个问题，有问题的稿件不能排期。请改正，或勾选“草稿（暂不发布）”后保存。` });
      return showEditor(ctx, editor, text, { notices, status: 422, checkName: name });
    }
    const saved = savePostFile(postPath(contentDir, name)!, text, "");
    if (!saved.ok) {
      audit(ctx, "post.upload_conflict", name, `${shown}：同名稿件已存在，未覆盖`);
      notices.push({ level: "warn", text: `${postsLabel}/${name}.md 已经存在，没有覆盖。请换一个文件名，或打开那篇稿件修改。` });
      return showEditor(ctx, editor, text, { notices, status: 409, conflict: { theirs: saved.theirs, yours: text }, checkName: name });
    }
    audit(ctx, "post.upload", name, `${shown}，${md.data.length} 字节，${pictures.length} 张图片；${result.errors.length} 个问题`);
    ctx.status = 303;
    ctx.redirect(`/dashboard/drafts/${name}?saved=1`);
  });

  router.get("/drafts/:name", pages.requireStaff, (ctx) => {
    const name = (ctx.params as { name: string }).name;
    const text = POST_NAME_RE.test(name) ? readPost(name) : undefined;
    if (text === undefined) {
      ctx.status = 404;
      ctx.type = "text/plain; charset=utf-8";
      ctx.body = `没有这篇稿件：${postsLabel}/${name}.md`;
      return;
    }
    const { values, body } = formFromText(text, fields());
    const form: EditorForm = { name, date: name.slice(0, 10), slug: name.slice(11), baseHash: hashText(text), values, body };
    const notices: Notice[] = one(ctx.query["saved"]) ? [{ level: "info", text: `已保存 ${postsLabel}/${name}.md` }] : [];
    // The answer of "发送预览到我的手机" (dashboard-phone-routes.ts), redirected back here.
    const preview = one(ctx.query["preview"]);
    if (preview === "sent") notices.push({ level: "info", text: "预览已发送到你的手机，几秒后在微信里查看（预览用的是已保存的版本）。" });
    if (preview === "refused") notices.push({ level: "warn", text: "没有发出预览：先在“我的手机”页绑定你的微信，并确认稿件已保存、没有问题。" });
    showEditor(ctx, form, text, { notices });
  });
}

/** Points the text's references to an uploaded picture (images/IMG_0042.JPG, IMG_0042.JPG) at the name it was saved under. */
function replaceImageRef(text: string, original: string, ref: string): string {
  const escaped = original.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return text
    .replace(new RegExp(`(\\]\\()(?:\\./)?(?:images/)?${escaped}(?=[)\\s])`, "g"), `$1${ref}`)
    .replace(new RegExp(`^(cover:[ \\t]*)(?:\\./)?(?:images/)?${escaped}[ \\t]*$`, "m"), `$1${ref}`);
}
