import { RequestError } from "../errors";

export type FlatQuery = Record<string, string | undefined>;

/**
 * A parsed query string (node:querystring, as Koa's ctx.query) with one value per key. WeChat never
 * repeats a parameter, and a repeated `signature` could smuggle a second value past the check, so a
 * repeat is refused.
 */
export function flatQuery(parsed: Record<string, string | string[] | undefined>): FlatQuery {
  for (const k in parsed) {
    if (Array.isArray(parsed[k])) throw repeatedParameter(k);
  }
  return parsed as FlatQuery;
}

/** The refusal of a query string that names `key` twice (here and in parse-query.ts). */
export function repeatedParameter(key: string): RequestError {
  return new RequestError("bad_query", `query parameter ${key} given more than once`, 400);
}
