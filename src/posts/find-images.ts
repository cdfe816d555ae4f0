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
    problems.push(new ContentError(file, `image "${ref}" is a .${ext || "?"} file; use jpg, png, webp or gif`, where));
    return false;
  }
  if (!existsSync(abs) || !statSync(abs).isFile()) {
    problems.push(new ContentError(file, `image "${ref}" not found (looked for ${abs})`, where));
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
        new ContentError(post.file, `image "${ref}" is on another website; WeChat removes such images: save it under content/posts/images/ and link it as images/<name>`, where),
      );
    } else if (ref === "") {
      problems.push(new ContentError(post.file, "an image has no path: write ![description](images/photo.jpg)", where));
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
      const abs = resolveImagePath(column.defaultCover, contentDir, contentDir);
      const columnsFile = path.join(contentDir, "columns.yml");
      if (checkLocal(column.defaultCover, columnsFile, abs, { line: column.line, field: `columns[${column.id}].default_cover` }, problems)) {
        cover = { ref: column.defaultCover, path: abs, line: undefined };
      }
    }
    if (!cover && !problems.some((p) => p.field === "cover" || p.field?.endsWith("default_cover"))) {
      problems.push(
        new ContentError(post.file, "no cover image: WeChat needs one for every article; add cover: images/<name>.jpg, put an image in the text, or give the column a default_cover in columns.yml", {
          field: "cover",
        }),
      );
    }
  }
  return { body, cover, problems };
}
