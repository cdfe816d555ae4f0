import { createServer, type Server } from "node:http";
import Koa from "koa";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { EncryptMode } from "../../src/config";
import { computeSignature } from "../../src/wechat/verify-signature";
import { aesKeyFromEncodingAesKey, decryptMessage } from "../../src/wechat/message-crypto";
import { parseMessage } from "../../src/wechat/parse-message";
import { decodePush } from "../../src/wechat/decode-push";
import { massSendJobFinishXml, publishJobFinishXml } from "../../src/sandbox/job-events";
import { APP_ID, makeDraft, startHarness, type Harness } from "./harness";

/**
 * The sandbox pushes PUBLISHJOBFINISH / MASSSENDJOBFINISH back to our webhook after a job, signed
 * exactly as WeChat signs (protocol §1.3, §1.4). A tiny Koa endpoint receives and checks them.
 */

const TOKEN = "LuntaiYouth2026";
const AES_KEY = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";
const ORIGINAL_ID = "gh_4d00ed8d6399";

interface Received {
  query: Record<string, string>;
  body: string;
}

let receiver: { server: Server; url: string; received: Received[] };
let h: Harness;

beforeAll(async () => {
  const received: Received[] = [];
  const app = new Koa();
  app.use(async (ctx) => {
    let body = "";
    for await (const chunk of ctx.req) body += (chunk as Buffer).toString("utf8");
    received.push({ query: Object.fromEntries(new URLSearchParams(ctx.querystring)), body });
    ctx.body = "success";
  });
  const server = createServer(app.callback()).listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  receiver = { server, url: `http://127.0.0.1:${(server.address() as { port: number }).port}/wechat`, received };
});
afterAll(async () => {
  receiver.server.closeAllConnections();
  await new Promise((resolve) => receiver.server.close(resolve));
});
beforeEach(() => (receiver.received.length = 0));
afterEach(() => h.close());

async function runJobs(encryptMode: EncryptMode): Promise<{ publishId: string; msgId: string }> {
  h = await startHarness({ callback: { url: receiver.url, token: TOKEN, encryptMode, encodingAesKey: AES_KEY, originalId: ORIGINAL_ID } });
  const { publishId } = await h.client.freepublish.submit(await makeDraft(h.client, "团县委开展“青春助力乡村振兴”志愿活动", 2));
  const { msgId } = await h.client.mass.sendAll({ message: { type: "mpnews", mediaId: await makeDraft(h.client) } });
  await h.sandbox.idle();
  return { publishId, msgId };
}

const xmlOf = (r: Received) => {
  const { query, body } = r;
  if (query.encrypt_type !== "aes") return body;
  const encrypt = /<Encrypt><!\[CDATA\[(.*?)\]\]><\/Encrypt>/.exec(body)![1]!;
  expect(query.msg_signature).toBe(computeSignature(TOKEN, query.timestamp!, query.nonce!, encrypt));
  const { xml, appId } = decryptMessage(encrypt, aesKeyFromEncodingAesKey(AES_KEY));
  expect(appId).toBe(APP_ID);
  return xml;
};

describe.each(["plain", "safe", "compat"] as const)("job events in %s mode", (mode) => {
  it("arrive signed as WeChat signs them and parse as our typed events", async () => {
    const { publishId, msgId } = await runJobs(mode);
    expect(receiver.received).toHaveLength(2);
    for (const r of receiver.received) {
      const { query, body } = r;
      expect(query.signature).toBe(computeSignature(TOKEN, query.timestamp!, query.nonce!));
      expect(Number(query.timestamp)).toBe(Math.floor(h.clock.now().getTime() / 1000));
      expect(query.openid).toBeTruthy();
      if (mode === "safe") {
        expect(query.encrypt_type).toBe("aes");
        expect(body).toMatch(/^<xml><ToUserName><!\[CDATA\[gh_4d00ed8d6399\]\]><\/ToUserName><Encrypt><!\[CDATA\[[A-Za-z0-9+/=]+\]\]><\/Encrypt><\/xml>$/);
      }
      // And our own webhook decoder accepts them in the same mode.
      const settings = { token: TOKEN, encryptMode: mode, appId: APP_ID, aesKeys: [aesKeyFromEncodingAesKey(AES_KEY)], replayWindowSeconds: 300 };
      expect(() => decodePush(query, body, settings, h.clock.now())).not.toThrow();
    }
    const events = receiver.received.map((r) => parseMessage(xmlOf(r)));
    const published = events.find((e) => e.type === "publish_finished");
    const massSent = events.find((e) => e.type === "mass_send_finished");
    expect(published).toMatchObject({ type: "publish_finished", publishId, publishStatus: 0, failIdx: [], accountOriginalId: ORIGINAL_ID, openId: "mphelper" });
    expect(published?.type === "publish_finished" && published.articleUrls).toHaveLength(2);
    expect(massSent).toMatchObject({ type: "mass_send_finished", msgId, status: "send success", errorCount: expect.any(Number) });
    expect(h.sandbox.inspect().pushes).toEqual([
      expect.objectContaining({ event: "MASSSENDJOBFINISH", refId: msgId, httpStatus: 200 }),
      expect.objectContaining({ event: "PUBLISHJOBFINISH", refId: publishId, httpStatus: 200 }),
    ]);
  });
});

describe("event XML", () => {
  const fixture = (name: string) => readFileSync(join(__dirname, "..", "fixtures", "wechat", name), "utf8");
  const shape = (xml: string) => (xml.match(/<\/?[A-Za-z_]+>/g) ?? []).filter((t) => !t.startsWith("</")).join(" ");

  it("PUBLISHJOBFINISH has the elements of the WxJava vector, in order", () => {
    const ours = publishJobFinishXml("gh_4d00ed8d6399", 1481013459, {
      publishId: "2247503051",
      status: 0,
      articleId: "b5O2OUs25HBxRceL7hfReg-U9QGeq9zQjiDvy WP4Hq4",
      articleUrls: ["ARTICLE_URL", "ARTICLE_URL_2"],
      failIdx: [],
    });
    expect(shape(ours)).toBe(shape(fixture("ev-publishjobfinish.xml")));
    // Same event, except the sender: WeChat's doc says mphelper, the WxJava sample has an OpenID.
    const { openId, dedupKey, ...rest } = parseMessage(fixture("ev-publishjobfinish.xml"));
    void openId;
    void dedupKey;
    expect(parseMessage(ours)).toMatchObject({ ...rest, openId: "mphelper" });
  });

  it("a failed PUBLISHJOBFINISH lists fail_idx like the official sample", () => {
    const ours = publishJobFinishXml("gh_4d00ed8d6399", 1481013459, { publishId: "2247503051", status: 2, articleId: null, articleUrls: [], failIdx: [1, 2] });
    expect(shape(ours)).toBe(shape(fixture("ev-publishjobfinish-fail.xml")));
  });

  it("MASSSENDJOBFINISH has the elements of the observed push, in order", () => {
    const ours = massSendJobFinishXml("gh_796313d723bb", "oDfOv1VV2t0MvjIXRO906uPhyw-I", 1601126291, {
      msgId: "3147483661",
      status: "send success",
      totalCount: 8,
      filterCount: 0,
      sentCount: 0,
      errorCount: 0,
      articleUrls: ["http://mp.weixin.qq.com/s/VgyFDJOHQCyBecF4PYqLjA"],
    });
    expect(shape(ours)).toBe(shape(fixture("ev-masssendjobfinish-success.xml")));
    expect(parseMessage(ours)).toEqual(parseMessage(fixture("ev-masssendjobfinish-success.xml")));
  });
});

it("records a push that could not be delivered", async () => {
  h = await startHarness({ callback: { url: "http://127.0.0.1:9/wechat", token: TOKEN, encryptMode: "plain", originalId: ORIGINAL_ID } });
  await h.client.freepublish.submit(await makeDraft(h.client));
  await h.sandbox.idle();
  expect(h.sandbox.inspect().pushes).toEqual([expect.objectContaining({ event: "PUBLISHJOBFINISH", httpStatus: null, error: expect.any(String) })]);
});
