import type Juice from "juice";
import MarkdownIt from "markdown-it";
import type { Column } from "../bot/bot-content";
import { ContentError } from "../errors";
import { AUTO_DIGEST_CHARS, type Post } from "./post";
import { ARTICLE_CSS } from "./theme";

type Token = MarkdownIt.Token;
type RenderRule = NonNullable<MarkdownIt["renderer"]["rules"]["text"]>;

/** A reference in the list at the end, for a link WeChat would not let readers follow. */
export interface Footnote {
  n: number;
  text: string;
  url: string;
}

/** One article as draft/add takes it, before upload details (cover media id) are known. */
export interface RenderedArticle {
  /** The column's title_template with {issue} and {title} filled in. */
  title: string;
  author: string | undefined;
  /** The editor's digest, else the first 54 characters of the text (what WeChat would pick). */
  digest: string;
  /** Whether `digest` is the editor's own (else it is derived and WeChat may be left to derive it). */
  digestGiven: boolean;
  /** Inline-styled HTML for draft/add's `content`. */
  html: string;
  footnotes: Footnote[];
  /** Raw HTML the editor wrote that cannot be sent (each with its line). */
  problems: ContentError[];
}

export interface RenderOptions {
  column: Column;
  /** 期数 to put in the title. */
  issue: number;
  /** The URL for an image reference as written in the Markdown (after upload, or a placeholder). */
  imageUrl(ref: string): string;
}

interface RenderEnv {
  imageUrl(ref: string): string;
  footnotes: Footnote[];
  /** What each open link became: kept as <a>, dropped (URL already visible), or footnote n. */
  links: ("keep" | "plain" | number)[];
}

/** Links WeChat lets readers follow: other 公众号 articles (protocol §7.1, doocs/md MP_WEIXIN_LINK_REGEX). */
export const MP_WEIXIN_LINK = /^https?:\/\/mp\.weixin\.qq\.com\//i;

/** Raw HTML an editor may use in Markdown; everything else is reported (WeChat strips it or refuses the draft). */
const ALLOWED_HTML = /^<\/?(br|u|sup|sub)\s*\/?>$/i;
const HTML_COMMENT = /^<!--[\s\S]*-->\s*$/;

const md = new MarkdownIt({ html: true, linkify: false, typographer: false, breaks: false });
const escapeHtml = md.utils.escapeHtml;

const CJK = /[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]/u;
const FILE_NAME_ALT = /\.(jpe?g|png|webp|gif)$/i;

function linkText(tokens: readonly Token[], openIdx: number): string {
  let text = "";
  for (let i = openIdx + 1; i < tokens.length && tokens[i]!.type !== "link_close"; i++) {
    const t = tokens[i]!;
    if (t.type === "text" || t.type === "code_inline") text += t.content;
    else if (t.type === "image") text += t.content;
  }
  return text.trim();
}

const rules: Record<string, RenderRule> = {
  // External links become text + [n], listed at the end; mp.weixin.qq.com links stay links; a link
  // whose text is its own URL is left as text (protocol §7.2: unwrap, dedup by URL, list at the end).
  link_open(tokens, idx, options, env: RenderEnv, self) {
    const href = tokens[idx]!.attrGet("href") ?? "";
    if (MP_WEIXIN_LINK.test(href)) {
      env.links.push("keep");
      return self.renderToken(tokens as Token[], idx, options);
    }
    const text = linkText(tokens, idx);
    const bare = href.replace(/^mailto:/i, "");
    if (tokens[idx]!.markup === "autolink" || text === href || text === bare || href === "") {
      env.links.push("plain");
      return "";
    }
    let note = env.footnotes.find((f) => f.url === href);
    if (!note) {
      note = { n: env.footnotes.length + 1, text, url: href };
      env.footnotes.push(note);
    }
    env.links.push(note.n);
    return "";
  },
  link_close(tokens, idx, options, env: RenderEnv, self) {
    const kind = env.links.pop();
    if (kind === "keep") return self.renderToken(tokens as Token[], idx, options);
    return typeof kind === "number" ? `<sup class="fn">[${kind}]</sup>` : "";
  },
  image(tokens, idx, options, env: RenderEnv, self) {
    const t = tokens[idx]!;
    const ref = t.attrGet("src") ?? "";
    const alt = self.renderInlineAsText(t.children ?? [], options, env);
    const title = t.attrGet("title");
    const caption = title || (alt && !FILE_NAME_ALT.test(alt) ? alt : "");
    const img = `<img src="${escapeHtml(env.imageUrl(ref))}" alt="${escapeHtml(alt)}">`;
    return caption ? `${img}<span class="caption">${escapeHtml(caption)}</span>` : img;
  },
  // WeChat's draft API eats newlines and runs of spaces in code (anchors.md B3: obsidian-mp-publisher
  // #44/#45, #57; wenyan's wechatPostRender does the same): lines become <br>, indentation &nbsp;.
  fence: (tokens, idx) => codeBlock(tokens[idx]!.content),
  code_block: (tokens, idx) => codeBlock(tokens[idx]!.content),
  // wenyan wraps <li> content in <section>: WeChat's editor otherwise re-flows list items.
  list_item_open: (tokens, idx, options, _env, self) => self.renderToken(tokens as Token[], idx, options) + "<section>",
  list_item_close: (tokens, idx, options, _env, self) => "</section>" + self.renderToken(tokens as Token[], idx, options),
  table_open: (tokens, idx, options, _env, self) => `<section class="table-wrap">${self.renderToken(tokens as Token[], idx, options)}`,
  table_close: (tokens, idx, options, _env, self) => `${self.renderToken(tokens as Token[], idx, options)}</section>`,
  html_inline: (tokens, idx) => safeHtml(tokens[idx]!.content),
  html_block: (tokens, idx) => {
    const html = tokens[idx]!.content;
    return HTML_COMMENT.test(html) ? "" : `<p>${safeHtml(html.trim())}</p>`;
  },
  // A line break inside a Chinese paragraph is not a space (the editor wrapped a long line).
  softbreak(tokens, idx) {
    return CJK.test(neighbourText(tokens, idx, -1).slice(-1)) && CJK.test(neighbourText(tokens, idx, 1).slice(0, 1)) ? "" : " ";
  },
};
Object.assign(md.renderer.rules, rules);

/** The nearest text before (-1) or after (1) token idx, skipping empty markup tokens (**, _…). */
function neighbourText(tokens: readonly Token[], idx: number, step: -1 | 1): string {
  for (let i = idx + step; i >= 0 && i < tokens.length; i += step) {
    const t = tokens[i]!;
    if (t.type === "softbreak" || t.type === "hardbreak" || t.type === "image") return "";
    if (t.content !== "") return t.content;
  }
  return "";
}

function safeHtml(html: string): string {
  if (ALLOWED_HTML.test(html.trim())) return html.trim();
  if (HTML_COMMENT.test(html)) return "";
  return escapeHtml(html);
}

function codeBlock(text: string): string {
  const lines = text
    .replace(/\n$/, "")
    .split("\n")
    .map((line) =>
      escapeHtml(line.replace(/\t/g, "    "))
        .replace(/^ +/, (m) => "&nbsp;".repeat(m.length))
        .replace(/ {2,}/g, (m) => "&nbsp;".repeat(m.length)),
    );
  return `<pre class="code"><code>${lines.join("<br>")}</code></pre>`;
}

/** The raw HTML in the body that cannot go to WeChat, each with its file line. */
function htmlProblems(post: Post, tokens: readonly Token[]): ContentError[] {
  const problems: ContentError[] = [];
  const report = (html: string, line: number | undefined) => {
    if (/^<\//.test(html.trim())) return; // the opening tag was reported
    const tag = /^<\/?([a-z][a-z0-9-]*)/i.exec(html.trim())?.[1]?.toLowerCase() ?? "html";
    problems.push(
      new ContentError(post.file, `正文里有 HTML 标签 <${tag}>，微信会把它去掉（微信会删掉脚本、样式和大部分标签）：改用 Markdown 写；只能用 <br>、<u>、<sup> 和 <sub>`, {
        line: line === undefined ? undefined : post.bodyLine + line,
        field: "body",
      }),
    );
  };
  for (const t of tokens) {
    if (t.type === "html_block" && !HTML_COMMENT.test(t.content)) report(t.content, t.map?.[0]);
    if (t.type !== "inline" || !t.children) continue;
    for (const c of t.children) {
      if (c.type === "html_inline" && !ALLOWED_HTML.test(c.content.trim()) && !HTML_COMMENT.test(c.content)) report(c.content, t.map?.[0]);
    }
  }
  return problems;
}

/** The text of the body without markup, for the automatic digest. */
export function plainText(tokens: readonly Token[]): string {
  const parts: string[] = [];
  for (const t of tokens) {
    if (t.type === "inline" && t.children) {
      parts.push(t.children.map((c) => (c.type === "text" || c.type === "code_inline" ? c.content : "")).join(""));
    } else if (t.type === "fence" || t.type === "code_block") {
      parts.push(t.content);
    }
  }
  return parts.join(" ").replace(/\s+/g, " ").trim();
}

/** Fills the column's title_template ("【轮青诚聘】第{issue}期 · {title}"). */
export function articleTitle(column: Column, title: string, issue: number): string {
  return column.titleTemplate.replaceAll("{issue}", String(issue)).replaceAll("{title}", title);
}

/** Shortens inline styles ("color: red;" → "color:red"): WeChat counts every character. */
function compactStyles(html: string): string {
  return html.replace(/ style="([^"]*)"/g, (_m, css: string) => {
    const compact = css.replace(/\s*:\s+/g, ":").replace(/\s*;\s*/g, ";").replace(/;$/, "");
    return ` style="${compact}"`;
  });
}

/** Parses a post's body once (the renderer and findImages share the tokens). */
export function parseBody(post: Post): Token[] {
  return md.parse(post.body, {});
}

/**
 * Markdown → the HTML WeChat's draft/add keeps: styles inlined by juice (no <style>, no classes),
 * external links as numbered references (protocol §7.2), code with <br> and &nbsp;, images from
 * `imageUrl`. Pure: images are uploaded before (or replaced by placeholders in a dry run).
 */
export function renderPost(post: Post, options: RenderOptions, tokens: Token[] = parseBody(post)): RenderedArticle {
  const env: RenderEnv = { imageUrl: options.imageUrl, footnotes: [], links: [] };
  let body = md.renderer.render(tokens, md.options, env);
  if (env.footnotes.length > 0) {
    const items = env.footnotes
      .map((f) => `<p>[${f.n}] ${escapeHtml(f.text)}：<span>${escapeHtml(f.url)}</span></p>`)
      .join("");
    body += `<section class="footnotes"><p class="footnotes-title">参考链接</p>${items}</section>`;
  }
  const wrapped = `<section class="article">${body}</section>`.replace(/\n+(?=<)|(?<=>)\n+/g, "").replace(/\n/g, " ");
  // juice (with cheerio, ~10 MB) is loaded on first render, not when the webhook process starts
  // (Node's module cache keeps it afterwards).
  const juice = require("juice") as typeof Juice;
  const inlined = juice.inlineContent(wrapped, ARTICLE_CSS, {
    applyWidthAttributes: false,
    applyHeightAttributes: false,
    preserveImportant: false,
    inlinePseudoElements: false,
  });
  const html = compactStyles(inlined.replace(/ class="[^"]*"/g, ""));
  const text = plainText(tokens);
  const chars = [...text];
  const digest = post.digest ?? (chars.length > AUTO_DIGEST_CHARS ? chars.slice(0, AUTO_DIGEST_CHARS).join("") : text);
  return {
    title: articleTitle(options.column, post.title, options.issue),
    author: post.author,
    digest,
    digestGiven: post.digest !== undefined,
    html,
    footnotes: env.footnotes,
    problems: htmlProblems(post, tokens),
  };
}
