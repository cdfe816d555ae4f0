import { ageLabel, matchModeLabel, ruleLabel, STAFF_REPLY_DELIVERY_LABELS } from "../../src/dashboard/presenters/labels";
import { describeRule } from "../../src/dashboard/presenters/present-messages";

describe("labels for staff (never internal names)", () => {
  it("names rule ids as staff know them", () => {
    expect(ruleLabel("careers:exact:招聘")).toBe("招聘");
    expect(ruleLabel("careers:menu:2")).toBe("回复 2");
    expect(ruleLabel("careers:click:COLUMN_CAREERS")).toBe("菜单 COLUMN_CAREERS");
    expect(ruleLabel("click:CONTACT")).toBe("菜单 CONTACT");
    expect(ruleLabel("default-suppressed")).toBe("默认回复（间隔内未重复发送）");
    expect(ruleLabel("qa:arm")).toBe("青年之声：等待提问");
    expect(ruleLabel("qa:ask")).toBe("青年之声：收到问题");
    expect(ruleLabel("qa:something-new")).toBe("青年之声");
    expect(ruleLabel(null)).toBe("");
    expect(describeRule("qa:cancel")).toBe("青年之声：取消提问"); // the 消息 page uses the same words
  });

  it("names match modes, reply states and waits", () => {
    expect(matchModeLabel("default")).toBe("默认回复");
    expect(matchModeLabel("contains")).toBe("半匹配");
    expect(STAFF_REPLY_DELIVERY_LABELS["held"]).toBe("待送达");
    expect(STAFF_REPLY_DELIVERY_LABELS["delivered_passive"]).toBe("已随回复送达");
    expect(STAFF_REPLY_DELIVERY_LABELS["uncertain"]).toBe("发送结果不明");
    expect([ageLabel(30_000), ageLabel(12 * 60_000), ageLabel(2 * 3600_000 + 59 * 60_000), ageLabel(3 * 86_400_000)]).toEqual(["不到1分钟", "12分钟", "2小时", "3天"]);
  });
});
