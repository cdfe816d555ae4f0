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
        ? `发出去的标题「${article.title}」有 ${titleChars} 个字，微信最多 ${ARTICLE_LIMITS.titleChars} 个；` +
            `栏目的 title_template 占了 ${added} 个字，所以 title 最多写 ${Math.max(room, 0)} 个字：请改短`
        : `有 ${titleChars} 个字，微信最多 ${ARTICLE_LIMITS.titleChars} 个：请改短`,
    );
  }
  if (article.author !== undefined && charCount(article.author) > ARTICLE_LIMITS.authorChars) {
    at("author", `有 ${charCount(article.author)} 个字，微信最多 ${ARTICLE_LIMITS.authorChars} 个：请改短，例如 团县委`);
  }
  if (article.digestGiven && charCount(article.digest) > ARTICLE_LIMITS.digestChars) {
    at("digest", `有 ${charCount(article.digest)} 个字，微信最多 ${ARTICLE_LIMITS.digestChars} 个：请改短`);
  }
  const chars = charCount(article.html);
  if (chars >= ARTICLE_LIMITS.contentChars) {
    at(
      "body",
      `文章排版后有 ${chars} 个字符（排版用的标签和样式也算在内），微信要求少于 ${ARTICLE_LIMITS.contentChars} 个：` +
        `请删短一些，或拆成两篇`,
    );
  }
  const bytes = Buffer.byteLength(article.html, "utf8");
  if (bytes >= ARTICLE_LIMITS.contentBytes) at("body", `文章排版后有 ${bytes} 字节，微信要求小于 1 MB：请删短一些，或拆成两篇`);
  if (/<script\b/i.test(article.html)) at("body", "正文里有脚本（<script>），微信会把它删掉：请删掉这段代码");
  for (const m of article.html.matchAll(/<a\s[^>]*href="([^"]*)"/gi)) {
    if (!MP_WEIXIN_LINK.test(m[1]!)) {
      at("body", `链接 ${m[1]} 会被微信拒绝（正文里只有 mp.weixin.qq.com 的文章能做成链接）：改成普通文字，或写到 source_url（阅读原文）`);
    }
  }
  for (const m of article.html.matchAll(/<img\s[^>]*src="([^"]*)"/gi)) {
    if (!WECHAT_IMAGE_HOST.test(m[1]!)) {
      at("body", `图片 ${m[1] || "（没写地址）"} 不在微信的服务器上，微信会把它去掉：把图片存到 content/posts/images/，写成 ![说明](images/文件名.jpg)`);
    }
  }
  if (post.sourceUrl !== undefined && Buffer.byteLength(post.sourceUrl, "utf8") > ARTICLE_LIMITS.sourceUrlBytes) {
    at("source_url", `有 ${Buffer.byteLength(post.sourceUrl, "utf8")} 字节，微信最多 ${ARTICLE_LIMITS.sourceUrlBytes} 字节：换一个短一些的网址`);
  }
  if (post.columnId !== column.id) {
    at("column", `稿件写的栏目是 ${post.columnId}，却按栏目 ${column.id} 排版了：这是程序的问题，请把这条消息发给技术同事`);
  }
  return problems;
}
