"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.validateDraft = validateDraft;
const sandbox_context_1 = require("./sandbox-context");
/** Characters as WeChat counts them (code points, so one CJK character is one). */
const chars = (s) => [...s].length;
const bytes = (s) => Buffer.byteLength(s, "utf8");
const str = (v) => (typeof v === "string" ? v : undefined);
/**
 * The checks of draft/add (doc:svc/api/draftbox/draftmanage/api_draft_add; protocol §5.3):
 * 1–8 articles (45008); title required (44003), ≤ 32 chars (45003); author ≤ 16 (45110);
 * digest ≤ 128 (45004); content required (44003), < 20 000 chars tags included and < 1 MB (45002);
 * content_source_url ≤ 1 KB (45005); news needs a permanent thumb_media_id (40007).
 * @returns the articles as received
 */
function validateDraft(body, content, accountId) {
    const articles = body.articles;
    if (!Array.isArray(articles) || articles.length === 0)
        (0, sandbox_context_1.reject)(44003);
    if (articles.length > 8)
        (0, sandbox_context_1.reject)(45008);
    for (const raw of articles) {
        if (typeof raw !== "object" || raw === null)
            (0, sandbox_context_1.reject)(47001);
        const a = raw;
        const title = str(a.title);
        const html = str(a.content);
        if (!title)
            (0, sandbox_context_1.reject)(44003, { hint: "title is required" });
        if (chars(title) > 32)
            (0, sandbox_context_1.reject)(45003);
        const author = str(a.author);
        if (author !== undefined && chars(author) > 16)
            (0, sandbox_context_1.reject)(45110);
        const digest = str(a.digest);
        if (digest !== undefined && chars(digest) > 128)
            (0, sandbox_context_1.reject)(45004);
        if (!html)
            (0, sandbox_context_1.reject)(44003, { hint: "content is required" });
        if (chars(html) >= 20_000 || bytes(html) >= 1024 * 1024)
            (0, sandbox_context_1.reject)(45002);
        const source = str(a.content_source_url);
        if (source !== undefined && bytes(source) > 1024)
            (0, sandbox_context_1.reject)(45005);
        for (const flag of ["need_open_comment", "only_fans_can_comment"]) {
            if (a[flag] !== undefined && a[flag] !== 0 && a[flag] !== 1)
                (0, sandbox_context_1.reject)(47001, { hint: `${flag} must be 0 or 1` });
        }
        const type = a.article_type ?? "news";
        if (type !== "news" && type !== "newspic")
            (0, sandbox_context_1.reject)(47001, { hint: "article_type must be news or newspic" });
        if (type === "news") {
            const thumb = str(a.thumb_media_id);
            const media = thumb ? content.findMedia(accountId, thumb) : undefined;
            if (!media || media.kind === "uploadimg")
                (0, sandbox_context_1.reject)(40007, { hint: "thumb_media_id must be a permanent image or thumb" });
        }
    }
    return articles;
}
//# sourceMappingURL=validate-draft.js.map