import { createHash } from "node:crypto";
import { computeSignature, verifyMsgSignature, verifySignature } from "../../src/wechat/verify-signature";
import { loadJsonFixture } from "../helpers/load-fixture";

interface PlainCase { token: string; timestamp: string; nonce: string; joined: string; signature: string }
const official = loadJsonFixture<{ cases: PlainCase[] }>("wechat/sig-plain-official.json");
const wechatpy = loadJsonFixture<{ token: string; timestamp: string; nonce: string; signature: string; negative_signature: string }>(
  "wechat/sig-plain-wechatpy.json",
);

describe("computeSignature", () => {
  it.each(official.cases.map((c) => [c.joined, c] as const))("reproduces the official doc example over %s", (_joined, c) => {
    expect(computeSignature(c.token, c.timestamp, c.nonce)).toBe(c.signature);
  });

  it("does not depend on the order of its arguments", () => {
    const c = official.cases[0]!;
    expect(computeSignature(c.nonce, c.token, c.timestamp)).toBe(c.signature);
  });

  it("sorts as strings, not numbers (\"10\" before \"9\")", () => {
    expect(computeSignature("9", "10", "tok")).toBe(computeSignature("10", "9", "tok"));
    expect(computeSignature("9", "10", "tok")).toBe(createHash("sha1").update("109tok").digest("hex"));
  });
});

describe("verifySignature", () => {
  it.each(official.cases.map((c) => [c.signature, c] as const))("accepts the official signature %s", (_s, c) => {
    expect(verifySignature(c.token, c.timestamp, c.nonce, c.signature)).toBe(true);
  });

  it("accepts wechatpy's test vector", () => {
    expect(verifySignature(wechatpy.token, wechatpy.timestamp, wechatpy.nonce, wechatpy.signature)).toBe(true);
  });

  it("refuses wechatpy's negative vector (last hex digit changed)", () => {
    expect(verifySignature(wechatpy.token, wechatpy.timestamp, wechatpy.nonce, wechatpy.negative_signature)).toBe(false);
  });

  it("refuses a signature made with another token", () => {
    expect(verifySignature("other", wechatpy.timestamp, wechatpy.nonce, wechatpy.signature)).toBe(false);
  });

  it("refuses a missing, empty, truncated or upper-case signature without throwing", () => {
    const { token, timestamp, nonce, signature } = wechatpy;
    expect(verifySignature(token, timestamp, nonce, undefined)).toBe(false);
    expect(verifySignature(token, timestamp, nonce, "")).toBe(false);
    expect(verifySignature(token, timestamp, nonce, signature.slice(0, 39))).toBe(false);
    expect(verifySignature(token, timestamp, nonce, `${signature}0`)).toBe(false);
    expect(verifySignature(token, timestamp, nonce, signature.toUpperCase())).toBe(false);
  });

  it("refuses a same-length signature with non-ASCII characters without throwing", () => {
    const { token, timestamp, nonce, signature } = wechatpy;
    expect(verifySignature(token, timestamp, nonce, `${signature.slice(0, 39)}é`)).toBe(false);
  });
});

describe("verifyMsgSignature", () => {
  it("accepts the official debug demo's msg_signature over the Encrypt text", () => {
    const v = loadJsonFixture<{ token: string; inbound: { query: Record<string, string>; body: { Encrypt: string } } }>(
      "wechat/crypto-official-debug-demo.json",
    );
    const q = v.inbound.query;
    expect(verifyMsgSignature(v.token, q["timestamp"]!, q["nonce"]!, v.inbound.body.Encrypt, q["msg_signature"])).toBe(true);
    // The URL signature is a different value: it does not cover the body.
    expect(verifyMsgSignature(v.token, q["timestamp"]!, q["nonce"]!, v.inbound.body.Encrypt, q["signature"])).toBe(false);
    expect(verifySignature(v.token, q["timestamp"]!, q["nonce"]!, q["signature"])).toBe(true);
  });

  it("accepts the pamtest vector and refuses EasyWeChat's 'invalid-signature'", () => {
    const v = loadJsonFixture<{ token: string; timestamp: string; nonce: string; Encrypt: string; msg_signature: string }>(
      "wechat/crypto-pamtest-easywechat-decrypt.json",
    );
    expect(verifyMsgSignature(v.token, v.timestamp, v.nonce, v.Encrypt, v.msg_signature)).toBe(true);
    expect(verifyMsgSignature(v.token, v.timestamp, v.nonce, v.Encrypt, "invalid-signature")).toBe(false);
    expect(verifyMsgSignature(v.token, v.timestamp, v.nonce, v.Encrypt, undefined)).toBe(false);
  });

  it("accepts the WxJava-derived signatures and refuses WxJava's '12345'", () => {
    const v = loadJsonFixture<{ token: string; timestamp: string; nonce: string; cases: Array<{ Encrypt: string; msg_signature_derived: string }> }>(
      "wechat/crypto-pamtest-wxjava-deterministic.json",
    );
    for (const c of v.cases) {
      expect(verifyMsgSignature(v.token, v.timestamp, v.nonce, c.Encrypt, c.msg_signature_derived)).toBe(true);
      expect(verifyMsgSignature(v.token, v.timestamp, v.nonce, c.Encrypt, "12345")).toBe(false);
    }
  });

  it("refuses a msg_signature when the Encrypt text was altered", () => {
    const v = loadJsonFixture<{ token: string; timestamp: string; nonce: string; Encrypt: string; msg_signature: string }>(
      "wechat/crypto-pamtest-easywechat-decrypt.json",
    );
    const altered = `B${v.Encrypt.slice(1)}`;
    expect(verifyMsgSignature(v.token, v.timestamp, v.nonce, altered, v.msg_signature)).toBe(false);
  });
});
