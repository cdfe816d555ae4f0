import { dayjs } from "../time";
import type { DutyCadre, Weekday } from "./qa-content";

/**
 * Round-robin among the cadres on duty (轮值, as 河南's duty teams run it): of those on duty on the
 * day `at` falls on in `timezone`, the one whose last rota ticket is the oldest (never = first),
 * ties in rota order. Pure; undefined when nobody is on duty that day.
 *
 * @param lastTicket per name, the id of the last ticket the rota gave them (ids only grow)
 */
export function pickOnDuty(
  rota: readonly DutyCadre[],
  lastTicket: ReadonlyMap<string, number>,
  at: Date,
  timezone: string,
): DutyCadre | undefined {
  const day = dayjs(at).tz(timezone).day() as Weekday;
  let best: DutyCadre | undefined;
  let bestLast = Infinity;
  for (const cadre of rota) {
    if (!cadre.days.has(day)) continue;
    const last = lastTicket.get(cadre.name) ?? 0;
    if (last < bestLast) {
      best = cadre;
      bestLast = last;
    }
  }
  return best;
}

/** The rota's names on duty on the day `at` falls on, in rota order (for the dashboard). */
export function onDutyNames(rota: readonly DutyCadre[], at: Date, timezone: string): string[] {
  const day = dayjs(at).tz(timezone).day() as Weekday;
  return rota.filter((c) => c.days.has(day)).map((c) => c.name);
}
