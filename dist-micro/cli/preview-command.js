"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.PREVIEW_USAGE = void 0;
exports.previewCommand = previewCommand;
const node_util_1 = require("node:util");
const load_posts_1 = require("../posts/load-posts");
const failure_policy_1 = require("../publisher/failure-policy");
const publish_post_1 = require("../publisher/publish-post");
const publisher_1 = require("../publisher/publisher");
const upcoming_issues_1 = require("../publisher/upcoming-issues");
const cli_wechat_1 = require("./cli-wechat");
exports.PREVIEW_USAGE = `  preview <post> --to OPENID    send the post to one follower's phone (message/mass/preview) to check it
                                (the follower must follow the account; use your own openid)
`;
/**
 * `npm run cli -- preview <post> --to <openid>`: renders the post exactly as it will be sent (same
 * images, same issue number forecast), saves it as a draft and pushes that draft to one follower
 * with message/mass/preview (anchors.md D, lesson 4). The preview draft is not the one the
 * scheduler sends: the publication makes its own at its time, from the post as it is then.
 */
async function previewCommand(deps, args, out) {
    const { values, positionals } = (0, node_util_1.parseArgs)({ args, allowPositionals: true, options: { to: { type: "string" } } });
    const slug = positionals[0]?.replace(/\.md$/, "").replace(/^.*\//, "");
    if (!slug || !values.to) {
        out(`usage:\n${exports.PREVIEW_USAGE}`);
        return 1;
    }
    const p = (0, publisher_1.publisherFor)(deps);
    const { posts, errors } = (0, load_posts_1.loadPosts)(p.contentDir, { timezone: p.timezone, columns: p.columns() });
    const post = posts.find((x) => x.slug === slug);
    if (!post) {
        const problems = errors.filter((e) => e.file.endsWith(`${slug}.md`));
        out(problems.length > 0 ? problems.map((e) => `problem: ${e.message}\n`).join("") : `no post content/posts/${slug}.md\n`);
        return 1;
    }
    const column = p.columns().get(post.columnId);
    const issue = (0, upcoming_issues_1.upcomingIssues)(posts, p.store.list(p.accountId), (c) => p.store.lastIssue(p.accountId, c)).get(slug) ?? 1;
    return (0, cli_wechat_1.withWeChat)(deps, async (wechat) => {
        const withClient = (0, publisher_1.publisherFor)(deps, { wechat });
        try {
            const { article, draft } = await (0, publish_post_1.prepareDraft)(withClient, post, column, issue);
            const { mediaId } = await wechat.draft.add([draft]);
            await wechat.mass.preview({ toOpenId: values.to, message: { type: "mpnews", mediaId } });
            out(`preview of ${slug} sent to ${values.to}\n  title: ${article.title}\n  draft: ${mediaId} (a preview copy; the scheduler makes its own at publish time)\n`);
            return 0;
        }
        catch (err) {
            if (err instanceof failure_policy_1.PostProblems) {
                out(err.problems.map((e) => `problem: ${e.message}\n`).join(""));
                return 1;
            }
            throw err;
        }
    });
}
//# sourceMappingURL=preview-command.js.map