import type * as Xml2js from "xml2js";
import { RequestError } from "../errors";
import { readFlatXml } from "./read-flat-xml";

/**
 * A parsed element: text-only children are strings (CDATA unwrapped, never converted to numbers:
 * MsgId exceeds 2^53), children with children are elements, repeated children are arrays.
 */
export type XmlValue = string | XmlElement | Array<string | XmlElement>;
export interface XmlElement {
  [name: string]: XmlValue | undefined;
}

/**
 * xml2js defaults plus: no attributes (WeChat's pushes have none), and no one-element arrays.
 * strict sax: refuses non-XML and does not expand DOCTYPE entities (no XXE, no billion laughs).
 */
const OPTIONS: Xml2js.ParserOptions = { explicitArray: false, ignoreAttrs: true, async: false, strict: true };

/** xml2js is loaded on first use: nearly every push takes readFlatXml's path and never needs it. */
let xml2js: typeof Xml2js | undefined;

function malformed(reason: string, cause?: unknown): RequestError {
  return new RequestError("malformed_xml", `wechat: malformed XML: ${reason}`, 400, cause);
}

/**
 * Parses a push body (or a decrypted one) and returns the children of its `<xml>` root, the only
 * root WeChat uses (消息推送 / 接收普通消息 docs). Unknown elements and whitespace are kept or
 * ignored, never an error.
 *
 * With `async: false`, xml2js calls back synchronously from inside `parseString` (it emits "end"
 * when the root closes), so this stays sync. A fresh Parser per call: a reused one keeps broken
 * sax state after certain errors, and the saving measured at ~3%.
 */
export function readXml(body: string): XmlElement {
  if (body.trim() === "") throw malformed("empty body");
  const flat = readFlatXml(body);
  if (flat) return flat;
  let settled = false;
  let failure: unknown;
  let result: unknown;
  try {
    xml2js ??= require("xml2js") as typeof Xml2js;
    new xml2js.Parser(OPTIONS).parseString(body, (err, value) => {
      settled = true;
      failure = err;
      result = value;
    });
  } catch (err) {
    failure = err;
  }
  if (failure) throw malformed(failure instanceof Error ? (failure.message.split("\n")[0] ?? "") : "parse error", failure);
  if (!settled || result === null || typeof result !== "object") throw malformed("no root element");
  const root = (result as Record<string, unknown>)["xml"];
  if (root === undefined) throw malformed(`root element is <${Object.keys(result)[0] ?? "?"}>, expected <xml>`);
  // `<xml/>` or `<xml>text</xml>`: no children; the caller reports what is missing.
  if (typeof root !== "object" || root === null || Array.isArray(root)) return {};
  return root as XmlElement;
}

/** The text of the first `name` child, or undefined when absent or not text-only. */
export function childText(element: XmlElement | undefined, name: string): string | undefined {
  const value = element?.[name];
  if (typeof value === "string") return value;
  if (Array.isArray(value) && typeof value[0] === "string") return value[0];
  return undefined;
}
