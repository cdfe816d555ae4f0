import { createLogger, type Logger } from "../../src/logger";
import { fixedClock } from "../../src/time";
import { openDatabase, type Db } from "../../src/db/open-database";
import { createApiClient, type ApiClient } from "../../src/wechat/api-client";
import { createSandboxApp, type SandboxApp } from "../../src/sandbox/create-sandbox-app";
import type { SandboxDeps } from "../../src/sandbox/sandbox-context";

export const APP_ID = "wx1234567890abcdef";
export const APP_SECRET = "s3cr3t-app-secret-0123456789abcdef";
/** 10:00 in Beijing on 2026-12-01 (after 08:00, so yesterday's datacube figures are ready). */
export const START = "2026-12-01T02:00:00.000Z";

/** Every log line written, as text, for assertions (createLogger({ destination })). */
export function captureLog(level = "trace"): { log: Logger; lines: string[] } {
  const lines: string[] = [];
  return { log: createLogger({ level, destination: { write: (s: string) => void lines.push(s) } }), lines };
}

export interface Harness {
  db: Db;
  clock: ReturnType<typeof fixedClock>;
  log: Logger;
  lines: string[];
  sandbox: SandboxApp;
  baseUrl: string;
  client: ApiClient;
  /** Delays the client asked to sleep (backoff, polling); nothing really waits. */
  sleeps: number[];
  close(): Promise<void>;
}

/** A sandbox on 127.0.0.1:0 with its own :memory: database and a client pointed at it. */
export async function startHarness(options: Partial<SandboxDeps> & { dbPath?: string } = {}): Promise<Harness> {
  const { dbPath, ...overrides } = options;
  const db = openDatabase(dbPath ?? ":memory:");
  const clock = fixedClock(START);
  const { log, lines } = captureLog();
  const sandbox = createSandboxApp({ db, clock, log, appId: APP_ID, appSecret: APP_SECRET, jobDelayMs: 5, ...overrides });
  const server = await sandbox.listen(0);
  const sleeps: number[] = [];
  const client = createApiClient({
    baseUrl: server.baseUrl,
    appId: APP_ID,
    appSecret: APP_SECRET,
    db,
    clock,
    log,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
  });
  return {
    db,
    clock,
    log,
    lines,
    sandbox,
    baseUrl: server.baseUrl,
    client,
    sleeps,
    async close() {
      await sandbox.idle();
      sandbox.close();
      await server.close();
      db.close();
    },
  };
}

/** A tiny JPEG / PNG: just the magic bytes and padding (the sandbox checks signatures and sizes). */
export function fakeJpeg(size = 2048): Buffer {
  const b = Buffer.alloc(size, 0x11);
  b[0] = 0xff;
  b[1] = 0xd8;
  b[2] = 0xff;
  return b;
}
export function fakePng(size = 2048): Buffer {
  const b = Buffer.alloc(size, 0x22);
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(b);
  return b;
}

/** A draft in the sandbox's box, with a permanent thumb; returns its media_id. */
export async function makeDraft(client: ApiClient, title = "轮台县2026年秋季青年就业招聘会", count = 1): Promise<string> {
  const thumb = await client.material.add("thumb", { data: fakeJpeg(), filename: "cover.jpg" });
  const articles = Array.from({ length: count }, (_, i) => ({
    title: i === 0 ? title : `${title}（${i + 1}）`,
    author: "团县委",
    digest: "本周五在县人才市场举办",
    content: "<p>招聘会现场提供岗位 300 余个。</p>",
    thumbMediaId: thumb.mediaId,
  }));
  return (await client.draft.add(articles)).mediaId;
}
