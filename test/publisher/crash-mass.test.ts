import type { PublishStep } from "../../src/publisher/publisher";
import { jobFair } from "../posts/content-dir";
import { errorsIn, startCrashRig, type CrashRig } from "./crash-harness";

/**
 * Done-criterion: a publisher process killed (SIGKILL) right after any step of a 群发, then
 * restarted, still makes exactly one draft and one mass send. Real child processes, a file
 * database, the sandbox over HTTP on loopback. Each restart resumes from what the previous one
 * left, and is killed at the next step, so every step's recovery is exercised in turn.
 */
const SLUG = "2026-12-01-job-fair";
const STEPS: PublishStep[] = ["rendering", "rendered", "draft-intent", "draft-sent", "drafted", "submit-intent", "submit-sent", "submitted"];

let rig: CrashRig;
beforeAll(async () => {
  rig = await startCrashRig();
  rig.c.writePost(`${SLUG}.md`, jobFair({ publish_at: "2026-12-01 09:30" }, "招聘会现场提供岗位 320 余个。\n\n![现场](images/job-fair.jpg)"));
});
afterAll(() => rig.close());

describe("advancePublication (mass) killed at every step", () => {
  it("ends with exactly one draft and one mass send, and the ledger says published", async () => {
    for (const step of STEPS) {
      const r = await rig.child(step);
      expect({ step, signal: r.signal, errors: errorsIn(r.stderr) }).toEqual({ step, signal: "SIGKILL", errors: [] });
      // WeChat refuses a clientmsgid repeated within a minute (45066): restarts come minutes later.
      rig.h.clock.advance(11 * 60_000);
    }
    const last = await rig.child();
    expect(last).toMatchObject({ code: 0, signal: null });
    expect(JSON.parse(last.stdout)).toEqual([expect.objectContaining({ slug: SLUG, outcome: "published" })]);

    const seen = rig.h.sandbox.inspect();
    expect(seen.drafts).toHaveLength(1);
    expect(seen.massSends).toHaveLength(1);
    const row = rig.row(SLUG);
    expect(row).toMatchObject({ state: "published", issue: 1, draftMediaId: seen.drafts[0]!.mediaId, msgId: seen.massSends[0]!.msgId, clientMsgId: seen.massSends[0]!.clientMsgId });
    // The restarts looked before calling again: the draft was found, the send answered 45065.
    expect(rig.steps(SLUG)).toEqual(expect.arrayContaining(["drafted", "submitted", "published"]));
    expect(rig.h.sandbox.countCalls("draft/batchget")).toBeGreaterThanOrEqual(1);
    // Two sendall calls reached WeChat; the repeat after the crash was refused (45065) with the first msg_id.
    expect(rig.h.sandbox.inspect().calls).toEqual(expect.arrayContaining([{ endpoint: "/cgi-bin/message/mass/sendall", calls: 2, errors: 1 }]));
    expect(rig.details(SLUG)).toContain(`msg_id ${row.msgId} (45065: the interrupted send had gone out)`);
  }, 120_000);
});
