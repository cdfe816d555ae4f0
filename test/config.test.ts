import { ConfigError } from "../src/errors";
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

describe("config problems", () => {
  const problemsOf = (env: Record<string, string>): string[] => {
    try {
      loadConfig(env);
    } catch (err) {
      return (err as ConfigError).problems;
    }
    return [];
  };

  it("are all reported in one pass, in plain Chinese naming the key, what it should be and what it is", () => {
    const problems = problemsOf({
      PORT: "abc",
      WECHAT_ENCRYPT_MODE: "secure",
      WECHAT_APP_ID: "12345",
      SCHEDULE_TIMEZONE: "Beijing",
    });
    expect(problems).toEqual([
      "PORT 应为 0–65535 的整数，现在是「abc」（服务监听的端口，例如 PORT=3000）",
      "WECHAT_ENCRYPT_MODE 只能写 plain、compat、safe 之一，现在是「secure」（plain（明文）、compat（兼容）或 safe（安全），和公众号后台“服务器配置”里选的一致）",
      "WECHAT_APP_SECRET 没有填写：正式环境要同时填 WECHAT_APP_ID、WECHAT_APP_SECRET 和 WECHAT_TOKEN（微信开发者平台 → 我的业务 → 公众号 → 基础信息），或三个都不填，使用内置的模拟微信（sandbox）",
      "WECHAT_TOKEN 没有填写：正式环境要同时填 WECHAT_APP_ID、WECHAT_APP_SECRET 和 WECHAT_TOKEN（微信开发者平台 → 我的业务 → 公众号 → 基础信息），或三个都不填，使用内置的模拟微信（sandbox）",
      "WECHAT_APP_ID 应为 wx 加 16 位十六进制字符（开发者ID(AppID)），现在是「12345」",
      "SCHEDULE_TIMEZONE 不是已知的时区：「Beijing」；写 IANA 时区名，例如 Asia/Shanghai（北京时间）",
    ]);
    expect(problems.join("\n")).not.toMatch(/Expected|received|nan/i);
  });

  it("out-of-range numbers say the range", () => {
    expect(problemsOf({ PORT: "70000", DASHBOARD_SESSION_HOURS: "0.5" })).toEqual([
      "PORT 应为 0–65535 的整数，现在是「70000」（服务监听的端口，例如 PORT=3000）",
      "DASHBOARD_SESSION_HOURS 应为 1–720 的整数，现在是「0.5」（工作人员登录一次保持的小时数）",
    ]);
  });

  it("the error's message heads the list in Chinese", () => {
    expect(() => loadConfig({ PORT: "abc" })).toThrow(/^配置（\.env 或环境变量）有 1 个问题：\n {2}- PORT 应为/);
  });
});
