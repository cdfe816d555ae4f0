"use strict";
/**
 * The 青年之声 Q&A settings as the intake and the staff tools see them: keywords, the menu key,
 * the texts youths get, the duty rota and the roundup post. Built only by load-qa-content.ts from
 * content/qa.yml (the editors' file); read-only afterwards.
 */
Object.defineProperty(exports, "__esModule", { value: true });
exports.QA_DISABLED = exports.MAX_QUESTION_CHARS = exports.QUOTED_QUESTION_CHARS = exports.MAX_ANSWER_BYTES = exports.ALWAYS_CANCEL = exports.DEFAULT_TOO_SHORT = exports.QA_FILE = void 0;
exports.QA_FILE = "qa.yml";
/** texts.too_short when qa.yml does not set it. */
exports.DEFAULT_TOO_SHORT = "请用一句话描述你的问题，例如：返乡创业有哪些扶持政策？发送“取消”可放弃提问。";
/** Words that leave Q&A mode, besides the file's cancel_keywords. */
exports.ALWAYS_CANCEL = ["取消", "退出"];
/** Staff answers are kept short enough that one fits a passive text reply with its envelope. */
exports.MAX_ANSWER_BYTES = 1800;
/** Questions are quoted in the delivered answer up to this many characters. */
exports.QUOTED_QUESTION_CHARS = 60;
/** A question longer than this is cut (the rest is kept nowhere; WeChat text messages are short anyway). */
exports.MAX_QUESTION_CHARS = 1000;
/**
 * Used only while content/qa.yml does not exist (an install that has not set up 青年之声 yet, or a
 * test's own content directory): the intake is off, and answers given before still reach youths.
 */
exports.QA_DISABLED = {
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
        tooShort: exports.DEFAULT_TOO_SHORT,
        noTickets: "你还没有提过问题。",
        listHeader: "你的问题：",
        answer: "【青年之声】你的问题 #{number} 有了答复：\n问：{question}\n答：{answer}",
        deferredNote: "（你刚才发送的消息，请稍后再发一次。）",
    },
    rota: [],
    roundup: { column: "", title: "青年之声问答（{from}—{to}）", author: undefined },
};
//# sourceMappingURL=qa-content.js.map