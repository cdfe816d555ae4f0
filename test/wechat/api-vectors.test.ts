import { WeChatApiError } from "../../src/errors";
import { fixedClock } from "../../src/time";
import { openDatabase, type Db } from "../../src/db/open-database";
import { createApiClient, type ApiClient } from "../../src/wechat/api-client";
import { loadJsonFixture } from "../helpers/load-fixture";
import { captureLog } from "../sandbox/harness";

/**
 * Request shapes and response parsing of every call against the captured WeChat payloads in
 * test/fixtures/api (copies of shared/research/vectors/api-*.json; SOURCES.md says where each is from).
 */

type Json = Record<string, unknown>;
const api = (name: string) => loadJsonFixture<Json>(`api/${name}.json`);

interface Seen {
  method: string;
  path: string;
  query: URLSearchParams;
  contentType: string | null;
  json?: unknown;
  form?: FormData;
}

interface Reply {
  body: unknown;
  contentType?: string;
}

/** A fetch that answers per path from `replies` (a queue per path) and records what was sent. */
function fakeWeChat(replies: Record<string, Reply[]>) {
  const seen: Seen[] = [];
  const fetchImpl = (async (input: string | URL | Request, init?: RequestInit) => {
    const url = new URL(String(input));
    const headers = new Headers(init?.headers);
    const entry: Seen = { method: init?.method ?? "GET", path: url.pathname, query: url.searchParams, contentType: headers.get("content-type") };
    if (typeof init?.body === "string") entry.json = JSON.parse(init.body);
    if (init?.body instanceof FormData) entry.form = init.body;
    seen.push(entry);
    const reply = replies[url.pathname]?.shift();
    if (!reply) throw new Error(`unexpected call ${url.pathname}`);
    return new Response(JSON.stringify(reply.body), { headers: { "content-type": reply.contentType ?? "application/json; charset=utf-8" } });
  }) as typeof fetch;
  return { seen, fetchImpl };
}

const TOKEN = { body: { access_token: "ACCESS_TOKEN", expires_in: 7200 } };

let db: Db;
beforeEach(() => {
  db = openDatabase(":memory:");
});
afterEach(() => db.close());

function clientWith(replies: Record<string, Reply[]>): { client: ApiClient; seen: Seen[]; sleeps: number[] } {
  const { seen, fetchImpl } = fakeWeChat({ "/cgi-bin/stable_token": [TOKEN], ...replies });
  const sleeps: number[] = [];
  const client = createApiClient({
    baseUrl: "https://api.weixin.qq.com",
    appId: "APPID",
    appSecret: "APPSECRET",
    db,
    clock: fixedClock("2026-12-01T02:00:00Z"),
    log: captureLog().log,
    fetch: fetchImpl,
    sleep: async (ms) => void sleeps.push(ms),
  });
  return { client, seen, sleeps };
}

/** The one non-token call that was made. */
const apiCall = (seen: Seen[]) => seen.filter((s) => s.path !== "/cgi-bin/stable_token");

describe("stable_token", () => {
  it("posts the documented body and caches the token for the next calls", async () => {
    const { client, seen } = clientWith({ "/cgi-bin/user/get": [{ body: api("api-user-get-response") }, { body: api("api-user-get-response") }] });
    await client.user.get();
    await client.user.get();
    const tokenCalls = seen.filter((s) => s.path === "/cgi-bin/stable_token");
    expect(tokenCalls).toHaveLength(1);
    expect(tokenCalls[0]!.json).toEqual(api("api-stable-token-request"));
    expect(tokenCalls[0]!.method).toBe("POST");
    expect(apiCall(seen).every((s) => s.query.get("access_token") === "ACCESS_TOKEN")).toBe(true);
  });
});

describe("media and material", () => {
  it("uploadimg sends the file in field `media` and parses JSON served as text/plain", async () => {
    const { client, seen } = clientWith({ "/cgi-bin/media/uploadimg": [{ body: api("api-uploadimg-response"), contentType: "text/plain" }] });
    const result = await client.media.uploadImage({ data: Buffer.from([0xff, 0xd8, 0xff, 1]), filename: "job-fair.jpg" });
    expect(result).toEqual({ url: "http://mmbiz.qpic.cn/XXXXX" });
    const file = apiCall(seen)[0]!.form!.get("media") as File;
    expect(file.name).toBe("job-fair.jpg");
    expect(file.type).toBe("image/jpeg");
  });

  it("add_material passes ?type=thumb and returns the permanent media_id", async () => {
    const { client, seen } = clientWith({ "/cgi-bin/material/add_material": [{ body: api("api-add-material-response") }] });
    const result = await client.material.add("thumb", { data: Buffer.from([0xff, 0xd8, 0xff]), filename: "cover.jpg" });
    expect(result).toEqual({ mediaId: "MEDIA_ID", url: "URL" });
    expect(apiCall(seen)[0]!.query.get("type")).toBe("thumb");
  });
});

describe("draft/add", () => {
  it("writes camelCase articles as the documented snake_case body with 0/1 flags", async () => {
    const { client, seen } = clientWith({ "/cgi-bin/draft/add": [{ body: api("api-draft-add-response") }] });
    const result = await client.draft.add([
      {
        title: "TITLE",
        author: "AUTHOR",
        digest: "DIGEST",
        content: "CONTENT",
        contentSourceUrl: "CONTENT_SOURCE_URL",
        thumbMediaId: "THUMB_MEDIA_ID",
        needOpenComment: false,
        onlyFansCanComment: false,
        picCrop2351: "X1_Y1_X2_Y2",
        picCrop11: "X1_Y1_X2_Y2",
      },
    ]);
    expect(apiCall(seen)[0]!.json).toEqual(api("api-draft-add-request"));
    expect(apiCall(seen)[0]!.contentType).toBe("application/json; charset=utf-8");
    expect(result).toEqual({ mediaId: "MEDIA_ID" });
  });
});

describe("freepublish", () => {
  it("submit sends {media_id} and keeps publish_id as a string", async () => {
    const { client, seen } = clientWith({ "/cgi-bin/freepublish/submit": [{ body: api("api-freepublish-submit-response") }] });
    expect(await client.freepublish.submit("MEDIA_ID")).toEqual({ publishId: "100000001" });
    expect(apiCall(seen)[0]!.json).toEqual(api("api-freepublish-submit-request"));
  });

  it("get parses a success with article_id and URLs", async () => {
    const { client, seen } = clientWith({ "/cgi-bin/freepublish/get": [{ body: api("api-freepublish-get-response-success") }] });
    const state = await client.freepublish.get("100000001");
    expect(apiCall(seen)[0]!.json).toEqual(api("api-freepublish-get-request"));
    expect(state).toEqual({
      publishId: "100000001",
      status: 0,
      articleId: "ARTICLE_ID",
      articleUrls: [{ idx: 1, url: "ARTICLE_URL" }],
      failIdx: [],
    });
  });

  it("get parses the observed failure whose publish_id is a JSON number", async () => {
    const { client } = clientWith({ "/cgi-bin/freepublish/get": [{ body: api("api-freepublish-get-response-fail") }] });
    expect(await client.freepublish.get("2247483655")).toEqual({ publishId: "2247483655", status: 3, articleUrls: [], failIdx: [1] });
  });
});

describe("mass send", () => {
  it("sendall to a tag writes the documented body and returns string ids", async () => {
    const { client, seen } = clientWith({ "/cgi-bin/message/mass/sendall": [{ body: api("api-mass-sendall-response") }] });
    const sent = await client.mass.sendAll({ message: { type: "mpnews", mediaId: "123dsdajkasd231jhksad" }, toAll: false, tagId: 2 });
    expect(apiCall(seen)[0]!.json).toEqual(api("api-mass-sendall-request"));
    expect(sent).toEqual({ msgId: "34182", msgDataId: "206227730", alreadySent: false });
  });

  it("sendall carries clientmsgid as in the observed request", async () => {
    const { client, seen } = clientWith({ "/cgi-bin/message/mass/sendall": [{ body: api("api-mass-sendall-response") }] });
    await client.mass.sendAll({
      message: { type: "mpnews", mediaId: "jettbh8s8prjWE4JbS0N7Z_CPzKtDFbAEUc76utH7xk" },
      toAll: false,
      tagId: 106,
      clientMsgId: "app8z97dnqz90401638329165",
    });
    expect(apiCall(seen)[0]!.json).toEqual(api("api-mass-sendall-request-clientmsgid"));
  });

  it("reads 45065 (clientmsgid exist) as already sent, with the existing msg_id", async () => {
    const { client } = clientWith({ "/cgi-bin/message/mass/sendall": [{ body: api("api-mass-sendall-response-45065") }] });
    const sent = await client.mass.sendAll({ message: { type: "mpnews", mediaId: "m" }, clientMsgId: "issue-12" });
    expect(sent).toEqual({ msgId: "3147494552", alreadySent: true });
  });

  it("get sends msg_id as a string and returns the status", async () => {
    const { client, seen } = clientWith({ "/cgi-bin/message/mass/get": [{ body: api("api-mass-get-response") }] });
    expect(await client.mass.get("201053012")).toEqual({ msgId: "201053012", status: "SEND_SUCCESS" });
    expect(apiCall(seen)[0]!.json).toEqual(api("api-mass-get-request"));
  });

  it("keeps 64-bit ids exact (above 2^53)", async () => {
    // JSON.stringify cannot write such a number, so this fake answers hand-written text.
    const text = '{"errcode":0,"errmsg":"send job submission success","msg_id":4363689963896700987,"msg_data_id":2247483661}';
    const client = createApiClient({
      baseUrl: "https://api.weixin.qq.com",
      appId: "APPID",
      appSecret: "APPSECRET",
      db,
      clock: fixedClock("2026-12-01T02:00:00Z"),
      log: captureLog().log,
      fetch: (async (input: string | URL | Request) =>
        new Response(String(input).includes("stable_token") ? JSON.stringify(TOKEN.body) : text)) as typeof fetch,
    });
    expect(await client.mass.sendAll({ message: { type: "text", content: "团员大会通知" } })).toEqual({
      msgId: "4363689963896700987",
      msgDataId: "2247483661",
      alreadySent: false,
    });
  });
});

describe("custom/send", () => {
  it.each([
    ["api-kf-send-text", { type: "text", content: "sfsfdsdf" }],
    ["api-kf-send-news", { type: "news", article: { title: "Happy Day", description: "Is Really A Happy Day", url: "URL", picUrl: "PIC_URL" } }],
    ["api-kf-send-mpnewsarticle", { type: "mpnewsarticle", articleId: "ARTICLE_ID" }],
  ] as const)("writes %s", async (fixture, message) => {
    const { client, seen } = clientWith({ "/cgi-bin/message/custom/send": [{ body: { errcode: 0, errmsg: "ok" } }] });
    await client.custom.send("OPENID", message);
    expect(apiCall(seen)[0]!.json).toEqual(api(fixture));
  });
});

describe("menu", () => {
  const menu = {
    buttons: [
      { type: "click" as const, name: "今日歌曲", key: "V1001_TODAY_MUSIC" },
      { type: "click" as const, name: "歌手简介", key: "V1001_TODAY_SINGER" },
      {
        name: "菜单",
        subButtons: [
          { type: "view" as const, name: "搜索", url: "http://www.soso.com/" },
          { type: "view" as const, name: "视频", url: "http://v.qq.com/" },
          { type: "click" as const, name: "赞一下我们", key: "V1001_GOOD" },
        ],
      },
    ],
  };

  it("create writes the official example body", async () => {
    const { client, seen } = clientWith({ "/cgi-bin/menu/create": [{ body: { errcode: 0, errmsg: "ok" } }] });
    await client.menu.create(menu);
    expect(apiCall(seen)[0]!.json).toEqual(api("api-menu-create-request"));
  });

  it("create surfaces 40018 as WeChatApiError", async () => {
    const { client } = clientWith({ "/cgi-bin/menu/create": [{ body: api("api-menu-create-response-error") }] });
    await expect(client.menu.create(menu)).rejects.toMatchObject({
      endpoint: "/cgi-bin/menu/create",
      errcode: 40018,
      errmsg: "invalid button name size",
    });
  });

  it("get reads the menu back into buttons and groups", async () => {
    const wire = api("api-menu-create-request") as { button: Json[] };
    const body = { menu: { button: wire.button.map((b) => ({ sub_button: [], ...b })) } };
    const { client } = clientWith({ "/cgi-bin/menu/get": [{ body }] });
    expect(await client.menu.get()).toEqual(menu);
  });
});

describe("datacube", () => {
  const range = { beginDate: "2014-12-08", endDate: "2014-12-08" };

  it("posts {begin_date, end_date} and parses getusersummary and getusercumulate", async () => {
    const { client, seen } = clientWith({
      "/datacube/getusersummary": [{ body: api("api-datacube-getusersummary-response") }],
      "/datacube/getusercumulate": [{ body: api("api-datacube-getusercumulate-response") }],
    });
    expect(await client.datacube.getUserSummary(range)).toEqual([{ refDate: "2014-12-07", userSource: 0, newUser: 0, cancelUser: 0 }]);
    expect(await client.datacube.getUserCumulate(range)).toEqual([{ refDate: "2014-12-07", cumulateUser: 1217056 }]);
    expect(apiCall(seen)[0]!.json).toEqual(api("api-datacube-request"));
  });

  it("parses getarticlesummary, splitting msgid into msg_data_id and article index", async () => {
    const { client } = clientWith({ "/datacube/getarticlesummary": [{ body: api("api-datacube-getarticlesummary-response") }] });
    expect(await client.datacube.getArticleSummary(range)).toEqual([
      {
        refDate: "2014-12-08",
        msgId: "10000050_1",
        msgDataId: "10000050",
        articleIdx: 1,
        title: "12月27日 DiLi日报",
        intPageReadUser: 23676,
        intPageReadCount: 25615,
        oriPageReadUser: 29,
        oriPageReadCount: 34,
        shareUser: 122,
        shareCount: 994,
        addToFavUser: 1,
        addToFavCount: 3,
      },
    ]);
  });

  it("parses getarticletotal with its per-day details", async () => {
    const { client } = clientWith({ "/datacube/getarticletotal": [{ body: api("api-datacube-getarticletotal-response") }] });
    const [row] = await client.datacube.getArticleTotal(range);
    expect(row).toMatchObject({ refDate: "2014-12-08", msgId: "23423525", msgDataId: "23423525", title: "test" });
    expect(row!.details).toEqual([
      {
        statDate: "2014-12-14",
        targetUser: 261917,
        intPageReadUser: 23676,
        intPageReadCount: 25615,
        oriPageReadUser: 29,
        oriPageReadCount: 34,
        shareUser: 122,
        shareCount: 994,
        addToFavUser: 1,
        addToFavCount: 3,
      },
    ]);
  });
});

describe("user/get", () => {
  it("GETs with next_openid and returns the page", async () => {
    const { client, seen } = clientWith({ "/cgi-bin/user/get": [{ body: api("api-user-get-response") }] });
    expect(await client.user.get("OPENID0")).toEqual({ total: 2, count: 2, openIds: ["OPENID1", "OPENID2"], nextOpenId: "OPENID2" });
    expect(apiCall(seen)[0]!.method).toBe("GET");
    expect(apiCall(seen)[0]!.query.get("next_openid")).toBe("OPENID0");
  });
});

describe("error vectors", () => {
  it.each([
    ["api-error-48001", "/cgi-bin/freepublish/submit", 48001],
    ["api-error-45015", "/cgi-bin/message/custom/send", 45015],
    ["api-error-40164", "/cgi-bin/freepublish/submit", 40164],
    ["api-error-45166", "/cgi-bin/freepublish/submit", 45166],
  ])("%s becomes WeChatApiError naming endpoint, errcode and errmsg, without retry", async (fixture, path, errcode) => {
    const body = api(fixture);
    const { client, seen } = clientWith({ [path]: [{ body }] });
    const call =
      path === "/cgi-bin/message/custom/send"
        ? client.custom.send("OPENID", { type: "text", content: "您的问题已收到" })
        : client.freepublish.submit("MEDIA_ID");
    const err = await call.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(WeChatApiError);
    expect(err).toMatchObject({ endpoint: path, errcode, errmsg: body.errmsg, body });
    expect((err as Error).message).toContain(`${path} failed: errcode ${errcode}`);
    expect(apiCall(seen)).toHaveLength(1);
  });

  it("retries -1 with backoff on a read, then succeeds", async () => {
    const { client, seen, sleeps } = clientWith({
      "/cgi-bin/user/get": [{ body: api("api-error-minus1") }, { body: api("api-user-get-response") }],
    });
    expect((await client.user.get()).total).toBe(2);
    expect(apiCall(seen)).toHaveLength(2);
    expect(sleeps).toEqual([1000]);
  });

  it("does not retry -1 on sendall without a clientmsgid (it may have gone out)", async () => {
    const { client, seen } = clientWith({ "/cgi-bin/message/mass/sendall": [{ body: api("api-error-minus1") }] });
    await expect(client.mass.sendAll({ message: { type: "mpnews", mediaId: "m" } })).rejects.toMatchObject({ errcode: -1 });
    expect(apiCall(seen)).toHaveLength(1);
  });
});
