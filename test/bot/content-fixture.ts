/**
 * A small, realistic content directory for the bot's tests, written to a fresh temp dir. Kept apart
 * from the shipped content/ so editors can change the demo without breaking tests.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { BotContent } from "../../src/bot/bot-content";
import { loadContent } from "../../src/bot/load-content";

export const COLUMNS_YML = `# test columns
columns:
  - id: news
    name: 轮青关注
    title_template: "【轮青关注】第{issue}期 · {title}"
    category: 新闻娱乐
    menu_key: COLUMN_NEWS
    keywords:
      - { text: 关注, match: exact }
      - { text: 新闻, match: exact }
      - { text: 团县委动态, match: contains }
    reply:
      latest: 3
      text: 【轮青关注】栏目即将上线，敬请期待。

  - id: careers
    name: 轮青诚聘
    title_template: "【轮青诚聘】第{issue}期 · {title}"
    category: 致富信息
    default_cover: https://mmbiz.qpic.cn/covers/careers.jpg
    menu_key: COLUMN_CAREERS
    keywords:
      - { text: 诚聘, match: exact }
      - { text: 招聘, match: exact }
      - { text: 岗位, match: exact }
      - { text: Job, match: exact }
      - { text: 招聘会, match: contains }
      - { text: 找工作, match: contains }
      - { pattern: '^(招聘|求职)\\S*$', match: regex }
    reply:
      latest: 3
      text: 【轮青诚聘】暂无新的招聘信息，县人才市场每周五上午举办招聘活动。

  - id: inspiration
    name: 轮青励志
    title_template: "【轮青励志】第{issue}期 · {title}"
    category: 其他
    menu_key: COLUMN_INSPIRATION
    keywords:
      - { text: 励志, match: exact }
      - { text: 榜样, match: exact }
      - { text: 志愿者, match: contains }
    reply:
      latest: 1
      text: 【轮青励志】正在征集身边的青年榜样故事。

  - id: students
    name: 轮青大学生
    title_template: "【轮青大学生】第{issue}期 · {title}"
    category: 便民服务
    menu_key: COLUMN_STUDENTS
    keywords:
      - { text: 大学生, match: exact }
      - { text: 志愿者, match: exact }
      - { text: 返乡实习, match: contains }
      - { text: 志愿服务, match: contains }
      - { pattern: '^求职.*实习$', match: regex }
    reply:
      latest: 0
      text: 【轮青大学生】寒暑假返乡实习岗位正在整理中。
`;

export const REPLIES_YML = `welcome: |-
  你好，欢迎关注“青春轮台”！
  {numbered_menu}
numbered_menu:
  title: 回复数字查看栏目：
  items:
    - { key: 1, column: news }
    - { key: 2, column: careers, label: 轮青诚聘 · 招聘与创业扶持 }
    - { key: 3, column: inspiration }
    - { key: 4, column: students }
default: 收到你的留言啦，工作人员会尽快查看。
default_reply_interval_minutes: 60
scan: 欢迎回来！
menu_replies:
  CONTACT_US: 共青团轮台县委员会，办公时间周一至周五。
`;

export const MENU_YML = `buttons:
  - name: 青春栏目
    sub_buttons:
      - { name: 轮青关注, type: click, key: COLUMN_NEWS }
      - { name: 轮青诚聘, type: click, key: COLUMN_CAREERS }
      - { name: 轮青励志, type: click, key: COLUMN_INSPIRATION }
      - { name: 轮青大学生, type: click, key: COLUMN_STUDENTS }
  - name: 联系我们
    type: click
    key: CONTACT_US
  - name: 共青团网
    type: view
    url: https://www.gqt.org.cn/
`;

export interface ContentFiles {
  /** null: leave the file out. */
  columns?: string | null;
  replies?: string | null;
  menu?: string | null;
}

const dirs: string[] = [];

/** A temp content dir holding the fixture files, with any of them replaced or left out. */
export function writeContentDir(files: ContentFiles = {}): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "qclt-content-"));
  dirs.push(dir);
  const write = (name: string, text: string | null | undefined, fallback: string): void => {
    const t = text === undefined ? fallback : text;
    if (t !== null) writeFileSync(path.join(dir, name), t);
  };
  write("columns.yml", files.columns, COLUMNS_YML);
  write("replies.yml", files.replies, REPLIES_YML);
  write("menu.yml", files.menu, MENU_YML);
  return dir;
}

export function removeContentDirs(): void {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
}

/** Loads the fixture (with changes); fails the test with the problems if there are any. */
export function fixtureContent(files: ContentFiles = {}): BotContent {
  const { content, errors } = loadContent(writeContentDir(files));
  if (!content) throw new Error(`fixture content has problems:\n${errors.map((e) => e.message).join("\n")}`);
  return content;
}

/** 1-based line of the first line of `text` containing `needle`. */
export function lineContaining(text: string, needle: string, from = 0): number {
  const lines = text.split("\n");
  const i = lines.findIndex((l, n) => n >= from && l.includes(needle));
  if (i < 0) throw new Error(`fixture has no line containing ${needle}`);
  return i + 1;
}
