/**
 * Guarantee: a push that got a complete 200 answer is in inbound_messages, even if the process is
 * killed with SIGKILL right after answering. WeChat does not retry an answered push, so a row lost
 * after the answer is lost for good (the message log, stats and the 48 h window all read it).
 *
 * The service is flooded from many followers over 50 keep-alive connections and SIGKILLed mid-flood,
 * four times on the same data dir; then it boots once more (folding whatever it kept), is stopped
 * with SIGTERM, and every answered MsgId must have its row.
 */
import { randomInt } from "node:crypto";
import {
  flood,
  Ids,
  killAllServices,
  makeWorkspace,
  missingMsgIds,
  PushClient,
  removeAllWorkspaces,
  Service,
  someText,
} from "./service";

afterEach(async () => {
  await killAllServices();
  removeAllWorkspaces();
});

const ROUNDS = 4;

test(
  "every push answered 200 before a SIGKILL is in inbound_messages after the next boot",
  async () => {
    const ws = makeWorkspace();
    const ids = new Ids();
    const answeredByRound: string[][] = [];
    const problems: string[] = [];

    for (let round = 1; round <= ROUNDS; round++) {
      const service = await Service.start(ws);
      const client = new PushClient(service);
      const answered: string[] = [];
      let killed = false;
      let i = 0;
      // The kill comes right as an answer arrives, once the flood has run a while (the moment
      // differs from round to round): the service has just answered, so anything it keeps only in
      // memory after answering is exposed. A kill from a timer of this (busy) process would land
      // just after it sent a burst, when the service has answered nothing new.
      const killAt = Date.now() + 2_000 + randomInt(0, 1_000);
      const flooding = flood(client, {
        // Many distinct followers: a pool of 5,000 per round, visited in turn.
        next: () => ({ openId: ids.openId(round * 10_000 + (i % 5_000)), msgId: ids.msgId(), content: someText(i++) }),
        stop: () => killed,
        onResponse: (p, r) => {
          if (r.status !== 200) return;
          answered.push(p.msgId);
          if (!killed && Date.now() >= killAt) {
            killed = true;
            process.kill(service.pid, "SIGKILL");
          }
        },
        timeoutMs: 10_000,
      });
      const exit = await service.waitExit(30_000);
      killed = true;
      await flooding;
      client.close();
      if (exit.forced) problems.push(`round ${round}: no kill within 30 s (the flood stalled)\n${service.tail()}`);
      else if (exit.signal !== "SIGKILL") problems.push(`round ${round}: service exited by itself before the kill (${JSON.stringify(exit)})\n${service.tail()}`);
      if (answered.length < 100) problems.push(`round ${round}: only ${answered.length} pushes answered before the kill (flood too slow to prove anything)`);
      answeredByRound.push(answered);
    }

    // Boot on the same data dir (it must fold anything it kept), then a clean stop.
    const last = await Service.start(ws);
    const stopped = await last.stop();
    if (stopped.forced || stopped.code !== 0) problems.push(`final SIGTERM: exit ${JSON.stringify(stopped)}\n${last.tail()}`);

    answeredByRound.forEach((answered, n) => {
      const missing = missingMsgIds(ws.dbPath, answered);
      if (missing.length > 0) {
        problems.push(`round ${n + 1}: ${missing.length} of ${answered.length} answered pushes missing from inbound_messages, e.g. MsgIds ${missing.slice(0, 5).join(", ")}`);
      }
    });
    expect(problems).toEqual([]);
  },
  90_000,
);
