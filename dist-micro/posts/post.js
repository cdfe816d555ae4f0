"use strict";
/**
 * A post as the editor wrote it in content/posts/YYYY-MM-DD-slug.md, validated. Built only by
 * load-posts.ts; the publisher turns it into a WeChat draft (render-post.ts) at its publish time.
 */
Object.defineProperty(exports, "__esModule", { value: true });
exports.charCount = exports.AUTO_DIGEST_CHARS = exports.ARTICLE_LIMITS = exports.COMMENT_MODES = exports.POST_MODES = void 0;
/** mass: 群发, pushed to every follower (quota: 订阅号 1 a day, 服务号 4 a month). publish: 发布, not pushed. */
exports.POST_MODES = ["mass", "publish"];
/** Who may comment: WeChat's need_open_comment / only_fans_can_comment. */
exports.COMMENT_MODES = ["off", "open", "fans"];
/** WeChat's limits for one article (draft/add doc; protocol §5.3, §7.1). Characters are code points. */
exports.ARTICLE_LIMITS = {
    titleChars: 32,
    authorChars: 16,
    digestChars: 128,
    /** "必须少于2万字符": tags and inline styles count. */
    contentChars: 20_000,
    contentBytes: 1024 * 1024,
    sourceUrlBytes: 1024,
};
/** WeChat fills an empty digest with the first 54 characters of the text (draft/add doc). */
exports.AUTO_DIGEST_CHARS = 54;
const charCount = (s) => [...s].length;
exports.charCount = charCount;
//# sourceMappingURL=post.js.map