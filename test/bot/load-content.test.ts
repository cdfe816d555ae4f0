import path from "node:path";
import { loadContent } from "../../src/bot/load-content";
import type { ContentError } from "../../src/errors";
import {
  COLUMNS_YML,
  MENU_YML,
  REPLIES_YML,
  lineContaining,
  removeContentDirs,
  writeContentDir,
  type ContentFiles,
} from "./content-fixture";

afterAll(removeContentDirs);

function load(files: ContentFiles): { dir: string; errors: ContentError[] } {
  const dir = writeContentDir(files);
  const result = loadContent(dir);
  if (result.errors.length > 0) expect(result.content).toBeNull();
  return { dir, errors: result.errors };
}

/** The one error for `field`, checked to name the file and line; returns its message. */
function errorAt(
  { dir, errors }: { dir: string; errors: ContentError[] },
  file: string,
  line: number,
  field: string,
): string {
  const matching = errors.filter((e) => e.field === field);
  if (matching.length !== 1) {
    throw new Error(`expected one error for ${field}, got:\n${errors.map((e) => e.message).join("\n")}`);
  }
  const e = matching[0]!;
  expect(e.file).toBe(path.join(dir, file));
  expect(e.line).toBe(line);
  expect(e.message.startsWith(`${path.join(dir, file)}:${line}: ${field}: `)).toBe(true);
  return e.message;
}

function swap(text: string, from: string, to: string): string {
  if (!text.includes(from)) throw new Error(`fixture does not contain ${from}`);
  return text.replace(from, () => to);
}

describe("loadContent", () => {
  it("loads the shipped demo content without problems", () => {
    const { content, errors } = loadContent(path.join(__dirname, "../fixtures/content"));
    expect(errors.map((e) => e.message)).toEqual([]);
    expect(content!.columns.map((c) => [c.id, c.name])).toEqual([
      ["news", "轮青关注"],
      ["careers", "轮青诚聘"],
      ["inspiration", "轮青励志"],
      ["students", "轮青大学生"],
    ]);
    expect(content!.rules.regex.map((r) => r.id)).toEqual(["careers:regex:^(招聘|求职)\\S*$"]);
    expect(content!.menu).not.toBeNull();
  });

  it("compiles rules in precedence order: exact (digits included), contains, regex; file order within each", () => {
    const { content } = loadContent(writeContentDir());
    const ids = content!.rules.all.map((r) => r.id);
    expect(ids.slice(0, 4)).toEqual(["news:menu:1", "careers:menu:2", "inspiration:menu:3", "students:menu:4"]);
    expect(content!.rules.contains.map((r) => r.id)).toEqual([
      "news:contains:团县委动态",
      "careers:contains:招聘会",
      "careers:contains:找工作",
      "inspiration:contains:志愿者",
      "students:contains:返乡实习",
      "students:contains:志愿服务",
    ]);
    const modes = content!.rules.all.map((r) => r.mode);
    expect(modes.indexOf("contains")).toBeGreaterThan(modes.lastIndexOf("exact"));
    expect(modes.indexOf("regex")).toBeGreaterThan(modes.lastIndexOf("contains"));
  });

  it("records each rule's file and line", () => {
    const dir = writeContentDir();
    const rule = loadContent(dir).content!.rules.exact.get("诚聘")!;
    expect(rule).toMatchObject({ id: "careers:exact:诚聘", file: path.join(dir, "columns.yml"), line: lineContaining(COLUMNS_YML, "诚聘, match") });
  });

  it("names files as joined to the content dir it was given (relative to the working directory)", () => {
    const dir = writeContentDir({ replies: null });
    const relative = path.relative(process.cwd(), dir);
    const { errors } = loadContent(relative);
    expect(errors.map((e) => e.file)).toEqual([path.join(relative, "replies.yml")]);
  });

  describe("columns.yml problems", () => {
    it("reports an unknown match mode with the column and keyword", () => {
      const columns = swap(COLUMNS_YML, "{ text: 招聘会, match: contains }", "{ text: 招聘会, match: partial }");
      const msg = errorAt(load({ columns }), "columns.yml", lineContaining(columns, "招聘会"), "columns[1].keywords[4].match");
      expect(msg).toContain("栏目「careers」 · 关键词「招聘会」：");
      expect(msg).toContain("「partial」不对：match 写 exact（全匹配）、contains（半匹配）或 regex（正则）");
    });

    it("reports a regex that does not compile, naming the column and the pattern", () => {
      const columns = swap(COLUMNS_YML, "'^(招聘|求职)\\S*$'", "'^(招聘|求职\\S*$'");
      const msg = errorAt(load({ columns }), "columns.yml", lineContaining(columns, "求职\\S"), "columns[1].keywords[6].pattern");
      expect(msg).toContain("栏目「careers」 · 关键词「^(招聘|求职\\S*$」：");
      expect(msg).toContain("不是有效的正则表达式：有 ( 没有配对的 )（Unterminated group）");
    });

    it("refuses a pattern over 200 characters", () => {
      const long = "^(" + Array.from({ length: 60 }, (_, i) => `岗位${i}`).join("|") + ")$";
      const columns = swap(COLUMNS_YML, "'^(招聘|求职)\\S*$'", `'${long}'`);
      const msg = errorAt(load({ columns }), "columns.yml", lineContaining(columns, "岗位0|"), "columns[1].keywords[6].pattern");
      expect(msg).toMatch(/正则有 \d+ 个字符，最多 200 个：写短一些/);
    });

    it.each([["^(招聘\\S+)+$"], ["(求职|找工作.*)*"], ["^(\\S*实习){2,}$"]])(
      "refuses the catastrophic pattern %s",
      (pattern) => {
        const columns = swap(COLUMNS_YML, "'^(招聘|求职)\\S*$'", `'${pattern}'`);
        const msg = errorAt(load({ columns }), "columns.yml", lineContaining(columns, "match: regex"), "columns[1].keywords[6].pattern");
        expect(msg).toContain("这种正则可能让机器人卡住：去掉外层的重复再写");
      },
    );

    it("reports a missing required field at the column's line", () => {
      const columns = swap(COLUMNS_YML, "    name: 轮青励志\n", "");
      const msg = errorAt(load({ columns }), "columns.yml", lineContaining(columns, "id: inspiration"), "columns[2].name");
      expect(msg).toContain("栏目「inspiration」：缺少必填的 name：请加上一行 name: …");
    });

    it("reports `text:` given for a regex keyword", () => {
      const columns = swap(COLUMNS_YML, "{ pattern: '^(招聘|求职)\\S*$', match: regex }", "{ text: 招聘信息, match: regex }");
      const msg = errorAt(load({ columns }), "columns.yml", lineContaining(columns, "招聘信息"), "columns[1].keywords[6].text");
      expect(msg).toContain("match: regex 要用 pattern: 写正则，不是 text:");
    });

    it("reports a duplicate column id, pointing at the first", () => {
      const columns = swap(COLUMNS_YML, "  - id: students", "  - id: careers");
      const second = lineContaining(columns, "id: careers", lineContaining(columns, "id: careers"));
      const msg = errorAt(load({ columns }), "columns.yml", second, "columns[3].id");
      expect(msg).toContain(`栏目 id「careers」重复了（第 ${lineContaining(columns, "id: careers")} 行已经用过）：每个栏目的 id 要不一样`);
    });

    it("reports an exact keyword used by two columns, after normalisation", () => {
      const columns = swap(COLUMNS_YML, "{ text: 大学生, match: exact }", "{ text: ＪＯＢ, match: exact }");
      const msg = errorAt(load({ columns }), "columns.yml", lineContaining(columns, "ＪＯＢ"), "columns[3].keywords[0].text");
      expect(msg).toContain(`全匹配（exact）关键词「job」已经属于栏目「careers」（第 ${lineContaining(columns, "Job,")} 行）：一个关键词只能通向一个栏目`);
    });

    it("reports a keyword listed twice in one column", () => {
      const columns = swap(COLUMNS_YML, "{ text: 新闻, match: exact }", "{ text: 关注, match: exact }");
      const msg = errorAt(load({ columns }), "columns.yml", lineContaining(columns, "text: 关注", lineContaining(columns, "text: 关注")), "columns[0].keywords[1].text");
      expect(msg).toContain("全匹配（exact）关键词「关注」在这个栏目里写了两次");
    });

    it("reports an exact keyword that is also a numbered-menu digit of another column", () => {
      const columns = swap(COLUMNS_YML, "{ text: 岗位, match: exact }", "{ text: 3, match: exact }");
      const msg = errorAt(load({ columns }), "columns.yml", lineContaining(columns, "text: 3,"), "columns[1].keywords[2].text");
      expect(msg).toContain("全匹配关键词「3」也是数字菜单的第 3 项");
      expect(msg).toContain("那一项通向栏目「inspiration」");
    });

    it("reports an unknown field with a suggestion", () => {
      const columns = swap(COLUMNS_YML, "    keywords:\n      - { text: 励志", "    keyword:\n      - { text: 励志");
      const msg = errorAt(load({ columns }), "columns.yml", lineContaining(columns, "keyword:"), "columns[2].keyword");
      expect(msg).toContain("没有「keyword」这个字段：是不是想写 keywords？改成 keywords，或删掉这一行");
    });

    it("reports a category outside the League's five", () => {
      const columns = swap(COLUMNS_YML, "category: 便民服务", "category: 大学生服务");
      const msg = errorAt(load({ columns }), "columns.yml", lineContaining(columns, "大学生服务"), "columns[3].category");
      expect(msg).toContain("「大学生服务」不对：只能写 政策法规、致富信息、新闻娱乐、便民服务、其他 其中之一");
    });

    it("reports an unknown placeholder in title_template", () => {
      const columns = swap(COLUMNS_YML, "【轮青诚聘】第{issue}期", "【轮青诚聘】第{期数}期");
      const msg = errorAt(load({ columns }), "columns.yml", lineContaining(columns, "{期数}"), "columns[1].title_template");
      expect(msg).toContain("不认识的占位符 {期数}：标题模板只能用 {issue}（期数）和 {title}（文章标题）");
    });

    it("reports a column text longer than WeChat's 2048 bytes", () => {
      const columns = swap(COLUMNS_YML, "text: 【轮青关注】栏目即将上线，敬请期待。", `text: ${"轮台青年".repeat(200)}`);
      const msg = errorAt(load({ columns }), "columns.yml", lineContaining(columns, "轮台青年轮台青年"), "columns[0].reply.text");
      expect(msg).toContain("有 2400 字节，微信的文字回复最多 2048 字节");
    });

    it("reports a YAML syntax error with its line and the field it is in", () => {
      const columns = swap(COLUMNS_YML, "    name: 轮青诚聘", '    name: "轮青诚聘');
      const { dir, errors } = load({ columns });
      expect(errors).toHaveLength(1);
      expect(errors[0]).toMatchObject({ file: path.join(dir, "columns.yml"), line: lineContaining(columns, '"轮青诚聘'), field: "columns[1].name" });
      expect(errors[0]!.message).toContain("YAML 格式错误（Missing closing \"quote");
    });

    it("reports indentation mistakes as YAML errors with a line", () => {
      const columns = swap(COLUMNS_YML, "    category: 其他", "   category: 其他");
      const { dir, errors } = load({ columns });
      expect(errors.length).toBeGreaterThan(0);
      expect(errors[0]!.file).toBe(path.join(dir, "columns.yml"));
      expect(errors[0]!.line).toBeGreaterThanOrEqual(lineContaining(columns, "category: 其他"));
      expect(errors[0]!.message).toContain("YAML 格式错误");
    });

    it("requires columns.yml", () => {
      const { dir, errors } = load({ columns: null });
      expect(errors.map((e) => e.message)).toEqual([`${path.join(dir, "columns.yml")}: 找不到这个文件，它必须有：可以照仓库里 content/ 的示例文件写一份`]);
    });
  });

  describe("replies.yml problems", () => {
    it("requires replies.yml", () => {
      const { dir, errors } = load({ replies: null });
      expect(errors).toHaveLength(1);
      expect(errors[0]!.file).toBe(path.join(dir, "replies.yml"));
      expect(errors[0]!.message).toContain("找不到这个文件");
    });

    it("reports a numbered-menu item pointing at an unknown column", () => {
      const replies = swap(REPLIES_YML, "column: students", "column: student");
      const msg = errorAt(load({ replies }), "replies.yml", lineContaining(replies, "student }"), "numbered_menu.items[3].column");
      expect(msg).toContain("没有「student」这个栏目：写 columns.yml 里的栏目 id");
    });

    it("reports a numbered-menu number used twice", () => {
      const replies = swap(REPLIES_YML, "key: 4,", "key: 3,");
      errorAt(load({ replies }), "replies.yml", lineContaining(replies, "column: students"), "numbered_menu.items[3].key");
    });

    it("reports {numbered_menu} when there is no numbered menu", () => {
      const start = REPLIES_YML.indexOf("numbered_menu:\n");
      const end = REPLIES_YML.indexOf("default:");
      const replies = REPLIES_YML.slice(0, start) + REPLIES_YML.slice(end);
      const msg = errorAt(load({ replies }), "replies.yml", 1, "welcome");
      expect(msg).toContain("用了 {numbered_menu}，但文件里没有 numbered_menu（数字菜单）");
    });

    it("reports a default reply interval that is not a number", () => {
      const replies = swap(REPLIES_YML, "default_reply_interval_minutes: 60", "default_reply_interval_minutes: 一小时");
      const msg = errorAt(load({ replies }), "replies.yml", lineContaining(replies, "一小时"), "default_reply_interval_minutes");
      expect(msg).toContain("应该写数字，这里写的是文字");
    });

    it("reports a menu_replies key that is also a column's menu_key", () => {
      const replies = swap(REPLIES_YML, "CONTACT_US:", "COLUMN_NEWS:");
      const menu = swap(MENU_YML, "key: CONTACT_US", "key: COLUMN_NEWS");
      const msg = errorAt(load({ replies, menu }), "replies.yml", lineContaining(replies, "COLUMN_NEWS:"), "menu_replies.COLUMN_NEWS");
      expect(msg).toContain("也是栏目「news」的 menu_key");
    });
  });

  describe("menu.yml problems", () => {
    it("is optional", () => {
      const { content, errors } = loadContent(writeContentDir({ menu: null }));
      expect(errors).toEqual([]);
      expect(content!.menu).toBeNull();
    });

    it("reports a click key that leads to no column and no reply", () => {
      const menu = swap(MENU_YML, "key: COLUMN_CAREERS", "key: COLUMN_JOBS");
      const msg = errorAt(load({ menu }), "menu.yml", lineContaining(menu, "COLUMN_JOBS"), "buttons[0].sub_buttons[1].key");
      expect(msg).toContain("按钮「轮青诚聘」：key「COLUMN_JOBS」点了没有回复");
    });

    it("reports more than 3 top-level buttons", () => {
      const menu = MENU_YML + "  - name: 青年之声\n    type: click\n    key: CONTACT_US\n";
      const msg = errorAt(load({ menu }), "menu.yml", 1, "buttons");
      expect(msg).toContain("有 4 个一级按钮，微信只允许 1 到 3 个");
    });

    it("reports more than 5 buttons under one", () => {
      const extra = "      - { name: 轮青大学生2, type: click, key: COLUMN_STUDENTS }\n".repeat(2);
      const menu = swap(MENU_YML, "  - name: 联系我们", extra + "  - name: 联系我们");
      const msg = errorAt(load({ menu }), "menu.yml", lineContaining(menu, "sub_buttons:"), "buttons[0].sub_buttons");
      expect(msg).toContain("有 6 个子按钮，微信每组只允许 1 到 5 个");
    });

    it("reports a top-level name over 16 bytes", () => {
      const menu = swap(MENU_YML, "name: 联系我们", "name: 联系团县委书记");
      const msg = errorAt(load({ menu }), "menu.yml", lineContaining(menu, "联系团县委书记"), "buttons[1].name");
      expect(msg).toContain("「联系团县委书记」有 21 字节，微信最多允许 16 字节");
    });

    it("reports a sub-button name over 60 bytes", () => {
      const long = "轮台县青年就业创业服务中心线上报名与咨询入口"; // 22 汉字
      const menu = swap(MENU_YML, "name: 轮青关注,", `name: ${long},`);
      const msg = errorAt(load({ menu }), "menu.yml", lineContaining(menu, long), "buttons[0].sub_buttons[0].name");
      expect(msg).toContain("有 66 字节，微信最多允许 60 字节");
    });

    it("reports a click key over 128 bytes and a view url over 1024 bytes", () => {
      const key = "K".repeat(129);
      const replies = swap(REPLIES_YML, "CONTACT_US:", `${key}:`);
      const url = "https://www.gqt.org.cn/" + "a".repeat(1010);
      const menu = swap(swap(MENU_YML, "key: CONTACT_US", `key: ${key}`), "url: https://www.gqt.org.cn/", `url: ${url}`);
      const loaded = load({ replies, menu });
      expect(errorAt(loaded, "menu.yml", lineContaining(menu, "KKKK"), "buttons[1].key")).toContain("有 129 字节，微信最多允许 128 字节");
      expect(errorAt(loaded, "menu.yml", lineContaining(menu, "aaaa"), "buttons[2].url")).toContain("有 1033 字节，微信最多允许 1024 字节");
    });

    it("reports a view button without a web address", () => {
      const menu = swap(MENU_YML, "url: https://www.gqt.org.cn/", "url: www.gqt.org.cn");
      const msg = errorAt(load({ menu }), "menu.yml", lineContaining(menu, "url:"), "buttons[2].url");
      expect(msg).toContain("「www.gqt.org.cn」不是网址：要以 http:// 或 https:// 开头");
    });

    it("reports a click button without a key", () => {
      const menu = swap(MENU_YML, "    key: CONTACT_US\n", "");
      const msg = errorAt(load({ menu }), "menu.yml", lineContaining(menu, "联系我们"), "buttons[1].key");
      expect(msg).toContain("click 按钮必须写 key:");
    });
  });

  it("reports every problem in every file at once", () => {
    const columns = swap(
      swap(COLUMNS_YML, "{ text: 招聘会, match: contains }", "{ text: 招聘会, match: partial }"),
      "category: 其他",
      "category: 励志",
    );
    const replies = swap(REPLIES_YML, "column: students", "column: student");
    const menu = swap(MENU_YML, "name: 联系我们", "name: 联系团县委书记");
    const { errors } = load({ columns, replies, menu });
    expect(errors.map((e) => [path.basename(e.file), e.field])).toEqual([
      ["columns.yml", "columns[1].keywords[4].match"],
      ["columns.yml", "columns[2].category"],
      ["replies.yml", "numbered_menu.items[3].column"],
      ["menu.yml", "buttons[1].name"],
    ]);
  });
});

describe("a column's default mode and cover (issue 15)", () => {
  it("reads mode: publish | mass and the default_cover line; a column may leave mode out", () => {
    const columns = COLUMNS_YML.replace("    menu_key: COLUMN_NEWS\n", "    menu_key: COLUMN_NEWS\n    mode: publish\n").replace(
      "    default_cover: https://mmbiz.qpic.cn/covers/careers.jpg\n",
      "    default_cover: https://mmbiz.qpic.cn/covers/careers.jpg\n    mode: mass\n",
    );
    const dir = writeContentDir({ columns });
    const content = loadContent(dir).content!;
    expect(content.columnsById.get("news")!.mode).toBe("publish");
    expect(content.columnsById.get("careers")).toMatchObject({ mode: "mass", defaultCoverLine: lineContaining(columns, "default_cover: https://mmbiz") });
    expect([...content.columnsById.values()].filter((c) => c.mode === undefined).map((c) => c.id)).not.toContain("news");
  });

  it("refuses another mode in Chinese, naming the line", () => {
    const columns = COLUMNS_YML.replace("    menu_key: COLUMN_NEWS\n", "    menu_key: COLUMN_NEWS\n    mode: push\n");
    const message = errorAt(load({ columns }), "columns.yml", lineContaining(columns, "mode: push"), "columns[0].mode");
    expect(message).toContain("「push」不对：栏目的默认发送方式写 publish（发布，不推送给关注者）或 mass（群发，推送给全部关注者）");
  });
});
