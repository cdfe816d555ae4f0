import { randomBytes } from "node:crypto";

/**
 * errmsg texts as WeChat writes them (global error code list; samples in research/vectors
 * api-error-*.json). Real ones end in a `rid` that /cgi-bin/openapi/rid/get resolves.
 */
const ERRMSG: Record<number, string> = {
  [-1]: "system error",
  40001: "invalid credential, access_token is invalid or not latest",
  40002: "invalid grant_type",
  40003: "invalid openid",
  40004: "invalid media type",
  40005: "invalid file type",
  40007: "invalid media_id",
  40008: "invalid message type",
  40009: "invalid image size",
  40012: "invalid thumb size",
  40013: "invalid appid",
  40014: "invalid access_token",
  40016: "invalid button size",
  40017: "invalid button type",
  40018: "invalid button name size",
  40019: "invalid button key size",
  40020: "invalid button url size",
  40023: "invalid sub button size",
  40024: "invalid sub button type",
  40025: "invalid sub button name size",
  40026: "invalid sub button key size",
  40027: "invalid sub button url size",
  40059: "invalid msg id",
  40125: "invalid appsecret",
  40164: "invalid ip, not in whitelist",
  41001: "access_token missing",
  41002: "appid missing",
  41004: "appsecret missing",
  41005: "media data missing",
  42001: "access_token expired",
  43004: "require subscribe",
  44002: "empty post data",
  44003: "empty news data",
  44004: "empty content",
  45002: "content size out of limit",
  45003: "title size out of limit",
  45004: "description size out of limit",
  45005: "url size out of limit",
  45008: "article size out of limit",
  45009: "reach max api daily quota limit",
  45011: "api minute-quota reach limit  mustslower  retry next minute",
  45015: "response out of time limit or subscription is canceled",
  45028: "has no masssend quota",
  45047: "out of response count limit",
  45096: "invalid remark: remark must be shorter than 30 bytes",
  45065: "clientmsgid exist",
  45066: "same clientmsgid retry too fast",
  45067: "clientmsgid size out of limit",
  45110: "author size out of limit",
  46003: "menu no exist",
  47001: "data format error",
  48001: "api unauthorized",
  48004: "api forbidden for irregularities",
  53502: "invalid publish_id",
  53503: "该草稿未通过发布检查",
  61500: "date format error",
  // 留言管理 (global errcode list; api_listcomment and siblings)
  88000: "without comment privilege",
  88001: "msg_data is not exists",
  88002: "the article is limit for safety",
  88003: "elected comment upper limit",
  88004: "comment was deleted by user",
  88005: "already reply",
  88007: "reply content beyond max len or content len is zero",
  88008: "comment is not exists",
  88009: "reply is not exists",
  88010: "count range error. cout <= 0 or count > 50",
  61501: "date range error",
  // 风险操作保护 (API 群发保护): WxOpenErrorMsgEnum
  89501: "此IP正在等待管理员确认,请联系管理员",
  89503: "此IP调用需要管理员确认,请联系管理员",
  89506: "24小时内该IP被管理员拒绝调用两次，24小时内不可再使用该IP调用",
  89507: "1小时内该IP被管理员拒绝调用一次，1小时内不可再使用该IP调用",
  45166: "invalid content",
};

const rid = () =>
  [randomBytes(4), randomBytes(4), randomBytes(4)].map((b) => b.toString("hex")).join("-");

/** The body of an error answer: {errcode, errmsg: "… rid: …", …extra}. */
export function errorBody(errcode: number, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { errcode, errmsg: `${ERRMSG[errcode] ?? "unknown error"} rid: ${rid()}`, ...extra };
}
