import type { AddressInfo } from "node:net";
import { Writable } from "node:stream";
import { join } from "node:path";
import type Koa from "koa";
import { loadConfig } from "../../src/config";
import { buildDeps, type BuildOptions } from "../../src/build-deps";
import { createLogger } from "../../src/logger";
import { fixedClock } from "../../src/time";

/** Credentials of the test account (the pamtest key is Tencent's sample key from the vectors). */
export const TEST_ACCOUNT = {
  appId: "wxb11529c136998cb6",
  token: "pamtest",
  encodingAesKey: "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG",
  originalId: "gh_4d00ed8d6399",
};

/** A frozen copy of content/ for the tests: editors change the live folder every day (npm run check validates it). */
export const FIXTURE_CONTENT = join(__dirname, "../fixtures/content");

/** Captures every log line as parsed JSON, for assertions (and for proving secrets never appear). */
export function captureLog(level = "debug") {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _enc, cb) {
      lines.push(...String(chunk).split("\n").filter(Boolean));
      cb();
    },
  });
  return { log: createLogger({ level, destination }), lines };
}

export function testConfig(env: Record<string, string> = {}) {
  return loadConfig({
    DATABASE_PATH: ":memory:",
    CONTENT_DIR: FIXTURE_CONTENT,
    WECHAT_APP_ID: TEST_ACCOUNT.appId,
    WECHAT_APP_SECRET: "test-app-secret-value",
    WECHAT_TOKEN: TEST_ACCOUNT.token,
    WECHAT_ENCODING_AES_KEY: TEST_ACCOUNT.encodingAesKey,
    WECHAT_ORIGINAL_ID: TEST_ACCOUNT.originalId,
    WECHAT_API_BASE: "http://127.0.0.1:9/unused",
    LOG_LEVEL: "silent",
    ...env,
  });
}

/** Deps on a fixed clock (2026-11-23 10:00 Beijing time) and an in-memory db unless told otherwise. */
export function buildTestDeps(env: Record<string, string> = {}, options: BuildOptions & { logLevel?: string } = {}) {
  const clock = options.clock ?? fixedClock("2026-11-23T02:00:00Z");
  const captured = captureLog(options.logLevel ?? "debug");
  const deps = buildDeps(testConfig(env), captured.log, { ...options, clock });
  return { deps, clock, logLines: captured.lines };
}

/** Serves a Koa app on an ephemeral loopback port. */
export async function listen(app: Koa): Promise<{ url: string; close(): Promise<void> }> {
  const server = app.listen(0, "127.0.0.1");
  await new Promise<void>((r) => server.once("listening", () => r()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
