import { WeChatApiError } from "../../src/errors";
import { fixedClock } from "../../src/time";
import { openDatabase, type Db } from "../../src/db/open-database";
import { createAccessTokenStore, type AccessTokenStore } from "../../src/db/stores/access-token-store";
import { createAccessTokenProvider } from "../../src/wechat/access-token";
import { DEFAULT_BACKOFF } from "../../src/wechat/api-errcodes";
import type { WireBody } from "../../src/wechat/api-types";
import { captureLog } from "../sandbox/harness";

/** The shared token row: leases, waiting, take-over and compare-and-set (one process's view each). */

let db: Db;
let store: AccessTokenStore;
const clock = fixedClock("2026-12-01T02:00:00Z");
beforeEach(() => {
  db = openDatabase(":memory:");
  store = createAccessTokenStore(db);
  clock.set("2026-12-01T02:00:00Z");
});
afterEach(() => db.close());

function provider(post: (path: string, json: unknown) => Promise<WireBody>, sleep: (ms: number) => Promise<void>) {
  return createAccessTokenProvider({
    appId: "wx1234567890abcdef",
    appSecret: "secret",
    accountId: "default",
    store,
    clock,
    log: captureLog().log,
    sleep,
    post,
    backoff: DEFAULT_BACKOFF,
    leaseMs: 1000,
    pollMs: 100,
  });
}

const now = () => clock.now().getTime();

describe("createAccessTokenProvider", () => {
  it("waits for the process holding the lease and uses the token it stores", async () => {
    expect(store.acquire({ accountId: "default", owner: "web-1", now: now(), leaseMs: 1000 })).toMatchObject({ kind: "leased" });
    const post = jest.fn(async () => ({ access_token: "mine", expires_in: 7200 }));
    let polls = 0;
    const waiter = provider(post, async () => {
      if (++polls === 3) store.save({ accountId: "default", token: "from-web-1", expiresAt: now() + 6900_000, now: now() });
    });
    expect(await waiter.get()).toBe("from-web-1");
    expect(post).not.toHaveBeenCalled();
    expect(polls).toBe(3);
  });

  it("takes over a lease that ran out (its holder died mid-refresh)", async () => {
    store.acquire({ accountId: "default", owner: "crashed-cli", now: now(), leaseMs: 1000 });
    const post = jest.fn(async () => ({ access_token: "fresh", expires_in: 7200 }));
    const waiter = provider(post, async (ms) => clock.advance(ms));
    expect(await waiter.get()).toBe("fresh");
    expect(post).toHaveBeenCalledTimes(1);
    expect(store.state("default")).toMatchObject({ hasToken: true, leaseOwner: null, expiresAt: now() + 6900_000 });
  });

  it("takes over after waiting longer than the lease even if the clock stands still", async () => {
    store.acquire({ accountId: "default", owner: "stuck", now: now(), leaseMs: 60_000 });
    const post = jest.fn(async () => ({ access_token: "fresh", expires_in: 7200 }));
    let polls = 0;
    expect(await provider(post, async () => void polls++).get()).toBe("fresh");
    expect(polls).toBe(11); // 1000 ms lease / 100 ms polls, then take over
  });

  it("releases the lease when the refresh fails, so the next caller tries at once", async () => {
    const failing = provider(async () => {
      throw new WeChatApiError("/cgi-bin/stable_token", 40164, "invalid ip 203.0.113.9, not in whitelist");
    }, async () => undefined);
    await expect(failing.get()).rejects.toMatchObject({ errcode: 40164 });
    expect(store.state("default")).toMatchObject({ hasToken: false, leaseOwner: null });
  });

  it("drops a rejected token only if it is still the cached one (compare-and-set)", async () => {
    store.save({ accountId: "default", token: "new", expiresAt: now() + 1000_000, now: now() });
    const p = provider(async () => ({ access_token: "x", expires_in: 7200 }), async () => undefined);
    expect(p.invalidate("old")).toBe(false);
    expect(await p.get()).toBe("new");
    expect(p.invalidate("new")).toBe(true);
    expect(store.state("default")).toMatchObject({ hasToken: false });
  });

  it("sends the stable_token body in normal mode (never force_refresh)", async () => {
    const post = jest.fn(async (_path: string, _json: unknown) => ({ access_token: "t", expires_in: 7200 }));
    await provider(post, async () => undefined).get();
    expect(post).toHaveBeenCalledWith("/cgi-bin/stable_token", {
      grant_type: "client_credential",
      appid: "wx1234567890abcdef",
      secret: "secret",
      force_refresh: false,
    });
  });
});
