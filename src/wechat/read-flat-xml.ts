import type { XmlElement } from "./read-xml";

const NAME_RE = /^[A-Za-z_][A-Za-z0-9_.-]*$/;
const ENTITIES: Record<string, string> = { "&lt;": "<", "&gt;": ">", "&amp;": "&", "&quot;": '"', "&apos;": "'" };

/**
 * Fast path for the shape of nearly every push: `<xml>` whose children are text or CDATA only
 * (接收普通消息 / 接收事件推送 docs). Produces exactly what readXml's xml2js path produces, but
 * without building a SAX parser per request, which dominated the webhook's CPU profile.
 * Returns undefined for anything else (declaration, attributes, nesting, comments, entities
 * beyond the five of XML, self-closing tags), and the caller falls back to xml2js, so unusual
 * input is never judged here.
 */
export function readFlatXml(body: string): XmlElement | undefined {
  let i = skipSpace(body, 0);
  if (!body.startsWith("<xml>", i)) return undefined;
  i += 5;
  const out: XmlElement = {};
  for (;;) {
    i = skipSpace(body, i);
    if (body.startsWith("</xml>", i)) {
      return skipSpace(body, i + 6) === body.length ? out : undefined;
    }
    if (body.charCodeAt(i) !== 60 /* < */) return undefined;
    const close = body.indexOf(">", i);
    if (close < 0) return undefined;
    const name = body.slice(i + 1, close);
    if (!NAME_RE.test(name)) return undefined;
    const end = body.indexOf(`</${name}>`, close + 1);
    if (end < 0) return undefined;
    const value = textOf(body.slice(close + 1, end));
    if (value === undefined) return undefined;
    const prev = out[name];
    out[name] = prev === undefined ? value : Array.isArray(prev) ? [...prev, value] : [prev, value];
    i = end + name.length + 3;
  }
}

function skipSpace(s: string, i: number): number {
  while (i < s.length) {
    const c = s.charCodeAt(i);
    if (c !== 32 && c !== 10 && c !== 13 && c !== 9) break;
    i++;
  }
  return i;
}

/** One or more adjacent CDATA sections (a `]]>` in content is split across two), or plain text. */
function textOf(raw: string): string | undefined {
  if (raw.startsWith("<![CDATA[")) {
    let out = "";
    let i = 0;
    while (i < raw.length) {
      if (!raw.startsWith("<![CDATA[", i)) return undefined;
      const end = raw.indexOf("]]>", i + 9);
      if (end < 0) return undefined;
      out += raw.slice(i + 9, end);
      i = end + 3;
    }
    return out;
  }
  if (raw.includes("<")) return undefined;
  if (!raw.includes("&")) return raw;
  let bad = false;
  const decoded = raw.replace(/&[^;]*;/g, (e) => {
    const v = ENTITIES[e];
    if (v === undefined) bad = true;
    return v ?? e;
  });
  return bad || /&(?![a-z]+;)/.test(raw) ? undefined : decoded;
}
