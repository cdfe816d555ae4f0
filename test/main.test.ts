import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildPush } from "../src/wechat/build-push";
import { FIXTURE_CONTENT, TEST_ACCOUNT } from "./helpers/build-test-deps";

const ROOT = join(__dirname, "..");

function startService(env: Record<string, string>): Promise<{ child: ChildProcess; port: number; output: () => string }> {
  // tsx as a loader in the service's own process, as `node dist/main.js` runs: the tsx CLI would sit
  // in between and SIGKILL the service when it does not acknowledge a relayed signal within 60 ms
  // (busy starting every account's publisher), which is the CLI's behaviour, not the service's.
  const child = spawn(process.execPath, ["--import", "tsx", join(ROOT, "src/main.ts")], {
    cwd: ROOT,
    env: { ...process.env, ...env, PORT: "0", HOST: "127.0.0.1", LOG_FORMAT: "json", LOG_LEVEL: "info" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout!.on("data", (d) => (out += String(d)));
  child.stderr!.on("data", (d) => (out += String(d)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`service did not start:\n${out}`)), 20_000);
    child.stdout!.on("data", () => {
      const m = /青春轮台后台已启动：http:\/\/127\.0\.0\.1:(\d+)\n/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ child, port: Number(m[1]), output: () => out });
      }
    });
    child.once("exit", (code) => reject(new Error(`service exited with ${code}:\n${out}`)));
  });
}

describe("main (the service process)", () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "main-"));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("on SIGTERM finishes the request in flight, stops, and closes the database cleanly", async () => {
    const env = {
      DATABASE_PATH: join(dir, "app.db"),
      CONTENT_DIR: FIXTURE_CONTENT,
      WECHAT_APP_ID: TEST_ACCOUNT.appId,
      WECHAT_APP_SECRET: "test-app-secret-value",
      WECHAT_TOKEN: TEST_ACCOUNT.token,
      WECHAT_ORIGINAL_ID: TEST_ACCOUNT.originalId,
    };
    const { child, port, output } = await startService(env);
    const health = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(health.status).toBe(200);

    const push = buildPush({ kind: "text", content: "诚聘" }, "oV5CrjpxgaGXNHIQigzNlgLTnwic", { token: TEST_ACCOUNT.token, originalId: TEST_ACCOUNT.originalId, encrypt: false }, new Date());
    const body = Buffer.from(push.body);
    // Send the headers and half the body, then SIGTERM, then the rest: the request is in flight.
    const reply = new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = request({ host: "127.0.0.1", port, method: "POST", path: `/wechat?${push.query}`, headers: { "content-type": "text/xml", "content-length": body.length } }, (res) => {
        let text = "";
        res.on("data", (d) => (text += String(d)));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, text }));
      });
      req.on("error", reject);
      req.write(body.subarray(0, 40));
      setTimeout(() => {
        child.kill("SIGTERM");
        setTimeout(() => req.end(body.subarray(40)), 300);
      }, 200);
    });
    const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
    const res = await reply;
    expect(res.status).toBe(200);
    expect(res.text).toContain("轮青诚聘");
    expect(await exited).toBe(0);
    expect(output()).toContain("stopped cleanly");
    // A clean close checkpoints the WAL and removes it.
    expect(existsSync(join(dir, "app.db-wal"))).toBe(false);
  }, 40_000);

  it("after SIGTERM keeps answering /healthz, with 503, until the grace period is over (issue 12)", async () => {
    const { child, port, output } = await startService({
      DATABASE_PATH: join(dir, "app.db"),
      CONTENT_DIR: FIXTURE_CONTENT,
      WECHAT_APP_ID: TEST_ACCOUNT.appId,
      WECHAT_APP_SECRET: "test-app-secret-value",
      WECHAT_TOKEN: TEST_ACCOUNT.token,
      WECHAT_ORIGINAL_ID: TEST_ACCOUNT.originalId,
    });
    const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
    child.kill("SIGTERM");
    await new Promise((r) => setTimeout(r, 500));
    // A load balancer's check: answered "stopping" on a fresh connection, not refused.
    const health = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(health.status).toBe(503);
    expect(health.headers.get("connection")).toBe("close");
    expect(await health.json()).toEqual({ status: "stopping" });
    expect(await exited).toBe(0);
    expect(output()).toContain("stopped cleanly");
  }, 40_000);

  it("refuses to start with a broken configuration and lists every problem", async () => {
    const { child, output } = await startService({
      DATABASE_PATH: join(dir, "app.db"),
      WECHAT_APP_ID: "not-an-app-id",
      WECHAT_TOKEN: "x",
      WECHAT_ENCRYPT_MODE: "safe",
    }).catch((err: Error) => ({ child: undefined, output: () => err.message }));
    expect(child).toBeUndefined();
    const text = output();
    expect(text).toContain("配置（.env 或环境变量）有 4 个问题");
    expect(text).toContain("WECHAT_APP_SECRET 没有填写");
    expect(text).toContain("WECHAT_APP_ID 应为 wx 加 16 位十六进制字符");
    expect(text).toContain("WECHAT_TOKEN 应为 3–32 个字母或数字");
    expect(text).toContain("WECHAT_ENCODING_AES_KEY 没有填写");
  }, 40_000);
});
