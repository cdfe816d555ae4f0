import { composeReply, formatAnswer } from "../../src/qa/compose-reply";
import { QA_DISABLED } from "../../src/qa/qa-content";

const bytes = (s: string) => Buffer.byteLength(s, "utf8");
const NOTE = "（你刚才发送的消息，请稍后再发一次。）";
const text = (content: string) => ({ type: "text" as const, content });

describe("composeReply", () => {
  it("returns the push's own reply untouched when no answer waits", () => {
    expect(composeReply([], { reply: text("【轮青诚聘】…"), fallback: NOTE })).toEqual({ reply: text("【轮青诚聘】…"), included: [] });
  });

  it("puts the answers first and the own reply after when everything fits 2048 bytes", () => {
    expect(composeReply(["答一", "答二"], { reply: text("本来的回复"), fallback: NOTE })).toEqual({ reply: text("答一\n\n答二\n\n本来的回复"), included: [0, 1] });
  });

  it("keeps to 2048 bytes: answers that do not fit wait for the next push", () => {
    const a = "甲".repeat(400); // 1200 bytes
    const b = "乙".repeat(400);
    const r = composeReply([a, b], { reply: null });
    expect(r.included).toEqual([0]);
    expect(r.reply).toEqual(text(a));
  });

  it("drops trailing answers before the youth's own reply, keeping at least one answer", () => {
    const a = "甲".repeat(300); // 900 bytes
    const b = "乙".repeat(300);
    const own = "丙".repeat(300);
    const r = composeReply([a, b], { reply: text(own), fallback: NOTE });
    expect(r.included).toEqual([0]);
    expect(r.reply).toEqual(text(`${a}\n\n${own}`));
  });

  it("says the fallback instead of a reply that cannot fit, and gives a card reply's place to it too", () => {
    const a = "甲".repeat(600); // 1800 bytes
    const r = composeReply([a], { reply: text("丙".repeat(200)), fallback: NOTE });
    expect(r.reply).toEqual(text(`${a}\n\n${NOTE}`));
    expect(bytes((r.reply as { content: string }).content)).toBeLessThanOrEqual(2048);
    const card = { type: "news" as const, articles: [{ title: "招聘会", description: "", picUrl: "", url: "https://mp.weixin.qq.com/s/x" }] };
    expect(composeReply(["答"], { reply: card, fallback: NOTE }).reply).toEqual(text(`答\n\n${NOTE}`));
  });

  it("always keeps answers this push carried before (a re-run of the same push)", () => {
    const a = "甲".repeat(400);
    const b = "乙".repeat(200);
    expect(composeReply([a, b, "丁"], { reply: null }, new Set([1])).included).toEqual([0, 1, 2]);
  });
});

describe("formatAnswer", () => {
  it("quotes the question (cut to 60 characters) and stays within one text reply", () => {
    const long = formatAnswer(QA_DISABLED.texts, { id: 7, question: "问".repeat(100), answer: "答".repeat(700) });
    expect(long.startsWith(`【青年之声】你的问题 #7 有了答复：\n问：${"问".repeat(60)}…\n答：`)).toBe(true);
    expect(bytes(long)).toBeLessThanOrEqual(2048);
    expect(long.endsWith("…")).toBe(true);
  });
});
