import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { loadContent } from "../../src/bot/load-content";
import { loadPosts } from "../../src/posts/load-posts";
import { COLUMNS_YML, fixtureContent, lineContaining, removeContentDirs, writeContentDir } from "../bot/content-fixture";

const TZ = "Asia/Shanghai";

/** The fixture's columns with `comments:` lines added after a column's menu_key. */
function withComments(values: Record<string, string>): string {
  let yml = COLUMNS_YML;
  for (const [menuKey, value] of Object.entries(values)) yml = yml.replace(`menu_key: ${menuKey}\n`, `menu_key: ${menuKey}\n    comments: ${value}\n`);
  return yml;
}

function post(dir: string, name: string, column: string, extra = ""): void {
  mkdirSync(path.join(dir, "posts"), { recursive: true });
  writeFileSync(path.join(dir, "posts", name), `---\ntitle: 冬日暖阳志愿服务\ncolumn: ${column}\npublish_at: 2026-12-01 09:00\nmode: publish\n${extra}---\n\n正文。\n`);
}

describe("columns.yml `comments:`: the column's default for its posts", () => {
  afterEach(removeContentDirs);

  it("is read as off, open or fans (true/false too) and left out when absent", () => {
    const content = fixtureContent({ columns: withComments({ COLUMN_NEWS: "open", COLUMN_CAREERS: "fans", COLUMN_INSPIRATION: "false" }) });
    expect(content.columnsById.get("news")!.comments).toBe("open");
    expect(content.columnsById.get("careers")!.comments).toBe("fans");
    expect(content.columnsById.get("inspiration")!.comments).toBe("off");
    expect(content.columnsById.get("students")!.comments).toBeUndefined();
  });

  it("reports a wrong value in Chinese with the file, line and field, and keeps the column out", () => {
    const yml = withComments({ COLUMN_NEWS: "everyone" });
    const { content, errors } = loadContent(writeContentDir({ columns: yml }));
    expect(content).toBeNull();
    const line = lineContaining(yml, "comments: everyone");
    expect(errors.map((e) => e.message)).toContainEqual(
      expect.stringMatching(new RegExp(`columns\\.yml:${line}: columns\\[0\\]\\.comments: 栏目「news」：「everyone」不是有效的留言设置，请写 off（关闭留言）、open（所有人可留言）或 fans（仅关注者可留言）`)),
    );
    expect(errors.find((e) => e.message.includes("everyone"))).toMatchObject({ line, field: expect.stringContaining("comments") });
  });

  it("applies to a post that does not say, and a post's own comments: wins", () => {
    const dir = writeContentDir({ columns: withComments({ COLUMN_NEWS: "open", COLUMN_CAREERS: "fans" }) });
    post(dir, "2026-12-01-news-default.md", "news");
    post(dir, "2026-12-02-careers-default.md", "careers");
    post(dir, "2026-12-03-news-off.md", "news", "comments: off\n");
    post(dir, "2026-12-04-students-none.md", "students");
    const { content } = loadContent(dir);
    const { posts, errors } = loadPosts(dir, { timezone: TZ, columns: content!.columnsById });
    expect(errors).toEqual([]);
    expect(Object.fromEntries(posts.map((p) => [p.slug, p.comments]))).toEqual({
      "2026-12-01-news-default": "open",
      "2026-12-02-careers-default": "fans",
      "2026-12-03-news-off": "off",
      "2026-12-04-students-none": "off",
    });
  });
});
