import { loadConfig } from "../src/config";

describe("config defaults", () => {
  it("listens on 127.0.0.1 unless HOST says otherwise: a reverse proxy goes in front (issue 12)", () => {
    expect(loadConfig({}).host).toBe("127.0.0.1");
    expect(loadConfig({ HOST: "" }).host).toBe("127.0.0.1");
    expect(loadConfig({ HOST: "0.0.0.0" }).host).toBe("0.0.0.0");
  });

  it("gives the CLI the LOG_LEVEL when one is set, else warnings only", () => {
    expect(loadConfig({}).logLevel).toBe("info");
    expect(loadConfig({}).cliLogLevel).toBe("warn");
    expect(loadConfig({ LOG_LEVEL: "debug" }).cliLogLevel).toBe("debug");
    expect(loadConfig({ LOG_LEVEL: "silent" }).cliLogLevel).toBe("silent");
  });
});
