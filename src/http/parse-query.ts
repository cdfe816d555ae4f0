import { repeatedParameter, type FlatQuery } from "./flat-query";

/**
 * The query string of a webhook push (`signature=…&timestamp=…&nonce=…&openid=…`, plus
 * `encrypt_type` and `msg_signature` in 安全模式), decoded like node:querystring (`+` is a space,
 * %XX as UTF-8, a malformed escape kept as written) into one value per key; a repeated key is
 * refused (flat-query.ts says why). Hand-written because node:querystring's general decoder was
 * among the largest allocations of each push, and these values are nearly always plain ASCII.
 */
export function parseQuery(raw: string): FlatQuery {
  // No prototype, as node:querystring: a key named __proto__ or constructor is just a key.
  const out = Object.create(null) as FlatQuery;
  let start = 0;
  while (start <= raw.length) {
    let end = raw.indexOf("&", start);
    if (end < 0) end = raw.length;
    if (end > start) {
      const eq = raw.indexOf("=", start);
      const hasValue = eq >= 0 && eq < end;
      const key = decode(raw.slice(start, hasValue ? eq : end));
      const value = hasValue ? decode(raw.slice(eq + 1, end)) : "";
      if (Object.hasOwn(out, key)) throw repeatedParameter(key);
      out[key] = value;
    }
    start = end + 1;
  }
  return out;
}

function decode(s: string): string {
  if (!s.includes("%") && !s.includes("+")) return s;
  const spaced = s.replaceAll("+", " ");
  try {
    return decodeURIComponent(spaced);
  } catch {
    // node:querystring keeps malformed escapes as written and decodes the rest.
    return spaced.replace(/(?:%[0-9a-fA-F]{2})+/g, (run) => {
      try {
        return decodeURIComponent(run);
      } catch {
        return run;
      }
    });
  }
}
