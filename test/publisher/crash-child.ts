/**
 * A publisher process for the crash tests (run with tsx). It publishes what is due, as the
 * scheduler's job does, against the sandbox at API_BASE with the ledger in DB_PATH, on a clock
 * fixed at NOW. With CRASH_AFTER=<step> it kills itself (SIGKILL: no cleanup, no flush) right after
 * that step; without it, it prints the run's report as JSON and exits.
 */
import { loadContent } from "../../src/bot/load-content";
import { openDatabase } from "../../src/db/open-database";
import { createPublicationStore } from "../../src/db/stores/publication-store";
import { createUploadedImageStore } from "../../src/db/stores/uploaded-image-store";
import { createLogger } from "../../src/logger";
import { newLeaseOwner } from "../../src/publisher/lease-owner";
import type { Publisher, PublishStep } from "../../src/publisher/publisher";
import { runPublisher } from "../../src/publisher/run-publisher";
import { createImageUploader } from "../../src/publisher/upload-images";
import { fixedClock } from "../../src/time";
import { createApiClient } from "../../src/wechat/api-client";

const env = (name: string): string => {
  const v = process.env[name];
  if (!v) throw new Error(`crash-child: ${name} is not set`);
  return v;
};

async function main(): Promise<void> {
  const db = openDatabase(env("DB_PATH"));
  const clock = fixedClock(env("NOW"));
  const log = createLogger({ level: "warn", destination: process.stderr });
  const wechat = createApiClient({ baseUrl: env("API_BASE"), appId: env("APP_ID"), appSecret: env("APP_SECRET"), db, clock, log, sleep: async () => undefined });
  const contentDir = env("CONTENT_DIR");
  const content = loadContent(contentDir).content!;
  const crashAfter = process.env.CRASH_AFTER as PublishStep | undefined;
  const store = createPublicationStore(db);
  const p: Publisher = {
    accountId: "default",
    contentDir,
    timezone: "Asia/Shanghai",
    catchUpMs: 2 * 3600_000,
    quotaFallback: "wait",
    accountType: "subscription",
    verified: true,
    wechat,
    store,
    uploads: createImageUploader({ accountId: "default", wechat, store: createUploadedImageStore(db), clock, log }),
    clock,
    log,
    columns: () => content.columnsById,
    owner: newLeaseOwner(),
    leaseMs: 5 * 60_000,
    settleMs: 10 * 60_000,
    hooks: {
      afterStep(step) {
        if (step === crashAfter) process.kill(process.pid, "SIGKILL");
      },
    },
    onPublished: () => undefined,
  };
  const report = await runPublisher(p);
  process.stdout.write(JSON.stringify(report.entries) + "\n");
  db.close();
}

main().catch((err: unknown) => {
  process.stderr.write(`crash-child failed: ${(err as Error).stack ?? String(err)}\n`);
  process.exit(2);
});
