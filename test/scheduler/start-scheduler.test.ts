import cron from "node-cron";
import { startScheduler } from "../../src/scheduler/start-scheduler";
import type { Job } from "../../src/scheduler/jobs";
import { buildTestDeps } from "../helpers/build-test-deps";
import { closeDeps } from "../../src/build-deps";
import type { Deps } from "../../src/deps";

let deps: Deps;
let logLines: string[];
beforeEach(() => {
  ({ deps, logLines } = buildTestDeps({ SCHEDULE_TIMEZONE: "Asia/Shanghai" }));
});
afterEach(() => {
  jest.restoreAllMocks();
  closeDeps(deps);
});

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe("startScheduler", () => {
  it("schedules every job in SCHEDULE_TIMEZONE without overlap, by name", async () => {
    const schedule = jest.spyOn(cron, "schedule");
    const jobs: Job[] = [
      { name: "a", cron: "0 8 * * *", description: "first job of the table", run: async () => undefined },
      { name: "b", cron: "*/5 * * * *", description: "second job of the table", run: async () => undefined },
    ];
    const s = startScheduler(deps, jobs);
    expect(schedule.mock.calls.map(([expr, , options]) => [expr, options])).toEqual([
      ["0 8 * * *", expect.objectContaining({ name: "a", timezone: "Asia/Shanghai", noOverlap: true })],
      ["*/5 * * * *", expect.objectContaining({ name: "b", timezone: "Asia/Shanghai", noOverlap: true })],
    ]);
    await s.stop();
  });

  it("runs a runAtStart job at once, and stop() waits for the run under way", async () => {
    const gate = deferred();
    const events: string[] = [];
    const job: Job = {
      name: "slow",
      cron: "0 0 1 1 *",
      runAtStart: true,
      description: "a publication in the middle of its steps",
      async run() {
        events.push("started");
        await gate.promise;
        events.push("finished");
      },
    };
    const s = startScheduler(deps, [job]);
    expect(events).toEqual(["started"]);
    let stopped = false;
    const stopping = s.stop().then(() => void (stopped = true));
    await new Promise((r) => setTimeout(r, 20));
    expect(stopped).toBe(false);
    gate.resolve();
    await stopping;
    expect(events).toEqual(["started", "finished"]);
  });

  it("runs on its cron ticks, never two runs of a job at once, and survives a failing run", async () => {
    let running = 0;
    let maxRunning = 0;
    let runs = 0;
    const job: Job = {
      name: "tick",
      cron: "* * * * * *",
      runAtStart: true,
      description: "every second, slower than a second",
      async run() {
        runs++;
        running++;
        maxRunning = Math.max(maxRunning, running);
        await new Promise((r) => setTimeout(r, 1300));
        running--;
        if (runs === 1) throw new Error("WeChat unreachable");
      },
    };
    const s = startScheduler(deps, [job]);
    await new Promise((r) => setTimeout(r, 2900));
    await s.stop();
    expect(maxRunning).toBe(1);
    expect(runs).toBeGreaterThanOrEqual(2);
    expect(logLines.some((l) => l.includes('"job":"tick"') && l.includes("job failed") && l.includes("WeChat unreachable"))).toBe(true);
  }, 10_000);

  it("starts no run after stop()", async () => {
    let runs = 0;
    const s = startScheduler(deps, [{ name: "x", cron: "* * * * * *", description: "counts its runs", run: async () => void runs++ }]);
    await s.stop();
    await new Promise((r) => setTimeout(r, 1100));
    expect(runs).toBe(0);
  });
});
