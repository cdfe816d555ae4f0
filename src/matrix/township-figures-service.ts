import type { AuditStore } from "../db/stores/audit-store";
import type { ReportLock, TownshipFigureStore } from "../db/stores/township-figure-store";
import type { Clock } from "../time";
import { canLock, type StaffIdentity } from "./can-lock";
import { fullLabel, type Figures } from "./figure-fields";
import type { ReportUnit } from "./report-units";
import { validateFigures, type FiguresInput } from "./validate-figures";

export interface FiguresServiceDeps {
  figures: TownshipFigureStore;
  audit: AuditStore;
  clock: Clock;
  /** The account the audit log files the report's entries under (the county account). */
  auditAccountId: string;
}

/** What the form starts from: this month's saved figures, else last month's (marked), else blank. */
export interface FormStart {
  values: Figures;
  from: "saved" | "previous" | "blank";
  /** The month the values come from (this month, or the earlier one when `previous`). */
  sourceMonth?: string;
  savedAt?: Date;
  savedBy?: string;
}

export type SaveResult =
  | { ok: true; changes: string[] }
  | { ok: false; reason: "locked"; lock: ReportLock }
  | { ok: false; reason: "invalid"; errors: Record<string, string> };

export type LockResult =
  | { ok: true; lock: ReportLock }
  | { ok: false; reason: "forbidden" | "already" | "not_locked"; lock?: ReportLock }
  | { ok: false; reason: "invalid"; errors: Record<string, string> };

export const auditTarget = (month: string, unit: string | null) => (unit === null ? `附件3/${month}` : `附件3/${month}/${unit}`);

const show = (v: number | undefined) => (v === undefined ? "空" : String(v));
const PHONE_RE = /^\+?[0-9][0-9 -]{5,18}[0-9]$/;

/**
 * Entering 附件3's monthly figures: validated, saved with who and when, every change audit-logged
 * as old → new per field, and refused once the month is locked (filed). Locking and unlocking
 * are audited too; who may lock is canLock's answer.
 */
export function createFiguresService(deps: FiguresServiceDeps) {
  const audit = (staff: StaffIdentity, action: string, target: string, detail: string | null) =>
    deps.audit.record({ at: deps.clock.now(), accountId: deps.auditAccountId, staffName: staff.name, action, target, detail });

  return {
    formStart(month: string, unit: ReportUnit): FormStart {
      const saved = deps.figures.get(month, unit.key);
      if (saved) return { values: saved.values, from: "saved", sourceMonth: month, savedAt: saved.savedAt, savedBy: saved.savedBy };
      const previous = deps.figures.latestBefore(month, unit.key);
      if (previous) return { values: previous.values, from: "previous", sourceMonth: previous.month };
      return { values: {}, from: "blank" };
    },

    save(month: string, unit: ReportUnit, input: FiguresInput, staff: StaffIdentity): SaveResult {
      const { figures, errors } = validateFigures(unit.fields, input);
      if (Object.keys(errors).length > 0) return { ok: false, reason: "invalid", errors };
      return deps.figures.transaction((): SaveResult => {
        const lock = deps.figures.lock(month);
        if (lock) return { ok: false, reason: "locked", lock };
        const old = deps.figures.get(month, unit.key)?.values ?? {};
        const changes = unit.fields.filter((f) => old[f.key] !== figures[f.key]).map((f) => `${fullLabel(f)} ${show(old[f.key])} → ${show(figures[f.key])}`);
        deps.figures.save({ month, unit: unit.key, values: figures, savedAt: deps.clock.now(), savedBy: staff.name });
        audit(staff, "township_figures.save", auditTarget(month, unit.key), changes.length > 0 ? changes.join("；") : "保存，无改动");
        return { ok: true, changes };
      });
    },

    lock(month: string, staff: StaffIdentity, header: { filler: string; phone: string }): LockResult {
      if (!canLock(staff)) return { ok: false, reason: "forbidden" };
      const filler = header.filler.normalize("NFKC").trim();
      const phone = header.phone.normalize("NFKC").trim();
      const errors: Record<string, string> = {};
      if (filler === "" || filler.length > 20) errors["filler"] = "填表人：请填写姓名（最多 20 个字），会写进表头";
      if (!PHONE_RE.test(phone)) errors["phone"] = "联系方式：请填写电话，只含数字、空格和连字符，例如 0996-4621234";
      if (Object.keys(errors).length > 0) return { ok: false, reason: "invalid", errors };
      return deps.figures.transaction((): LockResult => {
        const lock: ReportLock = { month, lockedAt: deps.clock.now(), lockedBy: staff.name, filler, phone };
        if (!deps.figures.addLock(lock)) return { ok: false, reason: "already", lock: deps.figures.lock(month)! };
        audit(staff, "township_report.lock", auditTarget(month, null), `锁定（已上报），填表人 ${filler}，联系方式 ${phone}`);
        return { ok: true, lock };
      });
    },

    unlock(month: string, staff: StaffIdentity): LockResult {
      if (!canLock(staff)) return { ok: false, reason: "forbidden" };
      return deps.figures.transaction((): LockResult => {
        const removed = deps.figures.removeLock(month);
        if (!removed) return { ok: false, reason: "not_locked" };
        audit(staff, "township_report.unlock", auditTarget(month, null), `解除锁定（原由 ${removed.lockedBy} 锁定）`);
        return { ok: true, lock: removed };
      });
    },
  };
}

export type FiguresService = ReturnType<typeof createFiguresService>;
