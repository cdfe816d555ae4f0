import type { Column } from "../bot/bot-content";
import type { ContentError } from "../errors";
import { findImages } from "./find-images";
import type { Post } from "./post";
import { preflightArticle } from "./preflight";
import { parseBody, renderPost, type RenderedArticle } from "./render-post";

/**
 * Stands in for an uploaded image's URL in checks and dry runs: on WeChat's image host and as
 * long as the real ones (≈ 110 characters), so the 20 000-character count comes out right.
 */
export const PLACEHOLDER_IMAGE_URL = `http://mmbiz.qpic.cn/sz_mmbiz_jpg/${"x".repeat(64)}/0?wx_fmt=jpeg`;

export interface CheckedPost {
  article: RenderedArticle;
  /** Number of local images that would be uploaded (body and cover). */
  images: number;
  problems: ContentError[];
}

/**
 * Everything `check` and `publish --dry-run` can know without calling WeChat: images exist and can
 * be converted, the article renders, and it passes draft/add's limits with the issue number it
 * would get.
 */
export function checkPost(post: Post, column: Column, contentDir: string, issue: number): CheckedPost {
  const tokens = parseBody(post);
  const images = findImages(post, column, contentDir, tokens);
  const article = renderPost(post, { column, issue, imageUrl: () => PLACEHOLDER_IMAGE_URL }, tokens);
  const problems = [...images.problems, ...preflightArticle(post, column, article)];
  const files = new Set([...images.body.map((i) => i.path), images.cover?.path].filter((p) => p !== undefined));
  return { article, images: files.size, problems };
}
