import { describePublication } from "../../src/publisher/describe-publication";
import { approvalDeadline } from "../../src/publisher/follow-approval";
import { massQuota } from "../../src/publisher/mass-quota";
import { publishNow, retry, skip } from "../../src/publisher/staff-actions";
import { jobFair, startPublishing, type Publishing } from "./publishing-harness";

/**
 * Publishing as WeChat works since 2025 (issue 15), on the sandbox: 48001 → 草稿已建, API 群发保护
 * (approved, refused, timed out), newspic posts, the staff actions of the 发布 page and the CLI,
 * and the one 群发 quota rule.
 */
let t: Publishing;
afterEach(() => t.close());

const SLUG = "2026-12-01-job-fair";
const writeMass = (fields: Record<string, string> = {}) => t.c.writePost(`${SLUG}.md`, jobFair({ publish_at: "2026-12-01 09:30", mode: "mass", ...fields }));
const row = (slug = SLUG) => t.store.find("default", slug)!;

describe("mode: publish on an account without the publishing API (freepublish 48001)", () => {
  it("makes the draft, marks the post 草稿已建 with the Chinese explanation, takes its 期数 and never retries", async () => {
    t = await startPublishing({ verified: false });
    writeMass({ mode: "publish" });
    t.track(SLUG);
    const result = await t.advance(SLUG);
    expect(result.state).toBe("draft_only");
    expect(row()).toMatchObject({ failureCode: "wechat_48001", nextAttemptAt: null, issue: 1 });
    expect(row().failureReason).toMatch(/^该账号无发布接口权限，请在公众号后台手动发表/);
    expect(describePublication(t.p, row())).toMatch(/^草稿已建：【轮青诚聘】第1期 · 轮台县2026年冬季青年就业招聘会。该账号无发布接口权限，请在公众号后台手动发表/);
    expect(t.h.sandbox.inspect().drafts).toHaveLength(1);
    expect(t.store.lastIssue("default", "careers")).toBe(1);
    for (let i = 0; i < 3; i++) {
      t.h.clock.advance(3600_000);
      await t.run();
    }
    expect(t.h.sandbox.countCalls("freepublish/submit")).toBe(1);
    expect(row().state).toBe("draft_only");
    // Staff cannot push it through the API again either.
    expect(await publishNow(t.p, SLUG)).toMatchObject({ ok: false, message: expect.stringContaining("请在公众号后台手动发表") });
    expect(await retry(t.p, SLUG)).toMatchObject({ ok: false });
  });
});

describe("API 群发保护", () => {
  beforeEach(async () => {
    t = await startPublishing();
    t.h.sandbox.configure({ massProtection: true });
    writeMass();
    t.track(SLUG);
  });

  it("waits for the admin (等待管理员确认 with the 30-minute deadline), then completes as a normal send once approved", async () => {
    const first = await t.advance(SLUG);
    expect(first.state).toBe("awaiting_approval");
    expect(approvalDeadline(row())).toEqual(new Date(t.h.clock.now().getTime() + 30 * 60_000));
    expect(first.detail).toMatch(/^等待管理员确认（截止 10:30）：群发需要管理员确认（89503，API 群发保护）/);
    // The scheduler's next runs ask again with the same clientmsgid: still waiting, nothing sent.
    t.h.clock.advance(60_000);
    await t.run();
    expect(row().state).toBe("awaiting_approval");
    expect(t.h.sandbox.inspect().massSends).toHaveLength(0);
    t.h.sandbox.approveMassSend(row().clientMsgId!);
    // A minute later (the send job takes a minute on the sandbox): 45065 with the msg_id, then mass/get.
    t.h.clock.advance(61_000);
    await t.run();
    expect(row()).toMatchObject({ state: "published", issue: 1, failureReason: null });
    expect(t.store.events("default", SLUG).map((e) => e.step)).toEqual(expect.arrayContaining(["awaiting_approval", "approval_pending", "submitted", "published"]));
    expect(t.h.sandbox.inspect().massSends).toHaveLength(1);
  });

  it("an approval in the last minute, after we stopped asking: 重试 finds the send (same clientmsgid) and never sends twice", async () => {
    await t.advance(SLUG);
    const id = row().clientMsgId!;
    t.h.clock.advance(29 * 60_000 + 30_000);
    await t.run();
    expect(row()).toMatchObject({ state: "failed", failureCode: "approval_timeout" });
    // The admin confirms on their phone within WeChat's 30 minutes, after our last question.
    t.h.sandbox.approveMassSend(id);
    t.h.clock.advance(61_000);
    const again = await retry(t.p, SLUG, { by: "editor" });
    expect(again.ok).toBe(true);
    expect(row().clientMsgId).toBe(id);
    await t.run();
    expect(row()).toMatchObject({ state: "published" });
    expect(t.h.sandbox.inspect().massSends).toHaveLength(1);
  });

  it("a refusal fails the post with the reason, and it is not sent again automatically", async () => {
    await t.advance(SLUG);
    t.h.sandbox.refuseMassSend();
    t.h.clock.advance(60_000);
    await t.run();
    expect(row()).toMatchObject({ state: "failed", failureCode: "wechat_89507" });
    expect(row().failureReason).toMatch(/^管理员拒绝了群发（89507）/);
    const calls = t.h.sandbox.countCalls("message/mass/sendall");
    t.h.clock.advance(2 * 3600_000);
    await t.run();
    expect(t.h.sandbox.countCalls("message/mass/sendall")).toBe(calls);
    expect(t.h.sandbox.inspect().massSends).toHaveLength(0);
  });

  it("past the 30 minutes the post fails without asking WeChat again; 重试 asks the admin anew", async () => {
    await t.advance(SLUG);
    const calls = t.h.sandbox.countCalls("message/mass/sendall");
    t.h.clock.advance(30 * 60_000);
    await t.run();
    expect(row()).toMatchObject({ state: "failed", failureCode: "approval_timeout" });
    expect(row().failureReason).toBe("管理员未在 30 分钟内确认群发（截止 北京时间 10:30）：不会自动重发。如仍要群发，请点“重试”并请管理员及时在手机上确认；若管理员在最后一分钟确认过，群发可能已经发出，“重试”会先查到它（同一个 clientmsgid），不会重复群发");
    expect(t.h.sandbox.countCalls("message/mass/sendall")).toBe(calls);
    t.h.clock.advance(3600_000);
    await t.run();
    expect(t.h.sandbox.countCalls("message/mass/sendall")).toBe(calls);

    const again = await retry(t.p, SLUG, { by: "editor" });
    expect(again).toMatchObject({ ok: true, state: "awaiting_approval" });
    expect(again.message).toMatch(/^重试：《轮台县2026年冬季青年就业招聘会》已开始发布：等待管理员确认/);
    expect(await skip(t.p, SLUG)).toMatchObject({ ok: false, message: expect.stringContaining("正在等待管理员在手机上确认群发") });
  });
});

describe("type: newspic (图片消息)", () => {
  it("goes through the same pipeline as a draft of article_type newspic with its pictures as permanent images", async () => {
    t = await startPublishing();
    t.c.writePost(
      `${SLUG}.md`,
      jobFair({ publish_at: "2026-12-01 09:30", mode: "publish", type: "newspic", title: "招聘会现场" }, "![现场](images/job-fair.jpg)\n\n![志愿者](images/volunteers.png)\n\n招聘会现场提供岗位 320 余个。\n欢迎青年朋友参加。\n"),
    );
    t.track(SLUG);
    await t.advance(SLUG);
    await t.settle();
    await t.advance(SLUG);
    expect(row()).toMatchObject({ state: "published", articleTitle: "【轮青诚聘】第1期 · 招聘会现场" });
    const seen = t.h.sandbox.inspect();
    const article = seen.drafts[0]!.articles[0] as Record<string, unknown>;
    const images = seen.uploads.filter((u) => u.kind === "image");
    expect(article).toMatchObject({
      article_type: "newspic",
      title: "【轮青诚聘】第1期 · 招聘会现场",
      content: "招聘会现场提供岗位 320 余个。\n欢迎青年朋友参加。",
      image_info: { image_list: images.map((u) => ({ image_media_id: u.mediaId })).reverse() },
    });
    expect(article.thumb_media_id).toBeUndefined();
    expect(seen.uploads.filter((u) => u.kind === "uploadimg")).toHaveLength(0);
    expect(row().coverMediaId).toBe((article.image_info as { image_list: { image_media_id: string }[] }).image_list[0]!.image_media_id);
  });
});

describe("staff actions (发布 page and CLI)", () => {
  it("skip before anything was sent; nothing goes out; 立即发布 brings it back", async () => {
    t = await startPublishing();
    t.c.writePost("2026-12-05-later.md", jobFair({ title: "后来的招聘会", publish_at: "2026-12-05 10:00", mode: "mass" }));
    await t.run();
    expect(skip(t.p, "2026-12-05-later", { by: "王老师" })).toEqual({ ok: true, state: "skipped", message: "《后来的招聘会》已跳过，不会发送；如需再发，请改发布时间或点“立即发布”" });
    expect(skip(t.p, "2026-12-05-later")).toMatchObject({ ok: false, message: "《后来的招聘会》已经跳过了" });
    t.h.clock.set("2026-12-05T03:00:00Z");
    await t.run();
    expect(row("2026-12-05-later").state).toBe("skipped");
    expect(t.h.sandbox.countCalls()).toBe(0);
    expect(t.store.events("default", "2026-12-05-later").at(-1)).toMatchObject({ step: "skipped", detail: "工作人员 王老师 跳过了这篇稿件，不会发送" });

    const now = await publishNow(t.p, "2026-12-05-later");
    expect(now).toMatchObject({ ok: true, state: "submitted" });
    expect(now.message).toMatch(/^《后来的招聘会》已开始发布：微信已接受群发/);
    await t.settle();
    await t.run();
    expect(row("2026-12-05-later").state).toBe("published");
    expect(await publishNow(t.p, "2026-12-05-later")).toEqual({ ok: false, state: "published", message: "《后来的招聘会》已经发布，不会重复发送；如需更正，请新建一篇稿件" });
    expect(skip(t.p, "2026-12-05-later")).toMatchObject({ ok: false, state: "published" });
    expect(await retry(t.p, "2026-12-05-later")).toMatchObject({ ok: false, state: "published" });
    expect(t.h.sandbox.inspect().massSends).toHaveLength(1);
  });

  it("retry: only a failed post that never went out; it starts over with a new draft", async () => {
    t = await startPublishing();
    writeMass();
    t.track(SLUG);
    expect(await retry(t.p, SLUG)).toMatchObject({ ok: false, message: expect.stringContaining("只有失败的稿件可以重试") });
    t.h.sandbox.injectError("draft/add", 45002);
    expect((await t.advance(SLUG)).state).toBe("failed");
    expect(row().failureReason).toMatch(/^正文太长（45002）/);
    const again = await retry(t.p, SLUG, { by: "王老师" });
    expect(again).toMatchObject({ ok: true, state: "submitted" });
    expect(row()).toMatchObject({ attempts: 1, failureReason: null });
    expect(t.store.events("default", SLUG).map((e) => e.step)).toContain("staff_retry");
    expect(await retry(t.p, "2026-12-01-nope")).toEqual({ ok: false, message: "发布记录中没有 2026-12-01-nope" });
  });

  it("retry refuses a failed mass send WeChat had accepted (it may have reached phones)", async () => {
    t = await startPublishing();
    writeMass();
    t.track(SLUG);
    await t.advance(SLUG);
    t.store.save({ ...row(), state: "failed", failureReason: "群发失败（SEND_FAIL）" }, { step: "test" }, t.h.clock.now());
    expect(await retry(t.p, SLUG)).toMatchObject({ ok: false, message: expect.stringContaining("为免重复推送不能重试") });
  });
});

describe("massQuota: the one 群发 quota rule", () => {
  it("counts the day for a 订阅号 and the month (and the day's one to-all send) for a 服务号, with when it frees up", async () => {
    t = await startPublishing();
    writeMass();
    t.track(SLUG);
    const at = t.h.clock.now();
    const ask = (accountType: "subscription" | "service") => massQuota({ store: t.store, accountId: "default", accountType, timezone: "Asia/Shanghai", at });
    expect(ask("subscription")).toEqual({ facts: { used: 0, limit: 1, period: "day" }, freesAt: undefined });
    await t.advance(SLUG);
    expect(ask("subscription")).toEqual({ facts: { used: 1, limit: 1, period: "day" }, freesAt: new Date("2026-12-01T16:00:00Z") });
    expect(ask("service")).toEqual({ facts: { used: 1, limit: 1, period: "day" }, freesAt: new Date("2026-12-01T16:00:00Z") });
    // Another day of the month: the month's count shows.
    expect(massQuota({ store: t.store, accountId: "default", accountType: "service", timezone: "Asia/Shanghai", at: new Date("2026-12-08T12:00:00Z") })).toEqual({
      facts: { used: 1, limit: 4, period: "month" },
      freesAt: undefined,
    });
  });
});
