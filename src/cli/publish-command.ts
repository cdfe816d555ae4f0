import { parseArgs } from "node:util";
import type { Deps } from "../deps";
import { loadPosts } from "../posts/load-posts";
import { publisherFor, type Publisher } from "../publisher/publisher";
import { runPublisher, type RunReport, type RunReportEntry } from "../publisher/run-publisher";
import { withWeChat } from "./cli-wechat";
import { confirmPublish, terminalConfirm, type ConfirmIo } from "./confirm-publish";
import { formatDryRun, planDryRun } from "./publish-dry-run";
import { describeRow, stateName } from "./publication-words";
import type { ServiceProbe } from "./running-service";

export const PUBLISH_USAGE = `  publish [--post SLUG [--now]] [--dry-run] [--no-wait] [--json]
                                发布现在到期的稿件（定时任务每分钟做的事）；
                                --post：现在发送这一篇（错过的、失败的也可以）；还没到时间的会先说明将会发生什么，
                                        在终端里问 y/N；--now：不问（脚本用）；
                                --dry-run：只显示将会发送什么（并写出网页），不调用微信
`;

/** How long `publish --post` follows a submitted job before leaving it to the scheduler. */
const WAIT_MS = 60_000;
const POLL_MS = 2000;

export interface PublishCommandOptions {
  /** Who answers the y/N question (tests inject one). */
  io?: ConfirmIo;
  /** Tests: how the running service is found (job-finish events). */
  probe?: ServiceProbe;
}

/** A run's outcomes as people say them. */
const OUTCOME_NAMES: Record<string, string> = {
  invalid: "稿件有问题",
  unknown: "找不到稿件",
  draft: "草稿（不发布）",
  held: "等待同栏目的前一篇",
  busy: "另一个进程正在处理",
};

export async function publishCommand(deps: Deps, args: string[], out: (text: string) => void, options: PublishCommandOptions = {}): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { post: { type: "string" }, "dry-run": { type: "boolean" }, "no-wait": { type: "boolean" }, now: { type: "boolean" }, json: { type: "boolean" } },
  });
  const json = values.json === true;
  const p = publisherFor(deps);
  if (values["dry-run"]) {
    const result = planDryRun(deps, values.post);
    out(json ? JSON.stringify({ dryRun: true, at: result.at.toISOString(), sync: result.sync, targets: result.targets, problems: result.problems }, null, 2) + "\n" : formatDryRun(result, p.timezone));
    return result.failed ? 1 : 0;
  }
  // In --json mode people's lines (progress, the question) go nowhere: stdout is for the machine.
  const say = json ? () => {} : out;
  const only = values.post;
  if (only !== undefined) {
    const { posts } = loadPosts(p.contentDir, { timezone: p.timezone, columns: p.columns() });
    const io = json && !values.now ? { interactive: false, ask: async () => "" } : (options.io ?? terminalConfirm());
    let said = "";
    const gate = await confirmPublish(p, only, posts.find((x) => x.slug === only), p.store.find(p.accountId, only), { now: values.now === true, io, out: json ? (t) => void (said += t) : out });
    if (!gate.go) {
      if (json) out(JSON.stringify({ slug: only, sent: false, message: said.trim() }, null, 2) + "\n");
      return gate.code;
    }
  }
  const events: string[] = [];
  const report = await withWeChat(
    deps,
    async (wechat) => {
      const live = publisherFor(deps, { wechat });
      say(only === undefined ? "正在检查到期的稿件…\n" : `正在发送 ${only}…\n`);
      let r = await runPublisher(live, only === undefined ? {} : { only });
      if (only !== undefined && !values["no-wait"]) {
        const started = Date.now();
        while (r.entries[0]?.outcome === "submitted" && Date.now() - started < WAIT_MS) {
          say(`  等待微信的结果…（${Math.round((Date.now() - started) / 1000)} 秒）\n`);
          await new Promise((resolve) => setTimeout(resolve, POLL_MS));
          r = await runPublisher(live, { only, follow: true });
        }
      }
      return r;
    },
    { out: (line) => void events.push(line.trim()), ...(options.probe ? { probe: options.probe } : {}) },
  );
  const entries = report.entries.map((e) => entryView(p, e));
  if (json) {
    out(JSON.stringify({ entries, problems: report.problems.map((e) => e.message), jobEvents: events }, null, 2) + "\n");
  } else {
    out(formatReport(report, entries, events));
  }
  return report.entries.some((e) => e.outcome === "failed" || e.outcome === "invalid" || e.outcome === "unknown") ? 1 : 0;
}

interface EntryView {
  slug: string;
  outcome: string;
  outcomeName: string;
  /** In Chinese, from the ledger row after the run; else the publisher's own words. */
  detail: string;
  state: string | null;
}

function entryView(p: Publisher, e: RunReportEntry): EntryView {
  const row = p.store.find(p.accountId, e.slug);
  const known = row !== undefined && !(e.outcome in OUTCOME_NAMES);
  return {
    slug: e.slug,
    outcome: e.outcome,
    outcomeName: OUTCOME_NAMES[e.outcome] ?? (row ? stateName(row.state, row.mode) : e.outcome),
    detail: known ? describeRow(row, p.timezone) : e.detail,
    state: row?.state ?? null,
  };
}

function formatReport(report: RunReport, entries: EntryView[], events: string[]): string {
  const lines: string[] = [];
  for (const e of report.problems) lines.push(`问题：${e.message}`);
  if (entries.length === 0) lines.push("现在没有到期的稿件（npm run cli -- posts 列出全部排期）");
  entries.forEach((e, i) => lines.push(`${entries.length > 1 ? `[${i + 1}/${entries.length}] ` : ""}${e.slug}：${e.outcomeName}——${e.detail}`));
  lines.push(...events);
  return lines.join("\n") + "\n";
}
