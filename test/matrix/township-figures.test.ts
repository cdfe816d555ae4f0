import { closeDeps } from "../../src/build-deps";
import type { Deps } from "../../src/deps";
import { loadAccounts } from "../../src/matrix/load-accounts";
import { reportUnits, type ReportUnit } from "../../src/matrix/report-units";
import { createFiguresService, type FiguresService } from "../../src/matrix/township-figures-service";
import { validateFigures } from "../../src/matrix/validate-figures";
import { TABLE_FIELDS } from "../../src/matrix/figure-fields";
import { fixedClock } from "../../src/time";
import { buildTestDeps, FIXTURE_CONTENT } from "../helpers/build-test-deps";
import { COUNTY_ADMIN } from "../../src/db/stores/staff-role-store";

const form = (values: Record<string, string>) => ({ get: (k: string) => values[k] ?? null });
const WANG = { name: "wangfang", grants: [COUNTY_ADMIN] };
const AYGUL = { name: "aygul" };

/** 轮南镇's October as its 团委 types it into the form. */
const LUNNAN_OCTOBER = {
  branches: "14", cadres: "21", youths: "356", groups: "9", members: "412",
  local_farming: "150", local_labour: "60", local_business: "22", local_public: "18", local_other: "12",
  away_labour: "80", away_study: "45", away_startup: "15", away_other: "10",
  sent_1: "3", sent_2: "5", sent_3: "4", sent_4: "6", sent_5: "1",
  act_policy: "3", act_skills: "2", act_culture: "1", act_dating: "1", act_other: "0",
};

describe("validateFigures", () => {
  it("accepts whole numbers, blanks, full-width digits and thousands commas", () => {
    const r = validateFigures(TABLE_FIELDS, form({ branches: "１４", youths: "1,356", cadres: " 21 ", groups: "" }));
    expect(r.errors).toEqual({});
    expect(r.figures).toEqual({ branches: 14, youths: 1356, cadres: 21 });
  });

  it("says beside each field what is wrong, in Chinese", () => {
    const r = validateFigures(TABLE_FIELDS, form({ branches: "-3", cadres: "2.5", youths: "三百", groups: "99999999" }));
    expect(r.errors).toEqual({
      branches: "团支部数：不能为负数（现在是 -3），请填 0 或正整数",
      cadres: "团干部数：请填整数（现在是 2.5）",
      youths: "团员青年数：请填数字（现在是 “三百”），没有就填 0 或留空",
      groups: "微信群数：99999999 太大，请核对（最多 9999999）",
    });
  });

  it("requires the members' parts to add up to an entered total, and allows the total alone", () => {
    const wrong = validateFigures(TABLE_FIELDS, form({ ...LUNNAN_OCTOBER, members: "400" }));
    expect(wrong.errors).toEqual({
      members: "微信群内成员数：在乡和外出各项之和为 412，与填写的合计 400 不符；请核对各项，或改合计为 412（只知道总数时可把各项都留空）",
    });
    expect(validateFigures(TABLE_FIELDS, form({ members: "95" })).errors).toEqual({});
    expect(validateFigures(TABLE_FIELDS, form(LUNNAN_OCTOBER)).errors).toEqual({});
  });
});

describe("entering a township's month", () => {
  let deps: Deps;
  let service: FiguresService;
  let lunnan: ReportUnit;
  let clock: ReturnType<typeof fixedClock>;

  beforeEach(() => {
    clock = fixedClock("2026-11-23T02:00:00Z");
    ({ deps } = buildTestDeps({}, { logLevel: "silent", clock }));
    service = createFiguresService({ figures: deps.stores.townshipFigures, audit: deps.stores.audit, clock, auditAccountId: "default" });
    const { declaration } = loadAccounts(FIXTURE_CONTENT, { accountName: "青春轮台", accountType: "subscription", verified: true });
    lunnan = reportUnits(declaration!, new Set(["default"])).find((u) => u.key === "轮南镇")!;
  });
  afterEach(() => closeDeps(deps));

  it("saves, audit-logs old → new per field, and starts next month from this one (marked)", () => {
    expect(service.formStart("2026-10", lunnan)).toEqual({ values: {}, from: "blank" });
    expect(service.save("2026-10", lunnan, form(LUNNAN_OCTOBER), AYGUL)).toMatchObject({ ok: true });
    clock.advance(60_000);
    expect(service.save("2026-10", lunnan, form({ ...LUNNAN_OCTOBER, branches: "15", act_other: "" }), WANG)).toEqual({
      ok: true,
      changes: ["团支部数 14 → 15", "线下活动开展情况·其他 0 → 空"],
    });
    const log = deps.stores.audit.forTarget("default", "附件3/2026-10/轮南镇", 10);
    expect(log.map((e) => [e.staffName, e.action, e.detail])).toEqual([
      ["wangfang", "township_figures.save", "团支部数 14 → 15；线下活动开展情况·其他 0 → 空"],
      ["aygul", "township_figures.save", expect.stringMatching(/^团支部数 空 → 14；团干部数 空 → 21；.*微信群内成员数·在乡·务农 空 → 150；/)],
    ]);
    expect(log[0]!.at).toEqual(clock.now());

    const november = service.formStart("2026-11", lunnan);
    expect(november.from).toBe("previous");
    expect(november.sourceMonth).toBe("2026-10");
    expect(november.values["branches"]).toBe(15);
    expect(service.formStart("2026-10", lunnan)).toMatchObject({ from: "saved", savedBy: "wangfang" });
  });

  it("refuses invalid figures without saving or logging anything", () => {
    const r = service.save("2026-10", lunnan, form({ ...LUNNAN_OCTOBER, youths: "-1" }), AYGUL);
    expect(r).toEqual({ ok: false, reason: "invalid", errors: { youths: expect.stringContaining("团员青年数：不能为负数") } });
    expect(deps.stores.townshipFigures.get("2026-10", "轮南镇")).toBeUndefined();
    expect(deps.stores.audit.latest("default", 10)).toEqual([]);
  });

  it("a locked month refuses edits until unlocked; lock and unlock are audited", () => {
    service.save("2026-10", lunnan, form(LUNNAN_OCTOBER), AYGUL);
    expect(service.lock("2026-10", WANG, { filler: "王芳", phone: "" })).toEqual({
      ok: false,
      reason: "invalid",
      errors: { phone: expect.stringContaining("联系方式") },
    });
    expect(service.lock("2026-10", WANG, { filler: "王芳", phone: "0996-4621234" })).toMatchObject({ ok: true });
    expect(service.lock("2026-10", WANG, { filler: "王芳", phone: "0996-4621234" })).toMatchObject({ ok: false, reason: "already" });

    const refused = service.save("2026-10", lunnan, form({ ...LUNNAN_OCTOBER, branches: "99" }), AYGUL);
    expect(refused).toMatchObject({ ok: false, reason: "locked", lock: { lockedBy: "wangfang", filler: "王芳" } });
    expect(deps.stores.townshipFigures.get("2026-10", "轮南镇")!.values["branches"]).toBe(14);
    // Other months stay open.
    expect(service.save("2026-11", lunnan, form(LUNNAN_OCTOBER), AYGUL)).toMatchObject({ ok: true });

    expect(service.unlock("2026-10", WANG)).toMatchObject({ ok: true });
    expect(service.unlock("2026-10", WANG)).toMatchObject({ ok: false, reason: "not_locked" });
    expect(service.save("2026-10", lunnan, form({ ...LUNNAN_OCTOBER, branches: "15" }), AYGUL)).toMatchObject({ ok: true });
    expect(deps.stores.audit.forTarget("default", "附件3/2026-10", 10).map((e) => [e.action, e.detail])).toEqual([
      ["township_report.unlock", "解除锁定（原由 wangfang 锁定）"],
      ["township_report.lock", "锁定（已上报），填表人 王芳，联系方式 0996-4621234"],
    ]);
  });
});
