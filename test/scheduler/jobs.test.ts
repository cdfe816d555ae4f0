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

  it("publish-posts runs the publisher on the service's deps: posts tracked, a demo post already past is an example, never missed", async () => {
    // 2026-11-23 10:00 Beijing: the demo post of 2026-11-20 (demo: true) is days late, the others are
    // ahead. A fresh install starts with nothing "missed" (issue 15): the past demo post is not tracked.
    const { deps, logLines } = buildTestDeps();
    try {
      await JOBS.find((j) => j.name === "publish-posts")!.run(deps);
      const rows = createPublicationStore(deps.db).list("default");
      expect(rows.map((r) => [r.slug, r.state])).toEqual([
        ["2026-12-01-county-job-fair", "scheduled"],
        ["2026-12-04-jujube-farmer-role-model", "scheduled"],
        ["2026-12-08-winter-break-internships", "scheduled"],
      ]);
      const lines = logLines.map((l) => JSON.parse(l) as { category?: string; job?: string; outcome?: string; msg: string });
      expect(lines).not.toContainEqual(expect.objectContaining({ outcome: "missed" }));
    } finally {
      closeDeps(deps);
    }
  });
});
