"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.preflightArticle = preflightArticle;
const errors_1 = require("../errors");
const post_1 = require("./post");
const render_post_1 = require("./render-post");
const find_images_1 = require("./find-images");
/**
 * The checks WeChat's draft/add would make, made before calling it (protocol §8 item 9), each
 * with what to change: title ≤ 32 (with the column's template and the issue number), author ≤ 16,
 * digest ≤ 128, content < 20 000 characters including tags and < 1 MB, no scripts, no external
 * links or images left, 阅读原文 ≤ 1 KB.
 */
function preflightArticle(post, column, article) {
    const problems = [...article.problems];
    const at = (field, problem) => problems.push(new errors_1.ContentError(post.file, problem, { field }));
    const titleChars = (0, post_1.charCount)(article.title);
    if (titleChars > post_1.ARTICLE_LIMITS.titleChars) {
        const added = titleChars - (0, post_1.charCount)(post.title);
        const room = post_1.ARTICLE_LIMITS.titleChars - added;
        at("title", added > 0
            ? `the title as sent, "${article.title}", has ${titleChars} characters; WeChat allows ${post_1.ARTICLE_LIMITS.titleChars}. ` +
                `The column's title_template adds ${added}, so keep the title to ${Math.max(room, 0)} characters`
            : `${titleChars} characters; WeChat allows ${post_1.ARTICLE_LIMITS.titleChars}`);
    }
    if (article.author !== undefined && (0, post_1.charCount)(article.author) > post_1.ARTICLE_LIMITS.authorChars) {
        at("author", `${(0, post_1.charCount)(article.author)} characters; WeChat allows ${post_1.ARTICLE_LIMITS.authorChars}`);
    }
    if (article.digestGiven && (0, post_1.charCount)(article.digest) > post_1.ARTICLE_LIMITS.digestChars) {
        at("digest", `${(0, post_1.charCount)(article.digest)} characters; WeChat allows ${post_1.ARTICLE_LIMITS.digestChars}`);
    }
    const chars = (0, post_1.charCount)(article.html);
    if (chars >= post_1.ARTICLE_LIMITS.contentChars) {
        at("body", `the article is ${chars} characters once rendered (tags and inline styles count); WeChat accepts fewer than ` +
            `${post_1.ARTICLE_LIMITS.contentChars}: shorten it or split it into two posts`);
    }
    const bytes = Buffer.byteLength(article.html, "utf8");
    if (bytes >= post_1.ARTICLE_LIMITS.contentBytes)
        at("body", `the article is ${bytes} bytes once rendered; WeChat accepts less than 1 MB`);
    if (/<script\b/i.test(article.html))
        at("body", "the article contains a script; WeChat removes scripts");
    for (const m of article.html.matchAll(/<a\s[^>]*href="([^"]*)"/gi)) {
        if (!render_post_1.MP_WEIXIN_LINK.test(m[1]))
            at("body", `link ${m[1]} would be refused by WeChat (only mp.weixin.qq.com links may stay links)`);
    }
    for (const m of article.html.matchAll(/<img\s[^>]*src="([^"]*)"/gi)) {
        if (!find_images_1.WECHAT_IMAGE_HOST.test(m[1]))
            at("body", `image ${m[1] || "(empty)"} is not on WeChat's servers; WeChat would drop it`);
    }
    if (post.sourceUrl !== undefined && Buffer.byteLength(post.sourceUrl, "utf8") > post_1.ARTICLE_LIMITS.sourceUrlBytes) {
        at("source_url", `${Buffer.byteLength(post.sourceUrl, "utf8")} bytes; WeChat allows ${post_1.ARTICLE_LIMITS.sourceUrlBytes}`);
    }
    if (post.columnId !== column.id)
        at("column", `rendered with column ${column.id}, but the post names ${post.columnId}`);
    return problems;
}
//# sourceMappingURL=preflight.js.map