import { COUNTY_ACCOUNT_ID } from "../matrix/declared-account";
/**
 * The account a webhook path names: null for `/wechat` (the default account), the decoded segment
 * for `/wechat/:account`, undefined when the path is not the webhook's. Matches what @koa/router
 * matches for the handshake's GET routes, trailing slash included.
 */
export function webhookAccountOf(path: string): string | null | undefined {
  if (!path.startsWith("/wechat")) return undefined;
  if (path.length === 7 || path === "/wechat/") return null;
  if (path.charCodeAt(7) !== 47 /* / */) return undefined;
  const segment = path.endsWith("/") ? path.slice(8, -1) : path.slice(8);
  if (segment === "" || segment.includes("/")) return undefined;
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** The path WeChat is told to push an account's messages to: /wechat for the county's, /wechat/<id> for a township's. */
export const webhookPathOf = (accountId: string): string => (accountId === COUNTY_ACCOUNT_ID ? "/wechat" : `/wechat/${encodeURIComponent(accountId)}`);
