/**
 * Which accounts of content/accounts.yml this instance serves, with their secrets (issue 14).
 *
 * Read once at boot by loadConfig, so that config validation lists every problem of every
 * account at once: accounts.yml's own (file, line, field) and each missing or malformed secret,
 * named by its environment variable. The county account `default` keeps reading WECHAT_* as
 * before; a township account reads the variables its `env:` names. In sandbox mode (no WeChat
 * credentials at all) every served account runs against the simulator with generated secrets.
 */
import { COUNTY_ACCOUNT_ID } from "./declared-account";
import type { ContentError } from "../errors";
import { loadAccounts } from "./load-accounts";
import type { AccountsDeclaration, DeclaredAccount, SingleAccountSettings } from "./declared-account";

/** A township account's WeChat secrets, from the variables its declaration names. */
export interface AccountCredentials {
  appId: string;
  appSecret: string;
  token: string;
  encodingAesKey: string | undefined;
}

export interface ConfiguredAccount extends DeclaredAccount {
  /** Served here: a webhook at /wechat/<id>, publishing and figures (declared with `env`, not paused). */
  served: boolean;
  /**
   * Declared with `env` but none of its variables set (a township not yet set up): not served,
   * and this says why on the 矩阵 page and at start, instead of stopping the whole instance.
   */
  unconfigured?: string;
  /**
   * Township accounts outside sandbox mode: the secrets read from `env`. Undefined for the county
   * account (config.wechat holds its secrets, as before) and in sandbox mode (generated).
   */
  credentials?: AccountCredentials;
}

export interface AccountsConfig {
  committee: string;
  source: AccountsDeclaration["source"];
  accounts: readonly ConfiguredAccount[];
}

const APP_ID_RE = /^wx[0-9a-f]{16}$/i;
const TOKEN_RE = /^[A-Za-z0-9]{3,32}$/;
const AES_KEY_RE = /^[A-Za-z0-9]{43}$/;

/** The county account's variables: it must keep them (its secrets are config.wechat's). */
const COUNTY_ENV = { appId: "WECHAT_APP_ID", appSecret: "WECHAT_APP_SECRET", token: "WECHAT_TOKEN", aesKey: "WECHAT_ENCODING_AES_KEY" };

const where = (e: ContentError) => `${e.file}${e.line === undefined ? "" : ` 第 ${e.line} 行`}${e.field === undefined ? "" : `「${e.field}」`}：${e.problem}`;

/**
 * The accounts this instance builds, the county's first: every served township, and the county's
 * always (its pages, reports and CLI stand even while it is paused; its webhook then answers 503).
 */
export function builtAccounts(matrix: AccountsConfig): ConfiguredAccount[] {
  const county = matrix.accounts.filter((a) => a.id === COUNTY_ACCOUNT_ID);
  return [...county, ...matrix.accounts.filter((a) => a.id !== COUNTY_ACCOUNT_ID && a.served)];
}

/** A township's secrets from the environment, or every problem with them. */
function readCredentials(a: DeclaredAccount, env: Readonly<Record<string, string | undefined>>, problems: string[]): AccountCredentials | undefined {
  const names = a.env!;
  const raw = (key: string) => {
    const v = env[key];
    return v === undefined || v.trim() === "" ? undefined : v.trim();
  };
  const who = `账号 ${a.id}（${a.name}）`;
  const fix = "在 .env 里填上，或在 content/accounts.yml 里给它写 paused: true 暂停，或删掉它的 env（只填附件，不由本系统收发）";
  const missing = [names.appId, names.appSecret, names.token].filter((n) => raw(n) === undefined);
  if (missing.length === 3) return undefined;
  if (missing.length > 0) {
    problems.push(`${who}：环境变量 ${missing.join("、")} 没有设置；${fix}`);
    return undefined;
  }
  const appId = raw(names.appId)!;
  const token = raw(names.token)!;
  const aesKey = raw(names.aesKey);
  const before = problems.length;
  if (!APP_ID_RE.test(appId)) problems.push(`${who}：${names.appId} 应为 wx 加 16 位十六进制字符（开发者ID(AppID)），现在是「${appId}」`);
  if (!TOKEN_RE.test(token)) problems.push(`${who}：${names.token} 应为 3–32 个字母或数字，和该公众号“服务器配置 → 令牌(Token)”里填的一样`);
  if (aesKey !== undefined && !AES_KEY_RE.test(aesKey)) problems.push(`${who}：${names.aesKey} 应为 43 个字母和数字（消息加解密密钥），现在是 ${aesKey.length} 个字符`);
  return problems.length > before ? undefined : { appId, appSecret: raw(names.appSecret)!, token, encodingAesKey: aesKey };
}

/**
 * content/accounts.yml (or today's single account without it) with each account's secrets.
 * @param problems every problem is appended here, in the words of the person editing the files
 */
export function configureAccounts(
  contentDir: string,
  env: Readonly<Record<string, string | undefined>>,
  sandbox: boolean,
  single: SingleAccountSettings,
  problems: string[],
): AccountsConfig | undefined {
  const { declaration, errors } = loadAccounts(contentDir, single);
  for (const e of errors) problems.push(where(e));
  if (!declaration) return undefined;
  const accounts = declaration.accounts.map((a): ConfiguredAccount => {
    if (a.id === COUNTY_ACCOUNT_ID) {
      const custom = a.env && (Object.keys(COUNTY_ENV) as (keyof typeof COUNTY_ENV)[]).find((k) => a.env![k] !== COUNTY_ENV[k]);
      if (custom) problems.push(`content/accounts.yml：团县委账号（default）的密钥固定放在 ${Object.values(COUNTY_ENV).join("、")} 里，env 下请照写这几个名字`);
      return { ...a, served: !a.paused };
    }
    if (!a.env || a.paused) return { ...a, served: false };
    if (sandbox) return { ...a, served: true };
    const before = problems.length;
    const credentials = readCredentials(a, env, problems);
    if (credentials) return { ...a, served: true, credentials };
    if (problems.length > before) return { ...a, served: false };
    const names = a.env;
    return { ...a, served: false, unconfigured: `还没有设置密钥（环境变量 ${names.appId}、${names.appSecret}、${names.token}），本账号暂不收发；在 .env 里填上后重启服务` };
  });
  return { committee: declaration.committee, source: declaration.source, accounts };
}
