import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { userCommand, type UserCommandIo } from "../../src/cli/user-command";
import { describeStaffLogin, DEMO_USER } from "../../src/cli/first-staff-user";
import { renderPages, statsCommand } from "../../src/cli/stats-command";
import { openDatabase } from "../../src/db/open-database";
import { createStaffUserStore } from "../../src/db/stores/staff-user-store";
import { verifyPassword } from "../../src/dashboard/middleware/auth-password";
import { createLogger } from "../../src/logger";
import { fixedClock } from "../../src/time";
import { buildTestDeps, testConfig } from "../helpers/build-test-deps";
import { describeStart } from "../../src/main";
import { closeDeps } from "../../src/build-deps";
import { width } from "../../src/cli/format-table";
import { SANDBOX_ENV } from "./dashboard-helpers";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "dashboard-cli-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const clock = fixedClock("2026-11-23T02:00:00Z");

function io(passwords: string[]): UserCommandIo & { text: () => string; asked: boolean[] } {
  let out = "";
  const asked: boolean[] = [];
  return {
    out: (t) => void (out += t),
    readPassword: async (fromStdin) => {
      asked.push(fromStdin);
      return passwords.shift() ?? "";
    },
    text: () => out,
    asked,
  };
}

describe("npm run cli -- user", () => {
  it("adds, lists, changes and removes staff logins (passwords stored as scrypt hashes)", async () => {
    const config = testConfig({ DATABASE_PATH: join(dir, "app.db") });
    const a = io(["Luntai-Youth-2026!"]);
    await expect(userCommand(config, clock, ["add", "wangfang", "--password-stdin"], a)).resolves.toBe(0);
    expect(a.asked).toEqual([true]);
    expect(a.text()).toBe("后台账号「wangfang」已建好：在 /dashboard/login 登录\n");

    const db = openDatabase(config.databasePath);
    const user = createStaffUserStore(db).findByName("wangfang")!;
    expect(user.passwordHash).toMatch(/^scrypt\$15\$8\$1\$/);
    await expect(verifyPassword("Luntai-Youth-2026!", user.passwordHash)).resolves.toBe(true);
    db.prepare("INSERT INTO staff_sessions (id_hash, user_id, csrf_token, created_at, expires_at, last_seen_at) VALUES ('h', ?, 't', 0, 9e15, 0)").run(user.id);
    db.close();

    const list = io([]);
    await userCommand(config, clock, ["list"], list);
    expect(list.text()).toBe(
      [
        "登录名    创建时间（北京时间）  上次登录（北京时间）  权限",
        "--------  --------------------  --------------------  ---------------",
        "wangfang  2026-11-23 10:00      从未登录              全部账号 管理员",
        "",
      ].join("\n"),
    );
    const json = io([]);
    await userCommand(config, clock, ["list", "--json"], json);
    expect(JSON.parse(json.text())).toEqual([{ name: "wangfang", createdAt: "2026-11-23T02:00:00.000Z", lastLoginAt: null, grants: [{ role: "admin", accountId: "*" }] }]);

    await expect(userCommand(config, clock, ["add", "WangFang"], io(["Another-Pass-123"]))).rejects.toThrow("user add：「WangFang」已经有了：要改密码，运行 npm run cli -- user passwd WangFang");
    await expect(userCommand(config, clock, ["passwd", "wangfang"], io(["short"]))).rejects.toThrow(/user：密码不合格，什么也没有改：密码至少 10 个字符/);
    const passwd = io(["New-Luntai-Pass-2027"]);
    await userCommand(config, clock, ["passwd", "wangfang"], passwd);
    expect(passwd.text()).toBe("「wangfang」的密码已修改；已登出 1 个登录中的会话\n");

    const removed = io([]);
    await userCommand(config, clock, ["remove", "wangfang"], removed);
    expect(removed.text()).toBe("后台账号「wangfang」已删除（并已登出）\n");
    await expect(userCommand(config, clock, ["remove", "wangfang"], io([]))).rejects.toThrow("user remove：没有「wangfang」这个后台账号（运行 npm run cli -- user list 查看）");
    await expect(userCommand(config, clock, ["add", "has space"], io(["Luntai-Youth-2026!"]))).rejects.toThrow(/user add：登录名写 1–32 个字母、数字或 _ \. @ -/);
    await expect(userCommand(config, clock, ["rename", "x"], io([]))).rejects.toThrow(/user：没有「rename」这个子命令，可用 add、passwd、list 或 remove/);
    const empty = io([]);
    await userCommand(config, clock, ["list"], empty);
    expect(empty.text()).toBe("还没有后台登录账号：运行 npm run cli -- user add 登录名 新建一个\n");
  });
});

describe("npm start: the first staff login", () => {
  it("creates a demo user with a random password, printed once, in sandbox mode only", async () => {
    const sandbox = testConfig({ ...SANDBOX_ENV, DATABASE_PATH: join(dir, "a.db") });
    const db = openDatabase(sandbox.databasePath);
    try {
      const lines = await describeStaffLogin({ db, clock, config: sandbox }, "http://127.0.0.1:3000");
      expect(lines[0]).toBe("  后台：        http://127.0.0.1:3000/dashboard");
      expect(lines[1]).toMatch(/^ {16}已建好沙箱登录账号：demo \/ \S{16}（只显示这一次；改密码：npm run cli -- user passwd demo）$/);
      const password = /demo \/ (\S{16})/.exec(lines[1]!)![1]!;
      expect(password).toHaveLength(16);
      await expect(verifyPassword(password, createStaffUserStore(db).findByName(DEMO_USER)!.passwordHash)).resolves.toBe(true);
      expect(await describeStaffLogin({ db, clock, config: sandbox }, "http://127.0.0.1:3000")).toHaveLength(1);
    } finally {
      db.close();
    }
    const production = testConfig({ DATABASE_PATH: join(dir, "b.db") });
    const db2 = openDatabase(production.databasePath);
    try {
      expect((await describeStaffLogin({ db: db2, clock, config: production }, "http://x"))[1]).toBe("                还没有后台登录账号：运行 npm run cli -- user add 登录名 新建一个");
      expect(createStaffUserStore(db2).count()).toBe(0);
    } finally {
      db2.close();
    }
  });
});

describe("npm start: the banner the operator reads", () => {
  const MODE_NAMES: Record<string, string> = { plain: "明文模式 plain", compat: "兼容模式 compat", safe: "安全模式 safe" };
  it("says in Chinese where the webhook, health check, sandbox and dashboard are, values aligned", () => {
    const { deps } = buildTestDeps({ ...SANDBOX_ENV, DATABASE_PATH: join(dir, "banner.db") });
    try {
      const lines = describeStart(deps.config, deps, "http://127.0.0.1:3000").split("\n");
      const token = deps.accounts.get("default")!.token;
      expect(lines).toEqual([
        "青春轮台后台已启动：http://127.0.0.1:3000",
        `  微信消息接口：http://127.0.0.1:3000/wechat（消息加解密方式：${MODE_NAMES[deps.accounts.get("default")!.encryptMode]}）`,
        // The matrix's township accounts, each at its own URL with its own sandbox token.
        `    青春轮南：  http://127.0.0.1:3000/wechat/lunnan（令牌 ${deps.accounts.get("lunnan")!.token}）`,
        `    阳霞青年：  http://127.0.0.1:3000/wechat/yangxia（令牌 ${deps.accounts.get("yangxia")!.token}）`,
        "  健康检查：    http://127.0.0.1:3000/healthz",
        "  运行模式：    沙箱（没有设置微信的 AppID 和 AppSecret，什么都不会发到微信）",
        `  令牌 Token：  ${token}（本地生成，保存在 ${join(dir, "banner.db")}）`,
        "  模拟微信：    http://127.0.0.1:3000/sandbox（模拟的微信接口；它收到了什么：登录后台后看 http://127.0.0.1:3000/dashboard/sandbox/inspect）",
        "  试一试：      npm run cli -- send 诚聘",
        "                npm run cli -- send --event subscribe",
      ]);
      // Every value starts in the same terminal column (CJK counts two).
      const starts = lines.slice(1).map((l) => width(l.slice(0, l.search(/http|沙箱|npm|[0-9a-zA-Z]{8,}/))));
      expect(new Set(starts)).toEqual(new Set([16]));
    } finally {
      closeDeps(deps);
    }
  });

  it("names the encryption mode as WeChat's console does, and says nothing of a sandbox in production", () => {
    const { deps } = buildTestDeps({ DATABASE_PATH: join(dir, "prod.db"), WECHAT_ENCRYPT_MODE: "plain" });
    try {
      expect(describeStart(deps.config, deps, "http://127.0.0.1:3000")).toBe(
        [
          "青春轮台后台已启动：http://127.0.0.1:3000",
          "  微信消息接口：http://127.0.0.1:3000/wechat（消息加解密方式：明文模式 plain）",
          // Townships whose secrets are not set yet are named with what to do, and never stop the county's service.
          "    青春轮南：  未启用（lunnan）：还没有设置密钥（环境变量 WECHAT_LUNNAN_APP_ID、WECHAT_LUNNAN_APP_SECRET、WECHAT_LUNNAN_TOKEN），本账号暂不收发；在 .env 里填上后重启服务",
          "    阳霞青年：  未启用（yangxia）：还没有设置密钥（环境变量 WECHAT_YANGXIA_APP_ID、WECHAT_YANGXIA_APP_SECRET、WECHAT_YANGXIA_TOKEN），本账号暂不收发；在 .env 里填上后重启服务",
          "  健康检查：    http://127.0.0.1:3000/healthz",
        ].join("\n"),
      );
    } finally {
      closeDeps(deps);
    }
  });
});

describe("npm run cli -- stats", () => {
  it("prints the dashboard's tables as text, CSV and JSON from the same presenters", async () => {
    const config = testConfig({ DATABASE_PATH: join(dir, "app.db") });
    let out = "";
    const log = createLogger({ level: "silent" });
    await statsCommand(config, log, ["--page", "report", "--month", "2026-11"], (t) => void (out += t));
    expect(out).toContain("# 月报  2026-11");
    expect(out).toContain("## 微信体系建设情况（2026-11）");
    out = "";
    await statsCommand(config, log, ["--page", "report", "--month", "2026-11", "--format", "csv", "--table", "system"], (t) => void (out += t));
    expect(out.startsWith("\uFEFF账号名称,关注人数,本月发送信息数·政策法规")).toBe(true);
    expect(out).toMatch(/\r\n青春轮台,0,0,0,0,0,0,0\r\n$/);
    out = "";
    await statsCommand(config, log, ["--page", "messages", "--from", "2026-11-01", "--to", "2026-11-07", "--format", "json"], (t) => void (out += t));
    expect(JSON.parse(out)).toMatchObject({ title: "消息", range: { from: "2026-11-01", to: "2026-11-07" } });
    expect(() => renderPages([], "xml", undefined)).toThrow(/--format must be table, csv or json/);
    await expect(statsCommand(config, log, ["--page", "nope"], () => undefined)).rejects.toThrow(/--page must be one of/);
  });

  it("refresh runs the stats job against an in-process simulator in sandbox mode (no server needed)", async () => {
    const config = testConfig({ ...SANDBOX_ENV, DATABASE_PATH: join(dir, "sandbox.db"), STATS_BACKFILL_DAYS: "10" });
    let out = "";
    const code = await statsCommand(config, createLogger({ level: "silent" }), ["refresh"], (t) => void (out += t), clock);
    expect(code).toBe(0);
    expect(out).toMatch(/^关注数据（getusersummary \/ getusercumulate）\s+正常\s+2026-11-22\s+10\s+\d+$/m);
    expect(out).toMatch(/^当前关注人数（user\/get）\s+正常/m);
    // Every source fetched (one row each, after the caption, header and rule).
    expect(out.split("\n").slice(3, -2).every((row) => /\s正常\s/.test(row))).toBe(true);
    out = "";
    await statsCommand(config, createLogger({ level: "silent" }), ["--page", "followers", "--format", "csv", "--table", "followers"], (t) => void (out += t), clock);
    expect(out.split("\r\n").filter((l) => /^\d{4}-\d{2}-\d{2},\d+,\d+,-?\d+,\d+$/.test(l))).toHaveLength(10);
  });
});
