import type { SettingsStore } from "../db/stores/settings-store";

/**
 * Where the running service receives WeChat's pushes, written by main.ts once it listens. CLI
 * commands used to guess http://127.0.0.1:$PORT, and without PORT a job-finish event went to port
 * 3000, where another process answered 401: the post showed 送达人数 "—" (issue 15).
 */
const KEY = "service.webhook";

/** How long a CLI command waits for the service's /healthz before treating it as not running. */
const PROBE_MS = 800;

export interface ServiceRecord {
  /** e.g. http://127.0.0.1:3000 */
  origin: string;
  pid: number;
}

/** main.ts, once the server listens. */
export function recordRunningService(settings: SettingsStore, service: ServiceRecord, now: Date): void {
  settings.set(KEY, JSON.stringify(service), now);
}

/** main.ts, when it stops: the record is removed only if it is still this process's. */
export function forgetRunningService(settings: SettingsStore, pid: number): void {
  if (readRecord(settings)?.pid === pid) settings.delete(KEY);
}

function readRecord(settings: SettingsStore): ServiceRecord | undefined {
  const raw = settings.get(KEY);
  if (raw === undefined) return undefined;
  try {
    const parsed = JSON.parse(raw) as Partial<ServiceRecord>;
    return typeof parsed.origin === "string" && typeof parsed.pid === "number" ? { origin: parsed.origin, pid: parsed.pid } : undefined;
  } catch {
    return undefined;
  }
}

export interface ServiceProbe {
  /** This process's pid: the service itself (a dashboard action) needs no probe. */
  selfPid: number;
  isAlive(pid: number): boolean;
  /** GET url; true when it answers 200 with {"status":"ok"} within the probe time. */
  healthy(url: string): Promise<boolean>;
}

export const systemProbe: ServiceProbe = {
  selfPid: process.pid,
  isAlive(pid) {
    try {
      process.kill(pid, 0);
      return true;
    } catch (err) {
      // EPERM: it exists but belongs to another user (the service runs as its own user).
      return (err as NodeJS.ErrnoException).code === "EPERM";
    }
  },
  async healthy(url) {
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(PROBE_MS) });
      const body = (await res.json()) as { status?: unknown };
      return res.status === 200 && body.status === "ok";
    } catch {
      return false;
    }
  },
};

/**
 * The origin of the service running on this database, or undefined: no record, a record left by a
 * crash (its process is gone), or a process on that port that is not our healthy service.
 */
export async function findRunningService(settings: SettingsStore, probe: ServiceProbe = systemProbe): Promise<string | undefined> {
  const record = readRecord(settings);
  if (!record) return undefined;
  if (record.pid === probe.selfPid) return record.origin;
  if (!probe.isAlive(record.pid)) return undefined;
  return (await probe.healthy(`${record.origin}/healthz`)) ? record.origin : undefined;
}
