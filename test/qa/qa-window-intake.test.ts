/**
 * Issue 13's conversation paths end to end: signed pushes to the webhook, staff answers through the
 * simulator over HTTP, which enforces WeChat's window (5 messages / 48 h after a message, 3 / 1 min
 * after an event; 45015, 45047) exactly as our own records do.
 */
import { startQa, type QaHarness } from "./qa-harness";

const HOUR = 3600_000;
const ANSWER = "可申请创业担保贷款（最高30万元）和一次性创业补贴，详情请到县人社局创业服务窗口咨询。";
const tickets = (h: QaHarness) => (h.deps.db.prepare("SELECT count(*) FROM qa_tickets").pluck().get() as number);

describe("青年之声: follow or tap, then ask, then the answer (issue 13)", () => {
  let h: QaHarness;
  afterEach(() => h?.close());

  it("follow → ask within the minute → the answer goes out at once (the question opened the window)", async () => {
    h = await startQa();
    await h.youth().follow();
    h.clock.advance(20_000);
    expect((await h.youth().send("提问 返乡创业有哪些扶持政策？")).text).toContain("已收到你的问题 #1");
    h.clock.advance(2 * HOUR);
    expect(await h.answer(1, ANSWER)).toMatchObject({ delivery: "delivered" });
    expect(h.customMessages().join("\n")).toContain(ANSWER);
  });

  it("tap 青年之声 → ask → delivered at once", async () => {
    h = await startQa();
    expect((await h.youth().click("YOUTH_VOICE")).text).toContain("【青年之声】");
    h.clock.advance(10_000);
    await h.youth().send("团员证丢了怎么补办？");
    expect(tickets(h)).toBe(1);
    h.clock.advance(HOUR);
    expect(await h.answer(1, ANSWER)).toMatchObject({ delivery: "delivered" });
  });

  it("after the 青年之声 button, 诚聘 gets the column's reply and makes no ticket", async () => {
    h = await startQa();
    await h.youth().click("YOUTH_VOICE");
    const reply = await h.youth().send("诚聘");
    expect(reply.text).toContain("【轮青诚聘】");
    expect(tickets(h)).toBe(0);
  });

  it.each(["1", "嗯", "👍", "[微笑]", "/::)", "？？", "12345"])("after the button, %j is not a question: the youth is asked to describe it", async (text) => {
    h = await startQa();
    await h.youth().click("YOUTH_VOICE");
    expect((await h.youth().send(text)).text).toContain("请用一句话描述你的问题");
    expect(tickets(h)).toBe(0);
    // Still waiting: the real question follows.
    await h.youth().send("寒假有哪些实习岗位？");
    expect(tickets(h)).toBe(1);
  });

  it("退出 leaves Q&A mode like 取消", async () => {
    h = await startQa();
    await h.youth().click("YOUTH_VOICE");
    expect((await h.youth().send("退出")).text).toContain("已取消提问");
    await h.youth().send("寒假有哪些实习岗位？");
    expect(tickets(h)).toBe(0);
  });

  it("a retried question makes one ticket and burns no number", async () => {
    h = await startQa();
    const first = await h.youth().send("提问 返乡创业有哪些扶持政策？");
    const retry = await first.retry();
    expect(retry.text).toBe(first.text);
    await h.youth().send("提问 团员证丢了怎么补办？");
    expect(h.deps.db.prepare("SELECT id FROM qa_tickets ORDER BY id").pluck().all()).toEqual([1, 2]);
  });

  it("an answer after 49 h is held, shown with its reason, then delivered with the youth's next message", async () => {
    h = await startQa();
    await h.youth().send("提问 返乡创业有哪些扶持政策？");
    h.clock.advance(49 * HOUR);
    expect(await h.answer(1, ANSWER)).toMatchObject({ delivery: "pending", reason: "window_closed" });
    expect(h.customMessages()).toEqual([]);
    const skipped = h.deps.qa.service.events(1).find((e) => e.kind === "send_skipped");
    expect(skipped?.detail).toContain("超过 48 小时");
    const next = await h.youth().send("你好");
    expect(next.text).toContain(ANSWER);
    expect(h.deps.qa.service.get(1).delivery).toBe("delivered");
  });

  it("the window counts our own sends: six answers to one sitting of questions → five go out, the sixth waits without a 45047", async () => {
    h = await startQa();
    for (let i = 0; i < 6; i++) await h.youth().send(`提问 第${i + 1}个问题：寒假实习怎么报名？`);
    h.clock.advance(HOUR);
    const outcomes = [];
    for (let id = 1; id <= 6; id++) outcomes.push((await h.answer(id, ANSWER)).delivery);
    // The newest message opens the window, and its count is 5 (platform-2025.md §1g).
    expect(outcomes).toEqual(["delivered", "delivered", "delivered", "delivered", "delivered", "pending"]);
    expect(h.customSendErrcodes().filter((c) => c !== 0)).toEqual([]);
    expect(h.deps.qa.service.get(6).window).toMatchObject({ open: false, reason: "used_up" });
    // The youth writes again: a fresh window, and the held answer rides on the reply at once.
    const next = await h.youth().send("谢谢");
    expect(next.text).toContain(ANSWER);
    expect(h.deps.qa.service.get(6).delivery).toBe("delivered");
  });

  it("a 45047 from WeChat itself also closes our count, and the answer is held, not lost", async () => {
    h = await startQa();
    await h.youth().send("提问 返乡创业有哪些扶持政策？");
    h.deps.sandbox!.injectError("message/custom/send", 45047);
    expect(await h.answer(1, ANSWER)).toMatchObject({ delivery: "pending", reason: "wechat_45047" });
    expect(h.deps.qa.service.get(1).window).toMatchObject({ open: false, reason: "used_up" });
    expect((await h.youth().send("你好")).text).toContain(ANSWER);
  });
});
