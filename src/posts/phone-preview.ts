import type { RenderedArticle } from "./render-post";

/** The width WeChat's article view is designed for: an iPhone's 375 CSS px (most Android phones: 360–412). */
export const PHONE_WIDTH_PX = 375;

export interface PhonePreviewInput {
  /** 公众号名称, shown under the title as WeChat does (青春轮台). */
  accountName: string;
  /** The article exactly as draft/add would get it (images pointing at URLs the browser can load). */
  article: RenderedArticle;
  /** When it goes out, as readers will see it: "2026年12月1日 09:00". */
  date: string;
  /** The cover's URL, shown as the card in the chat list; undefined: no cover yet. */
  coverUrl: string | undefined;
  /** Start in dark mode (the page has its own switch). */
  dark?: boolean;
  /** A line above the phone, e.g. "预览 · 第3期为预计期数". */
  note?: string | undefined;
}

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

/**
 * The page frame WeChat draws around an article: 16 px side padding, a 22 px title, the author and
 * account name in WeChat's link blue, the date in grey. Dark mode is WeChat's (#191919 under
 * light text): the article itself sets no text colour, so its text follows (theme.ts keeps only
 * mid-tone accents that read on both). A checkbox switches it, so the page needs no script.
 */
const CSS = `
*{box-sizing:border-box}
html,body{margin:0;padding:0}
body{font-family:-apple-system,BlinkMacSystemFont,"PingFang SC","Noto Sans CJK SC","Microsoft YaHei",sans-serif;background:#ededed;color:rgba(0,0,0,.9)}
.switch{position:absolute;opacity:0;width:1px;height:1px}
.bar{display:flex;align-items:center;justify-content:space-between;gap:8px;max-width:${PHONE_WIDTH_PX}px;margin:0 auto;padding:6px 12px;font-size:13px;color:#666}
.bar label{cursor:pointer;border:1px solid #bbb;border-radius:999px;padding:2px 10px;background:#fff;color:#333;white-space:nowrap}
.switch:focus-visible+.bar label{outline:2px solid #576b95}
.phone{max-width:${PHONE_WIDTH_PX}px;margin:0 auto;background:#fff;color:rgba(0,0,0,.9);overflow:hidden}
.card{padding:12px 16px;background:#ededed}
.card-inner{background:#fff;border-radius:8px;overflow:hidden}
.card .cover{display:block;width:100%;aspect-ratio:2.35/1;object-fit:cover;background:#ccc}
.card .nocover{display:flex;align-items:center;justify-content:center;aspect-ratio:2.35/1;background:#f2f2f2;color:#888;font-size:13px}
.card .card-title{padding:8px 12px 10px;font-size:16px;line-height:1.4;font-weight:500}
.card .digest{padding:0 12px 10px;font-size:13px;color:#888;line-height:1.5}
.area{padding:20px 16px 32px}
h1.title{font-size:22px;line-height:1.4;font-weight:500;margin:0 0 14px;word-break:break-word}
.meta{font-size:15px;color:rgba(0,0,0,.3);margin:0 0 22px;display:flex;flex-wrap:wrap;gap:4px 10px}
.meta .account,.meta .author{color:#576b95}
.content{overflow-wrap:break-word;word-break:break-word}
.content img{max-width:100%!important;height:auto!important}
.switch:checked~.bar{color:#aaa}
.switch:checked~.bar label{background:#2c2c2c;color:#ddd;border-color:#555}
.switch:checked~.phone{background:#191919;color:rgba(255,255,255,.8)}
.switch:checked~.phone .card{background:#111}
.switch:checked~.phone .card-inner{background:#232323}
.switch:checked~.phone .meta{color:rgba(255,255,255,.35)}
.switch:checked~.phone .meta .account,.switch:checked~.phone .meta .author{color:#7d90a9}
.switch:checked~.phone .nocover{background:#2a2a2a}
html:has(.switch:checked){background:#111}
`;

/**
 * A whole HTML page showing the article as a phone shows it (issue 15, "Preview as a phone shows
 * it"): the card in the chat list (cover, title, digest), then the article page with title,
 * author, account name and date, the body as draft/add gets it (inline styles, code with <br> and
 * &nbsp;, footnotes), 375 px wide, with a dark-mode switch. Pure: the caller serves it (with a
 * Content-Security-Policy allowing this page's <style> and no script) and maps image URLs.
 */
export function phonePreviewPage(input: PhonePreviewInput): string {
  const { article } = input;
  const cover = input.coverUrl
    ? `<img class="cover" src="${esc(input.coverUrl)}" alt="封面">`
    : `<div class="nocover">（没有封面：请设置封面或在正文中插入图片）</div>`;
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>手机预览 · ${esc(article.title)}</title>
<style>${CSS}</style>
</head>
<body>
<input type="checkbox" class="switch" id="dark-mode"${input.dark ? " checked" : ""}>
<div class="bar"><span>${esc(input.note ?? "手机预览（375 px）")}</span><label for="dark-mode" data-dark-toggle>深色模式</label></div>
<div class="phone" data-phone-preview>
<section class="card" aria-label="聊天列表中的样子"><div class="card-inner">${cover}<div class="card-title">${esc(article.title)}</div><div class="digest">${esc(article.digest)}</div></div></section>
<article class="area">
<h1 class="title">${esc(article.title)}</h1>
<p class="meta">${article.author ? `<span class="author">${esc(article.author)}</span>` : ""}<span class="account">${esc(input.accountName)}</span><time>${esc(input.date)}</time></p>
<div class="content">${article.html}</div>
</article>
</div>
</body>
</html>
`;
}

/** The Content-Security-Policy of a preview page: its own <style> and inline styles, our images, no script, framed only by the dashboard. */
export const PHONE_PREVIEW_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data: http://mmbiz.qpic.cn https://mmbiz.qpic.cn; " +
  "form-action 'none'; frame-ancestors 'self'; base-uri 'none'";
