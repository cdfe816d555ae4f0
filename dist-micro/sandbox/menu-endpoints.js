"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.menuGetEndpoint = exports.menuCreateEndpoint = void 0;
const sandbox_context_1 = require("./sandbox-context");
const validate_menu_1 = require("./validate-menu");
/** POST /cgi-bin/menu/create {button:[…]} → {errcode 0, errmsg "ok"}; replaces the live menu. */
const menuCreateEndpoint = (sb) => ({
    method: "POST",
    path: "/cgi-bin/menu/create",
    async handle(req) {
        const body = await req.json();
        (0, validate_menu_1.validateMenu)(body);
        sb.stores.content.addMenu(sb.accountId, { button: body.button }, req.now.getTime());
        return { errcode: 0, errmsg: "ok" };
    },
});
exports.menuCreateEndpoint = menuCreateEndpoint;
/** GET /cgi-bin/menu/get → {menu:{button, menuid}}; 46003 when no menu was ever created. */
const menuGetEndpoint = (sb) => ({
    method: "GET",
    path: "/cgi-bin/menu/get",
    handle() {
        const [latest] = sb.stores.content.listMenus(sb.accountId, 1);
        if (!latest)
            (0, sandbox_context_1.reject)(46003);
        const menu = latest.menu;
        // menu/get lists sub_button on every top-level button, [] when it has none.
        const button = menu.button.map((b) => ({ ...b, sub_button: Array.isArray(b.sub_button) ? b.sub_button : [] }));
        return { menu: { button, menuid: 100 + sb.stores.content.listMenus(sb.accountId, 1000).length } };
    },
});
exports.menuGetEndpoint = menuGetEndpoint;
//# sourceMappingURL=menu-endpoints.js.map