import { BOM, csvField, csvFileName, tableToCsv } from "../../src/dashboard/presenters/to-csv";
import type { Table } from "../../src/dashboard/presenters/page-model";

describe("CSV export", () => {
  it("quotes per RFC 4180 only when needed, doubling quotes", () => {
    expect(csvField("轮青诚聘")).toBe("轮青诚聘");
    expect(csvField('他说"你好"')).toBe('"他说""你好"""');
    expect(csvField("招聘,实习")).toBe('"招聘,实习"');
    expect(csvField("第一行\n第二行")).toBe('"第一行\n第二行"');
    expect(csvField("a\r\nb")).toBe('"a\r\nb"');
    expect(csvField(null)).toBe("");
    expect(csvField(-3)).toBe("-3");
    expect(csvField(12345)).toBe("12345");
  });

  it("defuses youths' text that a spreadsheet would run as a formula", () => {
    expect(csvField("=HYPERLINK(\"http://x\")")).toBe("\"'=HYPERLINK(\"\"http://x\"\")\"");
    expect(csvField("+86 138")).toBe("'+86 138");
    expect(csvField("-1")).toBe("'-1");
    expect(csvField("@SUM(A1)")).toBe("'@SUM(A1)");
  });

  it("writes UTF-8 with a BOM, the Chinese header row and CRLF line ends", () => {
    const table: Table = {
      id: "unmatched",
      caption: "未匹配",
      columns: [
        { key: "content", label: "内容" },
        { key: "n", label: "次数", numeric: true },
      ],
      rows: [
        { content: "有没有篮球赛", n: 3 },
        { content: '问"补贴"怎么领,谢谢', n: 1 },
        { content: null, n: 0 },
      ],
    };
    const csv = tableToCsv(table);
    expect(csv.startsWith(BOM)).toBe(true);
    expect(Buffer.from(csv, "utf8").subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(csv).toBe('\uFEFF内容,次数\r\n有没有篮球赛,3\r\n"问""补贴""怎么领,谢谢",1\r\n,0\r\n');
  });

  it("names downloads in ASCII", () => {
    expect(csvFileName("report", "system", "2026-11")).toBe("report-system-2026-11.csv");
    expect(csvFileName("x", "y/../z", "a b")).toBe("x-y_.._z-a_b.csv");
  });
});
