import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { qaCommand } from "../../src/cli/qa-command";
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
    expect(lines[0]).toMatch(/^#\s+asked\s+window left\s+assignee\s+state\s+question$/);
    expect(lines[2]).toMatch(/^1\s+2026-11-23 10:00\s+48小时0分 · 还可发 5 条\s+王芳\s+open\s+返乡创业有哪些扶持政策？$/);
    expect(lines[3]).toMatch(/^2\s+2026-11-23 11:00\s+48小时0分 · 还可发 5 条\s+阿依古丽\s+open\s+团员证丢了怎么补办？$/);
    expect((await qa("list", "--search", "团员证")).out).not.toContain("返乡创业");
  });

  it("answers inside the window through the simulator and shows every attempt", async () => {
    await h.youth().send("提问 寒假实习补贴多少？");
    expect((await qa("answer", "1", "每人每月1500元。", "--by", "李明")).out).toBe("#1 answered: delivered now by the customer-service API\n");
    expect(h.customMessages()).toHaveLength(1);
    const show = (await qa("show", "#1")).out;
    expect(show).toContain("#1  answered · delivered");
    expect(show).toContain("answer    每人每月1500元。");
    expect(show).toMatch(/李明  send_attempt · custom · delivered/);
    expect(show).toMatch(/李明  delivered · custom/);
    expect((await qa("list")).out).toBe("no open tickets\n");
    expect((await qa("list", "--all")).out).toContain("answered, delivered");
  });

  it("explains why an answer waits (45047 from WeChat) and refuses what cannot be done", async () => {
    await h.youth().send("提问 志愿者证书怎么开？");
    h.deps.sandbox!.injectError("message/custom/send", 45047, 1);
    expect((await qa("answer", "1", "请联系团县委。")).out).toContain("45047");
    expect((await qa("not-question", "1")).out).toBe("qa: #1 is answered already\n");
    expect(await qa("show", "99")).toEqual({ code: 1, out: "qa: no ticket #99\n" });
    expect((await qa("assign", "1", "赵六")).code).toBe(1);
    expect((await qa("assign", "1", "张伟")).out).toBe("#1 assigned to 张伟\n");
  });

  it("closes a ticket as not a question", async () => {
    await h.youth().send("提问 哈哈哈");
    expect((await qa("not-question", "1")).out).toBe("#1 closed as not a question\n");
    expect((await qa("list")).out).toBe("no open tickets\n");
  });

  it("picks answers and writes the roundup draft into content/posts", async () => {
    await h.youth().send("提问 返乡创业有哪些扶持政策？");
    await qa("answer", "1", "可申请创业担保贷款。");
    expect((await qa("roundup")).out).toContain("no picked answers");
    expect((await qa("pick", "1")).out).toBe("#1 picked for the roundup\n");
    const r = await qa("roundup", "--since", "2026-11-01");
    expect(r.out).toMatch(/^wrote .*2026-11-23-youth-voice-qa\.md: "青年之声问答（11\.23）", 1 question\(s\), draft: true/);
    expect(readdirSync(path.join(dir, "posts"))).toEqual(["2026-11-23-youth-voice-qa.md"]);
    expect((await qa("roundup", "--since", "yesterday")).code).toBe(1);
  });

  it("prints the weekly counts", async () => {
    await h.youth().send("提问 问题一");
    await qa("answer", "1", "答复一");
    const { out } = await qa("counts", "--from", "2026-11-23", "--to", "2026-11-29");
    expect(out.split("\n")[2]).toMatch(/^2026-W48\s+2026-11-23\s+2026-11-29\s+1\s+1\s+1\s+1\s+0分$/);
  });
});
