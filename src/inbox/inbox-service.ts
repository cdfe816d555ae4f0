/**
 * The inbox (dashboard 消息 → 私信): what staff on duty do with followers' messages, the same from
 * the dashboard and the CLI. Threads per follower, one thread in order, replies (text, a picture,
 * one of the account's articles), remarks (备注), and the unanswered count.
 *
 * A reply goes out at once through the customer-service API when WeChat's window allows it
 * (send-to-youth.ts asks reply-window.ts and records the send). Otherwise a text or article reply
 * is held and rides on the passive reply to the youth's next message (webhook/route-push.ts, as
 * 青年之声 answers do); a picture cannot ride on a text reply, so it is refused with the reason.
 */
import { AppError } from "../errors";
import { MAX_TEXT_REPLY_BYTES, utf8Bytes } from "../bot/bot-content";
import type { PublishedArticle } from "../bot/route-message";
import type { InboxFilter, InboxStore, InboundRow, FollowerRow, ThreadRow } from "../db/stores/inbox-store";
import type { QaTicketStore, Ticket } from "../db/stores/qa-ticket-store";
import type { StaffReply, StaffReplyBody, StaffReplyStore } from "../db/stores/staff-reply-store";
import type { CustomerSendStore } from "../db/stores/customer-send-store";
import type { Logger } from "../logger";
import type { Clock } from "../time";
import type { ApiClient } from "../wechat/api-client";
import type { CustomMessage } from "../wechat/endpoints/custom";
import { MAX_REMARK_BYTES } from "../wechat/endpoints/user";
import type { Reply } from "../wechat/types";
import type { ReplyWindow } from "./reply-window";
import { sendToYouth, windowFor, type SendResult } from "./send-to-youth";

export interface InboxDeps {
  accountId: string;
  inbox: InboxStore;
  staffReplies: StaffReplyStore;
  sends: CustomerSendStore;
  tickets: QaTicketStore;
  /** The account's published articles (publisher/article-catalog.ts), newest first per column. */
  articles: () => ReadonlyMap<string, readonly PublishedArticle[]>;
  wechat: ApiClient;
  clock: Clock;
  log: Logger;
  verified: boolean;
}

/** What staff send: a text, a picture file, or a published article by its URL. */
export type ReplyInput =
  | { kind: "text"; content: string }
  | { kind: "image"; data: Uint8Array; filename: string }
  | { kind: "article"; url: string };

/** One line of a thread, oldest first. */
export type ThreadItem =
  | { kind: "message"; at: Date; message: InboundRow; botReply: Reply | null }
  | { kind: "ticket"; at: Date; ticket: Ticket }
  | { kind: "staff"; at: Date; reply: StaffReply };

export interface Thread {
  follower: FollowerRow;
  window: ReplyWindow;
  items: ThreadItem[];
}

/** A thread shows the follower's messages of this many days (read through the time index: migration 0007). */
export const THREAD_DAYS = 180;

/** Largest picture we upload (WeChat's image material limit is 10 MB; replies should be small). */
export const MAX_IMAGE_BYTES = 2 * 1024 * 1024;
const IMAGE_MAGIC: Array<[string, (b: Uint8Array) => boolean]> = [
  ["jpg", (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff],
  ["png", (b) => b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47],
  ["gif", (b) => b[0] === 0x47 && b[1] === 0x49 && b[2] === 0x46],
];

const invalid = (message: string) => new AppError("inbox_invalid", message, { expose: true, status: 422 });
const notFound = (openId: string) => new AppError("inbox_not_found", `没有这位关注者的消息：${openId.slice(0, 40)}`, { expose: true, status: 404 });

export type InboxService = ReturnType<typeof createInboxService>;

export function createInboxService(deps: InboxDeps) {
  const { accountId, clock } = deps;

  const body = (input: ReplyInput, image?: { mediaId: string }): StaffReplyBody => {
    switch (input.kind) {
      case "text":
        return { kind: "text", content: input.content };
      case "image":
        return { kind: "image", mediaId: image!.mediaId, name: input.filename };
      case "article": {
        const article = [...deps.articles().values()].flat().find((a) => a.url === input.url);
        if (!article) throw invalid("只能发送本公众号已发布的文章：请从列表里选一篇");
        return { kind: "article", title: article.title, url: article.url, digest: article.digest, picUrl: article.coverUrl };
      }
    }
  };
  const customMessage = (b: StaffReplyBody): CustomMessage =>
    b.kind === "text"
      ? { type: "text", content: b.content }
      : b.kind === "image"
        ? { type: "image", mediaId: b.mediaId }
        : { type: "news", article: { title: b.title, description: b.digest, url: b.url, picUrl: b.picUrl } };

  return {
    threads(q: { q?: string; openId?: string; from: Date; to: Date; filter: InboxFilter; page: number; perPage: number }): { rows: ThreadRow[]; total: number } {
      return deps.inbox.threads({
        accountId,
        q: q.q?.trim() || undefined,
        openId: q.openId?.trim() || undefined,
        from: q.from.getTime(),
        to: q.to.getTime(),
        filter: q.filter,
        limit: q.perPage,
        offset: (q.page - 1) * q.perPage,
      });
    },

    thread(openId: string, limit = 100): Thread {
      const follower = deps.inbox.follower(accountId, openId);
      if (!follower) throw notFound(openId);
      const items: ThreadItem[] = [
        ...deps.inbox.messages(accountId, openId, clock.now().getTime() - THREAD_DAYS * 86_400_000, limit).map((m): ThreadItem => ({
          kind: "message",
          at: new Date(m.receivedAt),
          message: m,
          botReply: m.replyJson ? (JSON.parse(m.replyJson) as Reply) : null,
        })),
        ...deps.tickets.forYouth(accountId, openId, limit).map((t): ThreadItem => ({ kind: "ticket", at: t.askedAt, ticket: t })),
        ...deps.staffReplies.forYouth(accountId, openId, limit).map((r): ThreadItem => ({ kind: "staff", at: r.createdAt, reply: r })),
      ].sort((a, b) => a.at.getTime() - b.at.getTime() || order(a) - order(b) || seq(a) - seq(b));
      return { follower, window: windowFor(deps, accountId, openId), items };
    },

    window: (openId: string): ReplyWindow => windowFor(deps, accountId, openId),

    /** Checks a reply before anything is stored or sent; the message names the limit. */
    check(input: ReplyInput): void {
      if (input.kind === "text") {
        const text = input.content.replace(/\r\n?/g, "\n").trim();
        if (text === "") throw invalid("回复内容是空的");
        const bytes = utf8Bytes(text);
        if (bytes > MAX_TEXT_REPLY_BYTES) {
          throw invalid(`回复有 ${bytes} 字节，微信一条文字消息最多 ${MAX_TEXT_REPLY_BYTES} 字节（约 ${Math.floor(MAX_TEXT_REPLY_BYTES / 3)} 个汉字）：请缩短`);
        }
      }
      if (input.kind === "image") {
        if (input.data.length === 0) throw invalid("图片文件是空的");
        if (input.data.length > MAX_IMAGE_BYTES) throw invalid(`图片有 ${(input.data.length / 1048576).toFixed(1)} MB，最大 ${MAX_IMAGE_BYTES / 1048576} MB`);
        if (!IMAGE_MAGIC.some(([, is]) => is(input.data))) throw invalid("只能发送 jpg、png 或 gif 图片（按文件内容判断，不按文件名）");
      }
    },

    /**
     * Sends a reply now if WeChat's window allows it, else holds a text or article for the youth's
     * next message. The reply row is written (claimed `sending`) before the API is called, so a
     * retry or a second click never sends it twice.
     */
    async reply(openId: string, input: ReplyInput, by: string): Promise<{ reply: StaffReply; result: SendResult }> {
      if (!deps.inbox.follower(accountId, openId)) throw notFound(openId);
      this.check(input);
      const normalised: ReplyInput = input.kind === "text" ? { kind: "text", content: input.content.replace(/\r\n?/g, "\n").trim() } : input;
      const window = windowFor(deps, accountId, openId);
      if (normalised.kind === "image" && (!window.open || !deps.verified)) {
        throw invalid("现在不能发图片：客服消息窗口未开放（或公众号未认证），图片无法留到青年下次发消息时送达。请改发文字，或等青年发消息后再发图片");
      }
      const image = normalised.kind === "image" ? await deps.wechat.material.add("image", { data: normalised.data, filename: safeName(normalised.filename) }) : undefined;
      const created = deps.staffReplies.create({ accountId, openId, body: body(normalised, image), at: clock.now(), by });
      const result = await sendToYouth({ ...deps, send: (to, m) => deps.wechat.custom.send(to, m) }, { accountId, openId, message: customMessage(created.body), source: "inbox", ref: String(created.id), by });
      const at = clock.now();
      if (result.kind === "sent") deps.staffReplies.finish(created.id, "sent", at);
      else if (result.kind === "uncertain") deps.staffReplies.finish(created.id, "uncertain", at, "发送结果不明（网络中断），可能已送达：请查看后再决定是否重发");
      else deps.staffReplies.finish(created.id, "held", at, result.reason);
      deps.log.info({ reply: created.id, by, outcome: result.kind }, "staff reply");
      return { reply: deps.staffReplies.get(created.id)!, result };
    },

    /** The staff's 备注 for a follower, kept here and set on WeChat where the account may. */
    async setRemark(openId: string, remark: string, by: string): Promise<{ synced: boolean; note?: string }> {
      const value = remark.trim();
      if (utf8Bytes(value) >= MAX_REMARK_BYTES) throw invalid(`备注要少于 ${MAX_REMARK_BYTES} 字节（约 ${Math.floor((MAX_REMARK_BYTES - 1) / 3)} 个汉字）`);
      if (!deps.inbox.setRemark(accountId, openId, value === "" ? null : value, clock.now().getTime(), by)) throw notFound(openId);
      if (!deps.verified) return { synced: false, note: "公众号未认证，备注只保存在本系统" };
      try {
        await deps.wechat.user.updateRemark(openId, value);
        return { synced: true };
      } catch (err) {
        deps.log.warn({ err }, "remark not synced to WeChat");
        return { synced: false, note: `备注已保存在本系统；同步到微信失败：${(err as Error).message.slice(0, 120)}` };
      }
    },

    /** Followers waiting for a person (over the last `days`), and since when the oldest waits. */
    unanswered(days = 7): { count: number; oldestAt: Date | null } {
      const r = deps.inbox.unanswered(accountId, clock.now().getTime() - days * 86_400_000);
      return { count: r.count, oldestAt: r.oldestAt === null ? null : new Date(r.oldestAt) };
    },
  };
}

/** Messages before what they caused: a youth's message, then the ticket it made, then staff replies. */
function order(i: ThreadItem): number {
  return i.kind === "message" ? 0 : i.kind === "ticket" ? 1 : 2;
}

/** Within one kind and one millisecond, the order they were stored in (the stores read newest first). */
function seq(i: ThreadItem): number {
  return i.kind === "message" ? i.message.id : i.kind === "ticket" ? i.ticket.id : i.reply.id;
}

/** A file name WeChat accepts and that leaks no path. */
function safeName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? "image";
  const ext = /\.(jpe?g|png|gif)$/i.exec(base)?.[1]?.toLowerCase() ?? "jpg";
  return `reply.${ext === "jpeg" ? "jpg" : ext}`;
}
