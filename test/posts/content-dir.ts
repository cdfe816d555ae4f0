import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { loadContent } from "../../src/bot/load-content";
import type { BotContent } from "../../src/bot/bot-content";
import { loadPosts } from "../../src/posts/load-posts";

/** A frozen copy of content/ for the tests (npm run check validates the live folder). */
export const FIXTURE_CONTENT = path.join(__dirname, "../fixtures/content");
export const TZ = "Asia/Shanghai";

/** A scratch content/ with the repository's columns, replies, menu and demo images, and no posts. */
export interface ContentDir {
  dir: string;
  postsDir: string;
  bot: BotContent;
  /** Writes content/posts/<name> (name with .md) and returns its path. */
  writePost(name: string, text: string): string;
  copyImage(from: string, to?: string): string;
  load(): ReturnType<typeof loadPosts>;
  remove(): void;
}

export function makeContentDir(): ContentDir {
  const dir = mkdtempSync(path.join(tmpdir(), "posts-"));
  for (const f of ["columns.yml", "replies.yml", "menu.yml", "qa.yml", "checks.yml"]) {
    if (existsSync(path.join(FIXTURE_CONTENT, f))) cpSync(path.join(FIXTURE_CONTENT, f), path.join(dir, f));
  }
  const postsDir = path.join(dir, "posts");
  mkdirSync(path.join(postsDir, "images"), { recursive: true });
  for (const img of ["job-fair.jpg", "jujube-orchard.webp", "volunteers.png", "internship.jpg"]) {
    cpSync(path.join(FIXTURE_CONTENT, "posts/images", img), path.join(postsDir, "images", img));
  }
  // Each column's default cover (columns.yml default_cover), as the repository ships them.
  cpSync(path.join(FIXTURE_CONTENT, "posts/images/covers"), path.join(postsDir, "images/covers"), { recursive: true });
  const bot = loadContent(dir).content!;
  return {
    dir,
    postsDir,
    bot,
    writePost(name, text) {
      const file = path.join(postsDir, name);
      writeFileSync(file, text);
      return file;
    },
    copyImage(from, to = path.basename(from)) {
      const target = path.join(postsDir, "images", to);
      cpSync(from, target);
      return target;
    },
    load: () => loadPosts(dir, { timezone: TZ, columns: bot.columnsById }),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** A post file: front matter fields in order (values written as given), then the body. */
export function postText(fields: Record<string, string>, body = "县城青年就业招聘会本周五举办。\n"): string {
  const lines = Object.entries(fields).map(([k, v]) => `${k}: ${v}`);
  return `---\n${lines.join("\n")}\n---\n\n${body}`;
}

/** A complete, valid careers post. */
export function jobFair(overrides: Record<string, string> = {}, body?: string): string {
  return postText(
    {
      title: "轮台县2026年冬季青年就业招聘会",
      column: "careers",
      publish_at: "2026-12-01 09:00",
      author: "团县委",
      cover: "images/job-fair.jpg",
      ...overrides,
    },
    body,
  );
}
