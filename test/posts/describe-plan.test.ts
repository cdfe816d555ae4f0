import { describePlan } from "../../src/posts/describe-plan";

/** The one sentence check, posts, the 稿件 page and the 发布 page all say (issue 15 "No surprises"; issue 14 townships). */
describe("describePlan", () => {
  const at = new Date("2026-12-08T12:00:00Z"); // 20:00 Beijing time

  it("says when and how a post goes out, in Beijing time, with the day's 群发 count", () => {
    expect(describePlan({ mode: "mass", at, timezone: "Asia/Shanghai", quota: { used: 0, limit: 1, period: "day" } })).toBe(
      "北京时间 12月8日 20:00 群发给全部关注者（当天的群发次数：0/1）",
    );
    expect(describePlan({ mode: "publish", at, timezone: "Asia/Shanghai" })).toBe("北京时间 12月8日 20:00 发布（不推送给关注者，在公众号主页和搜索中可见）");
  });

  it("on an unverified account (most township accounts) says the post becomes a draft for a person to send (48001 since 2025-07)", () => {
    expect(describePlan({ mode: "mass", at, timezone: "Asia/Shanghai", quota: { used: 0, limit: 1, period: "day" }, verified: false })).toBe(
      "北京时间 12月8日 20:00 建草稿（本账号未认证，微信不允许通过接口群发：草稿建好后请在公众号后台手动群发）",
    );
    expect(describePlan({ mode: "publish", at, now: new Date("2026-12-09T00:00:00Z"), timezone: "Asia/Shanghai", verified: false })).toBe(
      "现在 建草稿（本账号未认证，微信不允许通过接口发表：草稿建好后请在公众号后台手动发表）",
    );
  });
});
