import type MarkdownIt from "markdown-it";
import type { Column } from "../bot/bot-content";
import { ContentError } from "../errors";
import { newspicText } from "../posts/check-newspic";
import { findImages, type PostImage } from "../posts/find-images";
import { charCount, ARTICLE_LIMITS, NEWSPIC_LIMITS, type Post } from "../posts/post";
import { preflightArticle } from "../posts/preflight";
import { articleTitle, parseBody, renderPost, type RenderedArticle } from "../posts/render-post";
import type { DraftArticle } from "../wechat/endpoints/draft";
import { PostProblems } from "./failure-policy";
import type { Publisher } from "./publisher";

export interface PreparedDraft {
  article: RenderedArticle;
  /** The cover as permanent material (a newspic's first picture): the bot's news cards show its URL. */
  cover: { mediaId: string; url: string };
  draft: DraftArticle;
}

/**
 * Uploads the post's images (cached), renders it with its issue number and checks it against
 * draft/add's limits: the article as draft/add will receive it. Also used by `preview`.
 * `type: newspic` (图片消息) becomes article_type newspic: its pictures uploaded as permanent
 * images (image_info.image_list), its text plain (api_draft_add doc; platform-2025.md §1c).
 * @throws PostProblems listing everything to fix
 */
export async function prepareDraft(p: Pick<Publisher, "uploads" | "contentDir">, post: Post, column: Column, issue: number): Promise<PreparedDraft> {
  const tokens = parseBody(post);
  const images = findImages(post, column, p.contentDir, tokens);
  if (images.problems.length > 0) throw new PostProblems(images.problems);
  if (post.type === "newspic") return prepareNewspic(p, post, column, issue, tokens, images.body);
  const urls = new Map<string, string>();
  for (const image of images.body) urls.set(image.ref, await p.uploads.bodyUrl(image));
  const cover = await p.uploads.cover(images.cover!);
  const article = renderPost(post, { column, issue, imageUrl: (ref) => urls.get(ref) ?? ref }, tokens);
  const problems = preflightArticle(post, column, article);
  if (problems.length > 0) throw new PostProblems(problems);
  return { article, cover, draft: draftArticle(post, article, cover.mediaId) };
}

function draftArticle(post: Post, article: RenderedArticle, thumbMediaId: string): DraftArticle {
  const a: DraftArticle = { title: article.title, content: article.html, thumbMediaId };
  if (article.author !== undefined) a.author = article.author;
  if (article.digestGiven) a.digest = article.digest;
  if (post.sourceUrl !== undefined) a.contentSourceUrl = post.sourceUrl;
  withComments(a, post);
  return a;
}

function withComments(a: DraftArticle, post: Post): void {
  if (post.comments !== "off") {
    a.needOpenComment = true;
    a.onlyFansCanComment = post.comments === "fans";
  }
}

async function prepareNewspic(
  p: Pick<Publisher, "uploads">,
  post: Post,
  column: Column,
  issue: number,
  tokens: MarkdownIt.Token[],
  pictures: PostImage[],
): Promise<PreparedDraft> {
  const title = articleTitle(column, post.title, issue);
  const text = newspicText(tokens);
  const problems: ContentError[] = [];
  const at = (field: string, problem: string) => problems.push(new ContentError(post.file, problem, { field }));
  if (charCount(title) > ARTICLE_LIMITS.titleChars) at("title", `发送时的标题“${title}”有 ${charCount(title)} 个字，微信最多 ${ARTICLE_LIMITS.titleChars} 个字：请缩短 title`);
  if (pictures.length < NEWSPIC_LIMITS.minPictures) at("body", "图片消息至少要有 1 张图片：请在正文中插入图片");
  if (pictures.length > NEWSPIC_LIMITS.maxPictures) at("body", `图片消息最多 ${NEWSPIC_LIMITS.maxPictures} 张图片，现在有 ${pictures.length} 张：请删去一些`);
  if (Buffer.byteLength(text, "utf8") > NEWSPIC_LIMITS.textBytes) at("body", `图片消息的文字最多约 ${Math.floor(NEWSPIC_LIMITS.textBytes / 3)} 个汉字（2 KB），现在是 ${Buffer.byteLength(text, "utf8")} 字节：请缩短正文`);
  if (post.author !== undefined && charCount(post.author) > ARTICLE_LIMITS.authorChars) at("author", `作者最多 ${ARTICLE_LIMITS.authorChars} 个字：请缩短 author`);
  if (problems.length > 0) throw new PostProblems(problems);
  // Every picture is permanent material: image_media_id must be a permanent MediaID (draft/add doc).
  const uploaded: { mediaId: string; url: string }[] = [];
  for (const picture of pictures) uploaded.push(await p.uploads.cover(picture));
  const chars = [...text.replace(/\s+/g, " ")];
  const digest = post.digest ?? chars.slice(0, 54).join("");
  const article: RenderedArticle = { title, author: post.author, digest, digestGiven: post.digest !== undefined, html: text, footnotes: [], problems: [] };
  const draft: DraftArticle = { articleType: "newspic", title, content: text, imageMediaIds: uploaded.map((u) => u.mediaId) };
  if (post.author !== undefined) draft.author = post.author;
  withComments(draft, post);
  return { article, cover: uploaded[0]!, draft };
}
