import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { closeDeps } from "../../src/build-deps";
import { formatReply } from "../../src/cli/format-reply";
import { actionLabel, refusedText, sendCommand } from "../../src/cli/send-command";
import { createApp } from "../../src/http/create-app";
import { buildTestDeps, listen } from "../helpers/build-test-deps";

/** No WeChat credentials: sandbox mode, a token generated and kept in the database. */
const SANDBOX_ENV = { WECHAT_APP_ID: "", WECHAT_APP_SECRET: "", WECHAT_TOKEN: "", WECHAT_ENCODING_AES_KEY: "", WECHAT_API_BASE: "" };

describe("npm run cli -- send: what the youth would see, in Chinese", () => {
  it("shows a text reply with its links spelled out, a news card and the other reply kinds", () => {
    expect(formatReply({ type: "text", content: '招聘信息见<a href="https://mp.weixin.qq.com/s/abc">轮台县冬季招聘会</a>' })).toBe(
      "招聘信息见轮台县冬季招聘会 (https://mp.weixin.qq.com/s/abc)",
    );
    expect(
      formatReply({
        type: "news",
        articles: [{ title: "【轮青诚聘】第3期 · 招聘会", description: "本周五在县人才市场", url: "https://mp.weixin.qq.com/s/x", picUrl: "https://mmbiz.qpic.cn/c.jpg" }],
      }),
    ).toBe("▣ 【轮青诚聘】第3期 · 招聘会\n  本周五在县人才市场\n  https://mp.weixin.qq.com/s/x\n  [封面] https://mmbiz.qpic.cn/c.jpg");
    expect(formatReply(null)).toBe("（没有回复：公众号回答了 success，青年什么也看不到）");
    expect(formatReply({ type: "image", mediaId: "m1" })).toBe("[图片 m1]");
    expect(formatReply({ type: "transfer_customer_service" })).toBe("（转给了人工客服）");
  });

  it("names what the youth did", () => {
    expect(actionLabel({ kind: "text", content: "诚聘" })).toBe("诚聘");
    expect(actionLabel({ kind: "click", key: "COLUMN_CAREERS" })).toBe("[点菜单 COLUMN_CAREERS]");
    expect(actionLabel({ kind: "subscribe" })).toBe("[关注]");
    expect(actionLabel({ kind: "subscribe", sceneId: "7" })).toBe("[扫码关注，场景 7]");
    expect(actionLabel({ kind: "unsubscribe" })).toBe("[取消关注]");
  });

  it("says why the service refused and what to check", () => {
    expect(refusedText(401, "", "http://127.0.0.1:3000/wechat")).toBe(
      "服务拒绝了这条消息（HTTP 401）。签名没通过：http://127.0.0.1:3000/wechat 的服务用的令牌（WECHAT_TOKEN）或加解密设置和这里的不一样。" +
        "在运行服务的同一个文件夹、同一份 .env 下运行这个命令；或者那个端口上是别的程序，用 --url 指定服务的地址",
    );
    expect(refusedText(404, "Not Found", "http://127.0.0.1:3001/wechat")).toMatch(/^服务拒绝了这条消息（HTTP 404：Not Found）。http:\/\/127\.0\.0\.1:3001\/wechat 没有这个地址/);
  });

  describe("against a running service", () => {
    let dir: string;
    beforeEach(() => {
      dir = mkdtempSync(join(tmpdir(), "send-cli-"));
    });
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    it("signs a message as WeChat would and prints the column's reply; a wrong token gets the reason", async () => {
      const { deps, clock } = buildTestDeps({ ...SANDBOX_ENV, DATABASE_PATH: join(dir, "app.db") });
      const server = await listen(createApp(deps));
      try {
        const ok = await sendCommand(deps.config, clock, { action: { kind: "text", content: "诚聘" }, url: `${server.url}/wechat` });
        expect(ok.status).toBe(200);
        expect(ok.text).toContain("轮青诚聘");

        const other = buildTestDeps({ ...SANDBOX_ENV, DATABASE_PATH: join(dir, "other.db") });
        closeDeps(other.deps);
        const refused = await sendCommand(other.deps.config, clock, { action: { kind: "text", content: "诚聘" }, url: `${server.url}/wechat` });
        expect(refused.status).toBe(401);
        expect(refused.text).toMatch(/^服务拒绝了这条消息（HTTP 401.*签名没通过/);
      } finally {
        await server.close();
        closeDeps(deps);
      }
    });
  });
});
