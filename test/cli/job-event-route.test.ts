import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { closeDeps } from "../../src/build-deps";
import type { Deps } from "../../src/deps";
import { createApp } from "../../src/http/create-app";
import { publishCommand } from "../../src/cli/publish-command";
import { findRunningService, forgetRunningService, recordRunningService, systemProbe, type ServiceProbe } from "../../src/cli/running-service";
import { jobFair, makeContentDir, type ContentDir } from "../posts/content-dir";
import { listen } from "../helpers/build-test-deps";
import { capture, sandboxDeps } from "./cli-harness";

const SLUG = "2026-12-01-job-fair";

/** Another program on the port the CLI used to guess: it answers every request 401 (issue 15). */
async function stranger(): Promise<{ port: number; hits: string[]; server: Server }> {
  const hits: string[] = [];
  const server = createServer((req, res) => {
    hits.push(`${req.method} ${req.url}`);
    res.writeHead(401).end("unauthorized");
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return { port: (server.address() as AddressInfo).port, hits, server };
}

let c: ContentDir;
let dir: string;
const opened: Deps[] = [];
const closers: (() => Promise<void> | void)[] = [];
beforeEach(() => {
  c = makeContentDir();
  c.writePost(`${SLUG}.md`, jobFair({ publish_at: "2026-12-01 09:30", mode: "mass" }));
  dir = mkdtempSync(path.join(tmpdir(), "cli-events-"));
});
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
  for (const d of opened.splice(0)) closeDeps(d);
  c.remove();
  rmSync(dir, { recursive: true, force: true });
});

function deps(env: Record<string, string> = {}): Deps {
  const d = sandboxDeps(c.dir, { DATABASE_PATH: path.join(dir, "app.db"), ...env });
  opened.push(d);
  return d;
}

describe("job-finish events of CLI commands need no PORT (issue 15)", () => {
  it("with no service running, the result is recorded by the command itself: 送达人数 is never lost", async () => {
    const other = await stranger();
    closers.push(() => new Promise<void>((r) => other.server.close(() => r())));
    // PORT points at another program, as in the report; it must not matter.
    const cli = deps({ PORT: String(other.port) });
    const o = capture();
    expect(await publishCommand(cli, ["--post", SLUG], o.out)).toBe(0);
    const row = cli.stores.publications.find("default", SLUG)!;
    expect(row.state).toBe("published");
    expect(row.sentCount).toBeGreaterThan(1000);
    expect(o.text).toContain("群发结果通知（MASSSENDJOBFINISH）：服务未在运行，本命令已直接记录结果（与服务接收时同一段代码）\n");
    expect(o.text).toContain(`送达 ${row.sentCount!.toLocaleString("en-US")} 人`);
    expect(other.hits).toEqual([]);
    // The event was recorded as the webhook records one: in the message log, once.
    const logged = cli.db.prepare("SELECT COUNT(*) AS n FROM inbound_messages").get() as { n: number };
    expect(logged.n).toBe(1);
  }, 15_000);

  it("with the service running, the event goes to the address it recorded at listen, whatever PORT the CLI has", async () => {
    const service = deps();
    const served = await listen(createApp(service));
    closers.push(served.close);
    recordRunningService(service.stores.settings, { origin: served.url, pid: 4242 }, new Date());
    const cli = deps({ PORT: "3000" });
    const probe: ServiceProbe = { selfPid: process.pid, isAlive: (pid) => pid === 4242, healthy: systemProbe.healthy };
    const o = capture();
    expect(await publishCommand(cli, ["--post", SLUG], o.out, { probe })).toBe(0);
    expect(o.text).toContain(`群发结果通知（MASSSENDJOBFINISH）：已送到运行中的服务 ${served.url}/wechat，服务已记录结果\n`);
    const row = service.stores.publications.find("default", SLUG)!;
    expect(row.sentCount).toBeGreaterThan(1000);
    const pushes = cli.sandbox!.inspect().pushes;
    expect(pushes).toEqual([expect.objectContaining({ event: "MASSSENDJOBFINISH", httpStatus: 200, url: expect.stringMatching(new RegExp(`^${served.url}/wechat\\?via=cli-`)) })]);
  }, 15_000);
});

describe("findRunningService", () => {
  const probe = (over: Partial<ServiceProbe>): ServiceProbe => ({ selfPid: 1, isAlive: () => true, healthy: async () => true, ...over });

  it("trusts a record only while its process lives and its /healthz answers ok", async () => {
    const d = deps();
    const settings = d.stores.settings;
    await expect(findRunningService(settings, probe({}))).resolves.toBeUndefined();
    recordRunningService(settings, { origin: "http://127.0.0.1:3123", pid: 777 }, new Date());
    await expect(findRunningService(settings, probe({}))).resolves.toBe("http://127.0.0.1:3123");
    // Left behind by a crash: the process is gone.
    await expect(findRunningService(settings, probe({ isAlive: () => false }))).resolves.toBeUndefined();
    // Something else answers on that port now.
    const asked: string[] = [];
    await expect(findRunningService(settings, probe({ healthy: async (url) => (asked.push(url), false) }))).resolves.toBeUndefined();
    expect(asked).toEqual(["http://127.0.0.1:3123/healthz"]);
    // The service itself (a dashboard action) needs no probe.
    await expect(findRunningService(settings, probe({ selfPid: 777, isAlive: () => false }))).resolves.toBe("http://127.0.0.1:3123");
    forgetRunningService(settings, 778);
    await expect(findRunningService(settings, probe({}))).resolves.toBe("http://127.0.0.1:3123");
    forgetRunningService(settings, 777);
    await expect(findRunningService(settings, probe({}))).resolves.toBeUndefined();
  });

  it("the real probe refuses a stranger answering 401, and a port where nobody listens", async () => {
    const other = await stranger();
    closers.push(() => new Promise<void>((r) => other.server.close(() => r())));
    await expect(systemProbe.healthy(`http://127.0.0.1:${other.port}/healthz`)).resolves.toBe(false);
    await expect(systemProbe.healthy("http://127.0.0.1:9/healthz")).resolves.toBe(false);
    expect(systemProbe.isAlive(process.pid)).toBe(true);
  });
});
