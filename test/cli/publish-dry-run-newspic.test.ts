/**
 * `publish --dry-run --post` of a 图片消息 (issue 15: "type: newspic posts … go through the same
 * pipeline, checks and preview"): it says what draft/add would get (pictures, text bytes against
 * WeChat's 2048) and writes the phone preview of the 图片消息 with the post's own pictures.
 */
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import path from "node:path";
import { buildDeps, closeDeps } from "../../src/build-deps";
import { publishCommand } from "../../src/cli/publish-command";
import { loadConfig } from "../../src/config";
import type { Deps } from "../../src/deps";
import { fixedClock } from "../../src/time";
import { captureLog } from "../helpers/build-test-deps";
import { jobFair, makeContentDir, type ContentDir } from "../posts/content-dir";

let c: ContentDir;
let deps: Deps;
let output: string;
const out = (text: string) => void (output += text);
beforeEach(() => {
  c = makeContentDir();
  output = "";
  // 2026-12-01 10:00 Beijing time, in sandbox mode: a dry run calls nothing.
  const config = loadConfig({ DATABASE_PATH: ":memory:", CONTENT_DIR: c.dir, LOG_LEVEL: "silent" });
  deps = buildDeps(config, captureLog("warn").log, { clock: fixedClock("2026-12-01T02:00:00Z") });
});
afterEach(() => {
  closeDeps(deps);
  c.remove();
});

describe("publish --dry-run --post, type: newspic", () => {
  it("reports pictures and text bytes, and writes the 图片消息's phone preview with the post's pictures", async () => {
    const body = "![招聘会现场](images/job-fair.jpg)\n![志愿者在服务台](images/volunteers.png)\n\n12月5日县人才市场冬季招聘会，46家企业参会。\n\n下一场在12月19日。\n";
    c.writePost("2026-12-05-job-fair-photos.md", jobFair({ title: "冬季招聘会现场", publish_at: "2026-12-05 18:00", type: "newspic", cover: "none" }, body));
    expect(await publishCommand(deps, ["--dry-run", "--post", "2026-12-05-job-fair-photos"], out)).toBe(0);
    const text = "12月5日县人才市场冬季招聘会，46家企业参会。\n下一场在12月19日。";
    expect(output).toContain("  标题：【轮青诚聘】第1期 · 冬季招聘会现场\n");
    expect(output).toContain(`  图片消息：2 张图片（微信 1–20 张，第一张作封面），文字 ${Buffer.byteLength(text)} 字节（微信上限 2048）\n`);
    expect(output).not.toContain("微信上限 20000");
    const file = /网页：(\S+)（用浏览器打开；手机上的样子，图片是本机的文件）/.exec(output)![1]!;
    const page = readFileSync(file, "utf8");
    const picture = (name: string) => pathToFileURL(path.join(c.postsDir, "images", name)).href;
    expect([...page.matchAll(/<figure class="slide" data-slide="\d+"><img src="([^"]+)"/g)].map((m) => m[1])).toEqual([picture("job-fair.jpg"), picture("volunteers.png")]);
    expect([...page.matchAll(/data-counter>([^<]+)</g)].map((m) => m[1])).toEqual(["1/2", "2/2"]);
    expect(page).toContain(`<p class="np-text" data-newspic-text>${text}</p>`);
    expect(page).toContain("<time>2026年12月5日 18:00</time>");
    expect(deps.sandbox!.countCalls()).toBe(0);
  });

  it("--json names the type and the text's bytes", async () => {
    c.writePost("2026-12-05-job-fair-photos.md", jobFair({ title: "冬季招聘会现场", type: "newspic", cover: "none" }, "![招聘会现场](images/job-fair.jpg)\n\n招聘会现场。\n"));
    expect(await publishCommand(deps, ["--dry-run", "--json", "--post", "2026-12-05-job-fair-photos"], out)).toBe(0);
    const target = (JSON.parse(output) as { targets: Record<string, unknown>[] }).targets[0]!;
    expect(target).toMatchObject({ slug: "2026-12-05-job-fair-photos", type: "newspic", images: 1, textBytes: Buffer.byteLength("招聘会现场。"), problems: [] });
  });
});
