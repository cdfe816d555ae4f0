import dayjs from "dayjs";
import utc from "dayjs/plugin/utc";
import timezone from "dayjs/plugin/timezone";
import customParseFormat from "dayjs/plugin/customParseFormat";

dayjs.extend(utc);
dayjs.extend(timezone);
dayjs.extend(customParseFormat);

export { dayjs };

/** The only source of "now". Production uses the system clock; tests pass a fixed one. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock that stays where it is put; `advance` moves it forward (tests, simulations). */
export function fixedClock(start: Date | string): Clock & { set(d: Date | string): void; advance(ms: number): void } {
  let t = new Date(start).getTime();
  return {
    now: () => new Date(t),
    set: (d) => {
      t = new Date(d).getTime();
    },
    advance: (ms) => {
      t += ms;
    },
  };
}

/** The League works on Beijing time whatever the server's TZ: day boundaries are computed here. */
export const DEFAULT_TIMEZONE = "Asia/Shanghai";

/** Unix seconds, as WeChat's CreateTime and timestamp use. */
export function unixSeconds(d: Date): number {
  return Math.floor(d.getTime() / 1000);
}

/** "YYYY-MM-DD" of the day `d` falls on in `tz`. */
export function localDate(d: Date, tz: string = DEFAULT_TIMEZONE): string {
  return dayjs(d).tz(tz).format("YYYY-MM-DD");
}

/** Start of the local day (in `tz`) that `d` falls on, as an instant. */
export function startOfLocalDay(d: Date, tz: string = DEFAULT_TIMEZONE): Date {
  return dayjs(d).tz(tz).startOf("day").toDate();
}

/** Formats an instant for people: "2026-12-01 09:00" in `tz`. */
export function formatLocal(d: Date, tz: string = DEFAULT_TIMEZONE, fmt = "YYYY-MM-DD HH:mm"): string {
  return dayjs(d).tz(tz).format(fmt);
}
