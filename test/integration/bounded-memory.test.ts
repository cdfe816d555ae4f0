/**
 * Guarantee: memory is bounded by the work in flight, not by how many followers ever wrote.
 * 100,000 pushes, each from a new follower with a new MsgId, against the service started with a
 * heap cap LOWER than production's (48 MB instead of 64 MB: per-follower state then fails sooner and
 * on a smaller run). The service must survive, answer every push 200, and its RSS at the end must be
 * at most 1.3× its RSS after the first 10,000 pushes.
 *
 * Time: ~2,000–4,500 pushes/s on the 2-core machine with the service and this client sharing it,
 * so 100,000 take ~25–50 s. If the machine is slower than that, the run stops at a time budget and
 * still requires at least MIN_PUSHES (beyond the ~65,700 followers at which the production heap
 * was reported to run out).
 */
import {
  flood,
  Ids,
  killAllServices,
  makeWorkspace,
  PushClient,
  removeAllWorkspaces,
  Service,
  someText,
} from "./service";

afterEach(async () => {
  await killAllServices();
  removeAllWorkspaces();
});

/** IT_MEMORY_PUSHES / IT_MEMORY_HEAP_MB override the size of the run and the heap cap (local experiments). */
const PUSHES = Number(process.env.IT_MEMORY_PUSHES ?? 100_000);
const MIN_PUSHES = Math.min(70_000, PUSHES);
const BASELINE_AT = Math.min(10_000, Math.floor(PUSHES / 10));
const HEAP_MB = Number(process.env.IT_MEMORY_HEAP_MB ?? 48);
const BUDGET_MS = 80_000;
const RSS_RATIO = 1.3;

test(
  `${PUSHES} pushes from ${PUSHES} distinct followers with a ${HEAP_MB} MB heap: alive, all answered 200, RSS ≤ ${RSS_RATIO}× the RSS after ${BASELINE_AT}`,
  async () => {
    const ws = makeWorkspace();
    const ids = new Ids();
    const service = await Service.start(ws, { heapMb: HEAP_MB });
    const client = new PushClient(service);
    const started = Date.now();
    let sent = 0;
    let answered = 0;
    const failures: string[] = [];
    let failed = 0;
    let rssBaseline: number | undefined;
    let rssPeak = 0;
    const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, service.rssKb() ?? 0)), 250);

    try {
      await flood(client, {
        next: () => {
          if (sent >= PUSHES) return undefined;
          return { openId: ids.openId(), msgId: ids.msgId(), content: someText(sent++) };
        },
        stop: () => !service.alive || Date.now() - started > BUDGET_MS,
        onResponse: (p, r) => {
          if (r.status === 200) {
            if (++answered === BASELINE_AT) rssBaseline = service.rssKb();
          } else {
            failed++;
            if (failures.length < 3) failures.push(`${p.msgId}: ${r.status === 0 ? r.error : `${r.status} ${r.body.slice(0, 100)}`}`);
          }
        },
      });
    } finally {
      clearInterval(sampler);
    }
    const seconds = (Date.now() - started) / 1000;
    const rssEnd = service.rssKb();
    const alive = service.alive;
    client.close();

    const problems: string[] = [];
    const report =
      `${answered} answered 200 of ${sent} sent in ${seconds.toFixed(1)} s (${(answered / seconds).toFixed(0)}/s); ` +
      `RSS after ${BASELINE_AT}: ${kb(rssBaseline)}, at the end: ${kb(rssEnd)}, peak: ${kb(rssPeak)}`;
    if (!alive) {
      const exit = await service.exited;
      problems.push(`the service died (exit ${JSON.stringify(exit)}) after ${answered} answered pushes: ${report}\n${service.tail(6)}`);
    }
    if (failed > 0) problems.push(`${failed} pushes not answered 200 (first: ${failures.join("; ")})`);
    if (sent < PUSHES && alive) {
      if (sent < MIN_PUSHES) problems.push(`only ${sent} pushes fit in the ${BUDGET_MS / 1000} s budget (need ${MIN_PUSHES}): ${report}`);
      else console.warn(`bounded-memory: time budget reached at ${sent} of ${PUSHES} pushes: ${report}`);
    }
    if (alive && rssBaseline !== undefined && rssEnd !== undefined && rssEnd > RSS_RATIO * rssBaseline) {
      problems.push(`RSS grew ${(rssEnd / rssBaseline).toFixed(2)}× (limit ${RSS_RATIO}×): ${report}`);
    }
    if (alive) {
      const stopped = await service.stop();
      if (stopped.forced || stopped.code !== 0) problems.push(`SIGTERM: exit ${JSON.stringify(stopped)}\n${service.tail()}`);
    }
    expect(problems).toEqual([]);
  },
  150_000,
);

function kb(v: number | undefined): string {
  return v === undefined ? "n/a" : `${(v / 1024).toFixed(1)} MB`;
}
