// Renders 500 realistic posts with the publisher's own pipeline, against the built dist/ (npm run
// bench builds first): read and validate the files (loadPosts), find and check their images,
// render Markdown → inline-styled WeChat HTML (markdown-it + juice), preflight against draft/add's
// limits. Image upload is a local fake uploader: it hashes the file (as the content-hash cache does)
// and answers an mmbiz-like URL; no network, no sharp conversion (that happens once per picture,
// then the cache answers). Prints one JSON line: {"posts":500,"ms":…,"peakRssMB":…}.
// Targets: < 2500 ms and < 200 MB. Env: BENCH_POSTS (default 500).
import { createRequire } from "node:module";
import { createHash } from "node:crypto";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve, dirname } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const require = createRequire(import.meta.url);
const dist = (m) => require(join(root, "dist", m));
const { loadContent } = dist("bot/load-content.js");
const { loadPosts } = dist("posts/load-posts.js");
const { findImages } = dist("posts/find-images.js");
const { parseBody, renderPost } = dist("posts/render-post.js");
const { preflightArticle } = dist("posts/preflight.js");

const COUNT = Number(process.env.BENCH_POSTS ?? 500);
const COLUMNS = ["news", "careers", "inspiration", "students"];
const IMAGES = ["job-fair.jpg", "jujube-orchard.webp", "volunteers.png", "internship.jpg"];

// A deterministic generator, so every run renders the same posts.
let seed = 20261201;
const rnd = (n) => {
  seed = (seed * 1103515245 + 12345) & 0x7fffffff;
  return seed % n;
};
const pick = (xs) => xs[rnd(xs.length)];

const SENTENCES = [
  "为帮助高校毕业生、返乡青年在家门口就业，团县委联合县人社局举办专场招聘会。",
  "本次活动共有46家企业参加，提供岗位320余个，涵盖石油化工、农产品加工、电子商务等行业。",
  "现场设置政策咨询台，工作人员为青年解读创业担保贷款、一次性创业补贴等扶持政策。",
  "志愿者们分成四个小分队，走进轮台镇和哈尔巴克乡，为独居老人清扫院落积雪。",
  "买买提·艾山回乡七年，带领合作社126户社员通过电商把红枣卖到了全国各地。",
  "寒假期间，县直单位、各乡镇和重点企业共提供实习岗位85个，每人每月发放实习补贴1500元。",
  "请携带身份证、毕业证书和简历复印件若干份，提前十分钟到场签到。",
  "团县委将把这项活动作为常态化项目，持续为全县青年办实事、解难题。",
  "Young volunteers from Luntai county joined the winter programme for the third year.",
  "活动结束后，大家纷纷表示，要把青春汗水洒在最需要的地方。",
];
const HEADINGS = ["一、活动背景", "二、时间地点", "三、岗位信息", "四、报名方式", "五、温馨提示", "榜样故事", "下一步安排"];
const LINKS = [
  ["县人社局通知", "https://www.xjlt.gov.cn/rsj/2026/1201.html"],
  ["志愿汇", "https://www.zyh365.com/"],
  ["中国共青团网", "https://www.gqt.org.cn/"],
  ["往期回顾", "https://mp.weixin.qq.com/s/AbCdEfGh123"],
];

function paragraph() {
  let p = "";
  for (let i = 0, n = 2 + rnd(4); i < n; i++) p += pick(SENTENCES);
  if (rnd(3) === 0) {
    const [text, url] = pick(LINKS);
    p += `详情见[${text}](${url})。`;
  }
  if (rnd(4) === 0) p = p.replace("46家企业", "**46家企业**");
  return p;
}

function block(i) {
  switch (rnd(8)) {
    case 0:
      return `## ${pick(HEADINGS)}`;
    case 1:
      return Array.from({ length: 2 + rnd(4) }, (_, k) => `${rnd(2) ? `${k + 1}.` : "-"} ${pick(SENTENCES)}`).join("\n");
    case 2:
      return `| 单位 | 岗位 | 人数 | 月薪（元） |\n|:---|:---|---:|---:|\n${Array.from({ length: 3 + rnd(5), }, () => `| 轮台县${pick(["红枣加工厂", "电商服务中心", "第二中学", "油田技术公司"])} | ${pick(["质检员", "直播运营", "教师", "操作工"])} | ${1 + rnd(20)} | ${3000 + rnd(40) * 100} |`).join("\n")}`;
    case 3:
      return `> ${pick(SENTENCES)}\n> ——${pick(["团县委书记", "返乡青年", "志愿者代表"])}`;
    case 4:
      return "```\n寒假实习报名\n姓名：\n学校及专业：\n  意向岗位（可填两个）：\n联系电话：\n```";
    case 5:
      return `![${pick(["活动现场", "志愿者合影", "红枣园", "招聘会现场"])}](images/${pick(IMAGES)}${rnd(2) ? ' "资料图"' : ""})`;
    default:
      return paragraph() + (i % 7 === 0 ? "\n" + paragraph() : "");
  }
}

function postFile(n) {
  const day = 1 + (n % 28);
  const column = pick(COLUMNS);
  const blocks = Array.from({ length: 10 + rnd(24) }, (_, i) => block(i));
  const front = [
    "---",
    `title: ${pick(["青年就业招聘会", "冬日暖阳志愿服务", "返乡创业故事", "寒假实习报名", "团县委工作动态"])}第${n}篇`,
    `column: ${column}`,
    `publish_at: 2026-12-${String(day).padStart(2, "0")} ${String(8 + rnd(12)).padStart(2, "0")}:${pick(["00", "30"])}`,
    "author: 团县委",
    rnd(2) ? `digest: ${pick(SENTENCES)}` : null,
    `cover: images/${pick(IMAGES)}`,
    `mode: ${rnd(3) ? "mass" : "publish"}`,
    "---",
    "",
  ].filter((l) => l !== null);
  return { name: `2026-12-${String(day).padStart(2, "0")}-bench-post-${n}.md`, text: front.join("\n") + blocks.join("\n\n") + "\n" };
}

// A scratch content folder with the test fixture's columns and pictures (never the editors' live folder).
const FIXTURE = join(root, "test", "fixtures", "content");
const dir = mkdtempSync(join(tmpdir(), "render-bench-"));
for (const f of ["columns.yml", "replies.yml", "menu.yml", "checks.yml"]) cpSync(join(FIXTURE, f), join(dir, f));
mkdirSync(join(dir, "posts"), { recursive: true });
cpSync(join(FIXTURE, "posts", "images"), join(dir, "posts", "images"), { recursive: true });
for (let n = 1; n <= COUNT; n++) {
  const { name, text } = postFile(n);
  writeFileSync(join(dir, "posts", name), text);
}

const { content } = loadContent(dir);
if (!content) throw new Error("bench: the fixture's columns do not load");
const uploaded = new Map();
const fakeUpload = (path) => {
  const hash = createHash("sha256").update(readFileSync(path)).digest("hex");
  if (!uploaded.has(hash)) uploaded.set(hash, `http://mmbiz.qpic.cn/sz_mmbiz_jpg/${hash.slice(0, 48)}/0?wx_fmt=jpeg`);
  return uploaded.get(hash);
};

const started = process.hrtime.bigint();
const { posts, errors } = loadPosts(dir, { timezone: "Asia/Shanghai", columns: content.columnsById });
let chars = 0;
let problems = errors.length;
for (const [i, post] of posts.entries()) {
  const column = content.columnsById.get(post.columnId);
  const tokens = parseBody(post);
  const images = findImages(post, column, dir, tokens);
  const urls = new Map(images.body.map((img) => [img.ref, img.path ? fakeUpload(img.path) : img.ref]));
  if (images.cover?.path) fakeUpload(images.cover.path);
  const article = renderPost(post, { column, issue: i + 1, imageUrl: (ref) => urls.get(ref) ?? ref }, tokens);
  problems += images.problems.length + preflightArticle(post, column, article).length;
  chars += article.html.length;
}
const ms = Number(process.hrtime.bigint() - started) / 1e6;
rmSync(dir, { recursive: true, force: true });

const peakRssMB = Math.round((process.resourceUsage().maxRSS / 1024) * 10) / 10;
if (posts.length !== COUNT || problems > 0) {
  process.stderr.write(`render-bench: ${posts.length}/${COUNT} posts loaded, ${problems} problem(s)\n`);
  process.exitCode = 1;
}
process.stdout.write(JSON.stringify({ posts: posts.length, ms: Math.round(ms), peakRssMB, avgChars: Math.round(chars / Math.max(posts.length, 1)) }) + "\n");
