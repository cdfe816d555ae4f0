import type { AccountsDeclaration, DeclaredAccount } from "./declared-account";
import { DIRECT_GROUP_FIELDS, SENT_FIELDS, TABLE_FIELDS, type FigureField } from "./figure-fields";

export type UnitKind = "township" | "county-direct" | "city-direct";

/** One row of 附件3 that figures are entered for: a township, or the groups directly under the county or city. */
export interface ReportUnit {
  /** Stored in township_figures.unit: the township's name, or county-direct / city-direct. */
  key: string;
  /** The 乡镇 cell. */
  label: string;
  kind: UnitKind;
  accounts: readonly DeclaredAccount[];
  /** Accounts whose publications ledger is in this install: their 发送微信数 comes from it, not from the form. */
  ledgerAccountIds: readonly string[];
  /** What the form asks for. */
  fields: readonly FigureField[];
}

export const DIRECT_UNITS = [
  { key: "county-direct", label: "县级直属微信群数量", kind: "county-direct" },
  { key: "city-direct", label: "市级直属微信群数量", kind: "city-direct" },
] as const;

/**
 * The rows of 附件3 in accounts.yml order: one per township (the county account's own row too;
 * two accounts of one township share its row), then the two 直属微信群 rows. `served` are the
 * accounts this install publishes for (today: `default`); the others' ledgers do not exist here
 * yet, so their 发送微信数 is entered with the rest.
 */
export function reportUnits(declaration: AccountsDeclaration, served: ReadonlySet<string>): ReportUnit[] {
  const byTownship = new Map<string, DeclaredAccount[]>();
  for (const a of declaration.accounts) {
    const list = byTownship.get(a.township) ?? [];
    list.push(a);
    byTownship.set(a.township, list);
  }
  const townships: ReportUnit[] = [...byTownship].map(([township, accounts]) => {
    const ledgerAccountIds = accounts.filter((a) => served.has(a.id)).map((a) => a.id);
    return {
      key: township,
      label: township,
      kind: "township",
      accounts,
      ledgerAccountIds,
      fields: ledgerAccountIds.length > 0 ? TABLE_FIELDS.filter((f) => !SENT_FIELDS.includes(f)) : TABLE_FIELDS,
    };
  });
  return [...townships, ...DIRECT_UNITS.map((d) => ({ ...d, accounts: [], ledgerAccountIds: [], fields: DIRECT_GROUP_FIELDS }))];
}
