"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.seedComments = seedComments;
const fake_figures_1 = require("./fake-figures");
/** What youths write under a county League account's articles (simulated; none of it is real). */
const YOUTH_COMMENTS = [
    "已转发到班级群，希望更多同学看到！",
    "请问报名截止到什么时候？",
    "家门口就能找到工作，太好了👍",
    "去年参加过，很有收获，今年还去。",
    "乡镇的青年也可以参加吗？",
    "为团县委点赞！",
    "能不能多办几场线上的？在外地上学回不去。",
    "身边的榜样最有说服力，加油！",
    "请问有没有适合大专学历的岗位？",
    "支持！我们村的年轻人都在看。",
];
/**
 * The first comments of a newly opened article, so that a newcomer sees the 留言 page work after
 * `npm start`: 2–4 of them, deterministic per seed and article, spread between the send and now.
 */
function seedComments(seed, msgDataId, idx, publishedAt, now) {
    const n = 2 + Math.floor((0, fake_figures_1.unit)(seed, "comments", msgDataId, idx) * 3);
    const openIds = (0, fake_figures_1.followerOpenIds)(seed, 40);
    const span = Math.max(0, now - publishedAt);
    const out = [];
    for (let i = 0; i < n; i++) {
        const pick = Math.floor((0, fake_figures_1.unit)(seed, "comment-text", msgDataId, idx, i) * YOUTH_COMMENTS.length);
        const who = Math.floor((0, fake_figures_1.unit)(seed, "comment-who", msgDataId, idx, i) * openIds.length);
        out.push({
            // The last one came from outside WeChat: comment/list then gives no openid.
            openId: i === n - 1 && n > 3 ? null : openIds[who],
            content: YOUTH_COMMENTS[(pick + i) % YOUTH_COMMENTS.length],
            createdAt: publishedAt + Math.floor((span * (i + 1)) / (n + 1)),
        });
    }
    return out;
}
//# sourceMappingURL=seed-comments.js.map