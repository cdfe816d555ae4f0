import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PAGES } from "../../src/dashboard/presenters/pages";
import { NOTE_UNVERIFIED } from "../../src/stats/read-followers";
import { TRY_OPENID } from "../../src/dashboard/routes/dashboard-try-routes";
import { hiddenValue, SANDBOX_ENV, startDashboard, type DashboardServer } from "./dashboard-helpers";
import { HOSTILE_TEXT, seedDashboard } from "./dashboard-seed";

const path = (p: (typeof PAGES)[number]) => `/dashboard${p.path ? `/${p.path}` : ""}`;
const csvLinks = (html: string) => [...html.matchAll(/href="([^"]+\.csv[^"]*)" download/g)].map((m) => m[1]!.replace(/&amp;/g, "&"));

describe("dashboard pages (signed in, clock 2026-11-23 10:00 Beijing)", () => {
  let s: DashboardServer;
  beforeAll(async () => {
    s = await startDashboard({}, (deps) => seedDashboard(deps));
  });
  afterAll(() => s.close());

  it.each(PAGES.map((p) => [p.id, p] as const))("renders %s with its figures, charts and CSV links", async (_id, spec) => {
    const b = s.browser();
    await b.login();
    const res = await b.get(path(spec));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(res.headers.get("content-security-policy")).toContain("script-src 'self'");
    const html = await res.text();
    expect(html).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
    expect(html).toContain(`aria-current="page">${spec.nav}</a>`);
    expect(html).toMatch(/<canvas id="chart-[a-z-]+" data-chart=/);
    expect(html).not.toMatch(/<script>(?!<\/script>)/); // no inline script: data rides in JSON blocks
    expect(csvLinks(html).length).toBeGreaterThan(0);
    for (const link of csvLinks(html)) {
      const csv = await b.get(link);
      expect(csv.status).toBe(200);
      expect(csv.headers.get("content-type")).toBe("text/csv; charset=utf-8");
      expect(csv.headers.get("content-disposition")).toMatch(/^attachment; filename="[a-z]+-[a-z-]+-([0-9_-]+|all)\.csv"$/);
      const bytes = Buffer.from(await csv.arrayBuffer());
      expect(bytes.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
      expect(bytes.toString("utf8")).toMatch(/\r\n$/);
    }
  });

  it("shows the overview's headline figures from datacube and the message log", async () => {
    const b = s.browser();
    await b.login();
    const html = await (await b.get("/dashboard?from=2026-11-16&to=2026-11-22")).text();
    expect(html).toContain("关注人数");
    expect(html).toContain("2026-11-16 至 2026-11-22");
    const csv = await (await b.get("/dashboard/export/overview/daily.csv?from=2026-11-16&to=2026-11-22")).text();
    const lines = csv.trim().split("\r\n"); // (fetch's text() drops the BOM; the bytes are checked above)
    expect(lines[0]).toBe("日期,新关注,取消关注,净增,累计关注,收到消息,互动青年,关键词回复,未匹配");
    expect(lines).toHaveLength(8);
    expect(lines[1]).toMatch(/^2026-11-16,\d+,\d+,\d+,\d+,8,\d+,6,2$/);
  });

  it("escapes youths' text in pages and defuses it in CSV", async () => {
    const b = s.browser();
    await b.login();
    const html = await (await b.get("/dashboard/messages")).text();
    expect(html).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;补贴怎么领");
    expect(html).not.toContain(HOSTILE_TEXT);
    const csv = await (await b.get("/dashboard/export/messages/unmatched.csv")).text();
    expect(csv).toContain(`"<script>alert(""x"")</script>补贴怎么领"`);
  });

  it("joins article reads to the ledger's column and issue number, and lists failures with their reason", async () => {
    const b = s.browser();
    await b.login();
    const articles = await (await b.get("/dashboard/export/articles/articles.csv")).text();
    expect(articles).toMatch(/冬季招聘会岗位一览（2）,轮青诚聘,1,2026-11-19,2101,/);
    const ledger = await (await b.get("/dashboard/export/publications/ledger.csv?from=2026-10-01&to=2026-11-23")).text();
    expect(ledger).toContain("失败,,封面图片超过 1 MB，请压缩后重试");
    expect(ledger).toContain("错过时间,,服务器停机，错过发布时间");
  });

  it("renders the monthly report with the tracking table and the summary paragraph", async () => {
    const b = s.browser();
    await b.login();
    const html = await (await b.get("/dashboard/report?month=2026-11")).text();
    expect(html).toContain('<th colspan="5" scope="colgroup">本月发送信息数</th>');
    expect(html).toMatch(/<p class="summary" data-summary>截至2026年11月23日，「青春轮台」已推送微信\d+期（其中轮青关注\d+期、轮青诚聘\d+期/);
  });

  it("refuses bad ranges and unknown tables", async () => {
    const b = s.browser();
    await b.login();
    expect((await b.get("/dashboard?from=2026-11-30&to=2026-11-01")).status).toBe(400);
    expect((await b.get("/dashboard/followers?from=yesterday")).status).toBe(400);
    expect((await b.get("/dashboard/report?month=2026-13")).status).toBe(400);
    expect((await b.get("/dashboard/export/overview/nope.csv")).status).toBe(404);
    expect((await b.get("/dashboard/export/nope/daily.csv")).status).toBe(404);
  });

  it("serves chart.js and its own assets with a long cache, without a session", async () => {
    const html = await (await s.browser().get("/dashboard/login")).text();
    const css = /href="(\/dashboard\/assets\/dashboard-[0-9a-f]{10}\.css)"/.exec(html)![1]!;
    const res = await fetch(s.url + css);
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    const b = s.browser();
    await b.login();
    const page = await (await b.get("/dashboard")).text();
    const chart = /src="(\/dashboard\/assets\/chart-[0-9a-f]{10}\.umd\.min\.js)"/.exec(page)![1]!;
    const js = await fetch(s.url + chart);
    expect(js.headers.get("content-type")).toBe("application/javascript; charset=utf-8");
    expect(await js.text()).toContain("Chart");
    expect((await fetch(`${s.url}/dashboard/assets/evil.js`)).status).toBe(404);
  });

  it("has no try-the-bot panel outside sandbox mode", async () => {
    const b = s.browser();
    await b.login();
    expect(await (await b.get("/dashboard/messages")).text()).not.toContain("试一试");
    const token = hiddenValue(await (await b.get("/dashboard")).text(), "_csrf");
    expect((await b.post("/dashboard/messages/try", { _csrf: token, text: "招聘" })).status).toBe(404);
  });
});

describe("dashboard for an unverified account (datacube 48001)", () => {
  it("falls back to our own logs with a clear note", async () => {
    const s = await startDashboard({}, (deps) => seedDashboard(deps, { datacube: "unavailable" }));
    try {
      const b = s.browser();
      await b.login();
      const followers = await (await b.get("/dashboard/followers")).text();
      expect(followers).toContain(NOTE_UNVERIFIED);
      expect(followers).toContain("每日关注（本系统记录）");
      const articles = await (await b.get("/dashboard/articles")).text();
      expect(articles).toContain("公众号未认证");
      expect(articles).toContain("发布与送达（本系统记录）");
      const overview = await (await b.get("/dashboard")).text();
      expect(overview).toContain("关注青年（本系统记录）");
      expect(overview).toContain("不可用");
    } finally {
      await s.close();
    }
  });
});

describe("try the bot (sandbox mode)", () => {
  it("posts a signed message to our own webhook and shows the reply", async () => {
    const s = await startDashboard(SANDBOX_ENV);
    try {
      const b = s.browser();
      await b.login();
      const page = await (await b.get("/dashboard/messages")).text();
      expect(page).toContain("试一试机器人（沙盒）");
      const token = hiddenValue(page, "_csrf");
      expect((await b.post("/dashboard/messages/try", { text: "招聘" })).status).toBe(403);
      const res = await b.post("/dashboard/messages/try", { _csrf: token, text: "招聘" });
      expect(res.status).toBe(200);
      const html = await res.text();
      expect(html).toMatch(/<div class="bubble youth">招聘<\/div><div class="bubble account">[^<]*轮青诚聘/);
      const row = s.deps.db.prepare("SELECT msg_type, column_id, match_mode FROM inbound_messages WHERE open_id = ?").get(TRY_OPENID);
      expect(row).toEqual({ msg_type: "text", column_id: "careers", match_mode: "exact" });
    } finally {
      await s.close();
    }
  });
});

describe("dashboard content page (内容检查)", () => {
  it("lists what `check` reports, naming file, line and field, and says so when all is well", async () => {
    const dir = mkdtempSync(join(tmpdir(), "content-page-"));
    cpSync(join(__dirname, "../fixtures/content"), dir, { recursive: true });
    const s = await startDashboard({ CONTENT_DIR: dir });
    try {
      const b = s.browser();
      await b.login();
      expect(await (await b.get("/dashboard/content")).text()).toContain("没有问题");
      const post = join(dir, "posts", "2026-12-01-county-job-fair.md");
      writeFileSync(post, readFileSync(post, "utf8").replace(/^column: .*$/m, "column: nowhere"));
      const html = await (await b.get("/dashboard/content")).text();
      expect(html).toContain("2026-12-01-county-job-fair.md");
      expect(html).toContain("column");
      const csv = await (await b.get("/dashboard/export/content/content-problems.csv")).text();
      expect(csv.split("\r\n")[0]).toBe("文件,行,字段,问题");
      expect(csv).toContain("nowhere");
    } finally {
      s.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
