import { createApiClient } from "../../src/wechat/api-client";
import type { QaService } from "../../src/qa/qa-service";
import { OTHER_YOUTH, startQa, YOUTH, type QaHarness } from "./qa-harness";

const HOUR = 3600_000;
const CAREERS_TEXT_START = "【轮青诚聘】";

interface Row {
  state: string;
  delivery: string;
  delivered_via: string | null;
  delivered_in: string | null;
}
const ticket = (h: QaHarness, id: number) =>
  h.deps.db.prepare("SELECT state, delivery, delivered_via, delivered_in FROM qa_tickets WHERE id = ?").get(id) as Row;
const attempts = (h: QaHarness, id: number) =>
  h.deps.qa.service
    .events(id)
    .filter((e) => e.kind === "send_attempt" || e.kind === "send_skipped" || e.kind === "delivered")
    .map((e) => [e.kind, e.channel, e.outcome, e.errcode]);

/** A youth asks; returns the ticket number. */
async function ask(h: QaHarness, question = "返乡创业有哪些扶持政策？", openId = YOUTH): Promise<number> {
  await h.youth(openId).send(`提问 ${question}`);
  return h.latestTicketId();
}

const ANSWER = "可申请创业担保贷款（最高30万元）和一次性创业补贴，详情请到县人社局创业服务窗口咨询。";

describe("QaService.answer + createQaRouter (delivery; sandbox over HTTP on loopback)", () => {
  let h: QaHarness;
  afterEach(() => h?.close());

  it("sends the answer at once by the customer-service API while the 48 h window is open", async () => {
    h = await startQa();
    const id = await ask(h);
    h.clock.advance(3 * HOUR);
    const outcome = await h.answer(id, ANSWER);
    expect(outcome).toMatchObject({ delivery: "delivered", reason: "delivered" });
    expect(h.customMessages()).toEqual([`【青年之声】你的问题 #${id} 有了答复：\n问：返乡创业有哪些扶持政策？\n答：${ANSWER}`]);
    expect(ticket(h, id)).toEqual({ state: "answered", delivery: "delivered", delivered_via: "custom", delivered_in: null });
    expect(attempts(h, id)).toEqual([
      ["send_attempt", "custom", "delivered", null],
      ["delivered", "custom", null, null],
    ]);
    // Not again with the next message.
    const next = await h.youth().send("诚聘");
    expect(next.text.startsWith(CAREERS_TEXT_START)).toBe(true);
    expect(next.text).not.toContain(ANSWER);
  });

  it("waits when the window is closed by our records (no API call), then rides on the next message's reply, ahead of it", async () => {
    h = await startQa();
    const id = await ask(h);
    h.clock.advance(49 * HOUR);
    const outcome = await h.answer(id, ANSWER);
    expect(outcome).toMatchObject({ delivery: "pending", reason: "window_closed" });
    expect(h.customSendErrcodes()).toEqual([]);
    expect(attempts(h, id)).toEqual([["send_skipped", "custom", null, null]]);

    const visit = await h.youth().send("诚聘");
    const [answer, rest] = visit.text.split("\n\n");
    expect(answer).toContain(`#${id} 有了答复`);
    expect(answer).toContain(ANSWER);
    expect(rest?.startsWith(CAREERS_TEXT_START)).toBe(true);
    const row = ticket(h, id);
    expect(row).toMatchObject({ delivery: "delivered", delivered_via: "passive" });
    expect(row.delivered_in).toMatch(/^m:/);
    // The push is still counted for its column.
    const logged = h.deps.db.prepare("SELECT column_id FROM inbound_messages ORDER BY id DESC LIMIT 1").get() as { column_id: string };
    expect(logged.column_id).toBe("careers");
  });

  it.each([
    [48001, "wechat_48001"],
    [45015, "wechat_45015"],
    [45047, "wechat_45047"],
  ] as const)("on errcode %i the answer waits for the next message, and the refused attempt is recorded", async (errcode, reason) => {
    h = await startQa();
    const id = await ask(h);
    h.deps.sandbox!.injectError("message/custom/send", errcode, 1);
    const outcome = await h.answer(id, ANSWER);
    expect(outcome).toMatchObject({ delivery: "pending", reason, errcode });
    expect(h.customSendErrcodes()).toEqual([errcode]);
    expect(h.customMessages()).toEqual([]);
    expect(attempts(h, id)).toEqual([["send_attempt", "custom", "refused", errcode]]);
    expect(ticket(h, id).delivery).toBe("pending");

    const visit = await h.youth().send("你好");
    expect(visit.text).toContain(ANSWER);
    expect(ticket(h, id)).toMatchObject({ delivery: "delivered", delivered_via: "passive" });
    expect(attempts(h, id)).toEqual([
      ["send_attempt", "custom", "refused", errcode],
      ["delivered", "passive", null, null],
    ]);
  });

  it("does not call the API for an account configured as unverified (it would answer 48001)", async () => {
    h = await startQa({ WECHAT_VERIFIED: "false" });
    const id = await ask(h);
    expect(await h.answer(id, ANSWER)).toMatchObject({ delivery: "pending", reason: "unverified" });
    expect(h.customSendErrcodes()).toEqual([]);
    expect((await h.youth().follow()).text).toContain(ANSWER);
  });

  it("delivers on the next visit exactly once: WeChat's retry of that push repeats the same reply, later pushes do not carry it", async () => {
    h = await startQa();
    const id = await ask(h);
    h.clock.advance(50 * HOUR);
    await h.answer(id, ANSWER);
    const visit = await h.youth().send("诚聘");
    const retry = await visit.retry();
    expect(retry.text).toBe(visit.text);
    expect(visit.text.split(ANSWER)).toHaveLength(2);
    const later = await h.youth().send("诚聘");
    expect(later.text).not.toContain(ANSWER);
    expect(attempts(h, id).filter(([k]) => k === "delivered")).toHaveLength(1);
    expect(h.customMessages()).toEqual([]);
  });

  it("never lets a push carry an answer while the API is sending it", async () => {
    h = await startQa();
    const id = await ask(h);
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let reached!: () => void;
    const sending = new Promise<void>((r) => (reached = r));
    const secrets = h.deps.account.secrets;
    const served = await h.deps.sandbox!.listen(0);
    const slow = createApiClient({
      baseUrl: served.baseUrl,
      appId: secrets.appId,
      appSecret: secrets.appSecret,
      db: h.deps.db,
      clock: h.deps.clock,
      log: h.deps.log,
      fetch: async (url, init) => {
        if (String(url).includes("/message/custom/send")) {
          reached();
          await gate;
        }
        return fetch(url, init);
      },
    });
    try {
      const answering = h.deps.qa.serviceWith(slow).answer(id, ANSWER, "王芳");
      await sending;
      expect(ticket(h, id).delivery).toBe("sending");
      const meanwhile = await h.youth().send("诚聘");
      expect(meanwhile.text).not.toContain(ANSWER);
      release();
      expect(await answering).toMatchObject({ delivery: "delivered" });
      expect(h.customMessages()).toHaveLength(1);
      expect((await h.youth().send("诚聘")).text).not.toContain(ANSWER);
    } finally {
      await served.close();
    }
  });

  it("holds an answer whose send ended without WeChat's answer (uncertain) until staff resend it", async () => {
    h = await startQa();
    const id = await ask(h);
    const secrets = h.deps.account.secrets;
    const served = await h.deps.sandbox!.listen(0);
    const cut = createApiClient({
      baseUrl: served.baseUrl,
      appId: secrets.appId,
      appSecret: secrets.appSecret,
      db: h.deps.db,
      clock: h.deps.clock,
      log: h.deps.log,
      fetch: async (url, init) => {
        if (String(url).includes("/message/custom/send")) throw new DOMException("The operation was aborted due to timeout", "TimeoutError");
        return fetch(url, init);
      },
    });
    try {
      const service: QaService = h.deps.qa.serviceWith(cut);
      expect(await service.answer(id, ANSWER, "王芳")).toMatchObject({ delivery: "uncertain", reason: "uncertain" });
      expect(service.get(id).needsDecision).toBe(true);
      expect(attempts(h, id)).toEqual([["send_attempt", "custom", "uncertain", null]]);
      expect((await h.youth().send("诚聘")).text).not.toContain(ANSWER);
      await expect(service.answer(id, "改过的答复", "王芳")).rejects.toThrow(/不知道上一条答复有没有送达/);
      service.resend(id, "王芳");
      expect((await h.youth().send("诚聘")).text).toContain(ANSWER);
      expect(ticket(h, id)).toMatchObject({ delivery: "delivered", delivered_via: "passive" });
    } finally {
      await served.close();
    }
  });

  it("refuses to change an answer once delivered, and answers of another youth never reach this one", async () => {
    h = await startQa();
    const mine = await ask(h);
    const theirs = await ask(h, "团员证怎么补办？", OTHER_YOUTH);
    h.clock.advance(49 * HOUR);
    await h.answer(theirs, "请到所在团支部申请补办。");
    const visit = await h.youth().send("诚聘");
    expect(visit.text).not.toContain("团支部");
    await h.answer(mine, ANSWER);
    await h.youth().send("你好");
    await expect(h.answer(mine, "新的答复")).rejects.toThrow(/已经答复并送达，不能再改/);
  });

  it("combines several waiting answers, oldest first, with the reply when all fit in 2048 bytes", async () => {
    h = await startQa();
    const first = await ask(h, "问题一");
    const second = await ask(h, "问题二");
    h.clock.advance(49 * HOUR);
    await h.answer(second, "第二个答复");
    h.clock.advance(60_000);
    await h.answer(first, "第一个答复");
    const visit = await h.youth().send("诚聘");
    const parts = visit.text.split("\n\n");
    expect(parts[0]).toContain(`#${second}`);
    expect(parts[1]).toContain(`#${first}`);
    expect(parts[2]?.startsWith(CAREERS_TEXT_START)).toBe(true);
  });

  it("gives the answer first and asks to resend the message when both do not fit one reply", async () => {
    h = await startQa();
    const id = await ask(h);
    h.clock.advance(49 * HOUR);
    const long = "详".repeat(590); // 1770 bytes: with the quoted question it nearly fills a reply alone
    await h.answer(id, long);
    const visit = await h.youth().send("诚聘");
    expect(Buffer.byteLength(visit.text)).toBeLessThanOrEqual(2048);
    expect(visit.text).toContain(long);
    expect(visit.text.endsWith("（你刚才发送的消息，请稍后再发一次。）")).toBe(true);
    expect(visit.text).not.toContain(CAREERS_TEXT_START);
    const next = await h.youth().send("诚聘");
    expect(next.text.startsWith(CAREERS_TEXT_START)).toBe(true);
  });

  it("refuses answers that cannot fit one WeChat message, and empty ones", async () => {
    h = await startQa();
    const id = await ask(h);
    await expect(h.answer(id, "   ")).rejects.toThrow("答复是空的：请写上答复的内容");
    await expect(h.answer(id, "长".repeat(700))).rejects.toThrow(/答复有 2100 字节，最多 1800 字节/);
    expect(ticket(h, id).state).toBe("open");
  });
});
