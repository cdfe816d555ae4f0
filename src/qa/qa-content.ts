/**
 * The 青年之声 Q&A settings as the intake and the staff tools see them: keywords, the menu key,
 * the texts youths get, the duty rota and the roundup post. Built only by load-qa-content.ts from
 * content/qa.yml (the editors' file); read-only afterwards.
 */

/** Days of the week as the rota names them; 0 = Sunday, as Date#getDay and dayjs count. */
export type Weekday = 0 | 1 | 2 | 3 | 4 | 5 | 6;

export interface DutyCadre {
  /** As staff and the dashboard show it, e.g. 王芳. Unique in the rota. */
  name: string;
  /** On duty these days (Asia/Shanghai); all seven when the editor gave none. */
  days: ReadonlySet<Weekday>;
}

export interface QaTexts {
  /** After a bare 提问 or the menu button: "write your question in your next message". {wait_minutes} */
  askPrompt: string;
  /** A ticket was made. {number} */
  received: string;
  /** Said instead of `received` when that does not fit beside answers delivered in the same reply. {number} */
  receivedShort: string;
  /** 取消 while waiting for the question. */
  cancelled: string;
  /**
   * A message too short to be a question (one character, digits only, an emoji or a sticker) while
   * waiting for one: ask the youth to describe it. Optional in qa.yml (this default otherwise).
   */
  tooShort: string;
  /** 我的问题 with no tickets. */
  noTickets: string;
  /** 我的问题: first line, then one line per ticket. */
  listHeader: string;
  /** An answer as delivered (either channel). {number} {question} {answer} */
  answer: string;
  /**
   * Appended to delivered answers when the youth's own message could not be answered in the same
   * passive reply (one reply per push, ≤ 2048 bytes): tells them to send it again.
   */
  deferredNote: string;
}

export interface RoundupSettings {
  /** Column id of columns.yml the roundup post goes to. */
  column: string;
  /** Post title; {from} {to} are dates like 12.1. */
  title: string;
  author: string | undefined;
}

export interface QaContent {
  /** False when content/qa.yml does not exist: no keywords, no rota; waiting answers are still delivered. */
  enabled: boolean;
  /** Normalised. "提问 …" starts a question; a bare "提问" waits for the next message. */
  askKeywords: readonly string[];
  /** Normalised, exact: "我的问题". */
  listKeywords: readonly string[];
  /** Normalised, exact, only while waiting for a question: "取消". */
  cancelKeywords: readonly string[];
  /** Custom-menu click key that works like a bare 提问 (menu.yml's 青年之声 button). */
  menuKey: string | undefined;
  /** How long a bare 提问 waits for the question. */
  waitMinutes: number;
  texts: QaTexts;
  /** File order = round-robin order. Empty: tickets stay unassigned until staff assign them. */
  rota: readonly DutyCadre[];
  roundup: RoundupSettings;
}

export const QA_FILE = "qa.yml";

/** texts.too_short when qa.yml does not set it. */
export const DEFAULT_TOO_SHORT = "请用一句话描述你的问题，例如：返乡创业有哪些扶持政策？发送“取消”可放弃提问。";
/** Words that leave Q&A mode, besides the file's cancel_keywords. */
export const ALWAYS_CANCEL = ["取消", "退出"] as const;

/** Staff answers are kept short enough that one fits a passive text reply with its envelope. */
export const MAX_ANSWER_BYTES = 1800;
/** Questions are quoted in the delivered answer up to this many characters. */
export const QUOTED_QUESTION_CHARS = 60;
/** A question longer than this is cut (the rest is kept nowhere; WeChat text messages are short anyway). */
export const MAX_QUESTION_CHARS = 1000;

/**
 * Used only while content/qa.yml does not exist (an install that has not set up 青年之声 yet, or a
 * test's own content directory): the intake is off, and answers given before still reach youths.
 */
export const QA_DISABLED: QaContent = {
  enabled: false,
  askKeywords: [],
  listKeywords: [],
  cancelKeywords: [],
  menuKey: undefined,
  waitMinutes: 10,
  texts: {
    askPrompt: "请直接发送你的问题。",
    received: "已收到你的问题 #{number}。",
    receivedShort: "（你的新问题 #{number} 也已收到。）",
    cancelled: "已取消提问。",
    tooShort: DEFAULT_TOO_SHORT,
    noTickets: "你还没有提过问题。",
    listHeader: "你的问题：",
    answer: "【青年之声】你的问题 #{number} 有了答复：\n问：{question}\n答：{answer}",
    deferredNote: "（你刚才发送的消息，请稍后再发一次。）",
  },
  rota: [],
  roundup: { column: "", title: "青年之声问答（{from}—{to}）", author: undefined },
};
