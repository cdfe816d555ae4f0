// The content folder of the matrix benchmarks (issue 14, "Scale and speed"): a copy of
// test/fixtures/content (the frozen fixture, never the editors' live folder) whose accounts.yml
// declares the county account and 11 township accounts t01…t11, each with an `env:` block of its
// own variable names, and whose content/accounts/<id>/ folders are copies of the 轮南镇 fixture.
// With `townships: 0` there is no accounts.yml at all: today's single account `default`.
import { cpSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve, dirname } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
export const FIXTURE_CONTENT = join(root, "test/fixtures/content");

/** Luntai county's townships, for the 附件3 rows (one account each). */
export const TOWNSHIPS = ["轮台镇", "轮南镇", "阳霞镇", "哈尔巴克乡", "野云沟乡", "阿格拉克乡", "铁热克巴扎乡", "策大雅乡", "塔尔拉克乡", "草湖乡", "群巴克镇"];

export const townshipIds = (n) => Array.from({ length: n }, (_, i) => `t${String(i + 1).padStart(2, "0")}`);

/**
 * What each account answers to its keyword, so that every push does the same work (keyword match,
 * the column's reply) whichever account it goes to: the county's 诚聘 → 【轮青诚聘】, a
 * township's 轮南招聘 → its 【轮南就业】 column (accounts/lunnan/columns.yml).
 */
export const KEYWORD = {
  county: { content: "诚聘", expect: "轮青诚聘" },
  township: { content: "轮南招聘", expect: "轮南就业" },
};

/**
 * Writes the folder and returns its path. Townships are `verified: true`, so that the stats job
 * fetches every datacube source for each of them (an unverified account stops at the first 48001:
 * the cheap case).
 */
export function makeMatrixContent({ townships = 11, dir = mkdtempSync(join(tmpdir(), "bench-matrix-content-")) } = {}) {
  cpSync(FIXTURE_CONTENT, dir, { recursive: true });
  rmSync(join(dir, "accounts"), { recursive: true, force: true });
  rmSync(join(dir, "accounts.yml"), { force: true });
  if (townships === 0) return dir;
  const ids = townshipIds(townships);
  const entries = ids.map((id, i) => {
    const v = `WECHAT_${id.toUpperCase()}`;
    cpSync(join(FIXTURE_CONTENT, "accounts/lunnan"), join(dir, "accounts", id), { recursive: true });
    return `
  - id: ${id}
    name: 青春${TOWNSHIPS[i % TOWNSHIPS.length]}${i >= TOWNSHIPS.length ? i : ""}
    township: ${TOWNSHIPS[i % TOWNSHIPS.length]}${i >= TOWNSHIPS.length ? i : ""}
    type: 订阅号
    verified: true
    admin: { name: 管理员${i + 1}, phone: "139 0996 ${String(i + 1).padStart(4, "0")}" }
    env: { app_id: ${v}_APP_ID, app_secret: ${v}_APP_SECRET, token: ${v}_TOKEN, aes_key: ${v}_AES_KEY }
`;
  });
  writeFileSync(
    join(dir, "accounts.yml"),
    `# The matrix benchmark's accounts (test/bench/matrix-content.mjs): the county and ${townships} townships.
committee: 共青团轮台县委员会

accounts:
  - id: default
    name: 青春轮台
    township: 团县委
    level: county
    type: 订阅号
    verified: true
    admin: { name: 王芳, phone: "0996-4621234" }
    env: { app_id: WECHAT_APP_ID, app_secret: WECHAT_APP_SECRET, token: WECHAT_TOKEN, aes_key: WECHAT_ENCODING_AES_KEY }
${entries.join("")}`,
  );
  return dir;
}

/** The environment of sandbox mode: no WeChat credential at all (config.ts), whatever the caller's shell has. */
export function sandboxEnv(base = process.env) {
  const env = { ...base };
  for (const k of Object.keys(env)) if (/^WECHAT_/.test(k)) delete env[k];
  return env;
}
