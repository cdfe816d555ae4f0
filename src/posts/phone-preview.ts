import { newspicText } from "./check-newspic";
import { imageTokens } from "./find-images";
import { AUTO_DIGEST_CHARS, type Post } from "./post";
import { parseBody, type RenderedArticle } from "./render-post";

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
  /** type: newspic: shown as a 图片消息 (pictures, then the plain text); article.html is not shown. */
  newspic?: NewspicPreview | undefined;
}

/** A 图片消息 as draft/add gets it: image_info.image_list in order, and the plain-text content. */
export interface NewspicPreview {
  pictures: readonly { url: string; alt: string }[];
  text: string;
}

/**
 * What a newspic post sends, for the preview: the body's pictures in order, each once (as
 * findImages lists them for upload, so the count matches image_list), and the text as
 * prepare-draft.ts sends it (newspicText: formatting gone, paragraphs on their own lines).
 */
export function newspicPreview(post: Post, imageUrl: (ref: string) => string, tokens = parseBody(post)): NewspicPreview {
  const seen = new Set<string>();
  const pictures: { url: string; alt: string }[] = [];
  for (const { token } of imageTokens(tokens)) {
    const ref = token.attrGet("src") ?? "";
    if (ref === "" || seen.has(ref)) continue;
    seen.add(ref);
    pictures.push({ url: imageUrl(ref), alt: token.content });
  }
  return { pictures, text: newspicText(tokens) };
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
.newspic{padding:0 0 32px}
.strip{display:flex;overflow-x:auto;scroll-snap-type:x mandatory;overscroll-behavior-x:contain;scrollbar-width:thin;background:#f7f7f7}
.strip:focus-visible{outline:2px solid #576b95;outline-offset:-2px}
.slide{position:relative;flex:0 0 100%;margin:0;min-height:160px;scroll-snap-align:center;scroll-snap-stop:always;display:flex;align-items:center;justify-content:center}
.slide img{display:block;width:100%;height:auto;max-height:${Math.round((PHONE_WIDTH_PX * 4) / 3)}px;object-fit:contain}
.slide .nopic{padding:0 24px;text-align:center;font-size:13px;color:#888}
.counter{position:absolute;top:10px;right:10px;padding:2px 9px;border-radius:999px;background:rgba(0,0,0,.55);color:#fff;font-size:12px;line-height:18px}
.np-body{padding:16px 16px 0}
.np-body h1.title{font-size:18px;font-weight:600;margin:0 0 10px}
.np-text{margin:0 0 16px;font-size:16px;line-height:1.75;white-space:pre-wrap;overflow-wrap:break-word;word-break:break-word}
.np-body .meta{font-size:13px;margin:0}
.switch:checked~.phone .strip{background:#000}
`;

/**
 * A whole HTML page showing the article as a phone shows it (issue 15, "Preview as a phone shows
 * it"): the card in the chat list (cover, title, digest), then the article page with title,
 * author, account name and date, the body as draft/add gets it (inline styles, code with <br> and
 * &nbsp;, footnotes), 375 px wide, with a dark-mode switch; a newspic post as a 图片消息
 * (newspicArea), its first picture the card's cover. Pure: the caller serves it (with a
 * Content-Security-Policy allowing this page's <style> and no script) and maps image URLs.
 */
export function phonePreviewPage(input: PhonePreviewInput): string {
  const { article } = input;
  // A 图片消息's cover is its first picture (draft/add: no thumb_media_id; the first of image_list).
  const coverUrl = input.newspic ? input.newspic.pictures[0]?.url : input.coverUrl;
  // Without the editor's digest, a 图片消息's card shows the start of its plain text (prepare-draft.ts).
  const digest =
    input.newspic && !article.digestGiven ? [...input.newspic.text.replace(/\s+/g, " ")].slice(0, AUTO_DIGEST_CHARS).join("") : article.digest;
  const cover = coverUrl
    ? `<img class="cover" src="${esc(coverUrl)}" alt="封面">`
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
<section class="card" aria-label="聊天列表中的样子"><div class="card-inner">${cover}<div class="card-title">${esc(article.title)}</div><div class="digest">${esc(digest)}</div></div></section>
${input.newspic ? newspicArea(input, input.newspic) : articleArea(input)}
</div>
</body>
</html>
`;
}

function meta(input: PhonePreviewInput): string {
  const author = input.article.author ? `<span class="author">${esc(input.article.author)}</span>` : "";
  return `<p class="meta">${author}<span class="account">${esc(input.accountName)}</span><time>${esc(input.date)}</time></p>`;
}

function articleArea(input: PhonePreviewInput): string {
  return `<article class="area">
<h1 class="title">${esc(input.article.title)}</h1>
${meta(input)}
<div class="content">${input.article.html}</div>
</article>`;
}

/**
 * A 图片消息 as WeChat opens it on a phone: the pictures full width (as tall as the tallest, at
 * most 3:4, the others centred on grey or black), one at a time, swiped
 * sideways (CSS scroll-snap: the preview's CSP allows no script), each with its "2/5" counter in
 * the corner, so the counter shown is always the picture's own; then the title, the plain text with
 * its line breaks, the account and the date. The strip takes focus, so arrow keys scroll it too.
 */
function newspicArea(input: PhonePreviewInput, np: NewspicPreview): string {
  const n = np.pictures.length;
  const slides =
    n === 0
      ? `<figure class="slide"><span class="nopic">（没有图片：图片消息至少要有 1 张图片，在正文里插入 ![说明](images/照片.jpg)）</span></figure>`
      : np.pictures
          .map(
            (p, i) =>
              `<figure class="slide" data-slide="${i + 1}"><img src="${esc(p.url)}" alt="${esc(`第 ${i + 1} 张，共 ${n} 张${p.alt ? `：${p.alt}` : ""}`)}">` +
              // One picture: WeChat shows no counter.
              (n > 1 ? `<span class="counter" data-counter>${i + 1}/${n}</span>` : "") +
              `</figure>`,
          )
          .join("");
  return `<article class="area newspic" data-newspic>
<div class="strip" tabindex="0" role="region" aria-label="${n} 张图片，左右滑动查看" data-strip>${slides}</div>
<div class="np-body">
<h1 class="title">${esc(input.article.title)}</h1>
<p class="np-text" data-newspic-text>${esc(np.text)}</p>
${meta(input)}
</div>
</article>`;
}

/** The Content-Security-Policy of a preview page: its own <style> and inline styles, our images, no script, framed only by the dashboard. */
export const PHONE_PREVIEW_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data: http://mmbiz.qpic.cn https://mmbiz.qpic.cn; " +
  "form-action 'none'; frame-ancestors 'self'; base-uri 'none'";
