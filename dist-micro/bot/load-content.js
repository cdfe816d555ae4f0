"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.MAX_PATTERN_LENGTH = exports.CONTENT_FILES = exports.MENU_FILE = exports.REPLIES_FILE = exports.COLUMNS_FILE = void 0;
exports.loadContent = loadContent;
/**
 * Reads content/columns.yml, content/replies.yml and content/menu.yml, validates them and compiles
 * the keyword rules. The files are the editors' interface (anchors.md C1: once 服务器配置 is on,
 * the MP backend's own auto-reply and menu editor stop working, so these files replace them), so
 * every problem is reported at once, each naming the file, the line and the field.
 *
 * Reads files; no other I/O. Also backs `npm run cli -- check`.
 */
const node_path_1 = __importDefault(require("node:path"));
const check_columns_1 = require("./check-columns");
const check_menu_1 = require("./check-menu");
const check_replies_1 = require("./check-replies");
const compile_content_1 = require("./compile-content");
const content_yaml_1 = require("./content-yaml");
exports.COLUMNS_FILE = "columns.yml";
exports.REPLIES_FILE = "replies.yml";
exports.MENU_FILE = "menu.yml";
exports.CONTENT_FILES = [exports.COLUMNS_FILE, exports.REPLIES_FILE, exports.MENU_FILE];
var keyword_pattern_1 = require("./keyword-pattern");
Object.defineProperty(exports, "MAX_PATTERN_LENGTH", { enumerable: true, get: function () { return keyword_pattern_1.MAX_PATTERN_LENGTH; } });
function loadContent(contentDir) {
    const problems = new content_yaml_1.Problems();
    const columnsFile = (0, content_yaml_1.readYaml)(node_path_1.default.join(contentDir, exports.COLUMNS_FILE), true, problems);
    const repliesFile = (0, content_yaml_1.readYaml)(node_path_1.default.join(contentDir, exports.REPLIES_FILE), true, problems);
    const menuFile = (0, content_yaml_1.readYaml)(node_path_1.default.join(contentDir, exports.MENU_FILE), false, problems);
    const columns = columnsFile ? (0, check_columns_1.checkColumns)(columnsFile, problems) : null;
    const replies = repliesFile ? (0, check_replies_1.checkReplies)(repliesFile, columns, problems) : null;
    const menu = menuFile ? (0, check_menu_1.checkMenu)(menuFile, columns, replies, problems) : null;
    if (columnsFile && columns && repliesFile && replies) {
        (0, check_replies_1.crossCheckColumnsAndReplies)(columnsFile, columns, repliesFile, replies, problems);
    }
    if (problems.errors.length > 0 || !columnsFile || !columns || !repliesFile || !replies?.replies) {
        return { content: null, errors: problems.errors };
    }
    return { content: (0, compile_content_1.build)(columnsFile, columns, repliesFile, replies, menu?.menu ?? null), errors: [] };
}
//# sourceMappingURL=load-content.js.map