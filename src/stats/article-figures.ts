import type { StatsContext } from "./stats-context";

/**
 * Where the article figures on the pages come from: the 2025 datacube endpoints ("new"), the old
 * getarticlesummary / getarticletotal kept as a fallback ("old"), or neither yet ("none": never
 * synced, or the account may use neither). The pages say it in Chinese, every time (issue 14).
 */
export type ArticleFigureSource = "new" | "old" | "none";

export const SOURCE_NEW = "数据来源：微信 getarticleread / getarticleshare / getbizsummary / getarticletotaldetail（新接口）";
export const SOURCE_OLD = "数据来源：微信 getarticlesummary / getarticletotal（旧接口，已停止维护；新接口无权限或不可用时才使用）";

export function articleFigureSource(ctx: StatsContext): { source: ArticleFigureSource; label: string | null } {
  const reads = ctx.stores.sync.get(ctx.accountId, "article_reads");
  const old = ctx.stores.sync.get(ctx.accountId, "articles");
  const usable = (s: typeof reads) => s !== undefined && s.succeededAt !== null && s.status !== "unavailable";
  if (usable(reads)) return { source: "new", label: SOURCE_NEW };
  if (usable(old)) return { source: "old", label: SOURCE_OLD };
  return { source: "none", label: null };
}

/** Reads over [from, to] for the 概览: readers (new endpoints) or page views (old ones), with what they count. */
export function readsBetween(ctx: StatsContext, from: string, to: string): { value: number | null; label: string; hint: string } {
  const { source } = articleFigureSource(ctx);
  if (source === "new") {
    const readers = ctx.stores.articles.dailyReaders(ctx.accountId, from, to).reduce((a, d) => a + d.readUser, 0);
    return { value: readers, label: "阅读人数", hint: "按日累加；来自微信 getarticleread（新接口）" };
  }
  if (source === "old") {
    const views = ctx.stores.snapshots.dailyReads(ctx.accountId, from, to).reduce((a, d) => a + d.readCount, 0);
    return { value: views, label: "阅读次数", hint: "仅群发图文；来自微信 getarticlesummary（旧接口，已停止维护）" };
  }
  return { value: null, label: "阅读人数", hint: "尚未从微信同步图文数据" };
}
