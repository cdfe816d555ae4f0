import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { userCommand, type UserCommandIo } from "../../src/cli/user-command";
import { fixedClock } from "../../src/time";
import { testConfig } from "../helpers/build-test-deps";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "user-roles-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const clock = fixedClock("2026-11-23T02:00:00Z");
const io = (password = "Lunnan-Youth-2026!"): UserCommandIo & { text(): string } => {
  let out = "";
  return { out: (t) => void (out += t), readPassword: async () => password, text: () => out };
};

describe("npm run cli -- user (roles)", () => {
  it("adds a township editor, grants and revokes, and lists each user's roles", async () => {
    // testConfig points CONTENT_DIR at the fixtures, whose accounts.yml declares default, lunnan and yangxia.
    const config = testConfig({ DATABASE_PATH: join(dir, "app.db") });
    await userCommand(config, clock, ["add", "wangfang"], io("Luntai-Youth-2026!"));
    await userCommand(config, clock, ["add", "aygul", "--role", "editor", "--account", "lunnan"], io());

    const granted = io();
    await userCommand(config, clock, ["grant", "aygul", "--role", "viewer", "--account", "default"], granted);
    expect(granted.text()).toBe("已给「aygul」添加权限：青春轮台（default） 只读（查看数字和导出）\n");
    const again = io();
    await userCommand(config, clock, ["grant", "aygul", "--role", "viewer", "--account", "default"], again);
    expect(again.text()).toContain("已经有这项权限");

    const json = io();
    await userCommand(config, clock, ["list", "--json"], json);
    expect(JSON.parse(json.text()).map((u: { name: string; grants: unknown }) => [u.name, u.grants])).toEqual([
      ["aygul", [{ role: "viewer", accountId: "default" }, { role: "editor", accountId: "lunnan" }]],
      ["wangfang", [{ role: "admin", accountId: "*" }]],
    ]);

    const revoked = io();
    await userCommand(config, clock, ["revoke", "aygul", "--role", "viewer", "--account", "default"], revoked);
    expect(revoked.text()).toBe("已移除「aygul」的权限：青春轮台（default） 只读（查看数字和导出）\n");
    const table = io();
    await userCommand(config, clock, ["list"], table);
    expect(table.text()).toMatch(/^aygul .*从未登录\s+青春轮南（lunnan） 编辑$/m);
    expect(table.text()).toMatch(/^wangfang .*全部账号 管理员$/m);
  });

  it("refuses an unknown role or account, naming the option and what to write", async () => {
    const config = testConfig({ DATABASE_PATH: join(dir, "app.db") });
    await expect(userCommand(config, clock, ["add", "liming", "--role", "boss"], io())).rejects.toThrow(/user add：--role 写 admin（县团委管理员）、editor（编辑）或 viewer（只读）之一，不是「boss」/);
    await expect(userCommand(config, clock, ["add", "liming", "--role", "editor", "--account", "tiergen"], io())).rejects.toThrow(
      /--account 写 '\*'（全部账号）或 content\/accounts.yml 里的账号 id（default、lunnan、yangxia），不是「tiergen」/,
    );
    await userCommand(config, clock, ["add", "liming", "--role", "editor", "--account", "yangxia"], io());
    await expect(userCommand(config, clock, ["grant", "liming"], io())).rejects.toThrow(/请写 --role 和 --account/);
  });
});
