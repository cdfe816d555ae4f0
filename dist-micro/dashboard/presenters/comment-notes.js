"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.ACTION_LABELS = exports.DONE_NOTES = exports.REFUSAL_NOTES = void 0;
exports.outcomeLabel = outcomeLabel;
/** What staff read when WeChat refuses a comment call (the refusal kinds of api-errcodes.ts). */
exports.REFUSAL_NOTES = {
    no_permission: "本公众号没有留言管理权限（微信返回 48001 或 88000）：未认证的公众号、个人主体的公众号和没有开通留言功能的公众号不能通过接口管理留言。" +
        "请在微信公众平台（mp.weixin.qq.com）→ 互动管理 → 留言 中处理；后台其他功能不受影响。",
    article_not_found: "微信找不到这篇文章（88001）：文章可能已被删除，或发布记录里的 msg_data_id 有误。",
    article_restricted: "这篇文章因安全原因被限制（88002），不能管理留言。",
    elect_limit: "精选留言已达上限（88003），请先取消一些精选。",
    deleted_by_user: "这条留言已被作者删除（88004），不能精选。",
    already_replied: "这条留言已经有回复（88005）：每条留言只能回复一次，可先删除原回复再回复。",
    reply_invalid: "回复不能为空，也不能太长（88007）。",
    comment_not_found: "这条留言已不存在（88008），可能已被删除。",
    reply_not_found: "这条留言没有回复（88009）。",
    bad_count: "读取留言的条数不合法（88010）。",
    other: "现在无法完成，微信暂时没有响应或返回了错误，请稍后再试。",
    invalid: "回复不能为空，最多 600 个字。",
};
/** After a successful action (the `done` query of the redirect). */
exports.DONE_NOTES = {
    elect: "已设为精选，读者会在文章下方看到这条留言。",
    unelect: "已取消精选。",
    reply: "回复已发布。",
    delete_reply: "回复已删除。",
    delete: "留言已删除。",
    simulate: "已模拟一条青年留言（沙盒）。",
};
exports.ACTION_LABELS = {
    elect: "精选",
    unelect: "取消精选",
    reply: "回复",
    delete_reply: "删除回复",
    delete: "删除留言",
    open: "打开留言",
    close: "关闭留言",
};
/** ok | wechat_<errcode> | error → for the audit table. */
function outcomeLabel(outcome) {
    if (outcome === "ok")
        return "成功";
    if (outcome === "error")
        return "未完成（网络）";
    return `微信拒绝 ${outcome.replace(/^wechat_/, "")}`;
}
//# sourceMappingURL=comment-notes.js.map