import { reject, type EndpointSpec, type Sandbox } from "./sandbox-context";
import { validateMenu } from "./validate-menu";

/** POST /cgi-bin/menu/create {button:[…]} → {errcode 0, errmsg "ok"}; replaces the live menu. */
export const menuCreateEndpoint = (sb: Sandbox): EndpointSpec => ({
  method: "POST",
  path: "/cgi-bin/menu/create",
  async handle(req) {
    const body = await req.json();
    validateMenu(body);
    sb.stores.content.addMenu(sb.accountId, { button: body.button }, req.now.getTime());
    return { errcode: 0, errmsg: "ok" };
  },
});

/** GET /cgi-bin/menu/get → {menu:{button, menuid}}; 46003 when no menu was ever created. */
export const menuGetEndpoint = (sb: Sandbox): EndpointSpec => ({
  method: "GET",
  path: "/cgi-bin/menu/get",
  handle() {
    const [latest] = sb.stores.content.listMenus(sb.accountId, 1);
    if (!latest) reject(46003);
    const menu = latest.menu as { button: Record<string, unknown>[] };
    // menu/get lists sub_button on every top-level button, [] when it has none.
    const button = menu.button.map((b) => ({ ...b, sub_button: Array.isArray(b.sub_button) ? b.sub_button : [] }));
    return { menu: { button, menuid: 100 + sb.stores.content.listMenus(sb.accountId, 1000).length } };
  },
});
