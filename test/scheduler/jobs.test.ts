import cron from "node-cron";
import { JOBS } from "../../src/scheduler/jobs";
import { createPublicationStore } from "../../src/db/stores/publication-store";
import { buildTestDeps } from "../helpers/build-test-deps";
import { closeDeps } from "../../src/build-deps";

describe("JOBS", () => {
  it("is a table of named jobs with valid cron expressions and descriptions", () => {
    const names = JOBS.map((j) => j.name);
    expect(new Set(names).size).toBe(names.length);
    for (const job of JOBS) {
      expect(cron.validate(job.cron)).toBe(true);
      expect(job.description.length).toBeGreaterThan(10);
    }
    expect(JOBS.find((j) => j.name === "publish-posts")).toMatchObject({ cron: "* * * * *", runAtStart: true });
  });

  it("publish-posts runs the publisher on the service's deps: posts tracked, a long-overdue one reported missed", async () => {
    // 2026-11-23 10:00 Beijing: the demo post of 2026-11-20 is days late, the others are ahead.
    const { deps, logLines } = buildTestDeps();
    try {
      await JOBS.find((j) => j.name === "publish-posts")!.run(deps);
      const rows = createPublicationStore(deps.db).list("default");
      expect(rows.map((r) => [r.slug, r.state])).toEqual([
        ["2026-11-20-winter-warmth-volunteers", "missed"],
        ["2026-12-01-county-job-fair", "scheduled"],
        ["2026-12-04-jujube-farmer-role-model", "scheduled"],
        ["2026-12-08-winter-break-internships", "scheduled"],
      ]);
      const lines = logLines.map((l) => JSON.parse(l) as { category?: string; job?: string; outcome?: string; msg: string });
      expect(lines).toContainEqual(expect.objectContaining({ category: "scheduler", job: "publish-posts", outcome: "missed" }));
    } finally {
      closeDeps(deps);
    }
  });
});
