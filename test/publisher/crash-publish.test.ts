import type { PublishStep } from "../../src/publisher/publisher";
import { jobFair } from "../posts/content-dir";
import { errorsIn, startCrashRig, type CrashRig } from "./crash-harness";

/**
 * Done-criterion, 发布 (freepublish) side: killed right after each step where WeChat has or may
 * have done something we have not recorded yet, then restarted: exactly one draft and one
 * publication. After a lost submit the restart finds the publication in freepublish/batchget.
 */
const SLUG = "2026-12-08-internships";
const STEPS: PublishStep[] = ["draft-sent", "drafted", "submit-intent", "submit-sent"];

let rig: CrashRig;
beforeAll(async () => {
  rig = await startCrashRig();
  rig.c.writePost(`${SLUG}.md`, jobFair({ title: "寒假返乡实习岗位开始报名啦", column: "students", publish_at: "2026-12-01 09:30", mode: "publish", cover: "images/internship.jpg" }));
});
afterAll(() => rig.close());

describe("advancePublication (publish) killed at every step", () => {
  it("ends with exactly one draft and one publication, and the ledger says published", async () => {
    for (const step of STEPS) {
      const r = await rig.child(step);
      expect({ step, signal: r.signal, errors: errorsIn(r.stderr) }).toEqual({ step, signal: "SIGKILL", errors: [] });
      // Past the 10-minute settle time, so a submit whose answer was lost is looked up, then redone if absent.
      rig.h.clock.advance(11 * 60_000);
    }
    const last = await rig.child();
    expect(last).toMatchObject({ code: 0, signal: null });
    expect(JSON.parse(last.stdout)).toEqual([expect.objectContaining({ slug: SLUG, outcome: "published" })]);

    const seen = rig.h.sandbox.inspect();
    expect(seen.drafts).toHaveLength(1);
    expect(seen.publications).toHaveLength(1);
    expect(seen.massSends).toHaveLength(0);
    const row = rig.row(SLUG);
    expect(row).toMatchObject({ state: "published", issue: 1, draftMediaId: seen.drafts[0]!.mediaId, articleId: seen.publications[0]!.articleId });
    expect(rig.steps(SLUG)).toContain("published");
  }, 120_000);
});
