/**
 * Integration harness: runs the real service as a child process, from TypeScript source, the way
 * production runs it (`node --max-semi-space-size=2 --max-old-space-size=64`, MALLOC_ARENA_MAX=2,
 * WeChat credentials set so no simulator is loaded), and drives it over real keep-alive sockets
 * with signed plain-mode pushes exactly as WeChat sends them (shared/bench/README.md, "What a
 * request looks like").
 *
 * Nothing here imports src/: the service is a black box reached over HTTP, its stdout and its
 * SQLite file (opened by the test, read-only unless a test means to hold a lock).
 *
 * Every workspace is a fresh temp dir holding the database and a COPY of fixture-content/ (the
 * editors' live folder is never read). Every child started here is remembered and killed by
 * `killAllServices()` (call it in afterEach/afterAll), so a failed test leaves no process behind.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createHash, randomInt } from "node:crypto";
import { cpSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import http from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import Database from "better-sqlite3";

export const ROOT = path.join(__dirname, "../..");
const MAIN_TS = path.join(ROOT, "src/main.ts");
const FIXTURE_CONTENT = path.join(__dirname, "fixture-content");

/** Production credentials (so the service runs as in production, not as the sandbox). */
export const TOKEN = "itToken4Integration";
export const APP_ID = "wx0123456789abcdef";
export const APP_SECRET = "integration-secret";
export const ORIGINAL_ID = "gh_1a2b3c4d5e6f";

// ── workspace ────────────────────────────────────────────────────────────────────────────────────

export interface Workspace {
  dir: string;
  dbPath: string;
  contentDir: string;
  remove(): void;
}

const workspaces = new Set<Workspace>();

/** A fresh temp dir: data/app.db (not yet created) and a copy of fixture-content/ as the content folder. */
export function makeWorkspace(): Workspace {
  const dir = mkdtempSync(path.join(tmpdir(), "qclt-it-"));
  const contentDir = path.join(dir, "fixture-content");
  cpSync(FIXTURE_CONTENT, contentDir, { recursive: true });
  const ws: Workspace = {
    dir,
    dbPath: path.join(dir, "data", "app.db"),
    contentDir,
    remove() {
      workspaces.delete(ws);
      rmSync(dir, { recursive: true, force: true });
    },
  };
  workspaces.add(ws);
  return ws;
}

export function removeAllWorkspaces(): void {
  for (const ws of [...workspaces]) ws.remove();
}

// ── the service as a child process ───────────────────────────────────────────────────────────────

export interface StartOptions {
  /** --max-old-space-size in MB (production: 64). */
  heapMb?: number;
  /** Extra environment (overrides the defaults below). */
  env?: Record<string, string>;
  /** How long boot may take, ms. */
  bootTimeoutMs?: number;
}

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** Keys the service reads (config.ts) or that would change how node runs: never inherited. */
const SCRUB = /^(PORT|HOST|DATABASE_PATH|CONTENT_DIR|NODE_OPTIONS|WECHAT_.*|DASHBOARD_.*|SCHEDULE_.*|PUBLISH_.*|LOG_.*|STATS_.*)$/;

const running = new Set<Service>();

export class Service {
  readonly url: string;
  readonly pid: number;
  /** Resolves when the process has exited. */
  readonly exited: Promise<Exit>;
  private exit: Exit | undefined;

  private constructor(
    private readonly child: ChildProcess,
    url: string,
    exited: Promise<Exit>,
    private readonly out: { stdout: string; stderr: string },
  ) {
    this.url = url;
    this.pid = child.pid!;
    this.exited = exited.then((e) => (this.exit = e));
  }

  /**
   * Boots the service on an OS-chosen port (PORT=0) with the workspace's database and content, and
   * resolves once it has printed its URL and GET /healthz answered 200.
   */
  static async start(ws: Workspace, options: StartOptions = {}): Promise<Service> {
    const env: Record<string, string> = {};
    for (const [k, v] of Object.entries(process.env)) if (v !== undefined && !SCRUB.test(k)) env[k] = v;
    Object.assign(
      env,
      {
        PORT: "0",
        HOST: "127.0.0.1",
        DATABASE_PATH: ws.dbPath,
        CONTENT_DIR: ws.contentDir,
        LOG_LEVEL: "warn",
        // The tests stop the service many times; the 503 grace period is for a real proxy.
        SHUTDOWN_GRACE_SECONDS: "0",
        LOG_FORMAT: "json",
        WECHAT_APP_ID: APP_ID,
        WECHAT_APP_SECRET: APP_SECRET,
        WECHAT_TOKEN: TOKEN,
        WECHAT_ORIGINAL_ID: ORIGINAL_ID,
        WECHAT_ENCRYPT_MODE: "plain",
        // Nothing may reach WeChat: any API call goes to a closed local port.
        WECHAT_API_BASE: "http://127.0.0.1:9",
        MALLOC_ARENA_MAX: "2",
      },
      options.env ?? {},
    );
    const tsx = pathToFileURL(require.resolve("tsx", { paths: [ROOT] })).href;
    const args = [
      "--max-semi-space-size=2",
      `--max-old-space-size=${options.heapMb ?? 64}`,
      "--import",
      tsx,
      MAIN_TS,
    ];
    // cwd = the workspace: main.ts loads ./.env from its cwd, and a developer's .env must not leak in.
    const child = spawn(process.execPath, args, { cwd: ws.dir, env, stdio: ["ignore", "pipe", "pipe"] });
    const out = { stdout: "", stderr: "" };
    const keep = (s: string) => (s.length > 200_000 ? s.slice(-100_000) : s);
    const exited = new Promise<Exit>((resolve) => child.once("exit", (code, signal) => resolve({ code, signal })));

    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => {
        child.kill("SIGKILL");
        reject(new Error(`service did not print its URL within ${options.bootTimeoutMs ?? 30_000} ms\n${tail(out)}`));
      }, options.bootTimeoutMs ?? 30_000);
      child.stdout!.setEncoding("utf8");
      child.stderr!.setEncoding("utf8");
      child.stdout!.on("data", (d: string) => {
        out.stdout = keep(out.stdout + d);
        const m = /青春轮台后台已启动：(http:\/\/[^\s]+)\n/.exec(out.stdout);
        if (m) {
          clearTimeout(timer);
          resolve(m[1]!);
        }
      });
      child.stderr!.on("data", (d: string) => (out.stderr = keep(out.stderr + d)));
      void exited.then((e) => {
        clearTimeout(timer);
        reject(new Error(`service exited during boot (code ${e.code}, signal ${e.signal})\n${tail(out)}`));
      });
    });
    const service = new Service(child, url, exited, out);
    running.add(service);
    void service.exited.then(() => running.delete(service));
    await service.waitHealthy(options.bootTimeoutMs ?? 30_000);
    return service;
  }

  get alive(): boolean {
    return this.exit === undefined && this.child.exitCode === null && this.child.signalCode === null;
  }

  get exitInfo(): Exit | undefined {
    return this.exit;
  }

  get stdout(): string {
    return this.out.stdout;
  }

  get stderr(): string {
    return this.out.stderr;
  }

  /** The last lines of stdout and stderr, for failure messages. */
  tail(lines = 15): string {
    return tail(this.out, lines);
  }

  async waitHealthy(timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let last = "";
    while (Date.now() < deadline) {
      if (!this.alive) throw new Error(`service exited while waiting for /healthz\n${this.tail()}`);
      const r = await request(this.url, "GET", "/healthz", undefined, { agent: false, timeoutMs: 2_000 });
      if (r.status === 200) return;
      last = r.error ?? `${r.status} ${r.body}`;
      await sleep(100);
    }
    throw new Error(`/healthz not 200 within ${timeoutMs} ms (last: ${last})\n${this.tail()}`);
  }

  /** Waits for the process to exit by itself; SIGKILLs it after `timeoutMs`. */
  async waitExit(timeoutMs: number): Promise<Exit & { forced: boolean }> {
    let forced = false;
    const timer = setTimeout(() => {
      forced = true;
      this.child.kill("SIGKILL");
    }, timeoutMs);
    const e = await this.exited;
    clearTimeout(timer);
    return { ...e, forced };
  }

  /** SIGKILL, and wait for the process to be gone. */
  async kill9(): Promise<Exit> {
    if (this.alive) this.child.kill("SIGKILL");
    return this.exited;
  }

  /** SIGTERM (graceful stop) and wait for exit; SIGKILL after `timeoutMs` (then the result says so). */
  async stop(timeoutMs = 30_000): Promise<Exit & { forced: boolean }> {
    if (!this.alive) return { ...(await this.exited), forced: false };
    this.child.kill("SIGTERM");
    let forced = false;
    const timer = setTimeout(() => {
      forced = true;
      this.child.kill("SIGKILL");
    }, timeoutMs);
    const e = await this.exited;
    clearTimeout(timer);
    return { ...e, forced };
  }

  /** Resident set size of the child in KiB (Linux /proc), or undefined once it is gone. */
  rssKb(): number | undefined {
    try {
      const m = /^VmRSS:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${this.pid}/status`, "utf8"));
      return m ? Number(m[1]) : undefined;
    } catch {
      return undefined;
    }
  }
}

function tail(out: { stdout: string; stderr: string }, lines = 15): string {
  const nonEmpty = (s: string) => s.split("\n").filter((l) => l.trim() !== "");
  const err = nonEmpty(out.stderr);
  // A fatal error's message comes first and its native stack after: keep the head and the tail.
  const errText = err.length <= lines ? err : [...err.slice(0, 4), "…", ...err.slice(-(lines - 4))];
  return `--- stdout (tail) ---\n${nonEmpty(out.stdout).slice(-lines).join("\n")}\n--- stderr ---\n${errText.join("\n")}`;
}

/** SIGKILLs every service still running (afterEach/afterAll). */
export async function killAllServices(): Promise<void> {
  await Promise.all([...running].map((s) => s.kill9()));
}

// ── pushes ───────────────────────────────────────────────────────────────────────────────────────

export function signature(token: string, timestamp: string, nonce: string): string {
  return createHash("sha1").update([token, timestamp, nonce].sort().join("")).digest("hex");
}

/** Unique MsgIds (19 digits, above 2^53 like real ones) and openids (28 chars) for one test run. */
export class Ids {
  private readonly tag = String(randomInt(100_000, 999_999));
  private msg = 0;
  private open = 0;
  /** A new MsgId, never used before in this run. */
  msgId(): string {
    return `7${this.tag}${String(++this.msg).padStart(12, "0")}`;
  }
  /** A new openid; `n` gives the n-th openid of this run (the same follower again). */
  openId(n?: number): string {
    const i = n ?? ++this.open;
    return `oIT${this.tag}${i.toString(36).padStart(19, "0")}`;
  }
}

export interface Push {
  openId: string;
  msgId: string;
  /** What goes into <CreateTime>; defaults to the current Unix time. */
  createTime?: string;
  content?: string;
}

/** The query (path) and plain XML body WeChat sends for a follower's text message. */
/** Nonces are unique within this process (a random start, then counting), so no push looks like a replay. */
let nonceCounter = randomInt(100_000_000, 1_000_000_000);

export function signedPush(p: Push, path = "/wechat"): { path: string; body: string } {
  const timestamp = String(Math.floor(Date.now() / 1000));
  const nonce = String(++nonceCounter);
  const sig = signature(TOKEN, timestamp, nonce);
  const body =
    `<xml><ToUserName><![CDATA[${ORIGINAL_ID}]]></ToUserName>` +
    `<FromUserName><![CDATA[${p.openId}]]></FromUserName>` +
    `<CreateTime>${p.createTime ?? timestamp}</CreateTime>` +
    `<MsgType><![CDATA[text]]></MsgType>` +
    `<Content><![CDATA[${p.content ?? "诚聘"}]]></Content>` +
    `<MsgId>${p.msgId}</MsgId></xml>`;
  return {
    path: `${path}?signature=${sig}&timestamp=${timestamp}&nonce=${nonce}&openid=${encodeURIComponent(p.openId)}`,
    body,
  };
}

/** A mix of what youths send: column keywords, menu digits, free text (the default reply). */
const TEXTS = ["诚聘", "1", "你好，请问县里的招聘会什么时候举办？", "关注", "励志", "谢谢"];
export function someText(i: number): string {
  return TEXTS[i % TEXTS.length]!;
}

export interface Response {
  /** 0 when no complete response arrived (connection error, timeout). */
  status: number;
  body: string;
  /** Time from sending to the response's last byte, ms. */
  ms: number;
  /** When the request was sent (Date.now()). */
  sentAt: number;
  error?: string;
}

export interface RequestOptions {
  agent?: http.Agent | false;
  timeoutMs?: number;
}

/** One HTTP request; never rejects (errors come back as status 0 with `error`). */
export function request(
  base: string,
  method: "GET" | "POST",
  pathAndQuery: string,
  body: string | undefined,
  options: RequestOptions = {},
): Promise<Response> {
  const sentAt = Date.now();
  const t0 = performance.now();
  return new Promise<Response>((resolve) => {
    let settled = false;
    const done = (r: Omit<Response, "ms" | "sentAt">) => {
      if (settled) return;
      settled = true;
      resolve({ ...r, ms: performance.now() - t0, sentAt });
    };
    const headers: http.OutgoingHttpHeaders =
      body === undefined
        ? {}
        : {
            "Content-Type": "text/xml",
            "Content-Length": Buffer.byteLength(body),
            "User-Agent": "Mozilla/4.0",
            Accept: "*/*",
            Pragma: "no-cache",
          };
    const req = http.request(base + pathAndQuery, { method, agent: options.agent ?? false, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => {
        if (res.complete) done({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") });
        else done({ status: 0, body: "", error: "incomplete response" });
      });
      res.on("error", (err) => done({ status: 0, body: "", error: String(err) }));
      res.on("aborted", () => done({ status: 0, body: "", error: "aborted" }));
    });
    req.setTimeout(options.timeoutMs ?? 15_000, () => {
      done({ status: 0, body: "", error: "timeout" });
      req.destroy();
    });
    req.on("error", (err) => done({ status: 0, body: "", error: (err as NodeJS.ErrnoException).code ?? String(err) }));
    req.end(body);
  });
}

/** WeChat's side of the webhook: keep-alive connections (at most 50, like the bench harness). */
export class PushClient {
  readonly agent: http.Agent;
  constructor(
    private readonly service: Service,
    maxSockets = 50,
  ) {
    this.agent = new http.Agent({ keepAlive: true, maxSockets, maxFreeSockets: maxSockets });
  }

  push(p: Push, timeoutMs = 15_000): Promise<Response> {
    const { path: q, body } = signedPush(p);
    return request(this.service.url, "POST", q, body, { agent: this.agent, timeoutMs });
  }

  close(): void {
    this.agent.destroy();
  }
}

/** GET /healthz on a connection of its own (not queued behind pushes). */
export function healthz(service: Service, timeoutMs = 10_000): Promise<Response> {
  return request(service.url, "GET", "/healthz", undefined, { agent: false, timeoutMs });
}

// ── the database, from the outside ───────────────────────────────────────────────────────────────

/** Opens the service's SQLite file read-only (call after the service stopped, or alongside it: WAL). */
export function openReadonly(dbPath: string): Database.Database {
  return new Database(dbPath, { readonly: true, fileMustExist: true });
}

/**
 * How many inbound_messages rows each MsgId has (0 for missing ones). One scan of the table (msg_id
 * has no index): a row counts for a MsgId when its msg_id is that MsgId or its dedup_key is 'm:'+MsgId.
 */
export function rowsPerMsgId(dbPath: string, msgIds: Iterable<string>): Map<string, number> {
  const counts = new Map<string, number>();
  for (const id of msgIds) counts.set(id, 0);
  const db = openReadonly(dbPath);
  try {
    const rows = db.prepare("SELECT msg_id, dedup_key FROM inbound_messages").raw().iterate() as IterableIterator<
      [string | null, string]
    >;
    for (const [msgId, dedupKey] of rows) {
      const id = msgId ?? (dedupKey.startsWith("m:") ? dedupKey.slice(2) : undefined);
      const alt = dedupKey.startsWith("m:") ? dedupKey.slice(2) : undefined;
      const key = id !== undefined && counts.has(id) ? id : alt !== undefined && counts.has(alt) ? alt : undefined;
      if (key !== undefined) counts.set(key, counts.get(key)! + 1);
    }
    return counts;
  } finally {
    db.close();
  }
}

/** The MsgIds of `answered` that have no row in inbound_messages. */
export function missingMsgIds(dbPath: string, answered: Iterable<string>): string[] {
  return [...rowsPerMsgId(dbPath, answered)].filter(([, n]) => n === 0).map(([id]) => id);
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/** Percentile of latencies (ms). */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return 0;
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
}

/**
 * Sends pushes over the client's connections, `concurrency` at a time, until `next()` returns
 * undefined or `stop()` says so; `onResponse` sees each push with its response.
 */
export async function flood(
  client: PushClient,
  options: {
    concurrency?: number;
    next: () => Push | undefined;
    stop?: () => boolean;
    onResponse: (push: Push, r: Response) => void;
    timeoutMs?: number;
  },
): Promise<void> {
  const loop = async () => {
    for (;;) {
      if (options.stop?.()) return;
      const p = options.next();
      if (!p) return;
      const r = await client.push(p, options.timeoutMs ?? 15_000);
      options.onResponse(p, r);
    }
  };
  await Promise.all(Array.from({ length: options.concurrency ?? 50 }, loop));
}
