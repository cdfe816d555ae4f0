import { readFileSync } from "node:fs";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { closeDeps } from "../../src/build-deps";
import type { Deps } from "../../src/deps";
import { loadAccounts } from "../../src/matrix/load-accounts";
import { reportUnits } from "../../src/matrix/report-units";
import { readTownshipReport } from "../../src/matrix/read-township-report";
import { createFiguresService } from "../../src/matrix/township-figures-service";
import { townshipReportGrid } from "../../src/matrix/township-report-grid";
import { accountListGrid } from "../../src/matrix/account-list-grid";
import { gridToXlsx } from "../../src/matrix/grid-to-xlsx";
import { gridToCsv } from "../../src/matrix/grid-to-csv";
import { statsContextOf } from "../../src/dashboard/presenters/stats-context-of";
import { sentByCategory } from "../../src/stats/monthly-report";
import { localDate } from "../../src/time";
import { buildTestDeps, FIXTURE_CONTENT } from "../helpers/build-test-deps";
import { COUNTY_ADMIN } from "../../src/db/stores/staff-role-store";

interface Expected {
  rows: (string | number | null)[][];
  merges: string[];
}
const EXPECTED = JSON.parse(readFileSync(join(__dirname, "../fixtures/matrix/attachment3-2026-10.json"), "utf8")) as Expected;
const form = (values: Record<string, string | number>) => ({ get: (k: string) => (k in values ? String(values[k]) : null) });
const bj = (text: string) => new Date(`${text}:00+08:00`).getTime();

/** The county account's October in the ledger, with what must not count around it. */
function seedLedger(deps: Deps): void {
  const insert = deps.db.prepare(`
    INSERT INTO publications (account_id, post_slug, column_id, mode, post_title, scheduled_at, state, issue, article_title,
                              published_at, created_at, updated_at)
    VALUES ('default', @slug, @column, 'mass', @title, @at, @state, NULL, @title, @published, @at, @at)`);
  const rows: [string, string, string, string, string | null][] = [
    ["2026-10-01-job-fair", "careers", "published", "2026-10-01 09:00", "2026-10-01 09:01"],
    ["2026-10-15-jobs", "careers", "published", "2026-10-15 09:00", "2026-10-15 09:02"],
    ["2026-10-20-news", "news", "published", "2026-10-20 20:00", "2026-10-20 20:01"],
    // 23:59 Beijing on the 31st is still October there (15:59 UTC).
    ["2026-10-31-bus", "students", "published", "2026-10-31 23:58", "2026-10-31 23:59"],
    ["2026-10-22-failed", "news", "failed", "2026-10-22 09:00", null],
    // 00:01 on 1 November Beijing time: 10-31 in UTC, November for the League.
    ["2026-11-01-news", "news", "published", "2026-11-01 00:00", "2026-11-01 00:01"],
  ];
  for (const [slug, column, state, at, published] of rows) {
    insert.run({ slug, column, title: slug, state, at: bj(at.replace(" ", "T")), published: published ? bj(published.replace(" ", "T")) : null });
  }
}

describe("附件3 export", () => {
  let deps: Deps;
  afterEach(() => closeDeps(deps));

  async function octoberWorkbook() {
    ({ deps } = buildTestDeps({}, { logLevel: "silent" }));
    seedLedger(deps);
    const { declaration } = loadAccounts(FIXTURE_CONTENT, { accountName: "青春轮台", accountType: "subscription", verified: true });
    const served = new Set(deps.accounts.keys());
    const units = new Map(reportUnits(declaration!, served).map((u) => [u.key, u]));
    const service = createFiguresService({ figures: deps.stores.townshipFigures, audit: deps.stores.audit, clock: deps.clock, auditAccountId: "default" });
    const save = (unit: string, values: Record<string, string | number>, who: string) =>
      expect(service.save("2026-10", units.get(unit)!, form(values), { name: who })).toMatchObject({ ok: true });
    save("团县委", {
      branches: 3, cadres: 12, youths: 240, groups: 4,
      local_farming: 20, local_labour: 15, local_business: 5, local_public: 60, local_other: 0,
      away_labour: 30, away_study: 45, away_startup: 3, away_other: 2,
      // Typed in by mistake: the county row's 发送微信数 comes from the ledger, so these are not asked for and not kept.
      sent_1: 99, act_policy: 2, act_skills: 1, act_culture: 1, act_dating: 0, act_other: 0,
    }, "wangfang");
    save("轮南镇", {
      branches: 14, cadres: 21, youths: 356, groups: 9, members: 412,
      local_farming: 150, local_labour: 60, local_business: 22, local_public: 18, local_other: 12,
      away_labour: 80, away_study: 45, away_startup: 15, away_other: 10,
      sent_1: 3, sent_2: 5, sent_3: 4, sent_4: 6, sent_5: 1,
      act_policy: 3, act_skills: 2, act_culture: 1, act_dating: 1, act_other: 0,
    }, "aygul");
    save("county-direct", { groups: 2, members: 95 }, "wangfang");
    save("city-direct", { groups: 1, members: 40 }, "wangfang");
    expect(service.lock("2026-10", { name: "wangfang", grants: [COUNTY_ADMIN] }, { filler: "王芳", phone: "0996-4621234" })).toMatchObject({ ok: true });

    const tz = "Asia/Shanghai";
    const ctx = statsContextOf(deps);
    const { report } = readTownshipReport(
      {
        declaration: declaration!,
        served,
        figures: deps.stores.townshipFigures,
        sentOf: (accountId, month) => sentByCategory({ ...ctx, accountId }, month),
        today: localDate(deps.clock.now(), tz),
        localDateOf: (at) => localDate(at, tz),
      },
      "2026-10",
    );
    const grid = townshipReportGrid(report);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await gridToXlsx(grid, { creator: "wangfang", created: deps.clock.now() })) as unknown as ArrayBuffer);
    return { grid, book };
  }

  it("matches the hand-computed table cell by cell, merged ranges included", async () => {
    const { book } = await octoberWorkbook();
    const sheet = book.worksheets[0]!;
    expect(sheet.name).toBe("附件3 2026-10");
    expect(sheet.rowCount).toBe(EXPECTED.rows.length);
    const actual = EXPECTED.rows.map((row, r) => row.map((_, c) => {
      const cell = sheet.getCell(r + 1, c + 1);
      // A merged range's other cells read as its master's value: what was written is on the master only.
      return cell.isMerged && cell.master.address !== cell.address ? null : ((cell.value as string | number | null) ?? null);
    }));
    expect(actual).toEqual(EXPECTED.rows);
    expect([...sheet.model.merges].sort()).toEqual([...EXPECTED.merges].sort());
  });

  it("freezes the header rows and the 乡镇 column, and sizes every column", async () => {
    const { book } = await octoberWorkbook();
    const sheet = book.worksheets[0]!;
    expect(sheet.views[0]).toMatchObject({ state: "frozen", xSplit: 2, ySplit: 6 });
    expect(sheet.columns.map((c) => c.width)).toEqual([6, 18, 10, 10, 12, 10, 8, 8, 8, 8, 14, 8, 8, 8, 8, 8, 10, 10, 10, 10, 8, 10, 10, 10, 10, 8]);
    expect(sheet.getCell("G4").alignment).toMatchObject({ horizontal: "center", wrapText: true });
  });

  it("writes the same grid as CSV with a BOM, each merged label once", async () => {
    const { grid } = await octoberWorkbook();
    const csv = gridToCsv(grid);
    expect(csv.startsWith("\uFEFF附件3,,")).toBe(true);
    const lines = csv.slice(1).split("\r\n");
    expect(lines).toHaveLength(EXPECTED.rows.length + 1);
    expect(lines[6]).toBe("1,团县委,3,12,240,4,180,20,15,5,60,0,30,45,3,2,0,2,1,1,0,2,1,1,0,0");
    expect(lines[8]).toBe("3,阳霞镇" + ",".repeat(24));
    expect(lines[12]).toBe(",总计,17,33,596,16,727,170,75,27,78,12,110,90,18,12,3,7,5,7,1,5,3,2,1,0");
  });

  it("lists the accounts of accounts.yml as 附件2", async () => {
    ({ deps } = buildTestDeps({}, { logLevel: "silent" }));
    const { declaration } = loadAccounts(FIXTURE_CONTENT, { accountName: "青春轮台", accountType: "subscription", verified: true });
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await gridToXlsx(accountListGrid(declaration!, "2026-11-23"), { creator: "t", created: deps.clock.now() })) as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    const row = (n: number) => (sheet.getRow(n).values as unknown[]).slice(1);
    expect(row(4)).toEqual(["序号", "乡镇", "公众号名称", "账号标识", "账号类型", "是否认证", "管理员", "联系电话"]);
    expect(row(5)).toEqual([1, "团县委", "青春轮台", "default", "订阅号", "已认证", "王芳", "0996-4621234"]);
    expect(row(6)).toEqual([2, "轮南镇", "青春轮南", "lunnan", "订阅号", "未认证", "阿依古丽", "139 0996 0001"]);
    expect(sheet.getCell("F3").value).toBe("填报时间：2026年11月23日");
    // Only the names of the variables are in content; the secrets' values never reach a report.
    expect(JSON.stringify(sheet.getSheetValues())).not.toContain("WECHAT_");
  });
});
