import { createServer, request, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { drainServer } from "../../src/http/drain-server";
import { limitServer } from "../../src/http/limit-server";

/** A GET on a fresh connection: status, Connection header and body, or the socket error's code. */
function get(port: number, path: string): Promise<{ status: number; connection: string | undefined; body: string } | { error: string }> {
  return new Promise((resolve) => {
    const req = request({ host: "127.0.0.1", port, path, agent: false }, (res) => {
      let body = "";
      res.on("data", (d) => (body += String(d)));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, connection: res.headers.connection, body }));
    });
    req.on("error", (err: NodeJS.ErrnoException) => resolve({ error: err.code ?? err.message }));
    req.end();
  });
}

describe("drainServer (SIGTERM)", () => {
  let server: Server;
  let port: number;
  const lifecycle = { stopping: false };
  let releaseSlow: () => void;

  beforeEach(async () => {
    lifecycle.stopping = false;
    const slowDone = new Promise<void>((r) => (releaseSlow = r));
    // Like health-routes.ts: 503 once stopping. /slow answers when the test lets it.
    server = createServer((req, res) => {
      if (req.url === "/healthz") {
        res.statusCode = lifecycle.stopping ? 503 : 200;
        res.end(lifecycle.stopping ? "stopping" : "ok");
      } else {
        void slowDone.then(() => res.end("slow done"));
      }
    }).listen(0, "127.0.0.1");
    await new Promise((r) => server.once("listening", r));
    port = (server.address() as AddressInfo).port;
  });
  afterEach(() => {
    server.closeAllConnections();
    server.close();
  });

  it("keeps accepting during the grace period with 503 on /healthz and Connection: close, finishes in-flight requests, then closes", async () => {
    const inFlight = get(port, "/slow");
    await new Promise((r) => setTimeout(r, 50));
    const drained = drainServer(server, lifecycle, { graceMs: 300, timeoutMs: 5000 });
    expect(lifecycle.stopping).toBe(true);

    // A load balancer's health check during the grace period: answered, not refused.
    expect(await get(port, "/healthz")).toEqual({ status: 503, connection: "close", body: "stopping" });
    await new Promise((r) => setTimeout(r, 400));
    // Grace over: no new connections, but the request in flight still gets its answer.
    expect(await get(port, "/healthz")).toEqual({ error: "ECONNREFUSED" });
    let done = false;
    void drained.then(() => (done = true));
    await new Promise((r) => setTimeout(r, 50));
    expect(done).toBe(false);
    releaseSlow();
    expect(await inFlight).toMatchObject({ status: 200, body: "slow done" });
    await drained;
    expect(server.listening).toBe(false);
  });

  it("cuts connections still open when the drain times out", async () => {
    const inFlight = get(port, "/slow");
    await new Promise((r) => setTimeout(r, 50));
    const started = Date.now();
    await drainServer(server, lifecycle, { graceMs: 50, timeoutMs: 300 });
    expect(Date.now() - started).toBeLessThan(2000);
    expect(await inFlight).toEqual({ error: "ECONNRESET" });
    releaseSlow();
  });
});

describe("limitServer", () => {
  it("bounds connections and how long a client may take over its headers and request", () => {
    const server = createServer();
    limitServer(server);
    expect(server.maxConnections).toBe(1024);
    expect(server.headersTimeout).toBe(10_000);
    expect(server.requestTimeout).toBe(15_000);
    expect(server.keepAliveTimeout).toBe(65_000);
  });
});
