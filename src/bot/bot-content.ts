/**
 * The bot's content as the router sees it: columns (栏目), fixed replies, the custom menu, and the
 * keyword rules compiled from them once per load. Built only by load-content.ts from the three
 * editor files in content/ (columns.yml, replies.yml, menu.yml); read-only afterwards.
 */
import type { CommentMode, PostMode } from "../posts/post";

/** The League's reporting categories (团县委 statistics use these five). */
export const COLUMN_CATEGORIES = ["政策法规", "致富信息", "新闻娱乐", "便民服务", "其他"] as const;
export type ColumnCategory = (typeof COLUMN_CATEGORIES)[number];

export const MATCH_MODES = ["exact", "contains", "regex"] as const;
export type MatchMode = (typeof MATCH_MODES)[number];

/** One keyword as the editor wrote it in columns.yml. */
export interface KeywordSpec {
  match: MatchMode;
  /** For exact / contains. */
  text?: string;
  /** For regex. */
  pattern?: string;
  line: number;
}

export interface Column {
  id: string;
  /** Display name, e.g. 轮青诚聘. */
  name: string;
  /** Publishing fills `{issue}` (期数) and `{title}`. */
  titleTemplate: string;
  category: ColumnCategory;
  keywords: readonly KeywordSpec[];
  reply: {
    /** How many of the column's latest published posts a match answers with; 0 = always `text`. */
    latest: number;
    /** The column's own text, used while it has no published posts (or when `latest` is 0). */
    text: string;
  };
  /** Custom-menu CLICK key routed to this column. */
  menuKey?: string;
  /** Picture used when a post has none, relative to content/posts/ like post pictures (images/covers/news.jpg). */
  defaultCover?: string;
  /** Line of `default_cover:` in columns.yml (a missing file is reported there). */
  defaultCoverLine?: number;
  /**
   * How the column's posts go out when a post does not say (`mode:`): publish (发布, not pushed)
   * or mass (群发). Absent: every post of the column must say; nothing is mass-sent by default.
   */
  mode?: PostMode;
  description?: string;
  /** Who may comment on the column's posts when a post does not say (`comments:`); absent = off. */
  comments?: CommentMode;
  /** Line of the column's entry in columns.yml (for messages). */
  line: number;
}

export interface NumberedMenuItem {
  /** The digits a youth replies with ("1", "2"…), already normalised. */
  key: string;
  columnId: string;
  label: string;
}

export interface NumberedMenu {
  title: string;
  items: readonly NumberedMenuItem[];
  /** The menu as one text block (title, then one line per item). */
  text: string;
}

export interface Replies {
  /** Sent on subscribe; `{numbered_menu}` already expanded. */
  welcome: string;
  /** Sent when nothing matched, at most once per user per `defaultReplyIntervalMinutes`. */
  default: string;
  defaultReplyIntervalMinutes: number;
  /** Sent when an existing follower scans a parametric QR code; absent → no reply. */
  scan?: string;
  numberedMenu: NumberedMenu | null;
  /** Texts for custom-menu CLICK keys that are not columns (联系我们, 青年之声…). */
  menuReplies: ReadonlyMap<string, string>;
}

export type MenuLeaf =
  | { name: string; type: "click"; key: string }
  | { name: string; type: "view"; url: string };

export type MenuButton = MenuLeaf | { name: string; subButtons: readonly MenuLeaf[] };

export interface Menu {
  buttons: readonly MenuButton[];
}

/**
 * One compiled keyword rule. Ids are stable and readable (`careers:exact:诚聘`,
 * `careers:regex:^(招聘|求职)\S*$`, `news:menu:1`) because they are recorded with every hit
 * and counted in the keyword statistics.
 */
export interface KeywordRule {
  id: string;
  columnId: string;
  mode: MatchMode;
  /** Where the rule came from: a column's keywords, or a digit of the numbered menu (exact). */
  source: "column" | "numbered_menu";
  /** Normalised keyword (exact / contains). */
  text?: string;
  /** Compiled once at load (regex). */
  regex?: RegExp;
  /** Content file and line that declared the rule. */
  file: string;
  line: number;
}

export interface CompiledRules {
  /** Exact rules (column keywords and numbered-menu digits) by normalised text; unique by validation. */
  exact: ReadonlyMap<string, KeywordRule>;
  /** Contains rules in file order. */
  contains: readonly KeywordRule[];
  /** Regex rules in file order. */
  regex: readonly KeywordRule[];
  /** All rules in precedence order: exact, contains, regex; file order within each. */
  all: readonly KeywordRule[];
}

export interface BotContent {
  columns: readonly Column[];
  columnsById: ReadonlyMap<string, Column>;
  replies: Replies;
  /** Absent when content/menu.yml does not exist. */
  menu: Menu | null;
  rules: CompiledRules;
  /** CLICK key → column id (from each column's `menu_key`). */
  menuKeyToColumn: ReadonlyMap<string, string>;
}

/**
 * How both keywords (at load) and messages (at routing) are normalised before comparing:
 * trim, NFKC (full-width “诚聘”, "ＡＢＣ", "１" → half-width), lower case (Latin letters compare
 * case-insensitively; Chinese is unaffected).
 */
export function normaliseText(s: string): string {
  return s.normalize("NFKC").trim().toLowerCase();
}

/** UTF-8 length, the unit WeChat counts text replies in (≤ 2048, wechat-protocol.md §3.2). */
export function utf8Bytes(s: string): number {
  return Buffer.byteLength(s, "utf8");
}

/** Passive text replies are kept within this many UTF-8 bytes (wechat-protocol.md §3.2). */
export const MAX_TEXT_REPLY_BYTES = 2048;

/** A custom-menu button's key (wechat-protocol.md §5.7): checked in menu.yml, columns.yml and replies.yml. */
export const MENU_KEY_BYTES = 128;
