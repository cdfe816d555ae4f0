"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.MAX_WIDTH = exports.MAX_UPLOAD_BYTES = void 0;
exports.prepareImage = prepareImage;
const node_path_1 = __importDefault(require("node:path"));
/**
 * sharp (libvips, ~20 MB resident) is loaded on first use: the webhook process should not carry it
 * until it actually prepares an image for publishing.
 */
let sharpModule;
const sharp = (...args) => {
    sharpModule ??= require("sharp");
    return sharpModule(...args);
};
const errors_1 = require("../errors");
/** media/uploadimg takes "jpg/png, < 1 MB"; exactly 1 MB is already too large (protocol §5.2). */
exports.MAX_UPLOAD_BYTES = 1024 * 1024 - 1;
/** Wider than any phone shows an article; larger pictures only cost bytes. */
exports.MAX_WIDTH = 1280;
const JPEG_QUALITIES = [85, 75, 65, 55];
const WIDTHS = [exports.MAX_WIDTH, 1080, 800, 640];
/**
 * Turns an editor's picture into what WeChat accepts: jpg or png under 1 MB. webp (refused in
 * drafts: obsidian-wechat-converter #69), gif (first frame) and oversized files are converted with
 * sharp; a jpg/png that already fits is sent byte for byte.
 * @throws ContentError when the file is not an image sharp can read
 */
async function prepareImage(data, file) {
    const base = node_path_1.default.basename(file, node_path_1.default.extname(file));
    let meta;
    try {
        meta = await sharp(data).metadata();
    }
    catch (err) {
        throw new errors_1.ContentError(file, `cannot read the image: ${err.message}`);
    }
    const format = meta.format;
    const width = meta.width ?? 0;
    if ((format === "jpeg" || format === "png") && data.length <= exports.MAX_UPLOAD_BYTES && width <= exports.MAX_WIDTH) {
        return { data, filename: `${base}.${format === "jpeg" ? "jpg" : "png"}`, contentType: format === "jpeg" ? "image/jpeg" : "image/png", changes: [] };
    }
    const changes = [];
    if (format !== "jpeg" && format !== "png")
        changes.push(`${format ?? "unknown"} → jpg/png`);
    if (format === "gif" && (meta.pages ?? 1) > 1)
        changes.push("animated gif: first frame only");
    // A transparent png or webp stays png when that fits; otherwise jpeg on white.
    const keepPng = (format === "png" || meta.hasAlpha === true) && format !== "jpeg";
    for (const w of WIDTHS) {
        const resized = () => sharp(data, { animated: false }).rotate().resize({ width: w, withoutEnlargement: true });
        if (keepPng) {
            const png = await resized().png({ compressionLevel: 9, palette: false }).toBuffer();
            if (png.length <= exports.MAX_UPLOAD_BYTES)
                return done(png, "png", w);
        }
        for (const quality of JPEG_QUALITIES) {
            const jpg = await resized().flatten({ background: "#ffffff" }).jpeg({ quality, mozjpeg: true }).toBuffer();
            if (jpg.length <= exports.MAX_UPLOAD_BYTES)
                return done(jpg, "jpg", w, quality);
        }
    }
    throw new errors_1.ContentError(file, "the image stays over 1 MB even at 640 px wide; use a smaller picture");
    function done(out, ext, w, quality) {
        if (width > w)
            changes.push(`resized ${width} → ${w} px wide`);
        if (quality !== undefined && format === "jpeg")
            changes.push(`re-encoded at quality ${quality}`);
        return { data: out, filename: `${base}.${ext}`, contentType: ext === "jpg" ? "image/jpeg" : "image/png", changes };
    }
}
//# sourceMappingURL=prepare-image.js.map