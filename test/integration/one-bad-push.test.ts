/**
 * Guarantee: one bad push harms only itself. A validly signed push whose CreateTime is absurd
 * (`99999999999999999999`: 20 digits, beyond any date) arrives together with 40 ordinary pushes;
 * the bad one is refused with a 4xx (or stored), and every ordinary one is answered 200 and stored
 * (it shares no fate with the bad one, e.g. a group commit that throws for the whole batch).
 */
import {
  Ids,
  killAllServices,
  makeWorkspace,
  PushClient,
  removeAllWorkspaces,
  rowsPerMsgId,
  Service,
  someText,
  type Push,
} from "./service";

afterEach(async () => {
  await killAllServices();
  removeAllWorkspaces();
});

const BAD_CREATE_TIME = "99999999999999999999";

test(
  "a push with CreateTime 99999999999999999999 among 40 valid ones: it gets a 4xx or is stored, the 40 are answered and stored",
  async () => {
    const ws = makeWorkspace();
    const ids = new Ids();
    const service = await Service.start(ws);
    const client = new PushClient(service);
    const problems: string[] = [];
    const valid: string[] = [];
    /** Bad pushes answered 200: then they must be stored. */
    const badAnswered: string[] = [];

    // Two rounds, the bad push in the middle of the batch and then first.
    for (const badAt of [20, 0]) {
      const pushes: Array<Push & { bad: boolean }> = [];
      for (let i = 0; i < 40; i++) pushes.push({ openId: ids.openId(), msgId: ids.msgId(), content: someText(i), bad: false });
      pushes.splice(badAt, 0, { openId: ids.openId(), msgId: ids.msgId(), content: "诚聘", createTime: BAD_CREATE_TIME, bad: true });
      // All at once, over 41 connections: they are decoded, routed and recorded together.
      const responses = await Promise.all(pushes.map((p) => client.push(p, 10_000)));
      pushes.forEach((p, n) => {
        const r = responses[n]!;
        if (p.bad) {
          if (r.status === 200) badAnswered.push(p.msgId);
          else if (r.status < 400 || r.status >= 500) {
            problems.push(`bad push (MsgId ${p.msgId}): ${r.status === 0 ? `no answer (${r.error})` : `${r.status} ${r.body.slice(0, 120)}`}, expected a 4xx or 200`);
          }
        } else if (r.status === 200) {
          valid.push(p.msgId);
        } else {
          problems.push(`valid push ${p.msgId} (batch with the bad one at ${badAt}): ${r.status === 0 ? `no answer (${r.error})` : `${r.status} ${r.body.slice(0, 120)}`}`);
        }
      });
    }
    client.close();

    if (!service.alive) problems.push(`the service died\n${service.tail()}`);
    const stopped = await service.stop();
    if (stopped.forced || stopped.code !== 0) problems.push(`SIGTERM: exit ${JSON.stringify(stopped)}\n${service.tail()}`);

    const rows = rowsPerMsgId(ws.dbPath, [...valid, ...badAnswered]);
    const missingValid = valid.filter((id) => rows.get(id) === 0);
    if (missingValid.length > 0) {
      problems.push(`${missingValid.length} of ${valid.length} valid pushes answered 200 are missing from inbound_messages, e.g. ${missingValid.slice(0, 5).join(", ")}`);
    }
    for (const id of badAnswered) if (rows.get(id) === 0) problems.push(`bad push ${id} was answered 200 but is not stored`);
    expect(problems).toEqual([]);
  },
  60_000,
);
