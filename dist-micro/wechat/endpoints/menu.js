"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.toWireMenu = toWireMenu;
exports.menuEndpoints = menuEndpoints;
const zod_1 = require("zod");
const errors_1 = require("../../errors");
const api_errcodes_1 = require("../api-errcodes");
const api_types_1 = require("../api-types");
const CREATE = "/cgi-bin/menu/create";
const GET = "/cgi-bin/menu/get";
function leafToWire(b) {
    switch (b.type) {
        case "view":
            return { type: b.type, name: b.name, url: b.url };
        case "miniprogram":
            return { type: b.type, name: b.name, url: b.url, appid: b.appId, pagepath: b.pagePath };
        case "article_id":
        case "article_view_limited":
            return { type: b.type, name: b.name, article_id: b.articleId };
        case "media_id":
        case "view_limited":
            return { type: b.type, name: b.name, media_id: b.mediaId };
        default:
            return { type: b.type, name: b.name, key: b.key };
    }
}
function toWireMenu(menu) {
    return {
        button: menu.buttons.map((b) => "subButtons" in b ? { name: b.name, sub_button: b.subButtons.map(leafToWire) } : leafToWire(b)),
    };
}
const wireButton = zod_1.z
    .object({
    type: zod_1.z.string().optional(),
    name: zod_1.z.string(),
    key: zod_1.z.string().optional(),
    url: zod_1.z.string().optional(),
    appid: zod_1.z.string().optional(),
    pagepath: zod_1.z.string().optional(),
    article_id: zod_1.z.string().optional(),
    media_id: zod_1.z.string().optional(),
    sub_button: zod_1.z.array(zod_1.z.lazy(() => wireButton)).optional(),
})
    .passthrough();
const getResponse = zod_1.z.object({ menu: zod_1.z.object({ button: zod_1.z.array(wireButton).default([]) }) });
function leafFromWire(w) {
    const name = w.name;
    switch (w.type) {
        case "view":
            return { name, type: "view", url: w.url ?? "" };
        case "miniprogram":
            return { name, type: "miniprogram", url: w.url ?? "", appId: w.appid ?? "", pagePath: w.pagepath ?? "" };
        case "article_id":
        case "article_view_limited":
            return { name, type: w.type, articleId: w.article_id ?? "" };
        case "media_id":
        case "view_limited":
            return { name, type: w.type, mediaId: w.media_id ?? "" };
        case "scancode_push":
        case "scancode_waitmsg":
        case "pic_sysphoto":
        case "pic_photo_or_album":
        case "pic_weixin":
        case "location_select":
            return { name, type: w.type, key: w.key ?? "" };
        default:
            return { name, type: "click", key: w.key ?? "" };
    }
}
/** The custom menu (自定义菜单). In server mode the MP console's menu editor is off, so this is the only way. */
function menuEndpoints(call) {
    return {
        /** menu/create replaces the whole menu (so -1 may be retried). 40016–40027: counts, types, sizes. */
        async create(menu) {
            await call({ path: CREATE, method: "POST", json: toWireMenu(menu), retryOnBusy: true });
        },
        /** menu/get → the live menu, or null when none exists (46003). */
        async get() {
            let body;
            try {
                body = await call({ path: GET, method: "GET", retryOnBusy: true });
            }
            catch (err) {
                if (err instanceof errors_1.WeChatApiError && err.errcode === api_errcodes_1.MENU_NOT_FOUND_ERRCODE)
                    return null;
                throw err;
            }
            const wire = (0, api_types_1.parseWire)(getResponse, body, GET);
            return {
                buttons: wire.menu.button.map((b) => b.sub_button && b.sub_button.length > 0 && !b.type
                    ? { name: b.name, subButtons: b.sub_button.map(leafFromWire) }
                    : leafFromWire(b)),
            };
        },
    };
}
//# sourceMappingURL=menu.js.map