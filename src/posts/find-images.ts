import { existsSync, statSync } from "node:fs";
import path from "node:path";
import MarkdownIt from "markdown-it";
import type { Column } from "../bot/bot-content";
import { ContentError } from "../errors";
import type { Post } from "./post";

/** Formats the publisher can turn into jpg/png (sharp reads them); WeChat itself takes only jpg/png. */
export const IMAGE_EXTENSIONS = new Set(["jpg", "jpeg", "png", "webp", "gif"]);

/** Images WeChat already hosts may stay as they are; every other remote URL is filtered (protocol §7.1). */
export const WECHAT_IMAGE_HOST = /^https?:\/\/mmbiz\.(qpic|qlogo)\.cn\//i;

/** One image a post uses: where it was written and which file it is. */
export interface PostImage {
  /** The reference as written (images/job-fair.jpg). */
  ref: string;
  /** Absolute path of the file; undefined for an mmbiz URL used as is. */
  path: string | undefined;
  /** 1-based line in the post file (or columns.yml for a column's default cover). */
  line: number | undefined;
}

export interface PostImages {
  /** Body images in order of appearance, one entry per distinct reference. */
  body: PostImage[];
  /** The cover: front matter `cover`, else the first body image, else the column's default_cover. */
  cover: PostImage | undefined;
  problems: ContentError[];
}

type Token = MarkdownIt.Token;

/** Markdown parser used only to find image tokens (rendering has its own instance with its rules). */
const parser = new MarkdownIt({ html: true });

/** Every image token of a parsed body, with its 1-based body line. */
export function imageTokens(tokens: readonly Token[]): { token: Token; line: number | undefined }[] {
  const out: { token: Token; line: number | undefined }[] = [];
  for (const block of tokens) {
    if (block.type !== "inline" || !block.children) continue;
    for (const child of block.children) {
      if (child.type === "image") out.push({ token: child, line: block.map ? block.map[0] + 1 : undefined });
    }
  }
  return out;
}

/** The absolute path an image reference points at: relative to the post, or to content/ with a leading "/". */
export function resolveImagePath(ref: string, postDir: string, contentDir: string): string {
  const bare = ref.split(/[?#]/)[0]!;
  let clean = bare;
  try {
    clean = decodeURI(bare);
  } catch {
    // A stray % in a file name: use the reference as written.
  }
  return clean.startsWith("/") ? path.join(contentDir, clean) : path.resolve(postDir, clean);
}

function checkLocal(
  ref: string,
  file: string,
  abs: string,
  where: { line?: number | undefined; field: string },
  problems: ContentError[],
): boolean {
  const ext = path.extname(abs).slice(1).toLowerCase();
  if (!IMAGE_EXTENSIONS.has(ext)) {
    problems.push(new ContentError(file, `图片「${ref}」${ext ? `是 .${ext} 文件` : "没有扩展名"}：请用 jpg、png、webp 或 gif 图片`, where));
    return false;
  }
  if (!existsSync(abs) || !statSync(abs).isFile()) {
    problems.push(new ContentError(file, `找不到图片「${ref}」（找的是 ${abs}）：检查文件名和文件夹，图片放在 content/posts/images/ 下`, where));
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
export function findImages(post: Post, column: Column | undefined, contentDir: string, tokens?: readonly Token[]): PostImages {
  const problems: ContentError[] = [];
  const body: PostImage[] = [];
  const seen = new Set<string>();
  const bodyLine = (line: number | undefined) => (line === undefined ? undefined : post.bodyLine + line - 1);
  for (const { token, line } of imageTokens(tokens ?? parser.parse(post.body, {}))) {
    const ref = token.attrGet("src") ?? "";
    if (seen.has(ref)) continue;
    seen.add(ref);
    const where = { line: bodyLine(line), field: "body" };
    if (WECHAT_IMAGE_HOST.test(ref)) {
      body.push({ ref, path: undefined, line: where.line });
    } else if (/^[a-z][a-z0-9+.-]*:/i.test(ref)) {
      problems.push(
        new ContentError(post.file, `图片「${ref}」在别的网站上，微信会把它删掉：把图片存到 content/posts/images/，写成 ![说明](images/文件名.jpg)`, where),
      );
    } else if (ref === "") {
      problems.push(new ContentError(post.file, "有一张图片没写路径：写成 ![说明](images/照片.jpg)", where));
    } else {
      const abs = resolveImagePath(ref, post.dir, contentDir);
      if (checkLocal(ref, post.file, abs, where, problems)) body.push({ ref, path: abs, line: where.line });
    }
  }

  let cover: PostImage | undefined;
  if (post.cover.kind === "file") {
    const { ref, line } = post.cover;
    const abs = resolveImagePath(ref, post.dir, contentDir);
    if (checkLocal(ref, post.file, abs, { line, field: "cover" }, problems)) cover = { ref, path: abs, line };
  } else {
    cover = body.find((i) => i.path !== undefined);
    if (!cover && column?.defaultCover !== undefined) {
      const found = columnCoverFile(column, contentDir);
      if (found.problem) problems.push(found.problem);
      else cover = { ref: column.defaultCover, path: found.path, line: undefined };
    }
    if (!cover && !problems.some((p) => p.field === "cover" || p.field?.endsWith("default_cover"))) {
      problems.push(
        new ContentError(
          post.file,
          "没有封面图：微信的图文消息必须有封面。写 cover: images/图片.jpg，或在正文里放一张图片，或在 columns.yml 给栏目写 default_cover",
          { field: "cover" },
        ),
      );
    }
  }
  return { body, cover, problems };
}

/**
 * A column's default cover, looked up like a post's pictures: relative to content/posts/
 * (default_cover: images/covers/news.jpg is content/posts/images/covers/news.jpg; issue 15 found it
 * looked up in content/ instead). A problem is reported against columns.yml, at the line.
 */
export function columnCoverFile(column: Column, contentDir: string): { path: string; problem?: undefined } | { path?: undefined; problem: ContentError } {
  const ref = column.defaultCover ?? "";
  const postsDir = path.join(contentDir, "posts");
  const abs = resolveImagePath(ref, postsDir, contentDir);
  const columnsFile = path.join(contentDir, "columns.yml");
  const where = { line: column.defaultCoverLine ?? column.line, field: `columns[${column.id}].default_cover` };
  if (/^[a-z][a-z0-9+.-]*:/i.test(ref)) {
    if (WECHAT_IMAGE_HOST.test(ref)) return { path: ref };
    return { problem: new ContentError(columnsFile, `栏目 ${column.id} 的默认封面「${ref}」是网址：把图片存到 content/posts/images/covers/，写 default_cover: images/covers/${column.id}.jpg`, where) };
  }
  const problems: ContentError[] = [];
  if (!checkLocal(ref, columnsFile, abs, where, problems)) {
    return { problem: new ContentError(columnsFile, `栏目 ${column.id} 的默认封面：${problems[0]!.problem}`, where) };
  }
  return { path: abs };
}

/** Every column's default cover, checked whether or not a post needs it today (issue 15). */
export function checkColumnCovers(columns: Iterable<Column>, contentDir: string): ContentError[] {
  const problems: ContentError[] = [];
  for (const column of columns) {
    if (column.defaultCover === undefined) continue;
    const found = columnCoverFile(column, contentDir);
    if (found.problem) problems.push(found.problem);
  }
  return problems;
}
