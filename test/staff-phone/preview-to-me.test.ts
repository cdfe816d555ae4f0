/**
 * "发送预览到我的手机" (issue 15): once a staff member has bound their phone, `preview <post> --to me`
 * and the 稿件 page's POST /dashboard/posts/:slug/preview-to-me push the post to that phone
 * (message/mass/preview on the sandbox), without anyone learning an openid.
 */
import { loadConfig } from "../../src/config";
import { buildDeps, closeDeps } from "../../src/build-deps";
import type { Deps } from "../../src/deps";
import { previewCommand } from "../../src/cli/preview-command";
import { createStaffUserStore } from "../../src/db/stores/staff-user-store";
import { issueBindCode } from "../../src/staff-phone/issue-bind-code";
import { fixedClock } from "../../src/time";
import { captureLog } from "../helpers/build-test-deps";
import { jobFair, makeContentDir, type ContentDir } from "../posts/content-dir";
import { hiddenValue, SANDBOX_ENV, STAFF, startDashboard, type DashboardServer } from "../http/dashboard-helpers";

const WANGFANG_PHONE = "oLuntai_editor_wangfang_Xy12Ab";
const LIMING_PHONE = "oLuntai_editor_liming_Qw34Cd";

/** What the webhook does for a right "绑定 123456", straight on the store. */
function bindPhone(deps: Deps, staffName: string, openId: string): void {
  const users = createStaffUserStore(deps.db);
  const id = users.findByName(staffName)?.id ?? users.add(staffName, "scrypt$test", deps.clock.now().getTime());
  issueBindCode(deps.stores.staffPhones, "default", id, deps.clock.now());
  const [code] = deps.stores.staffPhones.recentCodes("default", new Date(0)).filter((c) => c.staffUserId === id);
  expect(deps.stores.staffPhones.bind("default", code!.id, id, openId, deps.clock.now())).toBe(true);
}

describe("preview <post> --to me", () => {
  let c: ContentDir;
  let deps: Deps;
  let output: string;
  const out = (text: string) => void (output += text);

  beforeEach(() => {
    c = makeContentDir();
    c.writePost("2026-12-24-xmas.md", jobFair({ publish_at: "2026-12-24 10:00", mode: "mass" }));
    const config = loadConfig({ DATABASE_PATH: ":memory:", CONTENT_DIR: c.dir, LOG_LEVEL: "silent" });
    deps = buildDeps(config, captureLog("warn").log, { clock: fixedClock("2026-12-01T02:00:00Z") });
    deps.sandbox!.configure({ jobDelayMs: 50 });
    output = "";
  });
  afterEach(() => {
    closeDeps(deps);
    c.remove();
  });

  const previewsTo = () => deps.sandbox!.inspect().previews.map((p) => (p.request as { touser?: string }).touser);

  it("refuses in Chinese when nobody has bound a phone, and says how to bind", async () => {
    expect(await previewCommand(deps, ["2026-12-24-xmas", "--to", "me"], out)).toBe(1);
    expect(output).toBe("还没有人绑定手机，无法发送预览。绑定方法：登录后台，打开“我的手机”页面获取绑定码，用手机微信给公众号发送“绑定 123456”。\n");
    expect(previewsTo()).toEqual([]);
  });

  it("sends to the only bound phone", async () => {
    bindPhone(deps, "wangfang", WANGFANG_PHONE);
    expect(await previewCommand(deps, ["2026-12-24-xmas.md", "--to", "me"], out)).toBe(0);
    expect(output).toMatch(/^预览已发送到 wangfang 的手机：2026-12-24-xmas\n  标题：【轮青诚聘】第1期 · 轮台县2026年冬季青年就业招聘会\n  草稿：\S+（预览用的副本/);
    expect(previewsTo()).toEqual([WANGFANG_PHONE]);
    const seen = deps.sandbox!.inspect();
    expect(seen.previews[0]!.mediaId).toBe(seen.drafts[0]!.mediaId);
    expect(seen.massSends).toHaveLength(0);
  });

  it("with two bound phones asks for --as, and --as NAME picks one (names are case-insensitive)", async () => {
    bindPhone(deps, "wangfang", WANGFANG_PHONE);
    bindPhone(deps, "liming", LIMING_PHONE);
    expect(await previewCommand(deps, ["2026-12-24-xmas", "--to", "me"], out)).toBe(1);
    expect(output).toBe("有 2 位工作人员绑定了手机（liming、wangfang）：请用 --as 账号名 指定发给谁，例如 --as liming\n");
    output = "";
    expect(await previewCommand(deps, ["2026-12-24-xmas", "--to", "me", "--as", "LiMing"], out)).toBe(0);
    expect(previewsTo()).toEqual([LIMING_PHONE]);
    output = "";
    expect(await previewCommand(deps, ["2026-12-24-xmas", "--to", "me", "--as", "zhaolei"], out)).toBe(1);
    expect(output).toContain("后台账号 zhaolei 还没有绑定手机");
  });

  it("still takes an openid, needs a post and --to, and names a post's problems", async () => {
    c.writePost("2026-12-24-bad.md", jobFair({ mode: "push" }));
    expect(await previewCommand(deps, ["2026-12-24-xmas", "--to", "oEditor_0001"], out)).toBe(0);
    expect(output).toContain("预览已发送到 oEditor_0001");
    expect(previewsTo()).toEqual(["oEditor_0001"]);
    output = "";
    expect(await previewCommand(deps, ["2026-12-24-bad"], out)).toBe(1);
    expect(output).toContain("--to OPENID|me");
    output = "";
    expect(await previewCommand(deps, ["2026-12-24-bad", "--to", "o1"], out)).toBe(1);
    expect(output).toMatch(/^这篇文章有问题，改好后才能预览：\n- .*2026-12-24-bad\.md.*mode/);
    output = "";
    expect(await previewCommand(deps, ["2026-12-24-none", "--to", "o1"], out)).toBe(1);
    expect(output).toBe("没有文章 content/posts/2026-12-24-none.md：请检查文件名（不带 .md）\n");
  });
});

describe("POST /dashboard/posts/:slug/preview-to-me (the 稿件 page's button)", () => {
  let c: ContentDir;
  let server: DashboardServer;
  beforeEach(async () => {
    c = makeContentDir();
    c.writePost("2026-12-24-xmas.md", jobFair({ publish_at: "2026-12-24 10:00", mode: "mass" }));
    server = await startDashboard({ ...SANDBOX_ENV, CONTENT_DIR: c.dir });
    server.deps.sandbox!.configure({ jobDelayMs: 50 });
  });
  afterEach(async () => {
    await server.close();
    c.remove();
  });

  it("sends to the signed-in staff member's phone, refuses without a bound phone or the CSRF token, and audits", async () => {
    const browser = server.browser();
    await browser.login();
    const csrf = hiddenValue(await (await browser.get("/dashboard/phone")).text(), "_csrf");
    const post = (headers: Record<string, string>, body = "") => browser.fetch("/dashboard/posts/2026-12-24-xmas/preview-to-me", { method: "POST", headers, body });

    expect((await post({ "content-type": "application/json" }, "{}")).status).toBe(403);

    const refused = await post({ "content-type": "application/json", "x-csrf-token": csrf }, "{}");
    expect(refused.status).toBe(422);
    expect(await refused.json()).toEqual({ ok: false, message: expect.stringContaining(`后台账号 ${STAFF.name} 还没有绑定手机`) });

    bindPhone(server.deps, STAFF.name, WANGFANG_PHONE);
    // Another staff member's phone is never "me".
    bindPhone(server.deps, "liming", LIMING_PHONE);
    const sent = await post({ "content-type": "application/json", "x-csrf-token": csrf }, "{}");
    expect(sent.status).toBe(200);
    expect(await sent.json()).toEqual({ ok: true, message: "预览已发送到你的手机：【轮青诚聘】第1期 · 轮台县2026年冬季青年就业招聘会。几秒后在微信里查看。" });
    expect(server.deps.sandbox!.inspect().previews.map((p) => (p.request as { touser?: string }).touser)).toEqual([WANGFANG_PHONE]);
    expect(server.deps.stores.audit.forTarget("default", "2026-12-24-xmas", 5).map((e) => `${e.staffName} ${e.action}`)).toEqual([`${STAFF.name} post.preview_to_me`]);

    // A plain form naming the page it came from goes back there.
    const form = await browser.post("/dashboard/posts/2026-12-24-xmas/preview-to-me", { _csrf: csrf, back: "/dashboard/drafts/2026-12-24-xmas" });
    expect(form.status).toBe(303);
    expect(form.headers.get("location")).toBe("/dashboard/drafts/2026-12-24-xmas?preview=sent");
    const unknown = await browser.fetch("/dashboard/posts/2026-12-24-none/preview-to-me", { method: "POST", headers: { "x-csrf-token": csrf } });
    expect(unknown.status).toBe(422);
    expect(((await unknown.json()) as { message: string }).message).toBe("没有文章 content/posts/2026-12-24-none.md：请检查文件名（不带 .md）");
  });
});
