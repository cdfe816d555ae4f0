import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { Parser } from "xml2js";
import { readFlatXml } from "../../src/wechat/read-flat-xml";

const FIXTURES = join(__dirname, "../fixtures/wechat");

function viaXml2js(body: string): unknown {
  let out: unknown;
  new Parser({ explicitArray: false, ignoreAttrs: true, async: false, strict: true }).parseString(body, (err: unknown, v: unknown) => {
    if (err) throw err;
    out = (v as Record<string, unknown>)["xml"];
  });
  return out;
}

describe("readFlatXml", () => {
  const flatVectors = readdirSync(FIXTURES).filter((f) => /^(in|ev|reply)-.*\.xml$/.test(f));

  it.each(flatVectors)("reads %s exactly as xml2js does, or declines it", (file) => {
    const body = readFileSync(join(FIXTURES, file), "utf8");
    const fast = readFlatXml(body);
    if (fast !== undefined) expect(fast).toEqual(viaXml2js(body));
  });

  it("takes the fast path for ordinary messages and flat events", () => {
    for (const file of ["in-text.xml", "in-text-real-msgid.xml", "in-voice-recognition.xml", "ev-subscribe-qrscene.xml", "ev-click.xml", "in-encrypted-safe-mode.xml"]) {
      expect(readFlatXml(readFileSync(join(FIXTURES, file), "utf8"))).toBeDefined();
    }
  });

  it("declines nested job events, declarations, attributes, comments and unknown entities", () => {
    expect(readFlatXml(readFileSync(join(FIXTURES, "ev-publishjobfinish.xml"), "utf8"))).toBeUndefined();
    expect(readFlatXml('<?xml version="1.0"?><xml><A>1</A></xml>')).toBeUndefined();
    expect(readFlatXml('<xml><A x="1">1</A></xml>')).toBeUndefined();
    expect(readFlatXml("<xml><!-- c --><A>1</A></xml>")).toBeUndefined();
    expect(readFlatXml("<xml><A>&nbsp;</A></xml>")).toBeUndefined();
    expect(readFlatXml("<xml><A/></xml>")).toBeUndefined();
    expect(readFlatXml("<xml><A>1</A></xml>trailing")).toBeUndefined();
    expect(readFlatXml("<xml><A>1</B></xml>")).toBeUndefined();
    expect(readFlatXml("<xml><A>x<![CDATA[y]]></A></xml>")).toBeUndefined();
    expect(readFlatXml("<xml><A><![CDATA[x]]>tail</A></xml>")).toBeUndefined();
    expect(readFlatXml("<xml><A>1</AB></xml>")).toBeUndefined();
    expect(readFlatXml("<xml><1A>1</1A></xml>")).toBeUndefined();
  });

  it("joins split CDATA sections and decodes the five XML entities like xml2js", () => {
    for (const body of [
      "<xml><Content><![CDATA[a]]]]><![CDATA[>b]]></Content></xml>",
      "<xml><Content>Tom &amp; Jerry &lt;3</Content><N></N></xml>",
      "<xml><K>1</K><K>2</K><K><![CDATA[3]]></K></xml>",
      "<xml>\n  <A><![CDATA[ spaced ]]></A>\n</xml>\n",
      "<xml><Content><![CDATA[a </Content> inside]]></Content><B.c-d_1>2</B.c-d_1></xml>",
    ]) {
      expect(readFlatXml(body)).toEqual(viaXml2js(body));
    }
  });
});
