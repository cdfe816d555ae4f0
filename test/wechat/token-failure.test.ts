import { WeChatApiError } from "../../src/errors";
import { fixedClock } from "../../src/time";
import { openDatabase } from "../../src/db/open-database";
import { createAccessTokenStore } from "../../src/db/stores/access-token-store";
import { createAccessTokenProvider } from "../../src/wechat/access-token";
import { DEFAULT_BACKOFF } from "../../src/wechat/api-errcodes";
import type { WireBody } from "../../src/wechat/api-types";
import { captureLog } from "../sandbox/harness";

/** The 矩阵 page shows an account's last token failure (issue 14): the refresher keeps it in the token row. */
describe("a failed stable_token call is remembered per account", () => {
  it("keeps 40164 with WeChat's errmsg, and a later success is newer than it", async () => {
    const db = openDatabase(":memory:");
    const store = createAccessTokenStore(db);
    const clock = fixedClock("2026-11-23T00:40:00Z");
    let answer: () => WireBody = () => {
      throw new WeChatApiError("/cgi-bin/stable_token", 40164, "invalid ip 47.92.1.8 ipv6 ::ffff:47.92.1.8, not in whitelist rid: 6740a1b2-1c2d3e4f-5a6b7c8d");
    };
    const tokens = createAccessTokenProvider({
      appId: "wx8f3c2a1b0d9e7f65",
      appSecret: "yangxia-secret",
      accountId: "yangxia",
      store,
      clock,
      log: captureLog().log,
      sleep: async () => undefined,
      post: async () => answer(),
      backoff: DEFAULT_BACKOFF,
    });
    await expect(tokens.get()).rejects.toMatchObject({ errcode: 40164 });
    expect(store.state("yangxia")).toMatchObject({
      hasToken: false,
      refreshedAt: null,
      leaseOwner: null,
      failure: { at: Date.parse("2026-11-23T00:40:00Z"), errcode: 40164, detail: expect.stringContaining("not in whitelist") },
    });
    expect(store.state("default")).toBeUndefined();

    // The IP is whitelisted an hour later: the token comes, the failure stays as history, older than it.
    clock.advance(3600_000);
    answer = () => ({ access_token: "ACCESS_TOKEN_yangxia", expires_in: 7200 });
    expect(await tokens.get()).toBe("ACCESS_TOKEN_yangxia");
    const state = store.state("yangxia")!;
    expect(state.refreshedAt).toBe(Date.parse("2026-11-23T01:40:00Z"));
    expect(state.failure!.at).toBeLessThan(state.refreshedAt!);
    db.close();
  });
});
