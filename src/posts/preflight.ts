import type { Column } from "../bot/bot-content";
import { ContentError } from "../errors";
import { ARTICLE_LIMITS, charCount, type Post } from "./post";
import { MP_WEIXIN_LINK, type RenderedArticle } from "./render-post";
import { WECHAT_IMAGE_HOST } from "./find-images";

/**
 * The checks WeChat's draft/add would make, made before calling it (protocol §8 item 9), each
 * with what to change: title ≤ 32 (with the column's template and the issue number), author ≤ 16,
 * digest ≤ 128, content < 20 000 characters including tags and < 1 MB, no scripts, no external
 * links or images left, 阅读原文 ≤ 1 KB.
 */
export function preflightArticle(post: Post, column: Column, article: RenderedArticle): ContentError[] {
  const problems: ContentError[] = [...article.problems];
  const at = (field: string, problem: string) => problems.push(new ContentError(post.file, problem, { field }));

  const titleChars = charCount(article.title);
  if (titleChars > ARTICLE_LIMITS.titleChars) {
    const added = titleChars - charCount(post.title);
    const room = ARTICLE_LIMITS.titleChars - added;
    at(
      "title",
      added > 0
        ? `the title as sent, "${article.title}", has ${titleChars} characters; WeChat allows ${ARTICLE_LIMITS.titleChars}. ` +
            `The column's title_template adds ${added}, so keep the title to ${Math.max(room, 0)} characters`
        : `${titleChars} characters; WeChat allows ${ARTICLE_LIMITS.titleChars}`,
    );
  }
  if (article.author !== undefined && charCount(article.author) > ARTICLE_LIMITS.authorChars) {
    at("author", `${charCount(article.author)} characters; WeChat allows ${ARTICLE_LIMITS.authorChars}`);
  }
  if (article.digestGiven && charCount(article.digest) > ARTICLE_LIMITS.digestChars) {
    at("digest", `${charCount(article.digest)} characters; WeChat allows ${ARTICLE_LIMITS.digestChars}`);
  }
  const chars = charCount(article.html);
  if (chars >= ARTICLE_LIMITS.contentChars) {
    at(
      "body",
      `the article is ${chars} characters once rendered (tags and inline styles count); WeChat accepts fewer than ` +
        `${ARTICLE_LIMITS.contentChars}: shorten it or split it into two posts`,
    );
  }
  const bytes = Buffer.byteLength(article.html, "utf8");
  if (bytes >= ARTICLE_LIMITS.contentBytes) at("body", `the article is ${bytes} bytes once rendered; WeChat accepts less than 1 MB`);
  if (/<script\b/i.test(article.html)) at("body", "the article contains a script; WeChat removes scripts");
  for (const m of article.html.matchAll(/<a\s[^>]*href="([^"]*)"/gi)) {
    if (!MP_WEIXIN_LINK.test(m[1]!)) at("body", `link ${m[1]} would be refused by WeChat (only mp.weixin.qq.com links may stay links)`);
  }
  for (const m of article.html.matchAll(/<img\s[^>]*src="([^"]*)"/gi)) {
    if (!WECHAT_IMAGE_HOST.test(m[1]!)) at("body", `image ${m[1] || "(empty)"} is not on WeChat's servers; WeChat would drop it`);
  }
  if (post.sourceUrl !== undefined && Buffer.byteLength(post.sourceUrl, "utf8") > ARTICLE_LIMITS.sourceUrlBytes) {
    at("source_url", `${Buffer.byteLength(post.sourceUrl, "utf8")} bytes; WeChat allows ${ARTICLE_LIMITS.sourceUrlBytes}`);
  }
  if (post.columnId !== column.id) at("column", `rendered with column ${column.id}, but the post names ${post.columnId}`);
  return problems;
}
