/**
 * A post's front matter as a zod schema, with the editors' messages in Chinese, and the field list
 * the dashboard's 稿件 form is built from (POST_FIELDS). Used by load-posts.ts (checkPostText) for
 * files on disk and for unsaved text alike, so `check` and the 稿件 page never disagree (issue 15).
 */
import { z } from "zod";
import type { Column } from "../bot/bot-content";
import { parseCommentMode } from "../bot/check-columns";
import { parsePublishAt } from "./parse-publish-at";
import { ARTICLE_LIMITS, charCount, COMMENT_MODES, POST_MODES, POST_TYPES } from "./post";

export type FieldKind = "text" | "datetime" | "select" | "number" | "boolean";

export interface PostFieldSpec {
  /** The front matter key. */
  name: string;
  /** 中文名, shown on the form and in messages. */
  label: string;
  kind: FieldKind;
  required: boolean;
  /** For selects with fixed values. */
  options?: readonly { value: string; label: string }[];
  /** For `column`: the options are the columns of columns.yml (id → name). */
  optionsFrom?: "columns";
  /** One sentence for the editor: what the field does and what to write. */
  help: string;
  example?: string;
}

/** Every field a post may have, in the order a form shows them. */
export const POST_FIELDS = [
  { name: "title", label: "标题", kind: "text", required: true, example: "轮台县2026年冬季青年就业招聘会", help: `最多 ${ARTICLE_LIMITS.titleChars} 个字，连同栏目的【…】第N期前缀一起算。` },
  { name: "column", label: "栏目", kind: "select", required: true, optionsFrom: "columns", example: "careers", help: "写 columns.yml 里栏目的 id（英文），例如 careers。" },
  { name: "publish_at", label: "发布时间", kind: "datetime", required: true, example: "2026-12-08 20:00", help: "北京时间，写到几点几分，例如 2026-12-08 20:00；用新疆时间请写 2026-12-08 20:00 +06:00。" },
  {
    name: "mode",
    label: "发送方式",
    kind: "select",
    required: false,
    options: [
      { value: "publish", label: "发布（不推送，在公众号主页和搜索中可见）" },
      { value: "mass", label: "群发（推送给全部关注者，占群发次数）" },
    ],
    help: "不写就用栏目在 columns.yml 里的 mode；栏目也没写时必须填写。",
  },
  {
    name: "type",
    label: "消息类型",
    kind: "select",
    required: false,
    options: [
      { value: "article", label: "图文消息（默认）" },
      { value: "newspic", label: "图片消息（1–20 张图片配一段纯文字）" },
    ],
    help: "图片消息：正文里的图片就是消息的图片，第一张作封面；文字只能是纯文字（不能有标题、链接、列表）。",
  },
  { name: "author", label: "作者", kind: "text", required: false, example: "团县委", help: `最多 ${ARTICLE_LIMITS.authorChars} 个字。` },
  { name: "digest", label: "摘要", kind: "text", required: false, help: `最多 ${ARTICLE_LIMITS.digestChars} 个字；不写时微信取正文前 54 个字。` },
  { name: "cover", label: "封面", kind: "text", required: false, example: "images/job-fair.jpg", help: "content/posts/ 下的图片，例如 images/job-fair.jpg；不写就用正文第一张图，再没有就用栏目的默认封面。" },
  {
    name: "comments",
    label: "留言",
    kind: "select",
    required: false,
    options: [
      { value: "off", label: "关闭留言" },
      { value: "open", label: "所有人可留言" },
      { value: "fans", label: "仅关注者可留言" },
    ],
    help: "不写就用栏目的设置（columns.yml 的 comments），栏目也没写时关闭。",
  },
  { name: "source_url", label: "阅读原文链接", kind: "text", required: false, help: "以 http:// 或 https:// 开头的网址，最长 1024 字节。" },
  { name: "issue", label: "期数", kind: "number", required: false, help: "一般不写，自动接着栏目的上一期；只在需要指定时填写整数。" },
  { name: "draft", label: "草稿", kind: "boolean", required: false, help: "true：只保存不发送；false（默认）：到时间就发送。" },
  { name: "demo", label: "示例稿件", kind: "boolean", required: false, help: "true：系统自带的示例；发布时间已过时只作示例，不会发送。" },
] as const satisfies readonly PostFieldSpec[];

export type PostField = (typeof POST_FIELDS)[number]["name"];
export const FIELD_NAMES: readonly PostField[] = POST_FIELDS.map((f) => f.name);
const OTHER_LABELS: Record<string, string> = { body: "正文" };
const labelOf = (name: string) => POST_FIELDS.find((f) => f.name === name)?.label ?? OTHER_LABELS[name];
/** "publish_at（发布时间）" */
export const fieldTitle = (name: string) => (labelOf(name) === undefined ? name : `${name}（${labelOf(name)}）`);

/** Names editors reach for, and the field they mean. */
const ALIASES: Record<string, PostField> = {
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
  send: "mode",
  send_mode: "mode",
  article_type: "type",
  kind: "type",
  format: "type",
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
  example: "demo",
  sample: "demo",
};

/** Levenshtein distance, for "did you mean". */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return row[b.length]!;
}

/** The field an unknown key probably means: a known alias, else the nearest name within 2 edits. */
export function suggestField(key: string): PostField | undefined {
  const k = key.toLowerCase().replace(/-/g, "_");
  if ((FIELD_NAMES as readonly string[]).includes(k)) return k as PostField;
  const alias = ALIASES[k] ?? ALIASES[k.replace(/_/g, "")];
  if (alias) return alias;
  let best: PostField | undefined;
  let bestDistance = 3;
  for (const [name, field] of [...FIELD_NAMES.map((f) => [f, f] as const), ...Object.entries(ALIASES)]) {
    const d = distance(k, name);
    if (d < bestDistance) {
      best = field;
      bestDistance = d;
    }
  }
  return best;
}

export function unknownFieldProblem(key: string, present: ReadonlySet<string>): string {
  const guess = suggestField(key);
  const hint = guess && !present.has(guess) ? `；是不是想写 ${fieldTitle(guess)}？` : "";
  return `不认识的字段「${key}」${hint}（可用的字段：${FIELD_NAMES.join("、")}）`;
}

/** What the schema needs besides the text: the columns (null when columns.yml is broken) and the time zone. */
export interface SchemaContext {
  columns: ReadonlyMap<string, Column> | null;
  timezone: string;
  /** YYYY-MM-DD from the file name, for the example in messages. */
  fileDate?: string | undefined;
}

/** YAML gives numbers and booleans for `title: 2026`; editors mean text. Blank means "not given". */
const toText = (v: unknown) => {
  if (v === null || v === undefined) return undefined;
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  if (typeof v === "string") return v.trim() === "" ? undefined : v.trim();
  return v;
};
const ONE_LINE = "要写成一行文字（不是列表，也不是多行）";

const text = (required: string | undefined) =>
  z.preprocess(toText, required === undefined ? z.string({ invalid_type_error: ONE_LINE }).optional() : z.string({ invalid_type_error: ONE_LINE, required_error: required }));

const maxChars = (max: number) => (v: string | undefined, ctx: z.RefinementCtx) => {
  if (v !== undefined && charCount(v) > max) ctx.addIssue({ code: "custom", message: `现在 ${charCount(v)} 个字，微信最多允许 ${max} 个字，请删短` });
};

const flag = (meaning: string) =>
  z.preprocess(
    (v) => (v === null || v === undefined ? undefined : v === "true" || v === "是" ? true : v === "false" || v === "否" ? false : v),
    z.boolean({ invalid_type_error: `只能写 true（${meaning}）或 false` }).default(false),
  );

/** A value as the editor wrote it, for messages. */
const shown = (v: unknown) => `「${typeof v === "string" ? v.trim() : JSON.stringify(v)}」`;

/**
 * The front matter schema for one post. Column ids and the column's default mode come from
 * columns.yml, so the schema is built per load; everything it says is in Chinese and names what
 * to write instead.
 */
export function postFrontMatterSchema(ctx: SchemaContext) {
  const columnIds = ctx.columns ? [...ctx.columns.keys()] : [];
  const example = `${ctx.fileDate ?? "2026-12-08"} 20:00`;
  return z
    .object({
      title: text(`必须填写，例如 title: 轮台县2026年冬季青年就业招聘会`).superRefine((v, c) => {
        if (v !== undefined && charCount(v) > ARTICLE_LIMITS.titleChars) {
          c.addIssue({
            code: "custom",
            message: `现在 ${charCount(v)} 个字，微信最多允许 ${ARTICLE_LIMITS.titleChars} 个字（连同栏目的【…】第N期前缀），请删短`,
          });
        }
      }),
      column: text(`必须填写 columns.yml 里一个栏目的 id${columnIds.length ? `（${columnIds.join("、")}）` : ""}，例如 column: ${columnIds[0] ?? "news"}`).superRefine((v, c) => {
        if (v === undefined || !ctx.columns || ctx.columns.has(v)) return;
        const byName = [...ctx.columns.values()].find((col) => col.name === v);
        c.addIssue({
          code: "custom",
          message: byName ? `这里写栏目的 id，不是栏目名：改成 column: ${byName.id}` : `${shown(v)}不是 columns.yml 里的栏目；请写 ${columnIds.join("、")} 中的一个`,
        });
      }),
      publish_at: text(`必须填写发布时间，写成 ${example} 这样的格式（北京时间；新疆时间写 ${example} +06:00）`).transform((v, c) => {
        if (v === undefined) return undefined;
        const r = parsePublishAt(v, ctx.timezone);
        if (r.ok) return { at: r.at, text: v };
        c.addIssue({ code: "custom", message: r.problem });
        return z.NEVER;
      }),
      mode: z.preprocess(
        toText,
        z
          .enum(POST_MODES, {
            errorMap: (_issue, c) => ({ message: `${shown(c.data)}不对：写 publish（发布，不推送给关注者）或 mass（群发，推送给全部关注者）` }),
          })
          .optional(),
      ),
      type: z.preprocess(
        toText,
        z
          .enum(POST_TYPES, { errorMap: (_issue, c) => ({ message: `${shown(c.data)}不对：写 article（图文消息，默认）或 newspic（图片消息）` }) })
          .default("article"),
      ),
      author: text(undefined).superRefine(maxChars(ARTICLE_LIMITS.authorChars)),
      digest: text(undefined).superRefine(maxChars(ARTICLE_LIMITS.digestChars)),
      cover: text(undefined).superRefine((v, c) => {
        if (v !== undefined && /^[a-z][a-z0-9+.-]*:/i.test(v)) {
          c.addIssue({ code: "custom", message: `${shown(v)}是网址；封面要用 content/posts/ 下的图片文件，例如 cover: images/job-fair.jpg` });
        }
      }),
      comments: z
        .unknown()
        .transform((v, c) => {
          if (v === undefined || v === null || (typeof v === "string" && v.trim() === "")) return undefined;
          const mode = parseCommentMode(v);
          if (mode === undefined) {
            c.addIssue({ code: "custom", message: `${shown(v)}不对：写 off（关闭留言）、open（所有人可留言）或 fans（仅关注者可留言）` });
            return z.NEVER;
          }
          return mode;
        }),
      source_url: text(undefined).superRefine((v, c) => {
        if (v === undefined) return;
        if (!/^https?:\/\/\S+$/i.test(v)) c.addIssue({ code: "custom", message: `${shown(v)}不是网址：要以 http:// 或 https:// 开头` });
        else if (Buffer.byteLength(v, "utf8") > ARTICLE_LIMITS.sourceUrlBytes) {
          c.addIssue({ code: "custom", message: `现在 ${Buffer.byteLength(v, "utf8")} 字节，微信最多允许 ${ARTICLE_LIMITS.sourceUrlBytes} 字节` });
        }
      }),
      issue: z.unknown().transform((v, c) => {
        if (v === undefined || v === null || (typeof v === "string" && v.trim() === "")) return undefined;
        const n = typeof v === "number" ? v : Number(String(v).trim());
        if (Number.isInteger(n) && n >= 1 && n <= 99_999) return n;
        c.addIssue({ code: "custom", message: `${shown(v)}不对：期数写从 1 开始的整数；一般不写，自动接着栏目的上一期` });
        return z.NEVER;
      }),
      draft: flag("草稿：只保存，不发送"),
      demo: flag("系统自带的示例稿件"),
    })
    .strict();
}

/**
 * Nothing is mass-sent by default (issue 15): a post without `mode:` takes its column's mode from
 * columns.yml, and with neither it is an error. Kept apart from the schema so that it is reported
 * in the same pass as the other fields' problems (zod skips object refinements once a field fails).
 * @returns the problem for the `mode` field, or undefined when the mode is known (or the column is not)
 */
export function missingModeProblem(columnId: string | undefined, columns: ReadonlyMap<string, Column> | null): string | undefined {
  if (columnId === undefined) return undefined;
  if (!columns) {
    return "没有写；默认值要看栏目在 columns.yml 里的 mode，但栏目文件（columns.yml、replies.yml、menu.yml）现在有错：先改好它们，或在这里写 mode: publish / mode: mass";
  }
  const column = columns.get(columnId);
  if (!column || column.mode !== undefined) return undefined;
  return `必须填写：写 mode: publish（发布，不推送）或 mode: mass（群发，推送给全部关注者）；或在 columns.yml 给栏目 ${column.id} 写默认的 mode`;
}

export type PostFrontMatter = z.infer<ReturnType<typeof postFrontMatterSchema>>;

/** Comment modes, re-exported for the form. */
export { COMMENT_MODES };
