"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.PLACEHOLDER_IMAGE_URL = void 0;
exports.checkPost = checkPost;
const find_images_1 = require("./find-images");
const preflight_1 = require("./preflight");
const render_post_1 = require("./render-post");
/**
 * Stands in for an uploaded image's URL in checks and dry runs: on WeChat's image host and as
 * long as the real ones (≈ 110 characters), so the 20 000-character count comes out right.
 */
exports.PLACEHOLDER_IMAGE_URL = `http://mmbiz.qpic.cn/sz_mmbiz_jpg/${"x".repeat(64)}/0?wx_fmt=jpeg`;
/**
 * Everything `check` and `publish --dry-run` can know without calling WeChat: images exist and can
 * be converted, the article renders, and it passes draft/add's limits with the issue number it
 * would get.
 */
function checkPost(post, column, contentDir, issue) {
    const tokens = (0, render_post_1.parseBody)(post);
    const images = (0, find_images_1.findImages)(post, column, contentDir, tokens);
    const article = (0, render_post_1.renderPost)(post, { column, issue, imageUrl: () => exports.PLACEHOLDER_IMAGE_URL }, tokens);
    const problems = [...images.problems, ...(0, preflight_1.preflightArticle)(post, column, article)];
    const files = new Set([...images.body.map((i) => i.path), images.cover?.path].filter((p) => p !== undefined));
    return { article, images: files.size, problems };
}
//# sourceMappingURL=check-post.js.map