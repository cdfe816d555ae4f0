import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadAccounts } from "../../src/matrix/load-accounts";
import { FIXTURE_CONTENT } from "../helpers/build-test-deps";

const SINGLE = { accountName: "青春轮台", accountType: "subscription" as const, verified: true };

describe("content/accounts.yml", () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), "accounts-"))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const write = (text: string) => writeFileSync(join(dir, "accounts.yml"), text);

  it("reads the declared accounts in file order, with the names of their secrets' variables", () => {
    const { declaration, errors } = loadAccounts(FIXTURE_CONTENT, SINGLE);
    expect(errors).toEqual([]);
    expect(declaration!.source).toBe("file");
    expect(declaration!.committee).toBe("共青团轮台县委员会");
    expect(declaration!.accounts.map((a) => [a.id, a.name, a.township, a.level, a.type, a.verified])).toEqual([
      ["default", "青春轮台", "团县委", "county", "subscription", true],
      ["lunnan", "青春轮南", "轮南镇", "township", "subscription", false],
      ["yangxia", "阳霞青年", "阳霞镇", "township", "subscription", false],
    ]);
    expect(declaration!.accounts[1]!.admin).toEqual({ name: "阿依古丽", phone: "139 0996 0001" });
    expect(declaration!.accounts[1]!.env).toEqual({
      appId: "WECHAT_LUNNAN_APP_ID",
      appSecret: "WECHAT_LUNNAN_APP_SECRET",
      token: "WECHAT_LUNNAN_TOKEN",
      aesKey: "WECHAT_LUNNAN_AES_KEY",
    });
  });

  it("without the file, is today's single account `default` from the existing settings", () => {
    const { declaration, errors } = loadAccounts(dir, { accountName: "青春轮台", accountType: "service", verified: false });
    expect(errors).toEqual([]);
    expect(declaration).toEqual({
      source: "default",
      committee: "共青团轮台县委员会",
      accounts: [
        {
          id: "default",
          name: "青春轮台",
          township: "团县委",
          level: "county",
          type: "service",
          verified: false,
          admin: null,
          env: { appId: "WECHAT_APP_ID", appSecret: "WECHAT_APP_SECRET", token: "WECHAT_TOKEN", aesKey: "WECHAT_ENCODING_AES_KEY" },
          paused: false,
        },
      ],
    });
  });

  it("lists every problem at once, in Chinese, each with its line and field", () => {
    write(`committee: 共青团轮台县委员会
accounts:
  - id: default
    name: 青春轮台
    township: 团县委
    level: county
    type: 订阅号
    verified: true
    admin: { name: 王芳, phone: 09964621234 }
    env: { app_id: WECHAT_APP_ID, app_secret: WECHAT_APP_SECRET, token: WECHAT_TOKEN, aes_key: WECHAT_ENCODING_AES_KEY }
  - id: Lun Nan
    name: 青春轮南
    township: 轮南镇
    type: 公众号
    verified: 是
    admin: { name: 阿依古丽, phone: "139 0996 0001" }
    env: { app_id: wx8f2a6c1d9e0b3a47, app_secret: WECHAT_LUNNAN_APP_SECRET, token: WECHAT_TOKEN, aes_key: WECHAT_LUNNAN_AES_KEY }
    menu: 有
  - id: yangxia
    township: 阳霞镇
    type: 订阅号
    verified: false
    admin: { name: 李明, phone: "139 0996 0002" }
    env: { app_id: WECHAT_YANGXIA_APP_ID, app_secret: WECHAT_YANGXIA_APP_SECRET, token: WECHAT_YANGXIA_TOKEN, aes_key: WECHAT_YANGXIA_AES_KEY }
`);
    const { declaration, errors } = loadAccounts(dir, SINGLE);
    expect(declaration).toBeNull();
    const seen = errors.map((e) => [e.line, e.field, e.message.replace(/^.*?accounts\.yml:\d+: [^:]+: /, "")]);
    expect(seen).toEqual([
      [9, "accounts[0].admin.phone", expect.stringContaining("联系电话请加引号")],
      [11, "accounts[1].id", expect.stringContaining("账号标识只能用小写字母")],
      [14, "accounts[1].type", expect.stringContaining("只能写 订阅号 或 服务号")],
      [15, "accounts[1].verified", "「是否认证」应为true 或 false，现在是文字"],
      [17, "accounts[1].env.app_id", expect.stringContaining("不是密钥本身")],
      // The unknown key is the entry's: the line where the entry starts.
      [11, "accounts[1]", expect.stringContaining("不认识的字段 menu")],
      [19, "accounts[2].name", "缺少「账号名称 / 姓名」，请补上"],
    ]);
    expect(errors.every((e) => e.file === join(dir, "accounts.yml"))).toBe(true);
  });

  it("refuses a repeated id, two county accounts and one variable holding two accounts' secrets", () => {
    write(`accounts:
  - id: default
    name: 青春轮台
    township: 团县委
    level: county
    type: 订阅号
    verified: true
    admin: { name: 王芳, phone: "0996-4621234" }
    env: { app_id: WECHAT_APP_ID, app_secret: WECHAT_APP_SECRET, token: WECHAT_TOKEN, aes_key: WECHAT_ENCODING_AES_KEY }
  - id: default
    name: 青春轮南
    township: 轮南镇
    level: county
    type: 服务号
    verified: true
    admin: { name: 阿依古丽, phone: "139 0996 0001" }
    env: { app_id: WECHAT_LUNNAN_APP_ID, app_secret: WECHAT_APP_SECRET, token: WECHAT_LUNNAN_TOKEN, aes_key: WECHAT_LUNNAN_AES_KEY }
`);
    const { errors } = loadAccounts(dir, SINGLE);
    expect(errors.map((e) => [e.line, e.field])).toEqual([
      [10, "accounts[1].id"],
      [13, "accounts[1].level"],
      [17, "accounts[1].env.app_secret"],
    ]);
    expect(errors[0]!.message).toContain("账号标识 default 与第 1 个账号重复");
    expect(errors[1]!.message).toContain("只能有一个县级账号");
    expect(errors[2]!.message).toContain("环境变量 WECHAT_APP_SECRET 已被 accounts[0].env.app_secret 使用");
  });

  it("names the line of a YAML syntax error", () => {
    write("accounts:\n  - id: default\n    name: [青春轮台\n");
    const { errors } = loadAccounts(dir, SINGLE);
    expect(errors.length).toBeGreaterThan(0);
    expect(errors[0]!.message).toContain("YAML 格式错误");
    expect(errors[0]!.line).toBeGreaterThanOrEqual(3);
  });
});
