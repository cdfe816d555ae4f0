import type { Deps } from "../../deps";
import type { InboxService } from "../../inbox/inbox-service";
import type { Clock } from "../../time";
import { ageLabel } from "./labels";

/** How many days back the unanswered counter looks (older silence is not "waiting" any more). */
export const UNANSWERED_DAYS = 7;

/** "3 · 最久 2小时" for the nav: followers waiting for a reply and how long the first has waited. */
export function unansweredSummary(inbox: InboxService, now: Date): { count: number; oldest: string } {
  const u = inbox.unanswered(UNANSWERED_DAYS);
  return { count: u.count, oldest: u.oldestAt ? ageLabel(now.getTime() - u.oldestAt.getTime()) : "" };
}

/** How old the nav's 私信 count may be. */
const BADGE_MS = 15_000;

export interface InboxBadge {
  /** The account's count of followers waiting for a reply, at most BADGE_MS old. */
  of(account: Pick<Deps, "account" | "inbox">): ReturnType<typeof unansweredSummary>;
  /** A staff action (a reply, a 青年之声 answer…) may change it: the next page counts afresh. */
  clear(): void;
}

/**
 * The 私信 count in the nav of every page. Counting a week of threads took ~117 ms at a
 * 1,000,000-message history (README, Benchmarks: the matrix pages), more than the rest of a page;
 * the nav shows it up to BADGE_MS old (the 私信 page itself always counts afresh).
 */
export function createInboxBadge(clock: Clock): InboxBadge {
  const counted = new Map<string, { at: number; value: ReturnType<typeof unansweredSummary> }>();
  return {
    of(account) {
      const now = clock.now();
      const cached = counted.get(account.account.id);
      if (cached && now.getTime() - cached.at < BADGE_MS) return cached.value;
      const value = unansweredSummary(account.inbox, now);
      counted.set(account.account.id, { at: now.getTime(), value });
      return value;
    },
    clear: () => counted.clear(),
  };
}
