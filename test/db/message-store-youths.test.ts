import { openDatabase } from "../../src/db/open-database";
import { createMessageStore, type PushOutcome } from "../../src/db/stores/message-store";
import { parseMessage } from "../../src/wechat/parse-message";

const YOUTH = "oYouth0000000000000000000001";
const T0 = 1795485600; // CreateTime, seconds
const push = (msgId: string, createTime: number, body: string) =>
  parseMessage(
    `<xml><ToUserName><![CDATA[gh_4d00ed8d6399]]></ToUserName><FromUserName><![CDATA[${YOUTH}]]></FromUserName>` +
      `<CreateTime>${createTime}</CreateTime>${body}${msgId ? `<MsgId>${msgId}</MsgId>` : ""}</xml>`,
  );
const text = (msgId: string, createTime: number) => push(msgId, createTime, "<MsgType><![CDATA[text]]></MsgType><Content><![CDATA[诚聘]]></Content>");
const answered: PushOutcome = { status: "replied", reply: { type: "text", content: "【轮青诚聘】" }, ruleId: "careers", matchMode: "exact" };

describe("the youths row kept by the message store", () => {
  it("moves the 48 h window's start on every message, a follow included (no throttle: issue 12/13), and records (un)subscribes", () => {
    const db = openDatabase(":memory:");
    const store = createMessageStore(db);
    const row = () =>
      db.prepare("SELECT last_message_at, last_interaction_at, subscribed, unsubscribed_at FROM youths WHERE open_id = ?").get(YOUTH) as Record<string, number | null>;
    const record = (m: ReturnType<typeof parseMessage>, at = new Date(m.createdAt)) =>
      store.recordMany([{ accountId: "default", message: m, outcome: answered, receivedAt: at }]);

    // Follow, then ask within the minute: the question opens the window (it once stayed NULL).
    record(push("", T0 - 10, "<MsgType><![CDATA[event]]></MsgType><Event><![CDATA[subscribe]]></Event>"));
    expect(row()["last_message_at"]).toBeNull();
    record(text("1", T0));
    expect(row()["last_message_at"]).toBe(T0 * 1000);
    record(text("2", T0 + 30));
    expect(row()["last_message_at"]).toBe((T0 + 30) * 1000);
    record(text("3", T0 + 61));
    expect(row()["last_message_at"]).toBe((T0 + 61) * 1000);

    record(push("", T0 + 62, "<MsgType><![CDATA[event]]></MsgType><Event><![CDATA[unsubscribe]]></Event>"));
    expect(row()).toMatchObject({ subscribed: 0, unsubscribed_at: (T0 + 62) * 1000, last_interaction_at: (T0 + 62) * 1000 });
    // Every push is still in the message log itself.
    expect((db.prepare("SELECT count(*) AS n FROM inbound_messages").get() as { n: number }).n).toBe(5);
    db.close();
  });
});
