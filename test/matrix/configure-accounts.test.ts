/**
 * Which declared accounts one instance serves, with whose secrets (src/matrix/configure-accounts.ts),
 * and the rules of content/accounts.yml that came with serving them (issue 14): env optional,
 * paused, the county account is `default`, every problem of every account listed at once.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadConfig } from "../../src/config";
import { ConfigError } from "../../src/errors";
import { configureAccounts } from "../../src/matrix/configure-accounts";
import { loadAccounts } from "../../src/matrix/load-accounts";
import { FIXTURE_CONTENT, TEST_ACCOUNT } from "../helpers/build-test-deps";

const SINGLE = { accountName: "青春轮台", accountType: "subscription" as const, verified: true };

/** The county's credentials: real mode (not the sandbox). */
const COUNTY = {
  WECHAT_APP_ID: TEST_ACCOUNT.appId,
  WECHAT_APP_SECRET: "test-app-secret-value",
  WECHAT_TOKEN: TEST_ACCOUNT.token,
  WECHAT_ENCODING_AES_KEY: TEST_ACCOUNT.encodingAesKey,
};
const LUNNAN = {
  WECHAT_LUNNAN_APP_ID: "wx1a2b3c4d5e6f7a8b",
  WECHAT_LUNNAN_APP_SECRET: "lunnan-app-secret-value",
  WECHAT_LUNNAN_TOKEN: "lunnanToken2026",
  WECHAT_LUNNAN_AES_KEY: "Lunnan0123456789abcdefghijklmnopqrstuvwxyzA",
};
const YANGXIA = {
  WECHAT_YANGXIA_APP_ID: "wx9f8e7d6c5b4a3f2e",
  WECHAT_YANGXIA_APP_SECRET: "yangxia-app-secret-value",
  WECHAT_YANGXIA_TOKEN: "yangxiaToken2026",
};

const HEAD = `committee: 共青团轮台县委员会
accounts:
  - id: default
    name: 青春轮台
    township: 团县委
    level: county
    type: 订阅号
    verified: true
    admin: { name: 王芳, phone: "0996-4621234" }
    env: { app_id: WECHAT_APP_ID, app_secret: WECHAT_APP_SECRET, token: WECHAT_TOKEN, aes_key: WECHAT_ENCODING_AES_KEY }
`;
const lunnan = (extra = "") => `
  - id: lunnan
    name: 青春轮南
    township: 轮南镇
    type: 订阅号
    verified: false
    admin: { name: 阿依古丽, phone: "139 0996 0001" }
    env: { app_id: WECHAT_LUNNAN_APP_ID, app_secret: WECHAT_LUNNAN_APP_SECRET, token: WECHAT_LUNNAN_TOKEN, aes_key: WECHAT_LUNNAN_AES_KEY }
${extra}`;
const YANGXIA_ENTRY = `
  - id: yangxia
    name: 阳霞青年
    township: 阳霞镇
    type: 服务号
    verified: true
    admin: { name: 李明, phone: "139 0996 0002" }
    env: { app_id: WECHAT_YANGXIA_APP_ID, app_secret: WECHAT_YANGXIA_APP_SECRET, token: WECHAT_YANGXIA_TOKEN, aes_key: WECHAT_YANGXIA_AES_KEY }
`;
/** Declared for 附件2 / 附件3 only: no env. */
const TIEREKE_ENTRY = `
  - id: tiereke
    name: 铁热克巴扎青年
    township: 铁热克巴扎乡
    type: 订阅号
    verified: false
    admin: { name: 买买提, phone: "139 0996 0005" }
`;

let dir: string;
beforeEach(() => (dir = mkdtempSync(join(tmpdir(), "configure-accounts-"))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));
const write = (text: string) => writeFileSync(join(dir, "accounts.yml"), text);

function configure(env: Record<string, string>, sandbox: boolean) {
  const problems: string[] = [];
  const result = configureAccounts(dir, env, sandbox, SINGLE, problems);
  return { result, problems, byId: new Map((result?.accounts ?? []).map((a) => [a.id, a])) };
}

describe("configureAccounts: who is served", () => {
  it("in sandbox mode serves every account with env and no secrets read, and not the report-only one", () => {
    write(HEAD + lunnan() + YANGXIA_ENTRY + TIEREKE_ENTRY);
    const { problems, byId } = configure({}, true);
    expect(problems).toEqual([]);
    expect([...byId].map(([id, a]) => [id, a.served])).toEqual([
      ["default", true],
      ["lunnan", true],
      ["yangxia", true],
      ["tiereke", false],
    ]);
    for (const a of byId.values()) expect(a.credentials).toBeUndefined();
    expect(byId.get("tiereke")!.env).toBeNull();
    expect(byId.get("tiereke")!.unconfigured).toBeUndefined();
  });

  it("in real mode reads each township's secrets from the variables its env names", () => {
    write(HEAD + lunnan() + YANGXIA_ENTRY + TIEREKE_ENTRY);
    const { problems, byId } = configure({ ...COUNTY, ...LUNNAN, ...YANGXIA }, false);
    expect(problems).toEqual([]);
    expect(byId.get("lunnan")).toMatchObject({
      served: true,
      credentials: { appId: "wx1a2b3c4d5e6f7a8b", appSecret: "lunnan-app-secret-value", token: "lunnanToken2026", encodingAesKey: LUNNAN.WECHAT_LUNNAN_AES_KEY },
    });
    // The AES key is optional (明文模式).
    expect(byId.get("yangxia")).toMatchObject({ served: true, type: "service", verified: true, credentials: { token: "yangxiaToken2026", encodingAesKey: undefined } });
    // The county keeps config.wechat: no credentials copied here.
    expect(byId.get("default")).toMatchObject({ served: true, level: "county" });
    expect(byId.get("default")!.credentials).toBeUndefined();
    expect(byId.get("tiereke")!.served).toBe(false);
  });

  it("paused: true is declared, not served, and says nothing is wrong", () => {
    write(HEAD + lunnan("    paused: true\n") + YANGXIA_ENTRY);
    const sandbox = configure({}, true);
    expect(sandbox.problems).toEqual([]);
    expect(sandbox.byId.get("lunnan")).toMatchObject({ paused: true, served: false });
    expect(sandbox.byId.get("yangxia")!.served).toBe(true);
    // In real mode its variables need not be set while paused.
    const real = configure({ ...COUNTY, ...YANGXIA }, false);
    expect(real.problems).toEqual([]);
    expect(real.byId.get("lunnan")).toMatchObject({ paused: true, served: false });
    expect(real.byId.get("lunnan")!.unconfigured).toBeUndefined();
  });

  it("the county account paused is still declared served=false, its id kept", () => {
    write(HEAD.replace("aes_key: WECHAT_ENCODING_AES_KEY }\n", "aes_key: WECHAT_ENCODING_AES_KEY }\n    paused: true\n") + lunnan());
    const { problems, byId } = configure({}, true);
    expect(problems).toEqual([]);
    expect(byId.get("default")).toMatchObject({ paused: true, served: false });
    expect(byId.get("lunnan")!.served).toBe(true);
  });

  it("real mode, a township with none of its variables set: not served, and says why in Chinese, naming them", () => {
    write(HEAD + lunnan() + YANGXIA_ENTRY);
    const { problems, byId } = configure({ ...COUNTY, ...YANGXIA }, false);
    expect(problems).toEqual([]);
    const l = byId.get("lunnan")!;
    expect(l.served).toBe(false);
    expect(l.unconfigured).toBe(
      "还没有设置密钥（环境变量 WECHAT_LUNNAN_APP_ID、WECHAT_LUNNAN_APP_SECRET、WECHAT_LUNNAN_TOKEN），本账号暂不收发；在 .env 里填上后重启服务",
    );
    expect(byId.get("yangxia")!.served).toBe(true);
  });

  it("real mode, a township with some variables set: a problem naming the missing ones and what to do", () => {
    write(HEAD + lunnan());
    const { problems, byId } = configure({ ...COUNTY, WECHAT_LUNNAN_APP_ID: LUNNAN.WECHAT_LUNNAN_APP_ID, WECHAT_LUNNAN_TOKEN: "  " }, false);
    expect(problems).toEqual([
      "账号 lunnan（青春轮南）：环境变量 WECHAT_LUNNAN_APP_SECRET、WECHAT_LUNNAN_TOKEN 没有设置；在 .env 里填上，或在 content/accounts.yml 里给它写 paused: true 暂停，或删掉它的 env（只填附件，不由本系统收发）",
    ]);
    expect(byId.get("lunnan")).toMatchObject({ served: false });
    expect(byId.get("lunnan")!.unconfigured).toBeUndefined();
  });

  it("real mode, malformed AppID, token and AES key: one problem for each, naming its variable", () => {
    write(HEAD + lunnan());
    const { problems } = configure(
      { ...COUNTY, WECHAT_LUNNAN_APP_ID: "gh_4d00ed8d6399", WECHAT_LUNNAN_APP_SECRET: "s", WECHAT_LUNNAN_TOKEN: "轮南令牌", WECHAT_LUNNAN_AES_KEY: "tooShort123" },
      false,
    );
    expect(problems).toHaveLength(3);
    expect(problems[0]).toBe("账号 lunnan（青春轮南）：WECHAT_LUNNAN_APP_ID 应为 wx 加 16 位十六进制字符（开发者ID(AppID)），现在是「gh_4d00ed8d6399」");
    expect(problems[1]).toContain("WECHAT_LUNNAN_TOKEN 应为 3–32 个字母或数字");
    expect(problems[2]).toBe("账号 lunnan（青春轮南）：WECHAT_LUNNAN_AES_KEY 应为 43 个字母和数字（消息加解密密钥），现在是 11 个字符");
    // The secret's value is never echoed: only the AppID, which is public.
    expect(problems.join("\n")).not.toContain("tooShort123");
  });

  it("a file of township accounts only is refused in Chinese: the county's own account is what /wechat serves", () => {
    write(`committee: 共青团轮台县委员会\naccounts:${lunnan()}`);
    const { result, problems } = configure({}, true);
    expect(result).toBeUndefined();
    expect(problems).toEqual([
      expect.stringMatching(/accounts\.yml.*缺少团县委自己的公众号：请加一段 id: default、level: county 的账号/),
    ]);
  });

  it("the county account must keep the WECHAT_* variables", () => {
    write(HEAD.replace("app_secret: WECHAT_APP_SECRET", "app_secret: WECHAT_COUNTY_SECRET") + lunnan());
    const { problems } = configure({}, true);
    expect(problems).toEqual([
      "content/accounts.yml：团县委账号（default）的密钥固定放在 WECHAT_APP_ID、WECHAT_APP_SECRET、WECHAT_TOKEN、WECHAT_ENCODING_AES_KEY 里，env 下请照写这几个名字",
    ]);
  });

  it("without accounts.yml: today's single account `default`, served, no new setting needed", () => {
    const { problems, result } = configure(COUNTY, false);
    expect(problems).toEqual([]);
    expect(result!.source).toBe("default");
    expect(result!.accounts.map((a) => [a.id, a.level, a.served])).toEqual([["default", "county", true]]);
  });
});

describe("accounts.yml: the county account and optional env", () => {
  it("accepts a township without env (report only) and with paused", () => {
    write(HEAD + TIEREKE_ENTRY + lunnan("    paused: true\n"));
    const { declaration, errors } = loadAccounts(dir, SINGLE);
    expect(errors).toEqual([]);
    expect(declaration!.accounts.map((a) => [a.id, a.env === null, a.paused])).toEqual([
      ["default", false, false],
      ["tiereke", true, false],
      ["lunnan", false, true],
    ]);
  });

  it("refuses a county account whose id is not default, and a `default` that is not the county", () => {
    write(HEAD.replace("id: default", "id: luntai") + lunnan());
    const a = loadAccounts(dir, SINGLE);
    expect(a.declaration).toBeNull();
    expect(a.errors.map((e) => [e.line, e.field, e.problem])).toEqual([
      [3, "accounts[0].id", "县级账号（团县委自己的公众号）的标识必须是 default：以前的发布记录、期数和数据都记在 default 名下"],
    ]);

    write(HEAD.replace("level: county", "level: township") + lunnan());
    const b = loadAccounts(dir, SINGLE);
    expect(b.errors.map((e) => [e.line, e.problem])).toEqual([[6, "标识为 default 的账号是团县委自己的公众号，请写 level: county"]]);
  });

  it("refuses paused that is not true or false", () => {
    write(HEAD + lunnan("    paused: 是\n"));
    const { errors } = loadAccounts(dir, SINGLE);
    expect(errors.map((e) => [e.field, e.problem])).toEqual([["accounts[1].paused", "「暂停」应为true 或 false，现在是文字"]]);
  });
});

describe("loadConfig lists every problem of every account at once", () => {
  it("throws one ConfigError with the .env's problems and accounts.yml's, each naming its line and field", () => {
    write(HEAD.replace('phone: "0996-4621234"', "phone: 09964621234") + lunnan() + YANGXIA_ENTRY + TIEREKE_ENTRY);
    let error: unknown;
    try {
      loadConfig({ DATABASE_PATH: ":memory:", CONTENT_DIR: dir, ...COUNTY, PORT: "七十", WECHAT_LUNNAN_APP_ID: "wx123", WECHAT_YANGXIA_TOKEN: "yangxiaToken2026" });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems;
    // A broken accounts.yml leaves no accounts to check the secrets of: those come on the next pass (next test).
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/^PORT 应为 0–65535 的整数，现在是「七十」/);
    expect(problems.some((p) => p.includes("accounts.yml 第 9 行「accounts[0].admin.phone」") && p.includes("联系电话请加引号"))).toBe(true);
  });

  it("with a valid accounts.yml, names each township's broken variables, all in one error", () => {
    write(HEAD + lunnan() + YANGXIA_ENTRY + TIEREKE_ENTRY);
    let error: unknown;
    try {
      loadConfig({ DATABASE_PATH: ":memory:", CONTENT_DIR: dir, ...COUNTY, WECHAT_TOKEN: "x", WECHAT_LUNNAN_APP_ID: "wx123", WECHAT_LUNNAN_APP_SECRET: "s", WECHAT_LUNNAN_TOKEN: "lunnanToken2026", WECHAT_YANGXIA_TOKEN: "yangxiaToken2026" });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems;
    expect(problems).toHaveLength(3);
    expect(problems[0]).toMatch(/^WECHAT_TOKEN 应为 3–32 个字母或数字/);
    expect(problems[1]).toBe("账号 lunnan（青春轮南）：WECHAT_LUNNAN_APP_ID 应为 wx 加 16 位十六进制字符（开发者ID(AppID)），现在是「wx123」");
    expect(problems[2]).toMatch(/^账号 yangxia（阳霞青年）：环境变量 WECHAT_YANGXIA_APP_ID、WECHAT_YANGXIA_APP_SECRET 没有设置；/);
    expect((error as ConfigError).message).toMatch(/^配置（.env 或环境变量）有 3 个问题：/);
  });

  it("sandbox mode (no credentials): every account with env served, the report-only one not", () => {
    write(HEAD + lunnan() + YANGXIA_ENTRY + TIEREKE_ENTRY);
    const config = loadConfig({ DATABASE_PATH: ":memory:", CONTENT_DIR: dir });
    expect(config.sandbox).toBe(true);
    expect(config.matrix.accounts.map((a) => [a.id, a.served])).toEqual([
      ["default", true],
      ["lunnan", true],
      ["yangxia", true],
      ["tiereke", false],
    ]);
  });

  it("the test fixture's three accounts are served in sandbox mode and, in real mode without township variables, only the county", () => {
    expect(loadConfig({ DATABASE_PATH: ":memory:", CONTENT_DIR: FIXTURE_CONTENT }).matrix.accounts.filter((a) => a.served).map((a) => a.id)).toEqual(["default", "lunnan", "yangxia"]);
    const real = loadConfig({ DATABASE_PATH: ":memory:", CONTENT_DIR: FIXTURE_CONTENT, ...COUNTY });
    expect(real.matrix.accounts.map((a) => [a.id, a.served, a.unconfigured !== undefined])).toEqual([
      ["default", true, false],
      ["lunnan", false, true],
      ["yangxia", false, true],
    ]);
  });
});
