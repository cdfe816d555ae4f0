/**
 * One "process" of the stampede test (token-stampede.test.ts): the web process, the scheduler or a
 * CLI run. Opens the shared file database, says "ready", waits for "go" on stdin so that every
 * process starts at the same moment, makes one API call and prints what token it used (hashed).
 */
import { createHash } from "node:crypto";
import { createInterface } from "node:readline";
import { createLogger } from "../../src/logger";
import { systemClock } from "../../src/time";
import { openDatabase } from "../../src/db/open-database";
import { createApiClient } from "../../src/wechat/api-client";

async function main(): Promise<void> {
  const env = process.env;
  const db = openDatabase(env.STAMPEDE_DB!);
  const logLines: string[] = [];
  const client = createApiClient({
    baseUrl: env.STAMPEDE_BASE!,
    appId: env.STAMPEDE_APP_ID!,
    appSecret: env.STAMPEDE_APP_SECRET!,
    db,
    clock: systemClock,
    log: createLogger({ level: "debug", destination: { write: (line: string) => void logLines.push(line) } }),
    tokenPollMs: 20,
  });
  const lines = createInterface({ input: process.stdin });
  process.stdout.write("ready\n");
  for await (const line of lines) if (line.trim() === "go") break;
  lines.close();
  const page = await client.user.get();
  const token = await client.getAccessToken();
  const tokenHash = createHash("sha256").update(token).digest("hex").slice(0, 16);
  // access-token.ts logs this once when it found another process holding the refresh lease.
  const waited = logLines.some((l) => l.includes("another process is refreshing"));
  const refreshed = logLines.some((l) => l.includes("access token refreshed"));
  process.stdout.write(JSON.stringify({ pid: process.pid, total: page.total, tokenHash, waited, refreshed }) + "\n");
  db.close();
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
