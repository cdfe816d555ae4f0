"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.POSTS_DIR = void 0;
exports.loadPosts = loadPosts;
exports.suggestField = suggestField;
/**
 * Reads content/posts/*.md (front matter + Markdown), validates every field and reports every
 * problem at once, each naming the file, the line and the field, with what to write instead.
 * Reads files; no other I/O. Backs the publisher, `npm run cli -- posts` and `-- check`.
 */
const node_crypto_1 = require("node:crypto");
const node_fs_1 = require("node:fs");
const node_path_1 = __importDefault(require("node:path"));
const yaml_1 = require("yaml");
const check_columns_1 = require("../bot/check-columns");
const errors_1 = require("../errors");
const split_front_matter_1 = require("./split-front-matter");
const parse_publish_at_1 = require("./parse-publish-at");
const post_1 = require("./post");
exports.POSTS_DIR = "posts";
/** YYYY-MM-DD-slug.md, the slug in lower-case letters, digits and hyphens (it ends up in the CLI and logs). */
const FILE_RE = /^(\d{4})-(\d{2})-(\d{2})-([a-z0-9]+(?:-[a-z0-9]+)*)\.md$/;
const FIELDS = ["title", "column", "publish_at", "author", "digest", "cover", "mode", "draft", "issue", "source_url", "comments"];
/** Names editors reach for, and the field they mean. */
const ALIASES = {
    publishat: "publish_at",
    publish_time: "publish_at",
    publish_date: "publish_at",
    publishdate: "publish_at",
    date: "publish_at",
    time: "publish_at",
    schedule: "publish_at",
    category: "column",
    columns: "column",
    section: "column",
    summary: "digest",
    description: "digest",
    excerpt: "digest",
    abstract: "digest",
    thumb: "cover",
    image: "cover",
    cover_image: "cover",
    thumbnail: "cover",
    type: "mode",
    send: "mode",
    source: "source_url",
    url: "source_url",
    original_url: "source_url",
    read_more: "source_url",
    comment: "comments",
    need_open_comment: "comments",
    open_comment: "comments",
    number: "issue",
    no: "issue",
    writer: "author",
    by: "author",
};
function loadPosts(contentDir, options) {
    const dir = node_path_1.default.join(contentDir, exports.POSTS_DIR);
    let names;
    try {
        names = (0, node_fs_1.readdirSync)(dir, { withFileTypes: true })
            .filter((e) => e.isFile() && e.name.toLowerCase().endsWith(".md"))
            .map((e) => e.name)
            .filter((n) => !n.startsWith(".") && !n.startsWith("_") && n.toLowerCase() !== "readme.md")
            .sort();
    }
    catch (err) {
        if (err.code === "ENOENT")
            return { posts: [], errors: [] };
        return { posts: [], errors: [new errors_1.ContentError(dir, `cannot read the folder: ${err.message}`)] };
    }
    const posts = [];
    const errors = [];
    for (const name of names) {
        const result = loadPost(node_path_1.default.join(dir, name), options);
        if (result.post)
            posts.push(result.post);
        errors.push(...result.errors);
    }
    errors.push(...duplicateIssues(posts));
    return { posts: posts.filter((p) => !errors.some((e) => e.file === p.file)), errors };
}
/** Two posts of one column cannot both force the same 期数. */
function duplicateIssues(posts) {
    const seen = new Map();
    const errors = [];
    for (const p of posts) {
        if (p.issue === undefined)
            continue;
        const key = `${p.columnId}#${p.issue}`;
        const first = seen.get(key);
        if (first) {
            errors.push(new errors_1.ContentError(p.file, `issue ${p.issue} of column ${p.columnId} is already used by ${node_path_1.default.basename(first.file)}`, { field: "issue" }));
        }
        else {
            seen.set(key, p);
        }
    }
    return errors;
}
/** Levenshtein distance, for "did you mean". */
function distance(a, b) {
    const row = Array.from({ length: b.length + 1 }, (_, i) => i);
    for (let i = 1; i <= a.length; i++) {
        let prev = row[0];
        row[0] = i;
        for (let j = 1; j <= b.length; j++) {
            const cur = row[j];
            row[j] = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
            prev = cur;
        }
    }
    return row[b.length];
}
function suggestField(key) {
    const k = key.toLowerCase().replace(/-/g, "_");
    if (FIELDS.includes(k))
        return k;
    if (ALIASES[k] ?? ALIASES[k.replace(/_/g, "")])
        return ALIASES[k] ?? ALIASES[k.replace(/_/g, "")];
    let best;
    let bestDistance = 3;
    for (const [name, field] of [...FIELDS.map((f) => [f, f]), ...Object.entries(ALIASES)]) {
        const d = distance(k, name);
        if (d < bestDistance) {
            best = field;
            bestDistance = d;
        }
    }
    return best;
}
function loadPost(file, options) {
    const errors = [];
    const name = node_path_1.default.basename(file);
    const problem = (text, where = {}) => errors.push(new errors_1.ContentError(file, text, where));
    const named = FILE_RE.exec(name);
    if (!named) {
        problem("file name must be the date, then a short name in lower-case letters, digits and hyphens, e.g. 2026-12-01-job-fair.md " +
            "(the name identifies the post once published: do not rename it afterwards)");
        return { errors };
    }
    const [, y, m, d] = named;
    const fileDate = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
    if (fileDate.getUTCMonth() !== Number(m) - 1 || fileDate.getUTCDate() !== Number(d)) {
        problem(`the date in the file name, ${y}-${m}-${d}, is not a real date`);
    }
    let text;
    try {
        text = (0, node_fs_1.readFileSync)(file, "utf8");
    }
    catch (err) {
        problem(`cannot read the file: ${err.message}`);
        return { errors };
    }
    text = text.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
    if (!/^---[ \t]*\n/.test(text)) {
        problem("no front matter: the file must start with a line ---, then the fields (title, column, publish_at…), then another line ---");
        return { errors };
    }
    const parsed = (0, split_front_matter_1.splitFrontMatter)(text);
    const lines = new yaml_1.LineCounter();
    const located = (0, yaml_1.parseDocument)(parsed.matter, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
    // The matter string starts right after the opening "---", so its line n is the file's line n.
    const lineAt = (offset) => (offset === undefined ? undefined : lines.linePos(offset).line);
    if (located.errors.length > 0) {
        for (const e of located.errors)
            problem(`front matter YAML syntax error: ${e.message.split("\n")[0]}`, { line: lineAt(e.pos[0]) });
        return { errors };
    }
    const contents = located.contents;
    if (contents !== null && !(0, yaml_1.isMap)(contents)) {
        problem("front matter must be fields written as `name: value`, one per line", { line: 2 });
        return { errors };
    }
    const values = new Map();
    for (const pair of contents?.items ?? []) {
        const key = (0, yaml_1.isScalar)(pair.key) ? String(pair.key.value) : String(pair.key);
        const line = lineAt((0, yaml_1.isScalar)(pair.key) ? pair.key.range?.[0] : undefined);
        const value = (0, yaml_1.isScalar)(pair.value) ? pair.value.value : pair.value === null ? null : pair.value.toJSON();
        if (FIELDS.includes(key)) {
            values.set(key, { value, line });
        }
        else {
            const guess = suggestField(key);
            problem(`unknown field "${key}"${guess && !values.has(guess) ? `; did you mean ${guess}?` : ""} (fields: ${FIELDS.join(", ")})`, { line, field: key });
        }
    }
    const get = (f) => values.get(f);
    const lineOf = (f) => values.get(f)?.line;
    const at = (f) => ({ line: lineOf(f), field: f });
    const text_ = (f) => {
        const v = get(f)?.value;
        if (v === undefined || v === null)
            return undefined;
        if (typeof v === "string")
            return v.trim() === "" ? undefined : v.trim();
        if (typeof v === "number" || typeof v === "boolean")
            return String(v);
        problem("must be text on one line", at(f));
        return undefined;
    };
    const title = text_("title");
    if (title === undefined && !errors.some((e) => e.field === "title"))
        problem("is required, e.g. title: 轮台县2026年秋季青年就业招聘会", { field: "title" });
    if (title !== undefined && (0, post_1.charCount)(title) > post_1.ARTICLE_LIMITS.titleChars) {
        problem(`${(0, post_1.charCount)(title)} characters; WeChat allows ${post_1.ARTICLE_LIMITS.titleChars} for the whole title, including the column's 【…】第N期 part`, at("title"));
    }
    const columnId = text_("column");
    const columnIds = options.columns ? [...options.columns.keys()] : [];
    if (columnId === undefined) {
        problem(`is required: the id of a column in columns.yml${columnIds.length ? ` (${columnIds.join(", ")})` : ""}`, { field: "column" });
    }
    else if (options.columns && !options.columns.has(columnId)) {
        const byName = [...options.columns.values()].find((c) => c.name === columnId);
        problem(byName
            ? `write the column's id, not its name: column: ${byName.id}`
            : `"${columnId}" is not a column in columns.yml; use one of ${columnIds.join(", ")}`, at("column"));
    }
    const publishAtText = text_("publish_at");
    let publishAt;
    if (publishAtText === undefined) {
        problem(`is required: when to publish, e.g. publish_at: ${y}-${m}-${d} 09:00 (Beijing time unless an offset such as +06:00 is given)`, {
            field: "publish_at",
        });
    }
    else {
        const r = (0, parse_publish_at_1.parsePublishAt)(publishAtText, options.timezone);
        if (r.ok)
            publishAt = r.at;
        else
            problem(r.problem, at("publish_at"));
    }
    const author = text_("author");
    if (author !== undefined && (0, post_1.charCount)(author) > post_1.ARTICLE_LIMITS.authorChars) {
        problem(`${(0, post_1.charCount)(author)} characters; WeChat allows ${post_1.ARTICLE_LIMITS.authorChars}`, at("author"));
    }
    const digest = text_("digest");
    if (digest !== undefined && (0, post_1.charCount)(digest) > post_1.ARTICLE_LIMITS.digestChars) {
        problem(`${(0, post_1.charCount)(digest)} characters; WeChat allows ${post_1.ARTICLE_LIMITS.digestChars}`, at("digest"));
    }
    let cover = { kind: "auto" };
    const coverText = text_("cover");
    if (coverText !== undefined && coverText.toLowerCase() !== "none") {
        if (/^[a-z][a-z0-9+.-]*:/i.test(coverText)) {
            problem(`"${coverText}" is a web address; the cover must be a file under content/posts/, e.g. cover: images/job-fair.jpg`, at("cover"));
        }
        else {
            cover = { kind: "file", ref: coverText, line: lineOf("cover") };
        }
    }
    const modeText = text_("mode") ?? "mass";
    const mode = post_1.POST_MODES.includes(modeText) ? modeText : undefined;
    if (!mode)
        problem(`"${modeText}" must be mass (群发: pushed to every follower) or publish (发布: not pushed, no quota)`, at("mode"));
    let draft = false;
    const draftValue = get("draft")?.value;
    if (draftValue !== undefined && draftValue !== null) {
        if (draftValue === true || draftValue === "true")
            draft = true;
        else if (draftValue !== false && draftValue !== "false")
            problem("must be true (not ready: never published) or false", at("draft"));
    }
    let issue;
    const issueValue = get("issue")?.value;
    if (issueValue !== undefined && issueValue !== null) {
        const n = typeof issueValue === "number" ? issueValue : Number(String(issueValue).trim());
        if (Number.isInteger(n) && n >= 1 && n <= 99_999)
            issue = n;
        else
            problem(`"${String(issueValue)}" must be a whole number from 1, the 期数 this post gets (leave it out to count on from the last one)`, at("issue"));
    }
    const sourceUrl = text_("source_url");
    if (sourceUrl !== undefined) {
        if (!/^https?:\/\/\S+$/i.test(sourceUrl))
            problem(`"${sourceUrl}" must be a web address starting with http:// or https://`, at("source_url"));
        else if (Buffer.byteLength(sourceUrl, "utf8") > post_1.ARTICLE_LIMITS.sourceUrlBytes) {
            problem(`${Buffer.byteLength(sourceUrl, "utf8")} bytes; WeChat allows ${post_1.ARTICLE_LIMITS.sourceUrlBytes}`, at("source_url"));
        }
    }
    // Not given: the column's `comments:` in columns.yml, else off.
    const commentsValue = get("comments")?.value;
    let comments = (columnId !== undefined ? options.columns?.get(columnId)?.comments : undefined) ?? "off";
    if (commentsValue !== undefined && commentsValue !== null) {
        const c = (0, check_columns_1.parseCommentMode)(commentsValue);
        if (c !== undefined)
            comments = c;
        else
            problem(`"${String(commentsValue).trim()}" must be off, open (anyone may comment) or fans (followers only)`, at("comments"));
    }
    const body = parsed.content;
    const bodyOffset = text.length - body.length;
    const bodyLine = text.slice(0, bodyOffset).split("\n").length;
    if (body.trim() === "")
        problem("the post has no text below the front matter", { line: bodyLine, field: "body" });
    if (errors.length > 0 || title === undefined || columnId === undefined || publishAt === undefined || publishAtText === undefined || !mode) {
        return { errors };
    }
    return {
        errors,
        post: {
            slug: name.slice(0, -3),
            file,
            dir: node_path_1.default.dirname(file),
            title,
            columnId,
            publishAt,
            publishAtText,
            author,
            digest,
            cover,
            mode,
            draft,
            issue,
            sourceUrl,
            comments,
            body,
            bodyLine,
            sourceHash: (0, node_crypto_1.createHash)("sha256").update(text).digest("hex"),
        },
    };
}
//# sourceMappingURL=load-posts.js.map