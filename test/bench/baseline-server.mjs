// The bare Koa baseline of `npm run bench`: reads the raw body, answers a fixed text reply.
// Whatever our webhook does beyond this (verify, decrypt, parse, dedup, route, log, encrypt)
// is the overhead the ratio measures.
import { createRequire } from "node:module";
const require = createRequire(import.meta.url);
const Koa = require("koa");

const REPLY =
  "<xml><ToUserName><![CDATA[u]]></ToUserName><FromUserName><![CDATA[gh]]></FromUserName>" +
  "<CreateTime>1700000000</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[ok]]></Content></xml>";

const app = new Koa();
app.use(async (ctx) => {
  const chunks = [];
  for await (const c of ctx.req) chunks.push(c);
  Buffer.concat(chunks).toString("utf8");
  ctx.type = "application/xml";
  ctx.body = REPLY;
});
const server = app.listen(Number(process.env.PORT), "127.0.0.1", () => process.stdout.write("listening\n"));
process.on("SIGTERM", () => server.close(() => process.exit(0)));
