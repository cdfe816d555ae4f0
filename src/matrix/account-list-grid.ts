import { chineseDate } from "../stats/dates";
import { ACCOUNT_TYPE_LABELS, type AccountsDeclaration } from "./declared-account";
import type { Grid, GridCell, GridRowKind } from "./report-grid";

export const ATTACHMENT2_TITLE = "共青团微信公众号信息统计表";

const COLUMNS = ["序号", "乡镇", "公众号名称", "账号标识", "账号类型", "是否认证", "管理员", "联系电话"] as const;
const WIDTHS = [6, 16, 20, 14, 10, 10, 12, 18];

/**
 * 附件2, the accounts of the matrix as content/accounts.yml declares them: 公众号, its township,
 * type, 认证, 管理员 and 联系电话. Built from the declaration only (no secrets: it names none).
 */
export function accountListGrid(declaration: AccountsDeclaration, today: string): Grid {
  const width = COLUMNS.length;
  const pad = (first: GridCell): GridCell[] => [first, ...Array.from({ length: width - 1 }, (): GridCell => null)];
  const meta: GridCell[] = pad(`团委：${declaration.committee}`);
  meta[5] = `填报时间：${chineseDate(today)}`;
  const rows: GridCell[][] = [
    pad("附件2"),
    pad(ATTACHMENT2_TITLE),
    meta,
    [...COLUMNS],
    ...declaration.accounts.map((a, i): GridCell[] => [
      i + 1,
      a.township,
      a.name,
      a.id,
      ACCOUNT_TYPE_LABELS[a.type],
      a.verified ? "已认证" : "未认证",
      a.admin?.name ?? null,
      a.admin?.phone ?? null,
    ]),
  ];
  const kinds: GridRowKind[] = ["attachment", "title", "meta", "head", ...declaration.accounts.map((): GridRowKind => "body")];
  return {
    sheet: "附件2 公众号",
    rows,
    kinds,
    merges: [
      { top: 1, left: 0, bottom: 1, right: width - 1 },
      { top: 2, left: 0, bottom: 2, right: 4 },
      { top: 2, left: 5, bottom: 2, right: width - 1 },
    ],
    widths: WIDTHS,
    frozen: { rows: 4, columns: 0 },
  };
}
