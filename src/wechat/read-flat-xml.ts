import type { XmlElement } from "./read-xml";

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
    if (close < 0 || !isName(body, i + 1, close)) return undefined;
    const name = body.slice(i + 1, close);
    // The value: CDATA sections only, or plain text; scanned in place (this runs for every push).
    let j = close + 1;
    let value: string | undefined;
    if (body.startsWith("<![CDATA[", j)) {
      value = "";
      do {
        const end = body.indexOf("]]>", j + 9);
        if (end < 0) return undefined;
        value += body.slice(j + 9, end);
        j = end + 3;
      } while (body.startsWith("<![CDATA[", j));
    } else {
      const lt = body.indexOf("<", j);
      if (lt < 0) return undefined;
      value = plainText(body.slice(j, lt));
      if (value === undefined) return undefined;
      j = lt;
    }
    // Then exactly </name>.
    if (body.charCodeAt(j) !== 60 || body.charCodeAt(j + 1) !== 47 || !body.startsWith(name, j + 2)) return undefined;
    j += 2 + name.length;
    if (body.charCodeAt(j) !== 62 /* > */) return undefined;
    const prev = out[name];
    out[name] = prev === undefined ? value : Array.isArray(prev) ? [...prev, value] : [prev, value];
    i = j + 1;
  }
}

/** An element name as WeChat uses them: [A-Za-z_][A-Za-z0-9_.-]*, checked without a regex or a slice. */
function isName(s: string, from: number, to: number): boolean {
  if (to <= from) return false;
  for (let k = from; k < to; k++) {
    const c = s.charCodeAt(k);
    const letter = (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
    if (letter) continue;
    if (k === from) return false;
    if (!((c >= 48 && c <= 57) || c === 46 || c === 45)) return false;
  }
  return true;
}

function skipSpace(s: string, i: number): number {
  while (i < s.length) {
    const c = s.charCodeAt(i);
    if (c !== 32 && c !== 10 && c !== 13 && c !== 9) break;
    i++;
  }
  return i;
}

/** Text without markup; the five XML entities decoded, anything else declined. */
function plainText(raw: string): string | undefined {
  if (!raw.includes("&")) return raw;
  let bad = false;
  const decoded = raw.replace(/&[^;]*;/g, (e) => {
    const v = ENTITIES[e];
    if (v === undefined) bad = true;
    return v ?? e;
  });
  return bad || /&(?![a-z]+;)/.test(raw) ? undefined : decoded;
}
