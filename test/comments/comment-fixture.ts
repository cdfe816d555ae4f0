/**
 * A published article as both sides know it: the simulator's draft and successful publish job
 * (msg_data_id), and the ledger's published row. Written straight into the tables so the tests
 * do not depend on the publisher or on the live content/ directory.
 */
import type { Db } from "../../src/db/open-database";

export const MSG_DATA_ID = "2247500001";
export const SLUG = "2026-11-20-winter-warmth-volunteers";

export function seedPublishedArticle(db: Db, o: { at: number; openComments?: boolean; slug?: string; msgDataId?: string; title?: string }): void {
  const msgDataId = o.msgDataId ?? MSG_DATA_ID;
  const mediaId = `media-${msgDataId}`;
  const article = { title: o.title ?? "【轮青关注】第12期 · 冬日暖阳志愿服务", content: "<p>正文</p>", thumb_media_id: "thumb", need_open_comment: o.openComments === false ? 0 : 1, only_fans_can_comment: 0 };
  db.prepare("INSERT INTO sandbox_drafts (media_id, articles_json, status, created_at, updated_at) VALUES (?, ?, 'published', ?, ?)").run(mediaId, JSON.stringify([article]), o.at, o.at);
  db.prepare(
    "INSERT INTO sandbox_publications (publish_id, msg_data_id, media_id, publish_status, article_id, article_urls_json, created_at, finished_at) VALUES (?, ?, ?, 0, 'art', '[]', ?, ?)",
  ).run(msgDataId, msgDataId, mediaId, o.at, o.at);
  db.prepare(
    `INSERT INTO publications (account_id, post_slug, column_id, mode, post_title, scheduled_at, state, issue, article_title, publish_id, msg_data_id,
       article_url, published_at, created_at, updated_at)
     VALUES ('default', ?, 'news', 'publish', '冬日暖阳志愿服务', ?, 'published', 12, ?, ?, ?, 'http://mp.weixin.qq.com/s/demo', ?, ?, ?)`,
  ).run(o.slug ?? SLUG, o.at, article.title, msgDataId, msgDataId, o.at, o.at, o.at);
}
