import { z } from "zod";
import { WeChatApiError } from "../../errors";
import { MENU_NOT_FOUND_ERRCODE } from "../api-errcodes";
import { parseWire, type ApiCall } from "../api-types";

const CREATE = "/cgi-bin/menu/create";
const GET = "/cgi-bin/menu/get";

/** What tapping a button does (button types: protocol §5.7; lowercase on the wire). */
export type MenuAction =
  | { type: "click"; key: string }
  | { type: "view"; url: string }
  | { type: "miniprogram"; url: string; appId: string; pagePath: string }
  | { type: "article_id" | "article_view_limited"; articleId: string }
  | { type: "media_id" | "view_limited"; mediaId: string }
  | {
      type: "scancode_push" | "scancode_waitmsg" | "pic_sysphoto" | "pic_photo_or_album" | "pic_weixin" | "location_select";
      key: string;
    };

export type MenuLeaf = { name: string } & MenuAction;
/** A top-level button opening 1–5 sub-buttons (it sends no event itself). */
export interface MenuGroup {
  name: string;
  subButtons: MenuLeaf[];
}
export type MenuButton = MenuLeaf | MenuGroup;

/** 1–3 top-level buttons. Names ≤ 16 bytes top-level, ≤ 60 bytes below; key ≤ 128 B; url ≤ 1024 B. */
export interface Menu {
  buttons: MenuButton[];
}

function leafToWire(b: MenuLeaf): Record<string, unknown> {
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

export function toWireMenu(menu: Menu): { button: Record<string, unknown>[] } {
  return {
    button: menu.buttons.map((b) =>
      "subButtons" in b ? { name: b.name, sub_button: b.subButtons.map(leafToWire) } : leafToWire(b),
    ),
  };
}

const wireButton = z
  .object({
    type: z.string().optional(),
    name: z.string(),
    key: z.string().optional(),
    url: z.string().optional(),
    appid: z.string().optional(),
    pagepath: z.string().optional(),
    article_id: z.string().optional(),
    media_id: z.string().optional(),
    sub_button: z.array(z.lazy((): z.ZodTypeAny => wireButton)).optional(),
  })
  .passthrough();
type WireButton = z.infer<typeof wireButton>;

const getResponse = z.object({ menu: z.object({ button: z.array(wireButton).default([]) }) });

function leafFromWire(w: WireButton): MenuLeaf {
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
export function menuEndpoints(call: ApiCall) {
  return {
    /** menu/create replaces the whole menu (so -1 may be retried). 40016–40027: counts, types, sizes. */
    async create(menu: Menu): Promise<void> {
      await call({ path: CREATE, method: "POST", json: toWireMenu(menu), retryOnBusy: true });
    },

    /** menu/get → the live menu, or null when none exists (46003). */
    async get(): Promise<Menu | null> {
      let body;
      try {
        body = await call({ path: GET, method: "GET", retryOnBusy: true });
      } catch (err) {
        if (err instanceof WeChatApiError && err.errcode === MENU_NOT_FOUND_ERRCODE) return null;
        throw err;
      }
      const wire = parseWire(getResponse, body, GET);
      return {
        buttons: wire.menu.button.map((b: WireButton): MenuButton =>
          b.sub_button && b.sub_button.length > 0 && !b.type
            ? { name: b.name, subButtons: (b.sub_button as WireButton[]).map(leafFromWire) }
            : leafFromWire(b),
        ),
      };
    },
  };
}
