/**
 * The article's look, as CSS that juice inlines into style="" attributes: WeChat keeps inline styles
 * and (as both doocs/md and wenyan assume) drops <style> blocks and classes (protocol §7.1).
 * Kept short on purpose: every declaration is repeated on every element it styles, and WeChat counts
 * those characters towards the 20 000 limit. Only the selectors render-post.ts emits are styled.
 * Dark mode (issue 15; platform-2025.md §2: text hard-coded to #333 vanishes, doocs/md #1788): no
 * text colour and no opaque light background, so text follows the reader's theme; the accents
 * left (#c8161d, #576b95, #888) are mid-tones that read on white and on WeChat's #191919, and
 * backgrounds are translucent. test/posts/phone-preview.test.ts checks the contrast.
 */
export const ARTICLE_CSS = `
.article { font-size: 16px; line-height: 1.75; letter-spacing: 0.5px; word-break: break-word; }
p { margin: 0 0 16px; }
h1 { font-size: 20px; font-weight: bold; margin: 24px 0 16px; text-align: center; }
h2 { font-size: 18px; font-weight: bold; margin: 24px 0 12px; padding-left: 8px; border-left: 4px solid #c8161d; }
h3 { font-size: 17px; font-weight: bold; margin: 20px 0 10px; color: #c8161d; }
h4, h5, h6 { font-size: 16px; font-weight: bold; margin: 16px 0 8px; }
strong { color: #c8161d; }
ul, ol { margin: 0 0 16px; padding-left: 24px; }
li { margin: 4px 0; }
blockquote { margin: 0 0 16px; padding: 8px 12px; border-left: 3px solid #c8161d; background: rgba(200,22,29,.06); }
blockquote p { margin: 4px 0; }
hr { border: 0; border-top: 1px solid #e5e5e5; margin: 24px 0; }
a { color: #576b95; text-decoration: none; }
code { font-family: Menlo, Consolas, monospace; font-size: 14px; background: rgba(127,127,127,.15); padding: 1px 4px; border-radius: 3px; }
.code { margin: 0 0 16px; padding: 12px; background: rgba(127,127,127,.1); border-radius: 4px; overflow-x: auto; font-size: 13px; line-height: 1.6; }
.code code { background: none; padding: 0; font-size: 13px; white-space: nowrap; }
.table-wrap { margin: 0 0 16px; overflow-x: auto; }
table { border-collapse: collapse; width: 100%; font-size: 14px; }
th, td { border: 1px solid #ddd; padding: 6px 8px; }
th { background: rgba(127,127,127,.1); font-weight: bold; }
img { max-width: 100%; height: auto; display: block; margin: 8px auto; }
.caption { display: block; text-align: center; font-size: 13px; color: #888; }
.fn { color: #576b95; font-size: 12px; }
.footnotes { margin-top: 24px; padding-top: 8px; border-top: 1px solid #e5e5e5; font-size: 13px; color: #888; }
.footnotes p { margin: 4px 0; }
.footnotes-title { font-weight: bold; }
`;
