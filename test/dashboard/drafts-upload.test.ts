/**
 * Bad input on the 稿件 page (issue 15): pictures are checked by content (jpg, png, gif, webp; no
 * SVG, no HTML), capped at WeChat's 10 MB with the cap named, given safe names inside
 * content/posts/images/ and never written over another post's picture; Markdown files are UTF-8
 * (BOM dropped) or GBK (converted, and the page says so), capped at 200 KB. Every upload: login,
 * CSRF, an audit line.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { hiddenValue, startDashboard, type Browser, type DashboardServer } from "../http/dashboard-helpers";
import { FIXTURE_CONTENT, jobFair, makeContentDir, type ContentDir } from "../posts/content-dir";

const JPG = readFileSync(path.join(FIXTURE_CONTENT, "posts/images/job-fair.jpg"));
const PNG = readFileSync(path.join(FIXTURE_CONTENT, "posts/images/volunteers.png"));
const SVG = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(1)</script></svg>');
const GBK_POST = (() => {
  // "标题" etc. in GBK, as Windows Notepad in China saves by default.
  const text = jobFair({ title: "寒假返乡大学生座谈会" }, "座谈会将于寒假期间举行。\n");
  return Buffer.from(new Uint8Array(require("iconv-lite").encode(text, "gbk") as Buffer));
})();

describe("稿件: uploads", () => {
  let s: DashboardServer;
  let content: ContentDir;
  let b: Browser;
  let token: string;

  beforeEach(async () => {
    content = makeContentDir();
    s = await startDashboard({ CONTENT_DIR: content.dir });
    b = s.browser();
    await b.login();
    token = hiddenValue(await (await b.get("/dashboard/drafts")).text(), "_csrf");
  });
  afterEach(async () => {
    await s.close();
    content.remove();
  });
  const images = () => readdirSync(path.join(content.postsDir, "images")).sort();

  async function picture(data: Buffer, filename: string, withToken = true): Promise<{ status: number; body: { ok: boolean; ref?: string; problem?: string; note?: string } }> {
    const form = new FormData();
    if (withToken) form.append("_csrf", token);
    form.append("post", "2026-12-05-winter-job-fair");
    form.append("file", new Blob([new Uint8Array(data)]), filename);
    const res = await b.fetch("/dashboard/drafts/images", { method: "POST", body: form, headers: { accept: "application/json" } });
    return { status: res.status, body: res.status === 403 ? { ok: false } : ((await res.json()) as never) };
  }

  it("takes a phone photo with an unsafe name: a safe name inside images/, an audit line", async () => {
    const r = await picture(JPG, "../../微信图片_20261201 IMG 0042.JPG");
    expect(r).toEqual({ status: 200, body: { ok: true, ref: "images/20261201-img-0042.jpg", name: "20261201-img-0042.jpg", note: "已插入 images/20261201-img-0042.jpg" } });
    expect(readFileSync(path.join(content.postsDir, "images/20261201-img-0042.jpg"))).toEqual(JPG);
    expect(existsSync(path.join(content.dir, "20261201-img-0042.jpg"))).toBe(false);
    expect(s.deps.stores.audit.latest("default", 1)[0]).toMatchObject({ action: "image.upload", target: "images/20261201-img-0042.jpg", staffName: "wangfang" });
  });

  it("never overwrites another post's picture: a different picture under a taken name gets a suffix; the same bytes are reused", async () => {
    const r = await picture(PNG, "job-fair.png");
    expect(r.body).toMatchObject({ ok: true, ref: "images/job-fair.png" });
    const same = await picture(PNG, "job-fair.png");
    expect(same.body).toMatchObject({ ok: true, ref: "images/job-fair.png" });
    expect(same.body.note).toContain("同一张图片已存在，直接使用");
    const other = await picture(JPG, "job-fair.png");
    // Same name, other content (and it is a jpg): its own name, the png untouched.
    expect(other.body.ref).toBe("images/job-fair.jpg");
    const again = await picture(Buffer.concat([JPG, Buffer.from([0])]), "job-fair.jpg");
    expect(again.body).toMatchObject({ ok: true, ref: "images/job-fair-2.jpg" });
    expect(again.body.note).toContain("已改名，原图未被覆盖");
    expect(readFileSync(path.join(content.postsDir, "images/job-fair.jpg"))).toEqual(JPG);
    expect(readFileSync(path.join(content.postsDir, "images/job-fair.png"))).toEqual(PNG);
  });

  it("refuses SVG and HTML named as pictures, by their content", async () => {
    const before = images();
    for (const [data, name] of [
      [SVG, "poster.jpg"],
      [SVG, "poster.svg"],
      [Buffer.from("<!doctype html><script>alert(1)</script>"), "photo.png"],
    ] as const) {
      const r = await picture(data, name);
      expect(r.status).toBe(422);
      expect(r.body.problem).toContain("不是 jpg、png、gif 或 webp 图片（按文件内容判断");
    }
    expect(images()).toEqual(before);
  });

  it("refuses a picture over 10 MB, naming the cap", async () => {
    const big = Buffer.concat([JPG, Buffer.alloc(10 * 1024 * 1024)]);
    const r = await picture(big, "huge.jpg");
    expect(r.body.ok).toBe(false);
    expect(r.body.problem).toContain("最大 10 MB（微信永久素材图片的上限）");
    expect(images()).not.toContain("huge.jpg");
  });

  it("refuses an upload without the CSRF token", async () => {
    const r = await picture(JPG, "job.jpg", false);
    expect(r.status).toBe(403);
    expect(images()).not.toContain("job.jpg");
  });

  async function upload(files: { data: Buffer; name: string }[], name = ""): Promise<Response> {
    const form = new FormData();
    form.append("_csrf", token);
    form.append("name", name);
    for (const f of files) form.append("files", new Blob([new Uint8Array(f.data)]), f.name);
    return b.fetch("/dashboard/drafts/upload", { method: "POST", body: form });
  }

  it("uploads a .md with its pictures: a taken picture name is renamed and the text follows", async () => {
    const text = jobFair({ cover: "images/job-fair.jpg" }, "现场照片：\n\n![现场](images/job-fair.jpg)\n");
    const res = await upload([
      { data: Buffer.from(text), name: "2026-12-05-winter-job-fair.md" },
      { data: PNG, name: "job-fair.jpg" },
    ]);
    expect(res.status).toBe(303);
    const saved = readFileSync(path.join(content.postsDir, "2026-12-05-winter-job-fair.md"), "utf8");
    expect(saved).toContain("![现场](images/job-fair.png)");
    expect(saved).toContain("cover: images/job-fair.png");
    expect(readFileSync(path.join(content.postsDir, "images/job-fair.jpg"))).toEqual(readFileSync(path.join(FIXTURE_CONTENT, "posts/images/job-fair.jpg")));
    expect(s.deps.stores.audit.latest("default", 5).map((a) => a.action)).toEqual(["post.upload", "image.upload"]);
  });

  it("reads a UTF-8 file with a BOM, and converts a GBK file, saying so", async () => {
    const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(jobFair({}, "正文。\n"))]);
    expect((await upload([{ data: bom, name: "2026-12-06-bom.md" }])).status).toBe(303);
    expect(readFileSync(path.join(content.postsDir, "2026-12-06-bom.md"), "utf8").startsWith("---\ntitle:")).toBe(true);

    const res = await upload([{ data: GBK_POST, name: "2026-12-07-gbk.md" }]);
    expect(res.status).toBe(303);
    expect(readFileSync(path.join(content.postsDir, "2026-12-07-gbk.md"), "utf8")).toContain("title: 寒假返乡大学生座谈会");
  });

  it("a GBK file that needs fixing opens in the editor with the conversion named and its problems listed", async () => {
    const text = jobFair({ title: "寒假返乡大学生座谈会", column: "" }, "联系人：\n");
    const gbk = Buffer.from(new Uint8Array(require("iconv-lite").encode(text, "gbk") as Buffer));
    const res = await upload([{ data: gbk, name: "座谈会.md" }]);
    expect(res.status).toBe(422);
    const page = await res.text();
    expect(page).toContain("是 GBK 编码，已自动转换为 UTF-8 保存");
    expect(page).toContain("的文件名不是“日期-英文短名.md”");
    expect(page).toContain('value="寒假返乡大学生座谈会"');
    expect(readdirSync(content.postsDir).filter((n) => n.endsWith(".md"))).toEqual([]);
  });

  it("refuses a Markdown file over 200 KB, and binary posing as Markdown", async () => {
    const big = Buffer.from(jobFair({}, "很长的正文。\n".repeat(20_000)));
    const res = await upload([{ data: big, name: "2026-12-08-long.md" }]);
    expect(await res.text()).toContain("Markdown 文件最大 200 KB");
    const bin = await upload([{ data: JPG, name: "2026-12-08-photo.md" }]);
    expect(await bin.text()).toContain("不是文本文件");
    expect(readdirSync(content.postsDir).filter((n) => n.endsWith(".md"))).toEqual([]);
  });
});
