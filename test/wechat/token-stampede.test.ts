import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { systemClock } from "../../src/time";
import { openDatabase, type Db } from "../../src/db/open-database";
import { createSandboxApp, type SandboxApp } from "../../src/sandbox/create-sandbox-app";
import { APP_ID, APP_SECRET, captureLog } from "../sandbox/harness";

/**
 * Real processes (node + tsx running token-child.ts) sharing one SQLite file: three that need a
 * token at the same moment cause one stable_token call; a token WeChat rejects is refreshed once.
 * The sandbox answers stable_token slowly (400 ms) so that the three really overlap.
 */

jest.setTimeout(60_000);

interface ChildResult {
  pid: number;
  total: number;
  tokenHash: string;
  /** It found another process refreshing and waited for its token. */
  waited: boolean;
  /** It called stable_token itself. */
  refreshed: boolean;
}

let dir: string;
let db: Db;
let sandbox: SandboxApp;
let server: { baseUrl: string; close(): Promise<void> };

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "stampede-"));
  db = openDatabase(join(dir, "app.db"));
  sandbox = createSandboxApp({ db, clock: systemClock, log: captureLog().log, appId: APP_ID, appSecret: APP_SECRET, stableTokenDelayMs: 400 });
  server = await sandbox.listen(0);
});

afterAll(async () => {
  sandbox.close();
  await server.close();
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

function startChild(): { child: ChildProcessWithoutNullStreams; ready: Promise<void>; result: Promise<ChildResult> } {
  const child = spawn(process.execPath, ["--import", "tsx", join(__dirname, "token-child.ts")], {
    env: {
      ...process.env,
      STAMPEDE_DB: join(dir, "app.db"),
      STAMPEDE_BASE: server.baseUrl,
      STAMPEDE_APP_ID: APP_ID,
      STAMPEDE_APP_SECRET: APP_SECRET,
    },
  });
  let out = "";
  let err = "";
  let onReady!: () => void;
  const ready = new Promise<void>((resolve) => (onReady = resolve));
  child.stdout.on("data", (chunk: Buffer) => {
    out += chunk.toString();
    if (out.includes("ready\n")) onReady();
  });
  child.stderr.on("data", (chunk: Buffer) => (err += chunk.toString()));
  const result = new Promise<ChildResult>((resolve, reject) => {
    child.on("close", (code) => {
      const line = out.split("\n").find((l) => l.startsWith("{"));
      if (code === 0 && line) resolve(JSON.parse(line) as ChildResult);
      else reject(new Error(`child exited ${code}: ${err}`));
    });
  });
  return { child, ready, result };
}

/** Starts three processes, releases them together, returns what each saw. */
async function runThree(): Promise<ChildResult[]> {
  const children = [startChild(), startChild(), startChild()];
  await Promise.all(children.map((c) => c.ready));
  for (const c of children) c.child.stdin.write("go\n");
  return Promise.all(children.map((c) => c.result));
}

it("three processes needing a token at once cause exactly one stable_token call", async () => {
  const results = await runThree();
  expect(new Set(results.map((r) => r.pid)).size).toBe(3);
  expect(sandbox.countCalls("stable_token")).toBe(1);
  expect(new Set(results.map((r) => r.tokenHash)).size).toBe(1);
  expect(sandbox.countCalls("user/get")).toBe(3);
  expect(results.filter((r) => r.refreshed)).toHaveLength(1);
  // They really overlapped: at least one found the lease taken and waited for the token.
  expect(results.filter((r) => r.waited).length).toBeGreaterThanOrEqual(1);
});

it("a token WeChat rejects (40001) is refreshed once, not by every process", async () => {
  // Someone force-refreshed: the cached token is now "invalid or not latest" for everyone.
  sandbox.revokeTokens();
  const before = sandbox.countCalls("stable_token");
  const results = await runThree();
  expect(sandbox.countCalls("stable_token")).toBe(before + 1);
  expect(new Set(results.map((r) => r.tokenHash)).size).toBe(1);
  expect(sandbox.inspect().calls.find((c) => c.endpoint === "/cgi-bin/user/get")).toMatchObject({ calls: 9, errors: 3 });
  expect(results.filter((r) => r.refreshed)).toHaveLength(1);
});
