import { openDatabase } from "../../src/db/open-database";
import { createMessageStore } from "../../src/db/stores/message-store";
import { createMessageLog } from "../../src/db/stores/message-log";
import { parseMessage } from "../../src/wechat/parse-message";
import type { PushOutcome } from "../../src/db/stores/message-store";

const AT = new Date("2026-11-23T02:00:00Z");
const text = (msgId: string, openId = "oYouth0000000000000000000001", content = "诚聘") =>
  parseMessage(
    `<xml><ToUserName><![CDATA[gh_4d00ed8d6399]]></ToUserName><FromUserName><![CDATA[${openId}]]></FromUserName>` +
      `<CreateTime>1795485600</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[${content}]]></Content><MsgId>${msgId}</MsgId></xml>`,
  );
const answered: PushOutcome = { status: "replied", reply: { type: "text", content: "【轮青诚聘】" }, ruleId: "careers:exact:诚聘", columnId: "careers", matchMode: "exact" };

function setup(options = {}) {
  const db = openDatabase(":memory:");
  const store = createMessageStore(db);
  return { db, store, log: createMessageLog(store, { flushDelayMs: 1000, ...options }) };
}
const count = (db: ReturnType<typeof openDatabase>) => (db.prepare("SELECT count(*) AS n FROM inbound_messages").get() as { n: number }).n;

describe("createMessageLog", () => {
  it("writes recorded pushes in one batch on flush and answers a retry from the buffer before that", () => {
    const { db, log } = setup();
    const m = text("22876340532172986");
    expect(log.find("default", m.dedupKey)).toBeUndefined();
    expect(log.record({ accountId: "default", message: m, outcome: answered, receivedAt: AT })).toEqual({ kind: "new" });
    expect(count(db)).toBe(0);
    expect(log.find("default", m.dedupKey)).toEqual({ kind: "done", reply: answered.reply });
    expect(log.record({ accountId: "default", message: m, outcome: answered, receivedAt: AT })).toEqual({ kind: "done", reply: answered.reply });
    log.flush();
    expect(count(db)).toBe(1);
    expect(log.find("default", m.dedupKey)).toEqual({ kind: "done", reply: answered.reply });
  });

  it("writes a full batch at once without waiting for the timer", () => {
    const { db, log } = setup({ maxBatch: 3 });
    for (const id of ["1", "2", "3"]) log.record({ accountId: "default", message: text(id), outcome: answered, receivedAt: AT });
    expect(count(db)).toBe(3);
  });

  it("rebuilds the dedup set from the database, as after a restart", () => {
    const { db, store, log } = setup();
    const m = text("4363689963896700987");
    log.record({ accountId: "default", message: m, outcome: answered, receivedAt: AT });
    log.flush();
    const restarted = createMessageLog(store);
    expect(restarted.find("default", m.dedupKey)).toBeUndefined();
    restarted.rememberSince("default", new Date(AT.getTime() - 120_000), AT);
    expect(restarted.find("default", m.dedupKey)).toEqual({ kind: "done", reply: answered.reply });
    db.close();
  });

  it("forgets keys two windows old, and looks up keys one window old", () => {
    const { log } = setup({ rememberMs: 60_000 });
    const [a, b, c] = [text("1"), text("2"), text("3")];
    const at = (s: number) => new Date(AT.getTime() + s * 1000);
    log.record({ accountId: "default", message: a, outcome: answered, receivedAt: at(0) });
    log.record({ accountId: "default", message: b, outcome: answered, receivedAt: at(61) });
    log.flush();
    expect(log.find("default", a.dedupKey)).toEqual({ kind: "done", reply: answered.reply });
    log.record({ accountId: "default", message: c, outcome: answered, receivedAt: at(121) });
    log.flush();
    // a is older than the window: not looked up any more (WeChat's retries come within ~15 s).
    expect(log.find("default", a.dedupKey)).toBeUndefined();
    expect(log.find("default", b.dedupKey)).toEqual({ kind: "done", reply: answered.reply });
    expect(log.find("default", c.dedupKey)).toEqual({ kind: "done", reply: answered.reply });
  });

  it("answers a push never seen as new even when the filter says maybe (a false positive)", () => {
    // 32 bits for 50 keys: every bit is set, so the filter says "maybe" to everything.
    const { log } = setup({ seenBits: 32 });
    for (let i = 0; i < 50; i++) log.record({ accountId: "default", message: text(String(1000 + i)), outcome: answered, receivedAt: AT });
    log.flush();
    expect(log.find("default", text("999").dedupKey)).toBeUndefined();
    expect(log.find("default", text("1000").dedupKey)).toEqual({ kind: "done", reply: answered.reply });
  });

  it("sees a default reply still waiting in the buffer when throttling the next one", () => {
    const { log } = setup();
    const m = text("9", "oYouth0000000000000000000002", "你好");
    log.record({ accountId: "default", message: m, outcome: { status: "replied", reply: { type: "text", content: "收到" }, ruleId: "default" }, receivedAt: AT });
    expect(log.lastDefaultReplyAt("default", m.openId)).toEqual(AT);
    log.flush();
    expect(log.lastDefaultReplyAt("default", m.openId)).toEqual(AT);
  });

  it("keeps one row per push when two processes record the same push", () => {
    const { db, store } = setup();
    const m = text("77");
    const one = createMessageLog(store);
    const two = createMessageLog(store);
    one.record({ accountId: "default", message: m, outcome: answered, receivedAt: AT });
    two.record({ accountId: "default", message: m, outcome: answered, receivedAt: AT });
    one.flush();
    two.flush();
    expect(count(db)).toBe(1);
  });
});
