import { parseArgs } from "node:util";
import type { Menu as ContentMenu, MenuLeaf as ContentLeaf } from "../bot/bot-content";
import type { Deps } from "../deps";
import { toWireMenu, type Menu, type MenuLeaf } from "../wechat/endpoints/menu";
import { withWeChat } from "./cli-wechat";

export const MENU_USAGE = `  menu sync [--dry-run] [--json]
                                让公众号的自定义菜单与 content/menu.yml 一致（--dry-run：只显示要发给微信的
                                菜单，以及与线上菜单是否不同，什么也不改）
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
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { "dry-run": { type: "boolean" }, json: { type: "boolean" } } });
  if (positionals[0] !== "sync" || positionals.length > 1) {
    out(`用法：\n${MENU_USAGE}`);
    return 1;
  }
  const menu = deps.content.current().menu;
  if (!menu) {
    out(`没有 ${deps.config.contentDir}/menu.yml，没有菜单可同步\n`);
    return 1;
  }
  const json = values.json === true;
  const wanted = toApiMenu(menu);
  const wire = JSON.stringify(toWireMenu(wanted));
  return withWeChat(deps, async (wechat) => {
    const count = wanted.buttons.reduce((n, b) => n + ("subButtons" in b ? b.subButtons.length : 1), 0);
    if (values["dry-run"]) {
      let live: Menu | null | undefined;
      let error: string | undefined;
      try {
        live = await wechat.menu.get();
      } catch (err) {
        error = (err as Error).message;
      }
      const liveState = live === undefined ? "unknown" : live === null ? "none" : JSON.stringify(toWireMenu(live)) === wire ? "same" : "different";
      if (json) {
        out(JSON.stringify({ dryRun: true, request: toWireMenu(wanted), live: liveState, ...(error ? { error } : {}) }, null, 2) + "\n");
        return 0;
      }
      out(`将发给微信 menu/create 的菜单：\n${JSON.stringify(toWireMenu(wanted), null, 2)}\n`);
      const verdict = {
        unknown: `（读不到线上菜单：${error ?? ""}）`,
        none: "公众号还没有菜单：同步会创建它",
        same: "线上菜单已经一致：同步不会改变任何东西",
        different: "线上菜单不同：同步会替换它",
      };
      out(`${verdict[liveState]}\n`);
      return 0;
    }
    await wechat.menu.create(wanted);
    out(json ? JSON.stringify({ synced: true, buttons: wanted.buttons.length, actions: count }) + "\n" : `菜单已同步：${wanted.buttons.length} 个主按钮，${count} 个动作（手机上约 5 分钟内更新）\n`);
    return 0;
  });
}
