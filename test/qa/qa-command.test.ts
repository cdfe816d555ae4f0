import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { qaCommand } from "../../src/cli/qa-command";
import { width } from "../../src/cli/format-table";
import { startQa, type QaHarness } from "./qa-harness";

const REPO = path.join(__dirname, "../fixtures/content");

describe("qaCommand (npm run cli -- qa …)", () => {
  let h: QaHarness;
  let dir: string;
  beforeEach(async () => {
    // A copy of content/: `qa roundup` writes into content/posts/.
    dir = mkdtempSync(path.join(tmpdir(), "qa-cli-"));
    for (const f of ["columns.yml", "replies.yml", "menu.yml", "qa.yml"]) cpSync(path.join(REPO, f), path.join(dir, f));
    mkdirSync(path.join(dir, "posts"));
    h = await startQa({ CONTENT_DIR: dir });
  });
  afterEach(async () => {
    await h.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function qa(...args: string[]): Promise<{ code: number; out: string }> {
    let out = "";
    const code = await qaCommand(h.deps, args, (t) => void (out += t));
    return { code, out };
  }

  it("lists open tickets oldest first with the window left and the assignee", async () => {
    await h.youth().send("提问 返乡创业有哪些扶持政策？");
    h.clock.advance(60 * 60_000);
    await h.youth().send("提问 团员证丢了怎么补办？");
    const { code, out } = await qa("list");
    expect(code).toBe(0);
    const lines = out.trimEnd().split("\n");
    expect(lines[0]).toMatch(/^#\s+提问时间（北京时间）\s+回复窗口剩余\s+负责人\s+状态\s+问题$/);
    expect(lines[2]).toMatch(/^1\s+2026-11-23 10:00\s+48小时0分 · 还可发 5 条\s+王芳\s+待答复\s+返乡创业有哪些扶持政策？$/);
    expect(lines[3]).toMatch(/^2\s+2026-11-23 11:00\s+48小时0分 · 还可发 5 条\s+阿依古丽\s+待答复\s+团员证丢了怎么补办？$/);
    // Aligned: each column starts at the same terminal column whatever the width of the Chinese in it.
    const col = (line: string, text: string) => width(line.slice(0, line.indexOf(text)));
    expect(col(lines[2]!, "王芳")).toBe(col(lines[0]!, "负责人"));
    expect(col(lines[3]!, "阿依古丽")).toBe(col(lines[0]!, "负责人"));
    expect(col(lines[3]!, "待答复")).toBe(col(lines[0]!, "状态"));
    expect((await qa("list", "--search", "团员证")).out).not.toContain("返乡创业");
  });

  it("answers inside the window through the simulator and shows every attempt", async () => {
    await h.youth().send("提问 寒假实习补贴多少？");
    expect((await qa("answer", "1", "每人每月1500元。", "--by", "李明")).out).toBe("#1 已答复：已通过客服消息送达\n");
    expect(h.customMessages()).toHaveLength(1);
    const show = (await qa("show", "#1")).out;
    expect(show).toContain("#1  已答复 · 客服消息已送达");
    expect(show).toContain("提问时间  2026-11-23 10:00（北京时间）");
    expect(show).toContain("答复      每人每月1500元。");
    expect(show).toContain("处理记录（北京时间）：");
    expect(show).toMatch(/2026-11-23 10:00:00\s+李明\s+发送客服消息（客服消息）\s+成功/);
    expect(show).toMatch(/李明\s+送达（客服消息）/);
    expect((await qa("list")).out).toBe("没有待答复的提问\n");
    expect((await qa("list", "--all")).out).toContain("已答复 · 客服消息已送达");
  });

  it("explains why an answer waits (45047 from WeChat) and refuses what cannot be done", async () => {
    await h.youth().send("提问 志愿者证书怎么开？");
    h.deps.sandbox!.injectError("message/custom/send", 45047, 1);
    expect((await qa("answer", "1", "请联系团县委。")).out).toBe(
      "#1 已答复：微信拒绝了客服消息：45047（这个窗口的 5 条已用完）。答复会在青年下次发消息时送达\n",
    );
    expect((await qa("not-question", "1")).out).toBe("qa：#1 已经答复了\n");
    expect(await qa("show", "99")).toEqual({ code: 1, out: "qa：没有 #99 号提问：用 qa list --all 或后台“青年之声”页查看编号\n" });
    expect(await qa("show", "abc")).toEqual({ code: 1, out: "qa：请写提问的编号，例如 qa show 123（现在写的是「abc」）\n" });
    const unknown = await qa("assign", "1", "赵六");
    expect(unknown.code).toBe(1);
    expect(unknown.out).toContain("qa：「赵六」不在值班表里（content/qa.yml 的 duty）：可以交给 王芳、");
    expect((await qa("assign", "1", "张伟")).out).toBe("#1 已交给 张伟\n");
  });

  it("closes a ticket as not a question", async () => {
    await h.youth().send("提问 哈哈哈");
    expect((await qa("not-question", "1")).out).toBe("#1 已标记为“不是问题”并关闭\n");
    expect((await qa("list")).out).toBe("没有待答复的提问\n");
  });

  it("picks answers and writes the roundup draft into content/posts", async () => {
    await h.youth().send("提问 返乡创业有哪些扶持政策？");
    await qa("answer", "1", "可申请创业担保贷款。");
    expect((await qa("roundup")).out).toBe("没有选入汇编的答复：先用 qa pick N 或在后台“青年之声”页选几条\n");
    expect((await qa("pick", "1")).out).toBe("#1 已选入“青年之声问答”汇编\n");
    const r = await qa("roundup", "--since", "2026-11-01");
    expect(r.out).toMatch(/^已写好 .*2026-11-23-youth-voice-qa\.md：「青年之声问答（11\.23）」，共 1 个问答，draft: true（草稿）/);
    expect(readdirSync(path.join(dir, "posts"))).toEqual(["2026-11-23-youth-voice-qa.md"]);
    expect((await qa("roundup", "--since", "yesterday")).code).toBe(1);
  });

  it("gives machine output with --json: stable keys, ISO times, no openid", async () => {
    await h.youth().send("提问 返乡创业有哪些扶持政策？");
    const list = JSON.parse((await qa("list", "--json")).out);
    expect(list).toEqual({
      total: 1,
      tickets: [expect.objectContaining({ id: 1, state: "open", assignee: "王芳", question: "返乡创业有哪些扶持政策？", askedAt: "2026-11-23T02:00:00.000Z" })],
    });
    expect(Object.keys(list.tickets[0])).not.toContain("openId");
    const show = JSON.parse((await qa("show", "1", "--json")).out);
    expect(show).toMatchObject({ id: 1, window: { open: true, remaining: 5 }, events: [expect.objectContaining({ kind: "asked" }), expect.objectContaining({ kind: "assigned" })] });
  });

  it("answers an unknown subcommand with the usage in Chinese", async () => {
    const { code, out } = await qa("delete", "1");
    expect(code).toBe(1);
    expect(out).toContain("qa：没有「delete」这个子命令");
    expect(out).toContain("qa answer N \"答复\" [--by 姓名]");
  });

  it("prints the weekly counts", async () => {
    await h.youth().send("提问 问题一");
    await qa("answer", "1", "答复一");
    const { out } = await qa("counts", "--from", "2026-11-23", "--to", "2026-11-29");
    expect(out.split("\n")[0]).toMatch(/^周\s+从\s+到\s+提问\s+答复\s+送达\s+48 小时内答复\s+答复用时中位数$/);
    expect(out.split("\n")[2]).toMatch(/^2026-W48\s+2026-11-23\s+2026-11-29\s+1\s+1\s+1\s+1\s+0分$/);
    const json = JSON.parse((await qa("counts", "--from", "2026-11-23", "--to", "2026-11-29", "--json")).out);
    expect(json).toEqual([expect.objectContaining({ key: "2026-W48", asked: 1, answered: 1, delivered: 1, answeredWithin48h: 1 })]);
  });
});
