import type { Deps } from "../deps";
import { AppError } from "../errors";
import { loadPosts } from "../posts/load-posts";
import { PostProblems } from "../publisher/failure-policy";
import { prepareDraft } from "../publisher/prepare-draft";
import { publisherFor } from "../publisher/publisher";
import { upcomingIssues } from "../publisher/upcoming-issues";
import type { ApiClient } from "../wechat/api-client";

export interface SentPreview {
  slug: string;
  /** The title as the phone shows it (column template and 期数 forecast filled in). */
  title: string;
  /** The preview's own draft: the scheduler makes a fresh one at publish time. */
  mediaId: string;
}

const refuse = (message: string) => new AppError("preview_refused", message, { expose: true, status: 422 });

/**
 * Renders a post exactly as it will be sent (same images, same 期数 forecast), saves it as a
 * draft and pushes that draft to one follower's phone with message/mass/preview (anchors.md D,
 * lesson 4). Shared by `preview <post> --to …` and the 稿件 page's "发送预览到我的手机". Refuses with
 * a Chinese message naming the file and what to fix.
 */
export async function sendPreview(deps: Deps, wechat: ApiClient, slug: string, openId: string): Promise<SentPreview> {
  const p = publisherFor(deps);
  const { posts, errors } = loadPosts(p.contentDir, { timezone: p.timezone, columns: p.columns() });
  const post = posts.find((x) => x.slug === slug);
  if (!post) {
    const problems = errors.filter((e) => e.file.endsWith(`${slug}.md`));
    if (problems.length > 0) throw refuse(`这篇文章有问题，改好后才能预览：\n${problems.map((e) => `- ${e.message}`).join("\n")}`);
    throw refuse(`没有文章 content/posts/${slug}.md：请检查文件名（不带 .md）`);
  }
  const column = p.columns().get(post.columnId)!;
  const issue = upcomingIssues(posts, p.store.list(p.accountId), (c) => p.store.lastIssue(p.accountId, c), { now: p.clock.now() }).get(slug) ?? 1;
  try {
    const { article, draft } = await prepareDraft(publisherFor(deps, { wechat }), post, column, issue);
    const { mediaId } = await wechat.draft.add([draft]);
    await wechat.mass.preview({ toOpenId: openId, message: { type: "mpnews", mediaId } });
    return { slug, title: article.title, mediaId };
  } catch (err) {
    if (err instanceof PostProblems) throw refuse(`这篇文章有问题，改好后才能预览：\n${err.problems.map((e) => `- ${e.message}`).join("\n")}`);
    throw err;
  }
}
