import { matrixTable, presentMatrix, type MatrixModel } from "../../src/dashboard/presenters/present-matrix";
import type { AccountFigures, MatrixAccount } from "../../src/stats/read-matrix-figures";

/** Beijing wall-clock time → Unix ms (Asia/Shanghai has no DST: a fixed +08:00). */
const bj = (s: string) => new Date(`${s.replace(" ", "T")}:00+08:00`).getTime();

function figures(over: Partial<AccountFigures> = {}): AccountFigures {
  return {
    followers: { total: 1000, source: "datacube", newUser: 40, cancelUser: 5, net: 35 },
    sent: { 政策法规: 1, 致富信息: 2, 新闻娱乐: 3, 便民服务: 0, 其他: 0 },
    reads: { value: 900, label: "阅读人数" },
    messages: 120,
    qa: { asked: 6, answered: 5, overdue: 0 },
    lastPublication: { title: "【轮青诚聘】第12期 · 冬季招聘会岗位一览", at: bj("2026-11-20 09:01") },
    token: { refreshedAt: bj("2026-11-23 08:00"), failure: null },
    lastPushAt: bj("2026-11-23 09:58"),
    publicationFailure: null,
    statsErrors: [],
    ...over,
  };
}

const COUNTY: MatrixAccount = {
  id: "default",
  name: "青春轮台",
  township: "团县委",
  level: "county",
  standing: "served",
  figures: figures({ followers: { total: 12290, source: "datacube", newUser: 310, cancelUser: 42, net: 268 } }),
};
const LUNNAN: MatrixAccount = {
  id: "lunnan",
  name: "青春轮南",
  township: "轮南镇",
  level: "township",
  standing: "served",
  figures: figures({
    followers: { total: 860, source: "logs", newUser: 25, cancelUser: 3, net: 22 },
    sent: { 政策法规: 0, 致富信息: 4, 新闻娱乐: 1, 便民服务: 2, 其他: 1 },
    reads: { value: null, label: "阅读人数" },
    messages: 300,
    qa: { asked: 4, answered: 1, overdue: 2 },
    lastPublication: null,
    // The token failed after its last success: 40164, the server's IP is not whitelisted.
    token: { refreshedAt: bj("2026-11-20 08:00"), failure: { at: bj("2026-11-23 08:40"), errcode: 40164, detail: "invalid ip 47.92.1.8, not in whitelist" } },
    lastPushAt: null,
    publicationFailure: { title: "轮南镇青年夜校开课", state: "failed", reason: "图片太大（40009）：请把图片压缩到 1 MB 以内后重新发布", at: bj("2026-11-22 09:00") },
  }),
};
const YANGXIA: MatrixAccount = {
  id: "yangxia",
  name: "阳霞青年",
  township: "阳霞镇",
  level: "township",
  standing: "served",
  figures: figures({
    followers: { total: 430, source: "datacube", newUser: null, cancelUser: null, net: null },
    reads: { value: 210, label: "阅读人数" },
    messages: 45,
    // An old failure, published since: history, not a problem now.
    publicationFailure: { title: "阳霞镇农技培训通知", state: "missed", reason: "服务器停机，错过发布时间", at: bj("2026-11-02 09:00") },
    statsErrors: [],
  }),
};
const PAUSED: MatrixAccount = { id: "tarlak", name: "塔尔拉克青年", township: "塔尔拉克乡", level: "township", standing: "paused" };
const BROKEN: MatrixAccount = {
  id: "qunbake",
  name: "青春群巴克",
  township: "群巴克镇",
  level: "township",
  standing: "problem",
  problem: "内容文件夹有问题，本账号暂不收发：content/accounts/qunbake/columns.yml 不存在",
};

const present = (sort?: { key: string; dir?: "asc" | "desc" }) =>
  presentMatrix({ month: "2026-11", accounts: [COUNTY, LUNNAN, YANGXIA, PAUSED, BROKEN], sort, timezone: "Asia/Shanghai" });
const order = (m: MatrixModel) => m.rows.map((r) => r.id);

describe("presentMatrix (矩阵 page)", () => {
  it("keeps accounts.yml's order without a sort, and sorts by any column both ways, empty cells last", () => {
    expect(order(present())).toEqual(["default", "lunnan", "yangxia", "tarlak", "qunbake"]);
    expect(order(present({ key: "followers", dir: "desc" }))).toEqual(["default", "lunnan", "yangxia", "tarlak", "qunbake"]);
    expect(order(present({ key: "followers", dir: "asc" }))).toEqual(["yangxia", "lunnan", "default", "tarlak", "qunbake"]);
    expect(order(present({ key: "messages" }))).toEqual(["lunnan", "default", "yangxia", "tarlak", "qunbake"]);
    // 净增 unknown for 阳霞 (datacube not synced for the month): after the known ones, in either direction.
    expect(order(present({ key: "net", dir: "asc" })).slice(0, 3)).toEqual(["lunnan", "default", "yangxia"]);
    expect(order(present({ key: "net", dir: "desc" })).slice(0, 3)).toEqual(["default", "lunnan", "yangxia"]);
    expect(order(present({ key: "sentWealth" })).slice(0, 3)).toEqual(["lunnan", "default", "yangxia"]);
    // 状态 descending: what needs someone first (the broken township, then the failing token).
    expect(order(present({ key: "health", dir: "desc" })).slice(0, 2)).toEqual(["qunbake", "lunnan"]);
  });

  it("links each header to the other direction of its own sort, and marks the current one", () => {
    const m = present({ key: "followers", dir: "desc" });
    const followers = m.headers.find((h) => h.key === "followers")!;
    expect(followers).toMatchObject({ ariaSort: "descending", href: "/dashboard/matrix?month=2026-11&sort=followers&dir=asc" });
    expect(m.headers.find((h) => h.key === "name")).toMatchObject({ ariaSort: "none", href: "/dashboard/matrix?month=2026-11&sort=name&dir=asc" });
    expect(m.csvHref).toBe("/dashboard/matrix.csv?month=2026-11&sort=followers&dir=desc");
    // An unknown column is no sort at all, not an error.
    expect(present({ key: "salary" }).sort).toBeNull();
  });

  it("adds the 合计 row over the visible accounts and counts those needing attention", () => {
    const m = present();
    expect(m.totals["followers"]!.csv).toBe(12290 + 860 + 430);
    expect(m.totals["newFollowers"]!.csv).toBe(310 + 25);
    expect(m.totals["sentWealth"]!.csv).toBe(2 + 4 + 2);
    expect(m.totals["sentTotal"]!.csv).toBe(6 + 8 + 6);
    expect(m.totals["reads"]!.csv).toBe(900 + 210);
    expect(m.totals["qaOverdue"]!.csv).toBe(2);
    expect(m.totals["name"]!.text).toBe("合计（5 个账号）");
    expect(m.totals["health"]!.text).toBe("2 个账号需要处理");
  });

  it("says in Chinese what is wrong: the token's errcode, a failure newer than the last publication", () => {
    const m = present();
    const lunnan = m.rows.find((r) => r.id === "lunnan")!;
    expect(lunnan.attention).toBe(true);
    expect(lunnan.cells["token"]!.text).toMatch(/^令牌获取失败：服务器 IP 不在白名单（40164）/);
    expect(lunnan.cells["health"]!.text).toBe(lunnan.cells["token"]!.text);
    expect(lunnan.cells["lastFailure"]!.text).toBe("2026-11-22 09:00 发布失败：《轮南镇青年夜校开课》 图片太大（40009）：请把图片压缩到 1 MB 以内后重新发布");
    expect(lunnan.cells["lastPush"]!.text).toBe("从未收到");
    expect(lunnan.cells["followers"]!.hint).toMatch(/本系统记录/);
    expect(m.notices.join("")).toMatch(/本系统记录的关注事件/);

    const yangxia = m.rows.find((r) => r.id === "yangxia")!;
    expect(yangxia.attention).toBe(false);
    expect(yangxia.cells["health"]!.text).toBe("正常");
    expect(yangxia.cells["token"]!.text).toBe("正常");
    expect(yangxia.cells["lastFailure"]!.text).toBe("2026-11-02 09:00 错过发布时间：《阳霞镇农技培训通知》 服务器停机，错过发布时间");
    expect(yangxia.cells["lastFailure"]!.attention).toBeUndefined();
    expect(yangxia.cells["lastPublication"]!.text).toBe("【轮青诚聘】第12期 · 冬季招聘会岗位一览 · 2026-11-20 09:01");
  });

  it("lists a paused account and a township that could not be served, with what to do and no figures", () => {
    const m = present();
    const paused = m.rows.find((r) => r.id === "tarlak")!;
    expect(paused).toMatchObject({ standing: "paused", attention: false, href: "/dashboard/?account=tarlak" });
    expect(paused.cells["health"]!.text).toBe("已暂停");
    expect(paused.note).toMatch(/paused: true/);
    expect(paused.cells["followers"]).toBeUndefined();
    const broken = m.rows.find((r) => r.id === "qunbake")!;
    expect(broken).toMatchObject({ standing: "problem", attention: true });
    expect(broken.cells["health"]!.text).toBe("无法收发");
    expect(broken.note).toContain("content/accounts/qunbake/columns.yml 不存在");
    expect(broken.note).toContain("npm run cli -- check");
  });

  it("gives the CSV the same rows in the same order, the 合计 line last", () => {
    const t = matrixTable(present({ key: "followers", dir: "asc" }));
    expect(t.rows.map((r) => r["id"])).toEqual(["yangxia", "lunnan", "default", "tarlak", "qunbake", ""]);
    expect(t.columns.map((c) => c.label)).toContain("发文合计");
    const last = t.rows[t.rows.length - 1]!;
    expect(last).toMatchObject({ name: "合计（5 个账号）", followers: 13580 });
    expect(t.rows[3]!["health"]).toMatch(/^已暂停：content\/accounts.yml/);
  });
});
