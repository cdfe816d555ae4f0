import { AppError, ContentError, WeChatApiError } from "../../src/errors";
import { clientMsgId } from "../../src/publisher/client-msg-id";
import { classifyFailure, PostProblems, retryDelay } from "../../src/publisher/failure-policy";
import { massOutcome } from "../../src/publisher/apply-result";
import { upcomingIssues } from "../../src/publisher/upcoming-issues";
import type { Post } from "../../src/posts/post";
import type { Publication } from "../../src/db/stores/publication-store";

describe("clientMsgId", () => {
  it("is deterministic, short ASCII, and differs per post and per draft", () => {
    const id = clientMsgId("default", "2026-12-01-job-fair", "MEDIA_1");
    expect(id).toMatch(/^ql[A-Za-z0-9_-]{22}$/);
    expect(clientMsgId("default", "2026-12-01-job-fair", "MEDIA_1")).toBe(id);
    expect(clientMsgId("default", "2026-12-01-job-fair", "MEDIA_2")).not.toBe(id);
    expect(clientMsgId("township-a", "2026-12-01-job-fair", "MEDIA_1")).not.toBe(id);
    expect(Buffer.byteLength(id)).toBeLessThanOrEqual(32);
  });
});

describe("classifyFailure", () => {
  const api = (errcode: number) => new WeChatApiError("/cgi-bin/message/mass/sendall", errcode, "x");
  it("reads 45028 as waiting for quota", () => {
    expect(classifyFailure(api(45028), 1)).toMatchObject({ kind: "quota", code: "wechat_45028" });
  });
  it("retries busy, minute quota, clientmsgid-too-fast and admin confirmation, waiting at least as WeChat asks", () => {
    expect(classifyFailure(api(-1), 1)).toMatchObject({ kind: "retry", delayMs: 60_000 });
    expect(classifyFailure(api(45066), 1)).toMatchObject({ kind: "retry", delayMs: 61_000, reason: "同一群发重试太快（45066）：一分钟后自动核对，不会重复群发（接口 /cgi-bin/message/mass/sendall）" });
    expect(classifyFailure(api(45009), 1)).toMatchObject({ kind: "retry", delayMs: 3600_000 });
    expect(classifyFailure(api(89503), 1)).toMatchObject({ kind: "approval_pending", reason: expect.stringContaining("API 群发保护") });
    expect(classifyFailure(api(89507), 1)).toMatchObject({ kind: "approval_refused", reason: expect.stringContaining("管理员拒绝了群发") });
    expect(classifyFailure(api(48001), 1)).toMatchObject({ kind: "draft_only", reason: expect.stringContaining("该账号无发布接口权限，请在公众号后台手动发表") });
    expect(classifyFailure(api(-1), 3)).toMatchObject({ delayMs: 15 * 60_000 });
  });
  it("fails at once on permission, content and unknown errcodes, with what to do", () => {
    expect(classifyFailure(api(40164), 1)).toMatchObject({ kind: "fatal", reason: expect.stringContaining("IP白名单") });
    expect(classifyFailure(api(53503), 1)).toMatchObject({ kind: "fatal", reason: expect.stringContaining("草稿箱") });
    expect(classifyFailure(api(99999), 1)).toEqual({ kind: "fatal", code: "wechat_99999", reason: "微信拒绝了请求（errcode 99999：x）：请把这句话发给技术人员，处理后点“重试”（接口 /cgi-bin/message/mass/sendall）" });
    expect(classifyFailure(new PostProblems([new ContentError("a.md", "bad")]), 1)).toEqual({ kind: "fatal", code: "content", reason: "稿件有问题，请修改后点“重试”：\na.md: bad" });
    expect(classifyFailure(new ContentError("a.jpg", "cannot read the image"), 1)).toMatchObject({ kind: "fatal", code: "content" });
  });
  it("retries network errors and unexpected bodies", () => {
    expect(classifyFailure(new TypeError("fetch failed"), 1)).toEqual({ kind: "retry", code: "network", reason: "连不上微信接口或回答异常（fetch failed）：稍后自动重试，无需操作", delayMs: 60_000 });
    expect(classifyFailure(new AppError("wechat_bad_response", "odd"), 2)).toMatchObject({ kind: "retry", code: "wechat_bad_response", delayMs: 300_000 });
    expect(retryDelay(99)).toBe(3600_000);
  });
});

describe("massOutcome", () => {
  it("reads mass/get statuses and MASSSENDJOBFINISH texts alike", () => {
    expect(["SEND_SUCCESS", "send success", "SENDING", "SEND_FAIL", "send fail", "err(20001)", "DELETE"].map(massOutcome)).toEqual([
      "success", "success", "pending", "failure", "failure", "failure", "failure",
    ]);
  });
});

describe("upcomingIssues", () => {
  const p = (slug: string, columnId: string, day: number, o: Partial<Post> = {}) => ({ slug, columnId, publishAt: new Date(Date.UTC(2026, 11, day)), draft: false, issue: undefined, ...o }) as Post;
  const r = (slug: string, o: Partial<Publication>) => ({ slug, columnId: "careers", state: "published", issue: 5, ...o }) as Publication;
  it("keeps numbers of published and under-way posts and counts on in publish_at order per column", () => {
    const posts = [p("late", "careers", 9), p("done", "careers", 1), p("going", "careers", 2), p("early", "careers", 3), p("n", "news", 4), p("fixed", "careers", 4, { issue: 40 }), p("d", "careers", 5, { draft: true })];
    const rows = [r("done", { issue: 5 }), r("going", { state: "submitted", issue: 6 })];
    const issues = upcomingIssues(posts, rows, (c) => (c === "careers" ? 5 : 0), { now: new Date(Date.UTC(2026, 11, 1)) });
    expect(Object.fromEntries(issues)).toEqual({ done: 5, going: 6, early: 7, n: 1, fixed: 40, d: 8, late: 8 });
  });

  it("gives a shipped example already past no number: it is never sent, so the next post is the column's next (issue 15)", () => {
    const posts = [p("example", "careers", 1, { demo: true }), p("real", "careers", 8), p("upcoming-example", "careers", 9, { demo: true })];
    const issues = upcomingIssues(posts, [], () => 0, { now: new Date(Date.UTC(2026, 11, 6)) });
    expect(issues.get("real")).toBe(1);
    expect(issues.get("upcoming-example")).toBe(2);
  });
});
