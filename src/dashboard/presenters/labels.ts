/** Chinese labels for staff (团委工作人员); codes stay English in the data. */

export const MSG_TYPE_LABELS: Record<string, string> = {
  text: "文字",
  voice: "语音",
  image: "图片",
  video: "视频",
  shortvideo: "小视频",
  location: "位置",
  link: "链接",
  subscribe: "关注",
  unsubscribe: "取消关注",
  scan: "扫码",
  click: "菜单点击",
  view: "菜单链接",
  location_report: "上报位置",
  mass_send_finished: "群发结果",
  publish_finished: "发布结果",
  template_send_finished: "模板消息结果",
  unknown: "其他",
};

export const MATCH_MODE_LABELS: Record<string, string> = {
  exact: "全匹配",
  contains: "半匹配",
  regex: "正则",
  menu: "数字菜单",
  click: "菜单按钮",
  event: "事件",
  default: "默认回复",
  qa: "青年之声",
};

/** getusersummary user_source (protocol §5.8). */
export const USER_SOURCE_LABELS: Record<number, string> = {
  0: "其他合计",
  1: "公众号搜索",
  17: "名片分享",
  30: "扫描二维码",
  57: "文章内账号名称",
  100: "微信广告",
  149: "小程序关注",
  161: "他人转载",
  200: "视频号",
  201: "直播",
};

export const STATE_LABELS: Record<string, string> = {
  scheduled: "待发布",
  rendering: "排版中",
  drafted: "已存草稿",
  submitted: "已提交",
  published: "已发布",
  failed: "失败",
  missed: "错过时间",
  waiting_quota: "等待群发额度",
  cancelled: "已取消",
  draft_only: "草稿已建",
  awaiting_approval: "等待管理员确认",
  skipped: "已跳过",
};

/** What staff do about a row in this state on the 发布 page (the reason itself comes from the ledger). */
export const STATE_HINTS: Record<string, string> = {
  failed: "看原因改好后点“重试”；不再发就点“跳过”。",
  missed: "点“立即发布”现在发出，或“改时间”另定时间；不再发就点“跳过”。",
  draft_only: "草稿已在公众号后台的草稿箱里：请登录 mp.weixin.qq.com，在“草稿箱”中手动发表。",
  awaiting_approval: "请公众号管理员在手机微信上确认这次群发；超过截止时间未确认会记为失败，不会自动再发。",
  waiting_quota: "今天（或本月）的群发次数已用完，到下一次可群发时自动发出。",
};

export const MODE_LABELS: Record<string, string> = { mass: "群发", publish: "发布" };

export const SYNC_SOURCE_LABELS: Record<string, string> = {
  followers: "关注数据（getusersummary / getusercumulate）",
  article_reads: "图文阅读与分享（getarticleread / getarticleshare，新接口）",
  biz_summary: "发表内容概况（getbizsummary，新接口）",
  article_details: "单篇文章详细数据（getarticletotaldetail，新接口）",
  articles: "图文每日数据（getarticlesummary，旧接口，已停止维护）",
  article_totals: "图文总数据（getarticletotal，旧接口，已停止维护）",
  follower_count: "当前关注人数（user/get）",
  message_rollup: "本系统消息日志汇总",
};

export const SYNC_STATUS_LABELS: Record<string, string> = { ok: "正常", unavailable: "不可用", error: "失败（下次重试）" };

/** Groups for the stacked message chart. */
export function typeGroup(msgType: string): string {
  switch (msgType) {
    case "text":
      return "文字";
    case "voice":
      return "语音";
    case "image":
    case "video":
    case "shortvideo":
      return "图片/视频";
    case "click":
    case "view":
      return "菜单";
    case "subscribe":
    case "unsubscribe":
    case "scan":
      return "关注/扫码";
    default:
      return "其他";
  }
}
export const TYPE_GROUPS = ["文字", "语音", "图片/视频", "菜单", "关注/扫码", "其他"];

export const label = (table: Record<string, string>, key: string) => table[key] ?? key;

/** Rule ids that are not a column's keyword: what staff call them. */
const FIXED_RULES: Record<string, string> = {
  welcome: "欢迎语",
  scan: "扫码回复",
  default: "默认回复",
  "default-suppressed": "默认回复（间隔内未重复发送）",
  "qa:arm": "青年之声：等待提问",
  "qa:cancel": "青年之声：取消提问",
  "qa:list": "青年之声：我的问题",
  "qa:ask": "青年之声：收到问题",
  "qa:too-short": "青年之声：问题太短",
  "staff-phone:bind": "绑定后台账号",
};

/**
 * A rule id as staff know it, never the internal code: "careers:exact:招聘" → 招聘;
 * "careers:menu:2" → 回复 2; "click:CONTACT" → 菜单 CONTACT; "qa:arm" → 青年之声：等待提问.
 */
export function ruleLabel(ruleId: string | null | undefined): string {
  if (!ruleId) return "";
  const fixed = FIXED_RULES[ruleId];
  if (fixed) return fixed;
  const [first, second, ...rest] = ruleId.split(":");
  if (first === "qa") return "青年之声";
  if (first === "click" && second !== undefined) return `菜单 ${[second, ...rest].join(":")}`;
  if (second === undefined) return ruleId;
  const value = rest.join(":");
  if (second === "menu") return `回复 ${value}`;
  if (second === "click") return `菜单 ${value}`;
  if (second === "regex") return `正则 ${value}`;
  return value || ruleId;
}

/** How the bot handled a message (match_mode), for staff: 全匹配, 默认回复 (no keyword matched)… */
export const matchModeLabel = (mode: string | null | undefined): string => (mode ? label(MATCH_MODE_LABELS, mode) : "");

/** A staff reply's delivery (staff_replies.delivery). */
export const STAFF_REPLY_DELIVERY_LABELS: Record<string, string> = {
  sending: "发送中",
  sent: "已发送",
  held: "待送达",
  uncertain: "发送结果不明",
  delivered_passive: "已随回复送达",
};

/** 青年之声 ticket states and deliveries, in the inbox's thread. */
export const TICKET_STATE_LABELS: Record<string, string> = { open: "待答复", answered: "已答复", not_question: "不是问题" };

/** "不到1分钟", "12分钟", "3小时", "2天": how long something has waited. */
export function ageLabel(ms: number): string {
  const minutes = Math.floor(Math.max(0, ms) / 60_000);
  if (minutes < 1) return "不到1分钟";
  if (minutes < 60) return `${minutes}分钟`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours}小时`;
  return `${Math.floor(hours / 24)}天`;
}
