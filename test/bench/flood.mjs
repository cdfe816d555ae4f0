// Flood load generator for `npm run bench` (part "flood"): sends --pushes signed plain-mode text
// pushes, each from a new follower (fresh openid) with a new MsgId and nonce, built on the fly (no
// pre-built pool: 1,000,000 requests would not fit cheaply), over --connections raw keep-alive TCP
// sockets, one request in flight per socket, exactly as ../shared/bench/README.md "What a request
// looks like" describes. Samples the server's VmRSS (/proc/PID/status) every second and at fixed
// push counts. Stops early, cleanly, when the server process dies or stops answering.
//
//   node flood.mjs --port P --token T --gh gh_x --server-pid PID [--pushes 1000000] [--connections 50]
//   node flood.mjs --port P --targets FILE --seconds 13 --server-pid PID   (the matrix benchmark)
//
// --targets FILE: a JSON array of {path, token, gh, content, expect}, one per account; push i goes to
// target i mod n (round-robin over the accounts' webhook URLs), and a 200 reply that lacks its
// target's `expect` text or is not from its gh counts as a wrong reply. --seconds S: stop handing
// out pushes after S seconds (--pushes is then only the upper bound).
//
// stdout: one JSON line per second {"type":"sample",...}, one per checkpoint {"type":"checkpoint",...}
// and a final {"type":"summary",...}.
import net from "node:net";
import { createHash, randomBytes, randomInt } from "node:crypto";
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { performance } from "node:perf_hooks";

const { values: o } = parseArgs({
  options: {
    host: { type: "string", default: "127.0.0.1" },
    port: { type: "string" },
    path: { type: "string", default: "/wechat" },
    token: { type: "string" },
    gh: { type: "string", default: "gh_4d00ed8d6399" },
    content: { type: "string", default: "诚聘" },
    pushes: { type: "string", default: "1000000" },
    connections: { type: "string", default: "50" },
    "server-pid": { type: "string" },
    checkpoints: { type: "string", default: "10000,50000,100000,250000,500000,750000" },
    "stall-seconds": { type: "string", default: "30" },
    targets: { type: "string" },
    seconds: { type: "string" },
  },
});
if (!o.port || (!o.token && !o.targets)) {
  process.stderr.write("flood: --port and --token (or --targets) are required\n");
  process.exit(2);
}
const PUSHES = Number(o.pushes);
/** Pushes handed out at most: PUSHES, or fewer once --seconds is up. */
let limit = PUSHES;
const targets = o.targets
  ? JSON.parse(readFileSync(o.targets, "utf8"))
  : [{ path: o.path, token: o.token, gh: o.gh, content: o.content }];
const CONNS = Math.max(1, Math.min(Number(o.connections), PUSHES));
const PID = o["server-pid"] ? Number(o["server-pid"]) : null;
const STALL_MS = Number(o["stall-seconds"]) * 1000;
const checkpoints = [...new Set([...o.checkpoints.split(",").map(Number).filter((n) => n > 0 && n < PUSHES), PUSHES])].sort((a, b) => a - b);

// ---------- request generation ----------
const B64URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
// openid: 'o' + 27 base64url chars = a per-run random 13-char prefix + the push number in 14
// base64url digits. Distinct for every push, and distinct from other runs' followers.
const runPrefix = "o" + Array.from(randomBytes(12), (b) => B64URL[b & 63]).join("");
function openidOf(i) {
  let s = "";
  for (let k = 0; k < 14; k++) { s = B64URL[i & 63] + s; i = Math.floor(i / 64); }
  return runPrefix + s;
}
// MsgId: ~20 digits like real ones, unique within the run (and, by the random base, across runs).
const msgBase = BigInt(randomInt(2 ** 30, 2 ** 40)) * 10000000n + 24000000000000000000n;
// nonce: a decimal string, unique within the run.
const nonceBase = randomInt(1000000000, 1100000000);
const hostHeader = `${o.host}:${o.port}`;
let tsCache = 0, tsStr = "";
function nowTs() {
  const t = Math.floor(Date.now() / 1000);
  if (t !== tsCache) { tsCache = t; tsStr = String(t); }
  return tsStr;
}
function buildRequest(i) {
  const ts = nowTs();
  const nonce = String(nonceBase + i);
  const openid = openidOf(i);
  const t = targets[i % targets.length];
  const sig = createHash("sha1").update([t.token, ts, nonce].sort().join("")).digest("hex");
  const body =
    "<xml><ToUserName><![CDATA[" + t.gh + "]]></ToUserName><FromUserName><![CDATA[" + openid +
    "]]></FromUserName><CreateTime>" + ts + "</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[" +
    t.content + "]]></Content><MsgId>" + String(msgBase + BigInt(i)) + "</MsgId></xml>";
  const head =
    `POST ${t.path}?signature=${sig}&timestamp=${ts}&nonce=${nonce}&openid=${openid} HTTP/1.1\r\n` +
    `Host: ${hostHeader}\r\nUser-Agent: Mozilla/4.0\r\nAccept: */*\r\nContent-Type: text/xml\r\nPragma: no-cache\r\n` +
    `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: keep-alive\r\n\r\n`;
  return head + body;
}

// ---------- state ----------
let next = 0; // pushes handed to a socket
let done = 0; // pushes finished (answered or failed)
let ok200 = 0, replies = 0, acks = 0, wrong = 0;
const statusCodes = {};
const errors = {};
let lastProgress = performance.now();
const lat = new Float64Array(PUSHES);
let latN = 0;
const t0 = performance.now();
let stopping = false, stopReason = null;
const bump = (m, k) => { m[k] = (m[k] || 0) + 1; };

// ---------- /proc sampling ----------
function serverStatus() {
  if (!PID) return null;
  try {
    const s = readFileSync(`/proc/${PID}/status`, "utf8");
    const state = /^State:\s+(\S)/m.exec(s)?.[1];
    const kb = (k) => { const m = new RegExp("^" + k + ":\\s+(\\d+) kB", "m").exec(s); return m ? Number(m[1]) : null; };
    return { alive: state !== "Z" && state !== "X", rssMB: kb("VmRSS") != null ? Math.round(kb("VmRSS") / 102.4) / 10 : null, hwmMB: kb("VmHWM") != null ? Math.round(kb("VmHWM") / 102.4) / 10 : null };
  } catch {
    return { alive: false, rssMB: null, hwmMB: null };
  }
}
const emit = (x) => process.stdout.write(JSON.stringify(x) + "\n");
const elapsed = () => Math.round(performance.now() - t0) / 1000;
let cpIdx = 0;
function checkCheckpoints() {
  while (cpIdx < checkpoints.length && done >= checkpoints[cpIdx]) {
    const s = serverStatus();
    emit({ type: "checkpoint", pushes: checkpoints[cpIdx], done, t: elapsed(), rssMB: s?.rssMB ?? null, alive: s?.alive ?? null });
    cpIdx++;
  }
}

// ---------- connections ----------
class Conn {
  constructor() { this.buf = null; this.inflight = -1; this.sentAt = 0; this.open(); }
  open() {
    this.buf = null;
    this.sock = net.connect({ host: o.host, port: Number(o.port) });
    this.sock.setNoDelay(true);
    this.sock.on("connect", () => this.send());
    this.sock.on("data", (d) => this.onData(d));
    this.sock.on("error", (e) => { this.err = e.code || e.message; });
    this.sock.on("close", () => this.onClose());
  }
  send() {
    if (stopping || next >= limit) { this.sock.end(); return; }
    this.inflight = next++;
    this.sentAt = performance.now();
    this.sock.write(buildRequest(this.inflight));
  }
  onClose() {
    if (this.inflight >= 0) { bump(errors, this.err || "closed"); this.finish(); }
    this.err = null;
    if (stopping || next >= limit) { this.closed = true; maybeEnd(); return; }
    setTimeout(() => { if (!stopping) this.open(); else { this.closed = true; maybeEnd(); } }, 50);
  }
  finish() {
    this.inflight = -1;
    done++;
    lastProgress = performance.now();
    checkCheckpoints();
  }
  onData(d) {
    this.buf = this.buf ? Buffer.concat([this.buf, d]) : d;
    for (;;) {
      const r = parseResponse(this.buf);
      if (!r) return;
      this.buf = r.rest.length ? r.rest : null;
      if (this.inflight < 0) continue; // unsolicited
      lat[latN++] = performance.now() - this.sentAt;
      bump(statusCodes, r.status);
      if (r.status === 200) {
        ok200++;
        const b = r.body.toString("utf8");
        if (b.includes("<MsgType>") || b.includes("<Encrypt>")) {
          replies++;
          // Answered by the account it was sent to: its gh id and its column's reply.
          const t = targets[this.inflight % targets.length];
          if ((t.expect && !b.includes(t.expect)) || !b.includes(t.gh)) wrong++;
        } else acks++;
      }
      this.finish();
      if (r.close) { this.sock.end(); return; } // reconnect on close
      this.send();
      if (!this.buf) return;
    }
  }
}

/** Parses one HTTP/1.1 response from buf; null when incomplete. Handles Content-Length and chunked. */
function parseResponse(buf) {
  const he = buf.indexOf("\r\n\r\n");
  if (he < 0) return null;
  const head = buf.toString("latin1", 0, he);
  const status = Number(head.slice(9, 12));
  const lower = head.toLowerCase();
  const close = /\r\nconnection:\s*close/.test(lower);
  const cl = /\r\ncontent-length:\s*(\d+)/.exec(lower);
  let p = he + 4;
  if (cl) {
    const n = Number(cl[1]);
    if (buf.length < p + n) return null;
    return { status, close, body: buf.subarray(p, p + n), rest: buf.subarray(p + n) };
  }
  if (/\r\ntransfer-encoding:\s*chunked/.test(lower)) {
    const parts = [];
    for (;;) {
      const le = buf.indexOf("\r\n", p);
      if (le < 0) return null;
      const size = parseInt(buf.toString("latin1", p, le), 16);
      p = le + 2;
      if (size === 0) {
        const te = buf.indexOf("\r\n", p); // no trailers expected
        if (te < 0) return null;
        return { status, close, body: Buffer.concat(parts), rest: buf.subarray(te + 2) };
      }
      if (buf.length < p + size + 2) return null;
      parts.push(buf.subarray(p, p + size));
      p += size + 2;
    }
  }
  return { status, close, body: Buffer.alloc(0), rest: buf.subarray(p) }; // 204/304 or no body
}

// ---------- run ----------
const samples = [];
let ended = false;
function maybeEnd() {
  if (ended) return;
  if (!(stopping || next >= limit)) return;
  if (conns.some((c) => !c.closed && c.inflight >= 0)) return;
  if (!stopping && done < limit) return;
  end();
}
function stop(reason) {
  if (stopping) return;
  stopping = true;
  stopReason = reason;
  for (const c of conns) c.sock.destroy();
  setTimeout(end, 200); // let close handlers run
}
function end() {
  if (ended) return;
  ended = true;
  clearInterval(timer);
  const final = serverStatus();
  checkCheckpoints();
  const sorted = lat.subarray(0, latN).sort();
  const q = (p) => (latN ? Math.round(sorted[Math.min(latN - 1, Math.floor(p * latN))] * 1000) / 1000 : null);
  const secs = elapsed();
  emit({
    type: "summary",
    pushesRequested: PUSHES, pushesSent: next, pushesDone: done, answered: latN, ok200, replies, acks,
    non200: latN - ok200, wrongReplies: wrong, targets: targets.length, statusCodes, errors, connections: CONNS, seconds: secs,
    rate: Math.round((done / secs) * 10) / 10,
    latencyMs: { p50: q(0.5), p99: q(0.99), max: q(1) },
    clientCpuPctOfOneCore: Math.round(((process.cpuUsage().user + process.cpuUsage().system) / 1e6 / secs) * 1000) / 10,
    stopReason: stopReason ?? (done >= limit ? "complete" : "unknown"),
    serverAliveAtEnd: final ? final.alive : null, rssEndMB: final?.rssMB ?? null, hwmEndMB: final?.hwmMB ?? null,
  });
  process.exit(0);
}
const timer = setInterval(() => {
  const s = serverStatus();
  const x = { type: "sample", t: elapsed(), done, rssMB: s?.rssMB ?? null, alive: s?.alive ?? null };
  samples.push(x);
  emit(x);
  if (s && !s.alive) stop("server process died");
  else if (performance.now() - lastProgress > STALL_MS) stop(`no answer for ${STALL_MS / 1000} s`);
}, 1000);
const conns = Array.from({ length: CONNS }, () => new Conn());
if (o.seconds) setTimeout(() => { limit = Math.min(limit, next); maybeEnd(); }, Number(o.seconds) * 1000);
process.on("SIGTERM", () => stop("SIGTERM"));
