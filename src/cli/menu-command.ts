import { parseArgs } from "node:util";
import type { Menu as ContentMenu, MenuLeaf as ContentLeaf } from "../bot/bot-content";
import type { Deps } from "../deps";
import { toWireMenu, type Menu, type MenuLeaf } from "../wechat/endpoints/menu";
import { withWeChat } from "./cli-wechat";

export const MENU_USAGE = `  menu sync [--dry-run]         make WeChat's custom menu match content/menu.yml (--dry-run: show the
                                request and whether the live menu differs, change nothing)
`;

function leaf(b: ContentLeaf): MenuLeaf {
  return b.type === "click" ? { name: b.name, type: "click", key: b.key } : { name: b.name, type: "view", url: b.url };
}

/** content/menu.yml (already validated by the bot's loader against WeChat's limits) as menu/create takes it. */
export function toApiMenu(menu: ContentMenu): Menu {
  return { buttons: menu.buttons.map((b) => ("subButtons" in b ? { name: b.name, subButtons: b.subButtons.map(leaf) } : leaf(b))) };
}

/**
 * `npm run cli -- menu sync`: with 服务器配置 on, the MP console's menu editor is disabled, so the
 * menu lives in content/menu.yml and reaches WeChat through menu/create (anchors.md C1/C2).
 * Phones refresh the menu within about 5 minutes.
 */
export async function menuCommand(deps: Deps, args: string[], out: (text: string) => void): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { "dry-run": { type: "boolean" } } });
  if (positionals[0] !== "sync" || positionals.length > 1) {
    out(`usage:\n${MENU_USAGE}`);
    return 1;
  }
  const menu = deps.content.current().menu;
  if (!menu) {
    out(`no ${deps.config.contentDir}/menu.yml: nothing to sync\n`);
    return 1;
  }
  const wanted = toApiMenu(menu);
  const wire = JSON.stringify(toWireMenu(wanted));
  return withWeChat(deps, async (wechat) => {
    if (values["dry-run"]) {
      out(`menu/create would receive:\n${JSON.stringify(toWireMenu(wanted), null, 2)}\n`);
      let live: Menu | null | undefined;
      try {
        live = await wechat.menu.get();
      } catch (err) {
        out(`(could not read the live menu: ${(err as Error).message})\n`);
        return 0;
      }
      const same = live !== null && JSON.stringify(toWireMenu(live)) === wire;
      out(live === null ? "the account has no menu yet: sync would create it\n" : same ? "the live menu already matches: sync would change nothing\n" : "the live menu differs: sync would replace it\n");
      return 0;
    }
    await wechat.menu.create(wanted);
    const count = wanted.buttons.reduce((n, b) => n + ("subButtons" in b ? b.subButtons.length : 1), 0);
    out(`menu synced: ${wanted.buttons.length} buttons, ${count} actions (phones refresh within about 5 minutes)\n`);
    return 0;
  });
}
