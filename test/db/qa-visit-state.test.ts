import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openDatabase, type Db } from "../../src/db/open-database";
import { createQaTicketStore } from "../../src/db/stores/qa-ticket-store";

// visitState skips its query for youths with no Q&A row; these prove it never skips wrongly, even
// when the ticket or the armed row was written by another process (here: another connection).
describe("QaTicketStore.visitState across connections", () => {
  const YOUTH = "oV5CrjpxgaGXNHIQigzNlgLTnwic";
  const OTHER = "oV5CrjpxgaGXNHIQigzNlgLTOTHR";
  const at = new Date("2026-11-23T02:00:00Z");
  let dir: string;
  let webhook: Db;
  let cli: Db;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "qa-visit-"));
    webhook = openDatabase(join(dir, "service.db"));
    cli = openDatabase(join(dir, "service.db"));
  });
  afterEach(() => {
    webhook.close();
    cli.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("sees a pending answer and the push's own ticket made by another connection", () => {
    const seen = createQaTicketStore(webhook, { involvementRecheckMs: 0 });
    expect(seen.visitState("default", YOUTH, "m:1")).toEqual({ armedAt: undefined, hasAnswers: false, ticketOfPush: undefined });

    const other = createQaTicketStore(cli);
    const { id } = other.create({ accountId: "default", openId: YOUTH, question: "团员证丢了怎么补办？", askedAt: at, dedupKey: "m:1", now: at });
    expect(other.saveAnswer({ id, answer: "到团县委补办。", by: "王芳", at, delivery: "pending" })).toBe(true);

    expect(seen.visitState("default", YOUTH, "m:1")).toEqual({ armedAt: undefined, hasAnswers: true, ticketOfPush: id });
    expect(seen.visitState("default", YOUTH, "m:2")).toEqual({ armedAt: undefined, hasAnswers: true, ticketOfPush: undefined });
    expect(seen.visitState("default", OTHER, "m:3")).toEqual({ armedAt: undefined, hasAnswers: false, ticketOfPush: undefined });
  });

  it("sees a youth armed by another connection, and by another store on its own connection", () => {
    const seen = createQaTicketStore(webhook, { involvementRecheckMs: 0 });
    expect(seen.visitState("default", YOUTH, "m:1").armedAt).toBeUndefined();
    createQaTicketStore(cli).arm("default", YOUTH, at);
    expect(seen.visitState("default", YOUTH, "m:1").armedAt).toEqual(at);

    expect(seen.visitState("default", OTHER, "m:2").armedAt).toBeUndefined();
    createQaTicketStore(webhook).arm("default", OTHER, at);
    expect(seen.visitState("default", OTHER, "m:2").armedAt).toEqual(at);
  });

  it("looks again at most every involvementRecheckMs", async () => {
    const seen = createQaTicketStore(webhook, { involvementRecheckMs: 150 });
    expect(seen.visitState("default", YOUTH, "m:1").armedAt).toBeUndefined();
    createQaTicketStore(cli).arm("default", YOUTH, at);
    expect(seen.visitState("default", YOUTH, "m:1").armedAt).toBeUndefined();
    await new Promise((r) => setTimeout(r, 200));
    expect(seen.visitState("default", YOUTH, "m:1").armedAt).toEqual(at);
  });

  it("still answers after a youth is disarmed (the set may only be larger than the truth)", () => {
    const seen = createQaTicketStore(webhook, { involvementRecheckMs: 0 });
    seen.arm("default", YOUTH, at);
    seen.disarm("default", YOUTH);
    expect(seen.visitState("default", YOUTH, "m:1")).toEqual({ armedAt: undefined, hasAnswers: false, ticketOfPush: undefined });
  });
});
