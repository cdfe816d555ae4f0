import { localDate } from "../../time";
import type { StatsContext } from "../../stats/stats-context";
import type { PageModel } from "./page-model";
import { presentArticles } from "./present-articles";
import { presentFollowers } from "./present-followers";
import { presentMessages } from "./present-messages";
import { presentOverview } from "./present-overview";
import { presentPublications } from "./present-publications";
import { presentQa } from "./present-qa";
import { presentReport } from "./present-report";
import { presentContent } from "./present-content";
import { resolveMonth, resolveRange } from "./resolve-range";

export const PAGE_IDS = ["overview", "followers", "articles", "messages", "publications", "qa", "report", "content"] as const;
export type PageId = (typeof PAGE_IDS)[number];

/** What the nav can mark as current: the stats pages, and 留言 (its own routes, no stats model). */
export type NavId = PageId | "comments" | "inbox" | "drafts" | "phone" | "township-report" | "matrix" | "staff";

export interface PageSpec {
  id: PageId;
  /** Under /dashboard: "" for the overview. */
  path: string;
  nav: string;
  /** A date range (?from&to) or a month (?month). */
  param: "range" | "month";
}

export const PAGES: readonly PageSpec[] = [
  { id: "overview", path: "", nav: "概览", param: "range" },
  { id: "followers", path: "followers", nav: "关注", param: "range" },
  { id: "articles", path: "articles", nav: "文章", param: "range" },
  { id: "messages", path: "messages", nav: "消息", param: "range" },
  { id: "publications", path: "publications", nav: "发布", param: "range" },
  // Served by dashboard-qa-routes.ts: these figures plus the tickets to answer.
  { id: "qa", path: "qa", nav: "青年之声", param: "range" },
  { id: "report", path: "report", nav: "月报", param: "month" },
  { id: "content", path: "content", nav: "内容检查", param: "range" },
];

export interface PageQuery {
  from?: string | undefined;
  to?: string | undefined;
  month?: string | undefined;
}

export const isPageId = (s: string): s is PageId => (PAGE_IDS as readonly string[]).includes(s);

/** The one entry point the dashboard, the CSV export, `cli stats` and the bench share. */
export function presentPage(ctx: StatsContext, id: PageId, query: PageQuery): PageModel {
  const today = localDate(ctx.clock.now(), ctx.timezone);
  switch (id) {
    case "overview":
      return presentOverview(ctx, resolveRange(query, today));
    case "followers":
      return presentFollowers(ctx, resolveRange(query, today));
    case "articles":
      return presentArticles(ctx, resolveRange(query, today));
    case "messages":
      return presentMessages(ctx, resolveRange(query, today));
    case "publications":
      return presentPublications(ctx, resolveRange(query, today));
    case "qa":
      return presentQa(ctx, resolveRange(query, today));
    case "report":
      return presentReport(ctx, resolveMonth(query.month, today));
    case "content":
      return presentContent(ctx);
  }
}
