import path from "node:path";
import { loadQaContent } from "../../src/qa/load-qa-content";
import { matchQaIntent } from "../../src/qa/match-qa-intent";
import { inbound } from "../helpers/inbound";

const content = loadQaContent(path.join(__dirname, "../fixtures/content")).content!;

describe("matchQaIntent", () => {
  it.each([
    ["提问 返乡创业有哪些扶持政策？", "返乡创业有哪些扶持政策？"],
    ["提问：团员证怎么补办", "团员证怎么补办"],
    ["提问,寒假实习", "寒假实习"],
    ["提问怎么加入志愿者协会", "怎么加入志愿者协会"],
    ["  提问　ＡＢＣ公司招人吗  ", "ＡＢＣ公司招人吗"],
    ["我要提问 创业贷款利息多少", "创业贷款利息多少"],
  ])("takes %j as a question, keeping the youth's own text: %j", (text, question) => {
    expect(matchQaIntent(inbound.text(text), content, false)).toEqual({ kind: "ask", question });
  });

  it("waits for the question after a bare keyword (half- or full-width punctuation after it too)", () => {
    for (const text of ["提问", "提问：", " 提问 ", "青年之声"]) expect(matchQaIntent(inbound.text(text), content, false)).toEqual({ kind: "arm" });
  });

  it("treats any text as the question while waiting (marked as such), except 我的问题 and 取消", () => {
    expect(matchQaIntent(inbound.text("招聘"), content, true)).toEqual({ kind: "ask", question: "招聘", waited: true });
    expect(matchQaIntent(inbound.text("我的问题"), content, true)).toEqual({ kind: "list" });
    expect(matchQaIntent(inbound.text("取消"), content, true)).toEqual({ kind: "cancel" });
    expect(matchQaIntent(inbound.text("取消"), content, false)).toBeNull();
  });

  it("leaves other messages to the bot", () => {
    expect(matchQaIntent(inbound.text("招聘"), content, false)).toBeNull();
    expect(matchQaIntent(inbound.text("我想提问一下"), content, false)).toBeNull();
    expect(matchQaIntent(inbound.image(), content, true)).toBeNull();
    expect(matchQaIntent(inbound.click("COLUMN_CAREERS"), content, false)).toBeNull();
  });

  it("reads voice recognition like text, without its sentence punctuation", () => {
    expect(matchQaIntent(inbound.voice("我的问题。"), content, false)).toEqual({ kind: "list" });
    expect(matchQaIntent(inbound.voice("提问，助学贷款怎么申请？"), content, false)).toEqual({ kind: "ask", question: "助学贷款怎么申请？" });
  });

  it("arms on the 青年之声 menu button", () => {
    expect(matchQaIntent(inbound.click("YOUTH_VOICE"), content, false)).toEqual({ kind: "arm" });
  });

  it("cuts a very long question at 1000 characters", () => {
    const r = matchQaIntent(inbound.text(`提问 ${"问".repeat(1500)}`), content, false);
    expect(r?.kind === "ask" && [...r.question].length).toBe(1001);
  });
});
