import type { BotContent } from "../../src/bot/bot-content";
import {
  articleList,
  matchKeyword,
  routeMessage,
  truncateUtf8,
  type PublishedArticle,
  type RouteFacts,
} from "../../src/bot/route-message";
import type { Reply } from "../../src/wechat/types";
import { inbound } from "../helpers/inbound";
import { REPLIES_YML, fixtureContent, removeContentDirs } from "./content-fixture";

const NOW = new Date("2026-12-01T01:30:00Z"); // 2026-12-01 09:30 Beijing time

function article(n: number, title: string, overrides: Partial<PublishedArticle> = {}): PublishedArticle {
  return {
    title,
    digest: `${title}（摘要）`,
    url: `https://mp.weixin.qq.com/s/luntai-${n}`,
    coverUrl: `https://mmbiz.qpic.cn/covers/${n}.jpg`,
    publishedAt: new Date(Date.UTC(2026, 10, 30 - n, 1, 0)),
    issue: 40 - n,
    ...overrides,
  };
}

const CAREERS_POSTS = [
  article(1, "轮台县2026年秋季青年就业招聘会"),
  article(2, "县人社局发布创业担保贷款新政"),
  article(3, "塔里木石油基地招聘青年技术工人"),
];

/** Facts with the given published articles per column (newest first); records the calls. */
function facts(
  published: Record<string, PublishedArticle[]> = {},
  lastDefaultReplyAt: Date | undefined = undefined,
): RouteFacts & { calls: Array<[string, number]> } {
  const calls: Array<[string, number]> = [];
  return {
    now: NOW,
    lastDefaultReplyAt,
    calls,
    latestArticles(columnId, limit) {
      calls.push([columnId, limit]);
      return (published[columnId] ?? []).slice(0, limit);
    },
  };
}

function textOf(reply: Reply | null): string {
  if (reply?.type !== "text") throw new Error(`expected a text reply, got ${JSON.stringify(reply)}`);
  return reply.content;
}

let content: BotContent;
beforeAll(() => {
  content = fixtureContent();
});
afterAll(removeContentDirs);

describe("routeMessage", () => {
  describe("keyword match modes", () => {
    it("answers an exact keyword with its column", () => {
      const r = routeMessage(inbound.text("诚聘"), content, facts());
      expect(r).toMatchObject({ ruleId: "careers:exact:诚聘", columnId: "careers", matchMode: "exact" });
    });

    it("answers a message containing a contains keyword", () => {
      const r = routeMessage(inbound.text("请问县里最近有招聘会吗？"), content, facts());
      expect(r).toMatchObject({ ruleId: "careers:contains:招聘会", columnId: "careers", matchMode: "contains" });
    });

    it("answers a message matching a regex keyword", () => {
      const r = routeMessage(inbound.text("求职登记"), content, facts());
      expect(r).toMatchObject({ ruleId: "careers:regex:^(招聘|求职)\\S*$", columnId: "careers", matchMode: "regex" });
    });

    it("does not treat an exact keyword as contained in a longer message", () => {
      const r = routeMessage(inbound.text("我想当大学生村官"), content, facts());
      expect(r).toMatchObject({ ruleId: "default", matchMode: "default" });
    });
  });

  describe("precedence", () => {
    it("prefers an exact keyword over a regex that also matches", () => {
      expect(routeMessage(inbound.text("招聘"), content, facts()).ruleId).toBe("careers:exact:招聘");
    });

    it("prefers an exact keyword over an earlier column's contains keyword", () => {
      // inspiration (earlier in the file) has contains 志愿者; students has exact 志愿者.
      expect(routeMessage(inbound.text("志愿者"), content, facts()).ruleId).toBe("students:exact:志愿者");
      expect(routeMessage(inbound.text("优秀志愿者事迹"), content, facts()).ruleId).toBe("inspiration:contains:志愿者");
    });

    it("prefers a contains keyword over an earlier column's regex", () => {
      // careers' regex ^(招聘|求职)\S*$ matches too, and careers comes first in the file.
      const r = routeMessage(inbound.text("求职志愿服务"), content, facts());
      expect(r).toMatchObject({ ruleId: "students:contains:志愿服务", columnId: "students" });
    });

    it("takes the first contains keyword in file order when several match", () => {
      expect(routeMessage(inbound.text("返乡实习找工作"), content, facts()).ruleId).toBe("careers:contains:找工作");
    });

    it("takes the first regex in file order when several match", () => {
      expect(routeMessage(inbound.text("求职实习"), content, facts()).ruleId).toBe("careers:regex:^(招聘|求职)\\S*$");
      expect(routeMessage(inbound.text("求职 暑期实习"), content, facts()).ruleId).toBe("students:regex:^求职.*实习$");
    });
  });

  describe("normalisation", () => {
    it.each([
      ["leading and trailing spaces", "  诚聘  ", "careers:exact:诚聘"],
      ["a full-width (ideographic) space", "诚聘\u3000", "careers:exact:诚聘"],
      ["a trailing newline", "招聘\n", "careers:exact:招聘"],
      ["full-width Latin letters", "ＪＯＢ", "careers:exact:job"],
      ["upper-case Latin letters", "JOB", "careers:exact:job"],
      ["lower-case Latin letters", "job", "careers:exact:job"],
      ["a full-width digit of the numbered menu", "１", "news:menu:1"],
      ["a full-width letter inside a contains match", "有没有招聘会？ＴＨＸ", "careers:contains:招聘会"],
    ])("matches despite %s", (_what, input, ruleId) => {
      expect(routeMessage(inbound.text(input), content, facts()).ruleId).toBe(ruleId);
    });

    it("treats a blank message as unmatched", () => {
      expect(matchKeyword(" \u3000 ", content)).toBeUndefined();
    });
  });

  describe("numbered menu", () => {
    it("routes a digit to its column as a menu match", () => {
      const r = routeMessage(inbound.text("2"), content, facts({ careers: CAREERS_POSTS }));
      expect(r).toMatchObject({ ruleId: "careers:menu:2", columnId: "careers", matchMode: "menu" });
      expect(textOf(r.reply)).toContain("【轮青诚聘】最新文章");
    });

    it("does not route digits that are not on the menu", () => {
      expect(routeMessage(inbound.text("5"), content, facts()).matchMode).toBe("default");
    });
  });

  describe("column replies", () => {
    it("answers with a one-article news reply when the column has exactly one post", () => {
      const post = article(1, "轮台县2026年秋季青年就业招聘会");
      const r = routeMessage(inbound.text("诚聘"), content, facts({ careers: [post] }));
      expect(r.reply).toEqual({
        type: "news",
        articles: [
          {
            title: "轮台县2026年秋季青年就业招聘会",
            description: "轮台县2026年秋季青年就业招聘会（摘要）",
            picUrl: "https://mmbiz.qpic.cn/covers/1.jpg",
            url: "https://mp.weixin.qq.com/s/luntai-1",
          },
        ],
      });
    });

    it("uses the column's default cover when the post has none", () => {
      const post = article(1, "县人社局发布创业担保贷款新政", { coverUrl: "" });
      const r = routeMessage(inbound.text("岗位"), content, facts({ careers: [post] }));
      expect(r.reply).toMatchObject({ type: "news", articles: [{ picUrl: "https://mmbiz.qpic.cn/covers/careers.jpg" }] });
    });

    it("answers with a text list of links headed by the column name when there are several posts", () => {
      const f = facts({ careers: CAREERS_POSTS });
      const r = routeMessage(inbound.text("诚聘"), content, f);
      expect(f.calls).toEqual([["careers", 3]]);
      expect(textOf(r.reply)).toBe(
        [
          "【轮青诚聘】最新文章",
          '1. <a href="https://mp.weixin.qq.com/s/luntai-1">轮台县2026年秋季青年就业招聘会</a>',
          '2. <a href="https://mp.weixin.qq.com/s/luntai-2">县人社局发布创业担保贷款新政</a>',
          '3. <a href="https://mp.weixin.qq.com/s/luntai-3">塔里木石油基地招聘青年技术工人</a>',
        ].join("\n"),
      );
    });

    it("never lists more than the column's `latest`, even if given more", () => {
      const f: RouteFacts = { ...facts(), latestArticles: () => CAREERS_POSTS };
      // inspiration has latest: 1 → a single news article.
      const r = routeMessage(inbound.text("榜样"), content, f);
      expect(r.reply).toMatchObject({ type: "news", articles: [{ title: CAREERS_POSTS[0]!.title }] });
    });

    it("answers with the column's own text while it has no posts", () => {
      const r = routeMessage(inbound.text("新闻"), content, facts());
      expect(r.reply).toEqual({ type: "text", content: "【轮青关注】栏目即将上线，敬请期待。" });
    });

    it("answers with the column's own text when its `latest` is 0, without asking for posts", () => {
      const f = facts({ students: [article(1, "大学生返乡实习岗位发布")] });
      const r = routeMessage(inbound.text("大学生"), content, f);
      expect(textOf(r.reply)).toBe("【轮青大学生】寒暑假返乡实习岗位正在整理中。");
      expect(f.calls).toEqual([]);
    });

    it("keeps markup intact when a title contains angle brackets or a URL contains quotes", () => {
      const posts = [
        article(1, "学习<青年法>知识"),
        article(2, "招聘公告", { url: 'https://mp.weixin.qq.com/s/a"b' }),
      ];
      const t = textOf(routeMessage(inbound.text("诚聘"), content, facts({ careers: posts })).reply);
      expect(t).toContain(">学习＜青年法＞知识</a>");
      expect(t).toContain('href="https://mp.weixin.qq.com/s/a%22b"');
    });
  });

  describe("2048-byte cap on text replies", () => {
    const bytes = (s: string): number => Buffer.byteLength(s, "utf8");

    it("lists only the whole lines that fit", () => {
      const longTitle = (n: number): string => `第${n}期：` + "轮台县青年创业就业政策解读".repeat(20); // ~790 bytes
      const posts = [1, 2, 3].map((n) => article(n, longTitle(n)));
      const t = textOf(routeMessage(inbound.text("诚聘"), content, facts({ careers: posts })).reply);
      expect(bytes(t)).toBeLessThanOrEqual(2048);
      const lines = t.split("\n");
      expect(lines[0]).toBe("【轮青诚聘】最新文章");
      expect(lines).toHaveLength(3); // header + 2 articles; the third did not fit
      for (const line of lines.slice(1)) expect(line).toMatch(/^\d\. <a href="[^"]+">.+<\/a>$/);
    });

    it("shortens a single oversized title on a character boundary", () => {
      const huge = "胡杨精神代代相传".repeat(120); // 2880 bytes
      const posts = [article(1, huge), article(2, "第二篇")];
      const t = textOf(routeMessage(inbound.text("诚聘"), content, facts({ careers: posts })).reply);
      expect(bytes(t)).toBeLessThanOrEqual(2048);
      expect(bytes(t)).toBeGreaterThan(2000);
      expect(t).not.toContain("\uFFFD");
      expect(t).toMatch(/…<\/a>$/);
      expect(t).not.toContain("第二篇");
    });

    it("articleList stays within the cap for any number of articles", () => {
      const column = content.columnsById.get("careers")!;
      const posts = Array.from({ length: 8 }, (_, i) => article(i, `轮台县青年就业见习岗位（第${i + 1}批）`.repeat(5)));
      expect(bytes(articleList(column, posts))).toBeLessThanOrEqual(2048);
    });
  });

  describe("events", () => {
    it("welcomes a new follower with the numbered menu", () => {
      const r = routeMessage(inbound.subscribe(), content, facts());
      expect(r).toMatchObject({ ruleId: "welcome", matchMode: "event" });
      expect(textOf(r.reply)).toBe(
        [
          "你好，欢迎关注“青春轮台”！",
          "回复数字查看栏目：",
          "1. 轮青关注",
          "2. 轮青诚聘 · 招聘与创业扶持",
          "3. 轮青励志",
          "4. 轮青大学生",
        ].join("\n"),
      );
    });

    it("welcomes a follower who subscribed through a parametric QR code the same way", () => {
      expect(routeMessage(inbound.subscribe({ sceneId: "job_fair_2026" }), content, facts()).ruleId).toBe("welcome");
    });

    it("answers a QR scan by an existing follower with the scan reply", () => {
      const r = routeMessage(inbound.scan("job_fair_2026"), content, facts());
      expect(r).toEqual({ reply: { type: "text", content: "欢迎回来！" }, ruleId: "scan", matchMode: "event" });
    });

    it("does not answer a QR scan when replies.yml has no scan reply", () => {
      const noScan = fixtureContent({ replies: REPLIES_YML.replace("scan: 欢迎回来！\n", "") });
      expect(routeMessage(inbound.scan("job_fair_2026"), noScan, facts()).reply).toBeNull();
    });

    it("answers a menu click on a column key with that column", () => {
      const r = routeMessage(inbound.click("COLUMN_CAREERS"), content, facts({ careers: CAREERS_POSTS.slice(0, 1) }));
      expect(r).toMatchObject({ ruleId: "careers:click:COLUMN_CAREERS", columnId: "careers", matchMode: "click" });
      expect(r.reply?.type).toBe("news");
    });

    it("answers a menu click on a menu_replies key with its text", () => {
      const r = routeMessage(inbound.click("CONTACT_US"), content, facts());
      expect(r).toEqual({
        reply: { type: "text", content: "共青团轮台县委员会，办公时间周一至周五。" },
        ruleId: "click:CONTACT_US",
        matchMode: "click",
      });
    });

    it("does not answer a click on a key the content no longer knows", () => {
      expect(routeMessage(inbound.click("OLD_MENU_2025"), content, facts()).reply).toBeNull();
    });

    it.each([
      ["unsubscribe", inbound.unsubscribe()],
      ["view", inbound.view("https://www.gqt.org.cn/")],
      ["location_report", inbound.locationReport()],
      ["an unknown event", inbound.unknown("event", { event: "user_info_modified" })],
    ])("does not answer %s", (_what, message) => {
      expect(routeMessage(message, content, facts()).reply).toBeNull();
    });

    it("does not answer job-finish events", () => {
      const at = { accountOriginalId: "gh_3a1b2c3d4e5f", openId: "oLuntai", createdAt: NOW, dedupKey: "job:1" };
      const finished = [
        { ...at, type: "mass_send_finished" as const, msgId: "1000001625", status: "send success", totalCount: 5210, filterCount: 5200, sentCount: 5190, errorCount: 10, articleUrls: [] },
        { ...at, type: "publish_finished" as const, publishId: "2247483", publishStatus: 0, articleUrls: [], failIdx: [] },
        { ...at, type: "template_send_finished" as const, msgId: "200163836", status: "success" },
      ];
      for (const m of finished) expect(routeMessage(m, content, facts())).toEqual({ reply: null });
    });
  });

  describe("voice", () => {
    it("routes a voice message by its recognition, ignoring the recogniser's punctuation", () => {
      expect(routeMessage(inbound.voice("诚聘。"), content, facts()).ruleId).toBe("careers:exact:诚聘");
      expect(routeMessage(inbound.voice("我想找工作！"), content, facts()).ruleId).toBe("careers:contains:找工作");
    });

    it("gives the default reply to a voice message without recognition", () => {
      expect(routeMessage(inbound.voice(undefined), content, facts()).ruleId).toBe("default");
    });
  });

  describe("default reply", () => {
    const DEFAULT = { type: "text", content: "收到你的留言啦，工作人员会尽快查看。" };

    it.each([
      ["unmatched text", inbound.text("请问团县委在哪里办公？")],
      ["an image", inbound.image()],
      ["a video", inbound.video()],
      ["a location", inbound.location()],
      ["a link", inbound.link()],
    ])("answers %s with the default reply", (_what, message) => {
      expect(routeMessage(message, content, facts())).toEqual({ reply: DEFAULT, ruleId: "default", matchMode: "default" });
    });

    it("withholds the default reply within the interval, still recording it", () => {
      const r = routeMessage(inbound.text("你好"), content, facts({}, new Date(NOW.getTime() - 59 * 60_000)));
      expect(r).toEqual({ reply: null, ruleId: "default-suppressed", matchMode: "default" });
    });

    it("sends the default reply again once the interval has passed", () => {
      const r = routeMessage(inbound.text("你好"), content, facts({}, new Date(NOW.getTime() - 60 * 60_000)));
      expect(r).toEqual({ reply: DEFAULT, ruleId: "default", matchMode: "default" });
    });

    it("uses the interval configured in replies.yml", () => {
      const every10 = fixtureContent({
        replies: REPLIES_YML.replace("default_reply_interval_minutes: 60", "default_reply_interval_minutes: 10"),
      });
      const at = (minutesAgo: number): RouteFacts => facts({}, new Date(NOW.getTime() - minutesAgo * 60_000));
      expect(routeMessage(inbound.image(), every10, at(9)).reply).toBeNull();
      expect(routeMessage(inbound.image(), every10, at(11)).reply).toEqual(DEFAULT);
    });

    it("never withholds a keyword match because of the default-reply interval", () => {
      const r = routeMessage(inbound.text("诚聘"), content, facts({}, new Date(NOW.getTime() - 60_000)));
      expect(r.ruleId).toBe("careers:exact:诚聘");
    });
  });
});

describe("truncateUtf8", () => {
  it("keeps whole characters within the byte limit", () => {
    expect(truncateUtf8("轮台县", 7)).toBe("轮台"); // 3 bytes each
    expect(truncateUtf8("青年🌱志愿", 9)).toBe("青年"); // the emoji takes 4
    expect(truncateUtf8("青年🌱志愿", 10)).toBe("青年🌱");
    expect(truncateUtf8("abc", 10)).toBe("abc");
  });
});
