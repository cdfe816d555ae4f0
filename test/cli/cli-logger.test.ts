import { Writable } from "node:stream";
import { cliLogger } from "../../src/cli/cli-logger";
import { withDeps } from "../../src/cli/with-deps";
import { testConfig } from "../helpers/build-test-deps";

/** Issue 12: the CLI logged at "warn" whatever LOG_LEVEL said. */
describe("the CLI's logger", () => {
  const sink = () => {
    const lines: string[] = [];
    const destination = new Writable({
      write(chunk, _enc, cb) {
        lines.push(String(chunk));
        cb();
      },
    });
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
});
