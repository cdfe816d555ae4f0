import { mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { Deps } from "../deps";
import type { Publication } from "../db/stores/publication-store";
import { checkPost } from "../posts/check-post";
import { resolveImagePath, WECHAT_IMAGE_HOST } from "../posts/find-images";
import { loadPosts } from "../posts/load-posts";
import { newspicPreview, phonePreviewPage, type NewspicPreview } from "../posts/phone-preview";
import { NEWSPIC_LIMITS, type Post, type PostType } from "../posts/post";
import type { RenderedArticle } from "../posts/render-post";
import { formatLocal } from "../time";
import { EDITED_NOTE, editedSincePublished } from "../publisher/edited-since-published";
import { planRun, planSync } from "../publisher/pick-due";
import { publisherFor, type Publisher } from "../publisher/publisher";
import { upcomingIssues } from "../publisher/upcoming-issues";
import { localTime } from "./publication-words";

/** One post a dry run looked at, as `publish --dry-run --json` gives it. */
export interface DryRunTarget {
  slug: string;
  verdict: string;
  mode: "mass" | "publish" | null;
  /** article: 图文消息; newspic: 图片消息 (then characters and textBytes are its plain text's). */
  type: PostType | null;
  title: string | null;
  digest: string | null;
  characters: number | null;
  images: number | null;
  footnotes: number | null;
  /** newspic: the text's UTF-8 bytes (WeChat takes at most NEWSPIC_LIMITS.textBytes). */
  textBytes: number | null;
  problems: string[];
  /** --post: the article's HTML (a newspic: its phone preview), written for a browser. */
  html: string | null;
}

export interface DryRunResult {
  /** What syncing the ledger with content/posts would do: track, update, cancel. */
  sync: { action: "track" | "update" | "cancel"; slug: string }[];
  targets: DryRunTarget[];
  problems: string[];
  at: Date;
  failed: boolean;
}

const SYNC_WORDS = { track: "登记", update: "重新排期", cancel: "取消" } as const;

/** A ledger row as it would be created for a post not seen yet (dry runs change nothing). */
function virtualRow(p: Publisher, post: Post): Publication {
  const now = p.clock.now();
  return {
    accountId: p.accountId, slug: post.slug, columnId: post.columnId, mode: post.mode, postTitle: post.title,
    scheduledAt: post.publishAt, state: "scheduled", issue: null, articleTitle: null, digest: null, contentHash: null,
    coverMediaId: null, coverUrl: null, draftRequestedAt: null, draftMediaId: null, draftedAt: null, submitRequestedAt: null,
    clientMsgId: null, publishId: null, msgId: null, msgDataId: null, submittedAt: null, articleId: null, articleUrl: null,
    publishedAt: null, sentCount: null, errorCount: null, failureCode: null, failureReason: null, attempts: 0,
    nextAttemptAt: null, leaseOwner: null, leaseUntil: new Date(0), revision: 0, createdAt: now, updatedAt: now,
  };
}

/** Plans as the scheduler would, renders what would be sent, checks it, calls nothing, records nothing. */
export function planDryRun(deps: Deps, only: string | undefined): DryRunResult {
  const p = publisherFor(deps);
  const { posts, errors } = loadPosts(p.contentDir, { timezone: p.timezone, columns: p.columns() });
  const stored = p.store.list(p.accountId);
  const rows = new Map(stored.map((r) => [r.slug, r]));
  const sync: DryRunResult["sync"] = [];
  for (const a of planSync(posts, stored)) {
    if (a.kind === "track") rows.set(a.post.slug, virtualRow(p, a.post));
    else if (a.kind === "update") rows.set(a.row.slug, { ...a.row, state: "scheduled", scheduledAt: a.post.publishAt, attempts: 0, nextAttemptAt: null });
    else rows.set(a.row.slug, { ...a.row, state: "cancelled" });
    sync.push({ action: a.kind, slug: a.kind === "cancel" ? a.row.slug : a.post.slug });
  }
  const issues = upcomingIssues(posts, [...rows.values()], (c) => p.store.lastIssue(p.accountId, c), { sendNow: only, now: p.clock.now() });
  const now = p.clock.now();
  const picked: { post: Post | undefined; row: Publication | undefined; verdict: string }[] = [];
  if (only !== undefined) {
    const row = rows.get(only);
    const post = posts.find((x) => x.slug === only);
    const verdict = row?.state !== "published" ? "将现在发送" : editedSincePublished(row, post) ? `已发布，不会再次发送；${EDITED_NOTE}` : "已发布，不会再次发送";
    picked.push({ post, row, verdict });
  } else {
    for (const a of planRun({ posts, rows: [...rows.values()], now, catchUpMs: p.catchUpMs })) {
      const verdict =
        a.kind === "miss" ? `将记为错过（晚了 ${Math.round(a.lateMs / 3600_000)} 小时）` :
        a.kind === "hold" ? `已到时间，等同栏目的 ${a.behind} 先发` :
        a.kind === "resume" ? `正在进行（${a.row.state}），将继续` : "将现在发送";
      picked.push({ post: a.post, row: a.row, verdict });
    }
  }
  let failed = errors.length > 0;
  const targets = picked.map(({ post, row, verdict }): DryRunTarget => {
    const slug = post?.slug ?? row?.slug ?? only ?? "?";
    if (!post) {
      failed = true;
      return { slug, verdict: `${verdict}，但没有有效的 content/posts/${slug}.md`, mode: null, type: null, title: null, digest: null, characters: null, images: null, footnotes: null, textBytes: null, problems: [], html: null };
    }
    const column = p.columns().get(post.columnId)!;
    const checked = checkPost(post, column, p.contentDir, issues.get(post.slug) ?? 1);
    const a = checked.article;
    if (checked.problems.length > 0) failed = true;
    const base = { slug, verdict, mode: post.mode, type: post.type, title: a.title, digest: a.digest, problems: checked.problems.map((x) => x.message) };
    if (post.type === "newspic") {
      // What draft/add gets for a 图片消息: its pictures and plain text, not the article's HTML.
      const np = newspicPreview(post, (ref) => localImageUrl(ref, post, p.contentDir));
      return {
        ...base,
        characters: [...np.text].length,
        images: np.pictures.length,
        footnotes: 0,
        textBytes: Buffer.byteLength(np.text, "utf8"),
        html: only !== undefined ? writeNewspicPage(deps, post, a, np) : null,
      };
    }
    return {
      ...base,
      characters: [...a.html].length,
      images: checked.images,
      footnotes: a.footnotes.length,
      textBytes: null,
      html: only !== undefined ? writeHtml(deps, slug, a.title, a.html) : null,
    };
  });
  return { sync, targets, problems: errors.map((e) => e.message), at: now, failed };
}

/** Where dry runs write their pages: data/preview/ beside the database (a temp dir for :memory:). */
function previewFile(deps: Deps, slug: string): string {
  const dir = deps.config.databasePath === ":memory:" ? tmpdir() : path.join(path.dirname(deps.config.databasePath), "preview");
  mkdirSync(dir, { recursive: true });
  return path.join(dir, `${slug}.html`);
}

/**
 * A picture as the page written on this machine can show it: the file itself (the editor opens the
 * page from disk); one already on WeChat's servers as is; anything else is refused by check, and
 * left blank here.
 */
function localImageUrl(ref: string, post: Post, contentDir: string): string {
  if (WECHAT_IMAGE_HOST.test(ref)) return ref;
  if (/^[a-z][a-z0-9+.-]*:/i.test(ref)) return "data:,";
  return pathToFileURL(resolveImagePath(ref, post.dir, contentDir)).href;
}

/** A 图片消息 as the phone preview shows it (phone-preview.ts), with the real pictures. */
function writeNewspicPage(deps: Deps, post: Post, article: RenderedArticle, newspic: NewspicPreview): string {
  const file = previewFile(deps, post.slug);
  const page = phonePreviewPage({
    accountName: deps.config.dashboard.accountName,
    article,
    date: formatLocal(post.publishAt, deps.config.scheduleTimezone, "YYYY年M月D日 HH:mm"),
    coverUrl: undefined,
    newspic,
    note: "publish --dry-run · 图片消息 · 期数为预计",
  });
  writeFileSync(file, page);
  return file;
}

/** The article as a page a browser opens (images are placeholders). */
function writeHtml(deps: Deps, slug: string, title: string, html: string): string {
  const file = previewFile(deps, slug);
  const safe = title.replace(/&/g, "&amp;").replace(/</g, "&lt;");
  writeFileSync(file, `<!doctype html><meta charset="utf-8"><title>${safe}</title><body style="max-width:677px;margin:24px auto"><h1 style="font-size:22px">${safe}</h1>${html}</body>\n`);
  return file;
}

/** The dry run for people. */
export function formatDryRun(r: DryRunResult, timezone: string): string {
  const lines: string[] = [];
  for (const problem of r.problems) lines.push(`问题：${problem}`);
  for (const s of r.sync) lines.push(`将${SYNC_WORDS[s.action]} ${s.slug}`);
  if (r.targets.length === 0) lines.push(`${localTime(r.at, timezone)} 没有到期的稿件（npm run cli -- posts 列出全部排期）`);
  for (const t of r.targets) {
    if (t.mode === null) {
      lines.push(`${t.slug}：${t.verdict}`);
      continue;
    }
    lines.push(`${t.slug}：${t.verdict}，方式：${t.mode === "mass" ? "群发（推送给全部关注者）" : "发布（不推送给关注者）"}`);
    lines.push(`  标题：${t.title}`, `  摘要：${t.digest}`);
    if (t.type === "newspic") {
      lines.push(
        `  图片消息：${t.images} 张图片（微信 ${NEWSPIC_LIMITS.minPictures}–${NEWSPIC_LIMITS.maxPictures} 张，第一张作封面），` +
          `文字 ${t.textBytes} 字节（微信上限 ${NEWSPIC_LIMITS.textBytes}）`,
      );
    } else {
      lines.push(`  大小：${t.characters} 字符（微信上限 20000），要上传 ${t.images} 张图片，${t.footnotes} 个链接转为文末注释`);
    }
    for (const problem of t.problems) lines.push(`  问题：${problem}`);
    if (t.html !== null) lines.push(`  网页：${t.html}（用浏览器打开；${t.type === "newspic" ? "手机上的样子，图片是本机的文件" : "图片是占位图"}）`);
  }
  return lines.join("\n") + "\n";
}
