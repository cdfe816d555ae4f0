/**
 * Reads content/columns.yml, content/replies.yml and content/menu.yml, validates them and compiles
 * the keyword rules. The files are the editors' interface (anchors.md C1: once 服务器配置 is on,
 * the MP backend's own auto-reply and menu editor stop working, so these files replace them), so
 * every problem is reported at once, each naming the file, the line and the field.
 *
 * Reads files; no other I/O. Also backs `npm run cli -- check`.
 */
import path from "node:path";
import type { ContentError } from "../errors";
import type { BotContent } from "./bot-content";
import { checkColumns } from "./check-columns";
import { checkMenu } from "./check-menu";
import { checkReplies, crossCheckColumnsAndReplies } from "./check-replies";
import { build } from "./compile-content";
import { Problems, readYaml } from "./content-yaml";

export interface LoadContentResult {
  /** Null whenever `errors` is not empty. */
  content: BotContent | null;
  errors: ContentError[];
}

export const COLUMNS_FILE = "columns.yml";
export const REPLIES_FILE = "replies.yml";
export const MENU_FILE = "menu.yml";
export const CONTENT_FILES = [COLUMNS_FILE, REPLIES_FILE, MENU_FILE] as const;

export { MAX_PATTERN_LENGTH } from "./keyword-pattern";

export function loadContent(contentDir: string): LoadContentResult {
  const problems = new Problems();
  const columnsFile = readYaml(path.join(contentDir, COLUMNS_FILE), true, problems);
  const repliesFile = readYaml(path.join(contentDir, REPLIES_FILE), true, problems);
  const menuFile = readYaml(path.join(contentDir, MENU_FILE), false, problems);

  const columns = columnsFile ? checkColumns(columnsFile, problems) : null;
  const replies = repliesFile ? checkReplies(repliesFile, columns, problems) : null;
  const menu = menuFile ? checkMenu(menuFile, columns, replies, problems) : null;
  if (columnsFile && columns && repliesFile && replies) {
    crossCheckColumnsAndReplies(columnsFile, columns, repliesFile, replies, problems);
  }

  if (problems.errors.length > 0 || !columnsFile || !columns || !repliesFile || !replies?.replies) {
    return { content: null, errors: problems.errors };
  }
  return { content: build(columnsFile, columns, repliesFile, replies, menu?.menu ?? null), errors: [] };
}
