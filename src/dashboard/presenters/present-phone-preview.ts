import path from "node:path";
import type { Column } from "../../bot/bot-content";
import { resolveImagePath, WECHAT_IMAGE_HOST } from "../../posts/find-images";
import { newspicPreview, phonePreviewPage } from "../../posts/phone-preview";
import type { Post } from "../../posts/post";
import { renderPost } from "../../posts/render-post";
import { formatLocal } from "../../time";

/** A post's pictures as the dashboard serves them (behind the login), or WeChat's own URL. */
function dashboardImageUrl(post: Post, contentDir: string): (ref: string) => string {
  const imagesDir = path.join(contentDir, "posts", "images");
  return (ref) => {
    if (WECHAT_IMAGE_HOST.test(ref)) return ref;
    const rel = path.relative(imagesDir, resolveImagePath(ref, post.dir, contentDir));
    return rel && !rel.startsWith("..") && !path.isAbsolute(rel) && !rel.includes(path.sep) ? `/dashboard/drafts/images/${encodeURIComponent(rel)}` : "data:,";
  };
}

/** The 稿件 page's phone preview of a post that reads: rendered as it will be sent, with its 期数 forecast. */
export function presentPhonePreview(input: { post: Post; column: Column; issue: number; contentDir: string; accountName: string; timezone: string }): string {
  const { post, column } = input;
  const imageUrl = dashboardImageUrl(post, input.contentDir);
  const article = renderPost(post, { column, issue: input.issue, imageUrl });
  const firstImage = /<img [^>]*src="([^"]+)"/.exec(article.html)?.[1]?.replace(/&amp;/g, "&");
  const coverRef = post.cover.kind === "file" ? post.cover.ref : column.defaultCover;
  const coverUrl = post.cover.kind === "auto" && firstImage ? firstImage : coverRef ? imageUrl(coverRef) : firstImage;
  return phonePreviewPage({
    accountName: input.accountName,
    article,
    date: formatLocal(post.publishAt, input.timezone, "YYYY年M月D日 HH:mm"),
    coverUrl,
    note: `手机预览（375 px）${post.type === "newspic" ? "· 图片消息 " : ""}· 期数为预计${post.draft ? " · 草稿" : ""}`,
    newspic: post.type === "newspic" ? newspicPreview(post, imageUrl) : undefined,
  });
}

/** The preview's place while the post cannot be read yet: what is missing, in words. */
export function presentPreviewPlaceholder(accountName: string, reason: string): string {
  const html = `<p>${reason.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`)}</p>`;
  return phonePreviewPage({
    accountName,
    article: { title: "（预览）", author: undefined, digest: "", digestGiven: false, html, footnotes: [], problems: [] },
    date: "",
    coverUrl: undefined,
  });
}
