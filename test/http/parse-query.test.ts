import { parse } from "node:querystring";
import { parseQuery } from "../../src/http/parse-query";

describe("parseQuery (the webhook's query string)", () => {
  it.each([
    "signature=2b1c8b1ee2a3e5bd3a6f1a4a5a0a5d2f3f0c9e21&timestamp=1795485600&nonce=1514711492&openid=oV5CrjpxgaGXNHIQigzNlgLTnwic",
    "signature=a&timestamp=1&nonce=2&openid=o&encrypt_type=aes&msg_signature=b",
    "echostr=4375120948345356249&signature=x&timestamp=1&nonce=2",
    "a=%E5%9B%A2%E5%8E%BF%E5%A7%94&b=x+y&c=100%25&d=&e&=f&&g=1=2",
    "bad=%E5%9B%A2%zz&plus=a+%2B+b&__proto__=p&constructor=c",
    "",
  ])("reads %s as node:querystring does", (raw) => {
    expect({ ...parseQuery(raw) }).toEqual({ ...parse(raw) });
  });

  it("refuses a repeated parameter, naming it", () => {
    expect(() => parseQuery("signature=a&timestamp=1&signature=b")).toThrow("query parameter signature given more than once");
  });
});
