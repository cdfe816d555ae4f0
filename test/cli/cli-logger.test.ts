import { Writable } from "node:stream";
import { cliLogger } from "../../src/cli/cli-logger";
import { withDeps } from "../../src/cli/with-deps";
import { testConfig } from "../helpers/build-test-deps";

/** Issue 12: the CLI logged at "warn" whatever LOG_LEVEL said. */
describe("the CLI's logger", () => {
  const sink = (isTTY = false) => {
    const lines: string[] = [];
    const destination = Object.assign(
      new Writable({
        write(chunk, _enc, cb) {
          lines.push(String(chunk));
          cb();
        },
      }),
      { isTTY },
    );
    return { lines, destination };
  };

  it("honours LOG_LEVEL", () => {
    const { lines, destination } = sink();
    const log = cliLogger(testConfig({ LOG_LEVEL: "debug" }), destination);
    log.debug("a debug line");
    expect(log.level).toBe("debug");
    expect(lines.join("")).toContain("a debug line");
  });

  it("logs warnings and errors only when LOG_LEVEL is unset, so command output stays readable", () => {
    const { lines, destination } = sink();
    const log = cliLogger(testConfig({ LOG_LEVEL: "" }), destination);
    log.info("an info line");
    log.warn("a warning");
    expect(lines.join("")).not.toContain("an info line");
    expect(lines.join("")).toContain("a warning");
  });

  it("is what withDeps gives a command", async () => {
    await expect(withDeps(testConfig({ LOG_LEVEL: "trace" }), (deps) => deps.log.level)).resolves.toBe("trace");
    await expect(withDeps(testConfig({ LOG_LEVEL: "error" }), (deps) => deps.log.level)).resolves.toBe("error");
  });

  describe("issue 15: raw JSON lines in UTC beside the human output", () => {
    afterEach(() => jest.restoreAllMocks());

    it("on a terminal, writes lines for people: Beijing time with the zone named, the level in Chinese, the category", () => {
      jest.spyOn(Date, "now").mockReturnValue(Date.parse("2026-12-01T02:00:05Z"));
      const { lines, destination } = sink(true);
      const log = cliLogger(testConfig({ LOG_FORMAT: "pretty", LOG_LEVEL: "warn" }), destination);
      log.child({ category: "publisher" }).warn({ post: "2026-12-01-county-job-fair" }, "post missed");
      log.error("token refresh failed");
      // Coloured for the terminal; compared without the colours.
      const text = lines.join("").replace(/\u001b\[\d+m/g, "");
      expect(text).toBe('[北京时间 12月1日 10:00:05] 警告: [publisher] post missed\n    post: "2026-12-01-county-job-fair"\n[北京时间 12月1日 10:00:05] 错误: token refresh failed\n');
      expect(lines.join("")).toContain("\u001b[33m警告");
      expect(text).not.toContain('"level"');
    });

    it("piped (not a terminal) or with LOG_FORMAT=json, writes one JSON object a line with an ISO time", () => {
      for (const [env, isTTY] of [[{ LOG_FORMAT: "pretty", LOG_LEVEL: "warn" }, false], [{ LOG_FORMAT: "json", LOG_LEVEL: "warn" }, true]] as const) {
        const { lines, destination } = sink(isTTY);
        cliLogger(testConfig(env), destination).warn({ post: "a" }, "post missed");
        expect(JSON.parse(lines.join(""))).toEqual({ level: 40, time: expect.stringMatching(/^\d{4}-\d\d-\d\dT.*Z$/), post: "a", msg: "post missed" });
      }
    });
  });
});
