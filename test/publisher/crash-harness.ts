import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { openDatabase } from "../../src/db/open-database";
import { createPublicationStore, type Publication } from "../../src/db/stores/publication-store";
import type { PublishStep } from "../../src/publisher/publisher";
import { APP_ID, APP_SECRET, startHarness, type Harness } from "../sandbox/harness";
import { makeContentDir, type ContentDir } from "../posts/content-dir";

const ROOT = path.join(__dirname, "../..");
const CHILD = path.join(__dirname, "crash-child.ts");

export interface ChildResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Log lines at error level or above, and anything that is not a log line (a crash of the child itself). */
export function errorsIn(stderr: string): string[] {
  return stderr
    .split("\n")
    .filter((l) => l.trim() !== "")
    .filter((l) => {
      try {
        return (JSON.parse(l) as { level?: number }).level! >= 50;
      } catch {
        return true;
      }
    });
}

/**
 * The sandbox (in this process, on loopback, its clock fixed) plus a scratch content/ and a ledger
 * file for publisher child processes.
 */
export interface CrashRig {
  h: Harness;
  c: ContentDir;
  dbPath: string;
  /** Runs one publisher process at the sandbox's current time; killed right after `crashAfter`. */
  child(crashAfter?: PublishStep): Promise<ChildResult>;
  row(slug: string): Publication;
  steps(slug: string): string[];
  details(slug: string): (string | null)[];
  close(): Promise<void>;
}

export async function startCrashRig(): Promise<CrashRig> {
  const h = await startHarness({ jobDelayMs: 5 });
  const c = makeContentDir();
  const tmp = mkdtempSync(path.join(tmpdir(), "crash-"));
  const dbPath = path.join(tmp, "app.db");
  const readLedger = <T>(fn: (store: ReturnType<typeof createPublicationStore>) => T): T => {
    const db = openDatabase(dbPath);
    try {
      return fn(createPublicationStore(db));
    } finally {
      db.close();
    }
  };
  return {
    h,
    c,
    dbPath,
    child(crashAfter) {
      const env: NodeJS.ProcessEnv = {
        ...process.env,
        DB_PATH: dbPath,
        NOW: h.clock.now().toISOString(),
        API_BASE: h.baseUrl,
        APP_ID,
        APP_SECRET,
        CONTENT_DIR: c.dir,
      };
      if (crashAfter) env.CRASH_AFTER = crashAfter;
      else delete env.CRASH_AFTER;
      return new Promise((resolve, reject) => {
        // node itself (not the tsx wrapper, which would turn the child's SIGKILL into exit code 137).
        const proc = spawn(process.execPath, ["--import", "tsx", CHILD], { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
        let stdout = "";
        let stderr = "";
        proc.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
        proc.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
        proc.on("error", reject);
        proc.on("close", (code, signal) => resolve({ code, signal, stdout, stderr }));
      });
    },
    row: (slug) => readLedger((s) => s.find("default", slug)!),
    steps: (slug) => readLedger((s) => s.events("default", slug).map((e) => e.step)),
    details: (slug) => readLedger((s) => s.events("default", slug).map((e) => e.detail)),
    async close() {
      await h.close();
      c.remove();
      rmSync(tmp, { recursive: true, force: true });
    },
  };
}
