import { parseArgs } from "node:util";
import type { Deps } from "../deps";
import { loadPosts } from "../posts/load-posts";
import { PostProblems } from "../publisher/failure-policy";
import { prepareDraft } from "../publisher/publish-post";
import { publisherFor } from "../publisher/publisher";
import { upcomingIssues } from "../publisher/upcoming-issues";
import { withWeChat } from "./cli-wechat";

export const PREVIEW_USAGE = `  preview <post> --to OPENID    send the post to one follower's phone (message/mass/preview) to check it
                                (the follower must follow the account; use your own openid)
`;

/**
 * `npm run cli -- preview <post> --to <openid>`: renders the post exactly as it will be sent (same
 * images, same issue number forecast), saves it as a draft and pushes that draft to one follower
 * with message/mass/preview (anchors.md D, lesson 4). The preview draft is not the one the
 * scheduler sends: the publication makes its own at its time, from the post as it is then.
 */
export async function previewCommand(deps: Deps, args: string[], out: (text: string) => void): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { to: { type: "string" } } });
  const slug = positionals[0]?.replace(/\.md$/, "").replace(/^.*\//, "");
  if (!slug || !values.to) {
    out(`usage:\n${PREVIEW_USAGE}`);
    return 1;
  }
  const p = publisherFor(deps);
  const { posts, errors } = loadPosts(p.contentDir, { timezone: p.timezone, columns: p.columns() });
  const post = posts.find((x) => x.slug === slug);
  if (!post) {
    const problems = errors.filter((e) => e.file.endsWith(`${slug}.md`));
    out(problems.length > 0 ? problems.map((e) => `problem: ${e.message}\n`).join("") : `no post content/posts/${slug}.md\n`);
    return 1;
  }
  const column = p.columns().get(post.columnId)!;
  const issue = upcomingIssues(posts, p.store.list(p.accountId), (c) => p.store.lastIssue(p.accountId, c)).get(slug) ?? 1;
  return withWeChat(deps, async (wechat) => {
    const withClient = publisherFor(deps, { wechat });
    try {
      const { article, draft } = await prepareDraft(withClient, post, column, issue);
      const { mediaId } = await wechat.draft.add([draft]);
      await wechat.mass.preview({ toOpenId: values.to!, message: { type: "mpnews", mediaId } });
      out(`preview of ${slug} sent to ${values.to}\n  title: ${article.title}\n  draft: ${mediaId} (a preview copy; the scheduler makes its own at publish time)\n`);
      return 0;
    } catch (err) {
      if (err instanceof PostProblems) {
        out(err.problems.map((e) => `problem: ${e.message}\n`).join(""));
        return 1;
      }
      throw err;
    }
  });
}
