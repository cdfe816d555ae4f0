"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.MENU_USAGE = void 0;
exports.toApiMenu = toApiMenu;
exports.menuCommand = menuCommand;
const node_util_1 = require("node:util");
const menu_1 = require("../wechat/endpoints/menu");
const cli_wechat_1 = require("./cli-wechat");
exports.MENU_USAGE = `  menu sync [--dry-run]         make WeChat's custom menu match content/menu.yml (--dry-run: show the
                                request and whether the live menu differs, change nothing)
`;
function leaf(b) {
    return b.type === "click" ? { name: b.name, type: "click", key: b.key } : { name: b.name, type: "view", url: b.url };
}
/** content/menu.yml (already validated by the bot's loader against WeChat's limits) as menu/create takes it. */
function toApiMenu(menu) {
    return { buttons: menu.buttons.map((b) => ("subButtons" in b ? { name: b.name, subButtons: b.subButtons.map(leaf) } : leaf(b))) };
}
/**
 * `npm run cli -- menu sync`: with 服务器配置 on, the MP console's menu editor is disabled, so the
 * menu lives in content/menu.yml and reaches WeChat through menu/create (anchors.md C1/C2).
 * Phones refresh the menu within about 5 minutes.
 */
async function menuCommand(deps, args, out) {
    const { values, positionals } = (0, node_util_1.parseArgs)({ args, allowPositionals: true, options: { "dry-run": { type: "boolean" } } });
    if (positionals[0] !== "sync" || positionals.length > 1) {
        out(`usage:\n${exports.MENU_USAGE}`);
        return 1;
    }
    const menu = deps.content.current().menu;
    if (!menu) {
        out(`no ${deps.config.contentDir}/menu.yml: nothing to sync\n`);
        return 1;
    }
    const wanted = toApiMenu(menu);
    const wire = JSON.stringify((0, menu_1.toWireMenu)(wanted));
    return (0, cli_wechat_1.withWeChat)(deps, async (wechat) => {
        if (values["dry-run"]) {
            out(`menu/create would receive:\n${JSON.stringify((0, menu_1.toWireMenu)(wanted), null, 2)}\n`);
            let live;
            try {
                live = await wechat.menu.get();
            }
            catch (err) {
                out(`(could not read the live menu: ${err.message})\n`);
                return 0;
            }
            const same = live !== null && JSON.stringify((0, menu_1.toWireMenu)(live)) === wire;
            out(live === null ? "the account has no menu yet: sync would create it\n" : same ? "the live menu already matches: sync would change nothing\n" : "the live menu differs: sync would replace it\n");
            return 0;
        }
        await wechat.menu.create(wanted);
        const count = wanted.buttons.reduce((n, b) => n + ("subButtons" in b ? b.subButtons.length : 1), 0);
        out(`menu synced: ${wanted.buttons.length} buttons, ${count} actions (phones refresh within about 5 minutes)\n`);
        return 0;
    });
}
//# sourceMappingURL=menu-command.js.map