import { OTHER_YOUTH, startQa, YOUTH, type QaHarness } from "./qa-harness";

const tickets = (h: QaHarness) =>
  h.deps.db.prepare("SELECT id, open_id, question, assignee, state FROM qa_tickets ORDER BY id").all() as {
    id: number;
    open_id: string;
    question: string;
    assignee: string | null;
    state: string;
  }[];

const logged = (h: QaHarness) =>
  h.deps.db.prepare("SELECT content, rule_id, match_mode, column_id FROM inbound_messages ORDER BY id").all() as Record<string, string | null>[];

describe("createQaRouter (intake through the webhook; clock Monday 2026-11-23 10:00 Beijing)", () => {
  let h: QaHarness;
  beforeEach(async () => {
    h = await startQa();
  });
  afterEach(() => h.close());

  it("makes a ticket from 提问 and the question in one message, and confirms it with its number", async () => {
    const res = await h.youth().send("提问：返乡创业有哪些扶持政策？");
    expect(res.status).toBe(200);
    const [t] = tickets(h);
    expect(t).toEqual({ id: t!.id, open_id: YOUTH, question: "返乡创业有哪些扶持政策？", assignee: "王芳", state: "open" });
    expect(res.text).toContain(`已收到你的问题 #${t!.id}`);
    expect(logged(h)).toEqual([{ content: "提问：返乡创业有哪些扶持政策？", rule_id: "qa:ask", match_mode: "qa", column_id: null }]);
  });

  it("takes the question from the next message after a bare 提问, within wait_minutes", async () => {
    const first = await h.youth().send("提问");
    expect(first.text).toContain("请在10分钟内直接发送你的问题");
    expect(tickets(h)).toEqual([]);
    h.clock.advance(9 * 60_000);
    // Even a column keyword is the question now: the youth was asked to write it.
    const second = await h.youth().send("招聘会什么时候开，需要带什么材料？");
    const [t] = tickets(h);
    expect(t?.question).toBe("招聘会什么时候开，需要带什么材料？");
    expect(second.text).toContain(`已收到你的问题 #${t!.id}`);
    // The next message after that is ordinary again.
    const third = await h.youth().send("诚聘");
    expect(third.text).toContain("轮青诚聘");
    expect(tickets(h)).toHaveLength(1);
  });

  it("works the same after the 青年之声 menu button", async () => {
    const click = await h.youth().click("YOUTH_VOICE");
    expect(click.text).toContain("直接发送你的问题");
    await h.youth().send("大学生寒假实习怎么报名");
    expect(tickets(h).map((t) => t.question)).toEqual(["大学生寒假实习怎么报名"]);
  });

  it("forgets a bare 提问 after wait_minutes: the later message goes to the bot", async () => {
    await h.youth().send("提问");
    h.clock.advance(10 * 60_000 + 1000);
    const res = await h.youth().send("诚聘");
    expect(res.text).toContain("轮青诚聘");
    expect(tickets(h)).toEqual([]);
  });

  it("cancels a bare 提问 with 取消", async () => {
    await h.youth().send("提问");
    const res = await h.youth().send("取消");
    expect(res.text).toBe("已取消提问。需要时再发送“提问”。");
    await h.youth().send("诚聘");
    expect(tickets(h)).toEqual([]);
  });

  it("comes before the columns' keywords: 提问 + a keyword is a question, not the column", async () => {
    const res = await h.youth().send("提问 招聘会几号开？");
    expect(res.text).toContain("已收到你的问题");
    expect(res.text).not.toContain("轮青诚聘");
    expect(tickets(h)[0]?.question).toBe("招聘会几号开？");
  });

  it("keeps each youth's waiting state apart", async () => {
    await h.youth(YOUTH).send("提问");
    const other = await h.youth(OTHER_YOUTH).send("诚聘");
    expect(other.text).toContain("轮青诚聘");
    await h.youth(YOUTH).send("团员证丢了怎么补办？");
    expect(tickets(h).map((t) => [t.open_id, t.question])).toEqual([[YOUTH, "团员证丢了怎么补办？"]]);
  });

  it("makes one ticket per push: WeChat's retry of a question gets the same confirmation", async () => {
    const res = await h.youth().send("提问 志愿者证书怎么开？");
    const again = await res.retry();
    expect(again.text).toBe(res.text);
    expect(tickets(h)).toHaveLength(1);
  });

  it("lists the youth's own tickets and their states for 我的问题", async () => {
    expect((await h.youth().send("我的问题")).text).toContain("你还没有提过问题");
    await h.youth().send("提问 返乡创业有哪些扶持政策？");
    await h.youth().send("提问 寒假实习补贴多少？");
    await h.youth(OTHER_YOUTH).send("提问 别人的问题");
    const [a, b] = tickets(h);
    h.deps.qa.service.notQuestion(a!.id, "王芳");
    const list = await h.youth().send("我的问题");
    expect(list.text).toBe(`你的问题：\n#${b!.id} 寒假实习补贴多少？ · 待答复\n#${a!.id} 返乡创业有哪些扶持政策？ · 已关闭`);
  });

  it("assigns new tickets round-robin among the cadres on duty that day (Asia/Shanghai)", async () => {
    // Monday: 王芳 (一三五) and 阿依古丽 (一至五) are on duty; 李明 and 张伟 are not.
    for (const q of ["问题一", "问题二", "问题三"]) await h.youth().send(`提问 ${q}`);
    // Sunday 2026-11-29 00:30 in Beijing is still Saturday in UTC: 张伟 (六日) only.
    h.clock.set("2026-11-28T16:30:00Z");
    await h.youth().send("提问 问题四");
    // Tuesday: 李明 (二四六) has never had one, so he goes before 阿依古丽.
    h.clock.set("2026-11-24T02:00:00Z");
    await h.youth().send("提问 问题五");
    await h.youth().send("提问 问题六");
    expect(tickets(h).map((t) => t.assignee)).toEqual(["王芳", "阿依古丽", "王芳", "张伟", "李明", "阿依古丽"]);
  });

  it("lets staff reassign a ticket to a cadre of the rota, and refuses a name not on it", async () => {
    await h.youth().send("提问 团费怎么交？");
    const id = tickets(h)[0]!.id;
    expect(h.deps.qa.service.assign(id, "张伟", "王芳").assignee).toBe("张伟");
    expect(() => h.deps.qa.service.assign(id, "赵六", "王芳")).toThrow(/「赵六」不在值班表里/);
    expect(h.deps.qa.service.events(id).map((e) => [e.kind, e.actor, e.detail])).toEqual([
      ["asked", "youth", null],
      ["assigned", "rota", "王芳"],
      ["assigned", "王芳", "张伟"],
    ]);
  });
});
