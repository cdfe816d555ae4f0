import { Worker } from "node:worker_threads";
import type { Db } from "./open-database";

/**
 * WAL checkpoints for the service, on a thread of their own.
 *
 * Why: in WAL mode with synchronous=NORMAL a commit never waits for the disk, but a checkpoint
 * (copying the WAL back into the database file) ends with an fsync. SQLite runs one automatically
 * inside whichever COMMIT crosses 1,000 WAL pages, and better-sqlite3 is synchronous, so that fsync
 * froze the event loop: under the benchmark's load, webhook throughput went from 9,400 to 5,700 a
 * second with automatic checkpoints on the main thread (README, Benchmarks). Here the service's
 * connection has wal_autocheckpoint off and this thread, with its own connection, runs a PASSIVE
 * checkpoint (never waits for or blocks readers and writers) every `everyMs`. Durability is the
 * same: NORMAL syncs the WAL at each checkpoint, wherever it runs.
 *
 * Plain JavaScript evaluated in the worker, so it runs the same from built code and under ts-jest.
 */
const CODE = `
const { parentPort, workerData } = require("node:worker_threads");
const Database = require(workerData.driver);
const db = new Database(workerData.path);
db.pragma("busy_timeout = 0");
// A checkpoint copies WAL frames to the database file; it needs no page cache of its own.
db.pragma("cache_size = -256");
const checkpoint = () => { try { db.pragma("wal_checkpoint(PASSIVE)"); } catch {} };
const timer = setInterval(checkpoint, workerData.everyMs);
parentPort.on("message", () => { clearInterval(timer); checkpoint(); db.close(); parentPort.close(); });
`;

export interface Checkpointer {
  /** Runs a last checkpoint and ends the thread. */
  stop(): Promise<void>;
}

/**
 * Turns the connection's automatic checkpoints off and runs them on a worker thread instead. If
 * the thread ever dies, automatic checkpoints come back on (the WAL must not grow without bound).
 */
export function startCheckpointer(db: Db, path: string, onFailure: (err: unknown) => void, everyMs = 1000): Checkpointer {
  db.pragma("wal_autocheckpoint = 0");
  const worker = new Worker(CODE, {
    eval: true,
    workerData: { driver: require.resolve("better-sqlite3"), path, everyMs },
    // The thread only runs a pragma a second: a small heap keeps the service's memory where it was.
    resourceLimits: { maxOldGenerationSizeMb: 8, maxYoungGenerationSizeMb: 1, stackSizeMb: 1 },
  });
  worker.unref();
  let stopping = false;
  const fallBack = (err: unknown) => {
    if (stopping || !db.open) return;
    db.pragma("wal_autocheckpoint = 1000");
    onFailure(err);
  };
  worker.on("error", fallBack);
  worker.on("exit", (code) => fallBack(new Error(`checkpoint thread exited with code ${code}`)));
  return {
    stop: () =>
      new Promise<void>((resolve) => {
        stopping = true;
        worker.once("exit", () => resolve());
        // Unref'd while running (it must not keep a finished CLI alive); while stopping it must:
        // the last checkpoint and its connection's close (which removes the WAL) come first.
        worker.ref();
        worker.postMessage("stop");
      }),
  };
}
