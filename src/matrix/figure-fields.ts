import { COLUMN_CATEGORIES } from "../bot/bot-content";

/**
 * The figures of 附件3 (农村共青团微信体系建设工作推进情况跟踪摸底表) that WeChat does not know and
 * each township enters once a month, plus 发送微信数 for accounts whose ledger is not in this install.
 * Keys are stored in township_figures.field (migration 0013); labels are the table's own words.
 */
export interface FigureField {
  key: string;
  label: string;
  /** The header cells above the label, outermost first: ["微信群内成员数", "在乡"]. */
  groups: readonly string[];
}

const field = (key: string, label: string, ...groups: string[]): FigureField => ({ key, label, groups });

export const ORG_FIELDS = [
  field("branches", "团支部数"),
  field("cadres", "团干部数"),
  field("youths", "团员青年数"),
  field("groups", "微信群数"),
] as const;

/** 微信群内成员数: the total (optional) and where the members are (在乡 / 外出, by occupation). */
export const MEMBER_TOTAL = field("members", "合计", "微信群内成员数");
export const MEMBER_PARTS = [
  field("local_farming", "务农", "微信群内成员数", "在乡"),
  field("local_labour", "务工", "微信群内成员数", "在乡"),
  field("local_business", "经商", "微信群内成员数", "在乡"),
  field("local_public", "行政事业单位", "微信群内成员数", "在乡"),
  field("local_other", "其他", "微信群内成员数", "在乡"),
  field("away_labour", "务工", "微信群内成员数", "外出"),
  field("away_study", "就学", "微信群内成员数", "外出"),
  field("away_startup", "创业", "微信群内成员数", "外出"),
  field("away_other", "其他", "微信群内成员数", "外出"),
] as const;

/** 发送微信数 by the columns' reporting categories (columns.yml `category`), in the ledger's order. */
export const SENT_FIELDS: readonly FigureField[] = COLUMN_CATEGORIES.map((c, i) => field(`sent_${i + 1}`, c, "发送微信数"));

export const ACTIVITY_FIELDS = [
  field("act_policy", "政策宣讲", "线下活动开展情况"),
  field("act_skills", "技能培训", "线下活动开展情况"),
  field("act_culture", "文体娱乐", "线下活动开展情况"),
  field("act_dating", "婚恋交友", "线下活动开展情况"),
  field("act_other", "其他", "线下活动开展情况"),
] as const;

/** Every column of the table after 乡镇, left to right. */
export const TABLE_FIELDS: readonly FigureField[] = [...ORG_FIELDS, MEMBER_TOTAL, ...MEMBER_PARTS, ...SENT_FIELDS, ...ACTIVITY_FIELDS];

/** The 县级 / 市级直属微信群 rows report groups only: 微信群数 and their members. */
export const DIRECT_GROUP_FIELDS: readonly FigureField[] = [ORG_FIELDS[3], MEMBER_TOTAL, ...MEMBER_PARTS];

export const FIELD_KEYS = new Set(TABLE_FIELDS.map((f) => f.key));

/** "微信群内成员数·在乡·务农": a field's full name, for error messages and the audit log. */
export const fullLabel = (f: FigureField): string => [...f.groups, f.label].join("·");

export const fieldByKey = (key: string): FigureField | undefined => TABLE_FIELDS.find((f) => f.key === key);

/** One unit's entered figures: field key → value; a missing key was left blank. */
export type Figures = Readonly<Record<string, number>>;
