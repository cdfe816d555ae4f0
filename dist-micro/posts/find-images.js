"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.WECHAT_IMAGE_HOST = exports.IMAGE_EXTENSIONS = void 0;
exports.imageTokens = imageTokens;
exports.resolveImagePath = resolveImagePath;
exports.findImages = findImages;
const node_fs_1 = require("node:fs");
const node_path_1 = __importDefault(require("node:path"));
const markdown_it_1 = __importDefault(require("markdown-it"));
const errors_1 = require("../errors");
/** Formats the publisher can turn into jpg/png (sharp reads them); WeChat itself takes only jpg/png. */
exports.IMAGE_EXTENSIONS = new Set(["jpg", "jpeg", "png", "webp", "gif"]);
/** Images WeChat already hosts may stay as they are; every other remote URL is filtered (protocol §7.1). */
exports.WECHAT_IMAGE_HOST = /^https?:\/\/mmbiz\.(qpic|qlogo)\.cn\//i;
/** Markdown parser used only to find image tokens (rendering has its own instance with its rules). */
const parser = new markdown_it_1.default({ html: true });
/** Every image token of a parsed body, with its 1-based body line. */
function imageTokens(tokens) {
    const out = [];
    for (const block of tokens) {
        if (block.type !== "inline" || !block.children)
            continue;
        for (const child of block.children) {
            if (child.type === "image")
                out.push({ token: child, line: block.map ? block.map[0] + 1 : undefined });
        }
    }
    return out;
}
/** The absolute path an image reference points at: relative to the post, or to content/ with a leading "/". */
function resolveImagePath(ref, postDir, contentDir) {
    const bare = ref.split(/[?#]/)[0];
    let clean = bare;
    try {
        clean = decodeURI(bare);
    }
    catch {
        // A stray % in a file name: use the reference as written.
    }
    return clean.startsWith("/") ? node_path_1.default.join(contentDir, clean) : node_path_1.default.resolve(postDir, clean);
}
function checkLocal(ref, file, abs, where, problems) {
    const ext = node_path_1.default.extname(abs).slice(1).toLowerCase();
    if (!exports.IMAGE_EXTENSIONS.has(ext)) {
        problems.push(new errors_1.ContentError(file, `image "${ref}" is a .${ext || "?"} file; use jpg, png, webp or gif`, where));
        return false;
    }
    if (!(0, node_fs_1.existsSync)(abs) || !(0, node_fs_1.statSync)(abs).isFile()) {
        problems.push(new errors_1.ContentError(file, `image "${ref}" not found (looked for ${abs})`, where));
        return false;
    }
    return true;
}
/**
 * Finds the images a post uses and checks each: a local jpg/png/webp/gif that exists, or a picture
 * already on WeChat's servers (mmbiz). Remote images elsewhere are refused, because WeChat filters
 * external image URLs out of drafts (protocol §7.1; anchors pain point 6), and a news article
 * cannot be drafted without a cover (thumb_media_id is required, protocol §5.3).
 */
function findImages(post, column, contentDir, tokens) {
    const problems = [];
    const body = [];
    const seen = new Set();
    const bodyLine = (line) => (line === undefined ? undefined : post.bodyLine + line - 1);
    for (const { token, line } of imageTokens(tokens ?? parser.parse(post.body, {}))) {
        const ref = token.attrGet("src") ?? "";
        if (seen.has(ref))
            continue;
        seen.add(ref);
        const where = { line: bodyLine(line), field: "body" };
        if (exports.WECHAT_IMAGE_HOST.test(ref)) {
            body.push({ ref, path: undefined, line: where.line });
        }
        else if (/^[a-z][a-z0-9+.-]*:/i.test(ref)) {
            problems.push(new errors_1.ContentError(post.file, `image "${ref}" is on another website; WeChat removes such images: save it under content/posts/images/ and link it as images/<name>`, where));
        }
        else if (ref === "") {
            problems.push(new errors_1.ContentError(post.file, "an image has no path: write ![description](images/photo.jpg)", where));
        }
        else {
            const abs = resolveImagePath(ref, post.dir, contentDir);
            if (checkLocal(ref, post.file, abs, where, problems))
                body.push({ ref, path: abs, line: where.line });
        }
    }
    let cover;
    if (post.cover.kind === "file") {
        const { ref, line } = post.cover;
        const abs = resolveImagePath(ref, post.dir, contentDir);
        if (checkLocal(ref, post.file, abs, { line, field: "cover" }, problems))
            cover = { ref, path: abs, line };
    }
    else {
        cover = body.find((i) => i.path !== undefined);
        if (!cover && column?.defaultCover !== undefined) {
            const abs = resolveImagePath(column.defaultCover, contentDir, contentDir);
            const columnsFile = node_path_1.default.join(contentDir, "columns.yml");
            if (checkLocal(column.defaultCover, columnsFile, abs, { line: column.line, field: `columns[${column.id}].default_cover` }, problems)) {
                cover = { ref: column.defaultCover, path: abs, line: undefined };
            }
        }
        if (!cover && !problems.some((p) => p.field === "cover" || p.field?.endsWith("default_cover"))) {
            problems.push(new errors_1.ContentError(post.file, "no cover image: WeChat needs one for every article; add cover: images/<name>.jpg, put an image in the text, or give the column a default_cover in columns.yml", {
                field: "cover",
            }));
        }
    }
    return { body, cover, problems };
}
//# sourceMappingURL=find-images.js.map