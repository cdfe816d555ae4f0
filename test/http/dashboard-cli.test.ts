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
import { testConfig } from "../helpers/build-test-deps";
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
    expect(a.text()).toContain('staff user "wangfang" created');

    const db = openDatabase(config.databasePath);
    const user = createStaffUserStore(db).findByName("wangfang")!;
    expect(user.passwordHash).toMatch(/^scrypt\$15\$8\$1\$/);
    await expect(verifyPassword("Luntai-Youth-2026!", user.passwordHash)).resolves.toBe(true);
    db.prepare("INSERT INTO staff_sessions (id_hash, user_id, csrf_token, created_at, expires_at, last_seen_at) VALUES ('h', ?, 't', 0, 9e15, 0)").run(user.id);
    db.close();

    const list = io([]);
    await userCommand(config, clock, ["list"], list);
    expect(list.text()).toBe("wangfang\tcreated 2026-11-23 10:00\tlast login never\n");

    await expect(userCommand(config, clock, ["add", "WangFang"], io(["Another-Pass-123"]))).rejects.toThrow(/exists already/);
    await expect(userCommand(config, clock, ["passwd", "wangfang"], io(["short"]))).rejects.toThrow(/at least 10 characters/);
    const passwd = io(["New-Luntai-Pass-2027"]);
    await userCommand(config, clock, ["passwd", "wangfang"], passwd);
    expect(passwd.text()).toContain("1 session(s) signed out");

    await userCommand(config, clock, ["remove", "wangfang"], io([]));
    await expect(userCommand(config, clock, ["remove", "wangfang"], io([]))).rejects.toThrow(/no staff user/);
    await expect(userCommand(config, clock, ["add", "has space"], io(["Luntai-Youth-2026!"]))).rejects.toThrow(/give a name/);
  });
});

describe("npm start: the first staff login", () => {
  it("creates a demo user with a random password, printed once, in sandbox mode only", async () => {
    const sandbox = testConfig({ ...SANDBOX_ENV, DATABASE_PATH: join(dir, "a.db") });
    const db = openDatabase(sandbox.databasePath);
    try {
      const lines = await describeStaffLogin({ db, clock, config: sandbox }, "http://127.0.0.1:3000");
      expect(lines[0]).toBe("  dashboard: http://127.0.0.1:3000/dashboard");
      const password = /demo \/ (\S+)/.exec(lines[1]!)![1]!;
      expect(password).toHaveLength(16);
      await expect(verifyPassword(password, createStaffUserStore(db).findByName(DEMO_USER)!.passwordHash)).resolves.toBe(true);
      expect(await describeStaffLogin({ db, clock, config: sandbox }, "http://127.0.0.1:3000")).toHaveLength(1);
    } finally {
      db.close();
    }
    const production = testConfig({ DATABASE_PATH: join(dir, "b.db") });
    const db2 = openDatabase(production.databasePath);
    try {
      expect((await describeStaffLogin({ db: db2, clock, config: production }, "http://x"))[1]).toContain("npm run cli -- user add NAME");
      expect(createStaffUserStore(db2).count()).toBe(0);
    } finally {
      db2.close();
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
