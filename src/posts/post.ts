/**
 * A post as the editor wrote it in content/posts/YYYY-MM-DD-slug.md, validated. Built only by
 * load-posts.ts; the publisher turns it into a WeChat draft (render-post.ts) at its publish time.
 */

/** mass: 群发, pushed to every follower (quota: 订阅号 1 a day, 服务号 4 a month). publish: 发布, not pushed. */
export const POST_MODES = ["mass", "publish"] as const;
export type PostMode = (typeof POST_MODES)[number];

/**
 * article: 图文消息 (rendered HTML). newspic: 图片消息 (draft/add article_type "newspic": pictures
 * and a short plain text; platform-2025.md §1c).
 */
export const POST_TYPES = ["article", "newspic"] as const;
export type PostType = (typeof POST_TYPES)[number];

/** Who may comment: WeChat's need_open_comment / only_fans_can_comment. */
export const COMMENT_MODES = ["off", "open", "fans"] as const;
export type CommentMode = (typeof COMMENT_MODES)[number];

/** The cover as written: a local image, or `none` (then the first body image, else the column's default). */
export type CoverSpec = { kind: "file"; ref: string; line: number | undefined } | { kind: "auto" };

export interface Post {
  /** File name without .md: the post's identity in the publications ledger. Never rename a published post. */
  slug: string;
  /** Path of the file as reported in errors (contentDir/posts/…). */
  file: string;
  /** Directory of the file: relative image paths resolve from here. */
  dir: string;
  title: string;
  columnId: string;
  /** publish_at as an instant (naive times are in SCHEDULE_TIMEZONE, Asia/Shanghai by default). */
  publishAt: Date;
  /** publish_at exactly as written, for messages. */
  publishAtText: string;
  author: string | undefined;
  digest: string | undefined;
  cover: CoverSpec;
  mode: PostMode;
  type: PostType;
  /** draft: true keeps the post out of publishing (it is still checked). */
  draft: boolean;
  /**
   * demo: true marks a shipped example (content/posts/README.md). One whose time had already passed
   * when the publisher first saw it is an example, never tracked, so a fresh install starts with
   * nothing "missed" (issue 15); one still ahead goes out like any post, and `check` warns about it.
   * The loader always sets it; absent (a Post built elsewhere) means false.
   */
  demo?: boolean | undefined;
  /** 期数 forced by the editor (e.g. the first post after moving to this tool); else the column's next. */
  issue: number | undefined;
  /** 阅读原文 link. */
  sourceUrl: string | undefined;
  comments: CommentMode;
  /** The Markdown body. */
  body: string;
  /** 1-based line of the file where the body starts (for messages about the body). */
  bodyLine: number;
  /** sha256 (hex) of the file text. */
  sourceHash: string;
}

/** WeChat's limits for one article (draft/add doc; protocol §5.3, §7.1). Characters are code points. */
export const ARTICLE_LIMITS = {
  titleChars: 32,
  authorChars: 16,
  digestChars: 128,
  /** "必须少于2万字符": tags and inline styles count. */
  contentChars: 20_000,
  contentBytes: 1024 * 1024,
  sourceUrlBytes: 1024,
} as const;

/**
 * A 图片消息 (draft/add article_type "newspic", platform-2025.md §1c; protocol §5.3): its pictures are
 * the body's images, at most 20, the first one the cover (api_draft_add: image_info, "图片数量最多为20张";
 * anchors.md: wenyan's image_list ≤ 20). Its text is plain ("图片消息则仅支持纯文本"). For its length we
 * apply the doc's "大小不可超过2kb" row (protocol §5.3), which contradicts the 20 000 characters of a
 * news article but fits a picture message's short caption; wenyan reads 45166 as "newspic text too long".
 */
export const NEWSPIC_LIMITS = {
  minPictures: 1,
  maxPictures: 20,
  textBytes: 2048,
} as const;

/** WeChat fills an empty digest with the first 54 characters of the text (draft/add doc). */
export const AUTO_DIGEST_CHARS = 54;

export const charCount = (s: string): number => [...s].length;

/**
 * A shipped example whose time had passed before the publisher tracked it: it is never sent and
 * never "missed" (issue 15; content/posts/README.md). One rule for the publisher, `check`,
 * `posts` and the dashboard. `tracked`: the ledger already has a row for it (then it goes out).
 */
export function isExpiredDemo(post: Pick<Post, "demo" | "publishAt">, now: Date, tracked: boolean): boolean {
  return post.demo === true && !tracked && post.publishAt.getTime() <= now.getTime();
}

/** What the editor is told about an expired demo post. */
export const EXPIRED_DEMO_NOTE = "示例稿件，发布时间已过，只作示例，不会发送";
