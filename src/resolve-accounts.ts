import { COUNTY_ACCOUNT_ID } from "./matrix/declared-account";
import { randomBytes } from "node:crypto";
import type { Config } from "./config";
import type { AccountSecrets, AccountSettings } from "./deps";
import type { SettingsStore } from "./db/stores/settings-store";
import type { Clock } from "./time";
import { aesKeyFromEncodingAesKey } from "./wechat/message-crypto";
import type { ConfiguredAccount } from "./matrix/configure-accounts";

const ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
function randomAlnum(n: number): string {
  const bytes = randomBytes(n);
  let s = "";
  for (let i = 0; i < n; i++) s += ALNUM[bytes[i]! % ALNUM.length];
  return s;
}


/**
 * An account's webhook and API secrets. The county account (`default`) reads WECHAT_*; a
 * township's come from the variables its accounts.yml entry names (matrix/configure-accounts.ts).
 * In sandbox mode (no WeChat credentials) they are generated once and kept in the database, so
 * the server, the CLI and the simulator agree across restarts: `sandbox.*` for the county,
 * `sandbox.<id>.*` for a township.
 */
export function resolveSecrets(config: Config, settings: SettingsStore, clock: Clock, account: ConfiguredAccount): AccountSecrets {
  const w = config.wechat;
  const county = account.id === COUNTY_ACCOUNT_ID;
  if (!config.sandbox) {
    if (county) {
      return { token: w.token!, appId: w.appId!, appSecret: w.appSecret!, encodingAesKey: w.encodingAesKey, originalId: w.originalId ?? "gh_000000000000" };
    }
    const c = account.credentials!;
    return { token: c.token, appId: c.appId, appSecret: c.appSecret, encodingAesKey: c.encodingAesKey, originalId: account.originalId ?? "gh_000000000000" };
  }
  const now = clock.now();
  const key = (name: string) => (county ? `sandbox.${name}` : `sandbox.${account.id}.${name}`);
  return {
    token: settings.setIfAbsent(key("token"), randomAlnum(32), now),
    appId: settings.setIfAbsent(key("app_id"), "wx" + randomBytes(8).toString("hex"), now),
    appSecret: settings.setIfAbsent(key("app_secret"), randomBytes(16).toString("hex"), now),
    encodingAesKey: (county ? w.encodingAesKey : undefined) ?? settings.setIfAbsent(key("encoding_aes_key"), randomAlnum(43), now),
    originalId: (county ? w.originalId : account.originalId) ?? settings.setIfAbsent(key("original_id"), "gh_" + randomBytes(6).toString("hex"), now),
  };
}

/** What the webhook needs to verify and answer one account's pushes. */
export function webhookSettingsOf(config: Config, accountId: string, secrets: AccountSecrets): AccountSettings {
  const w = config.wechat;
  // WeChat's FAQ: after the key is changed in the console, try the previous one second (county only: .env names it).
  const previous = accountId === COUNTY_ACCOUNT_ID ? w.previousEncodingAesKey : undefined;
  const aesKeys = [secrets.encodingAesKey, previous].filter((k): k is string => k !== undefined).map(aesKeyFromEncodingAesKey);
  return {
    accountId,
    originalId: secrets.originalId,
    token: secrets.token,
    encryptMode: w.encryptMode,
    appId: secrets.appId,
    aesKeys,
    replayWindowSeconds: w.replayWindowSeconds,
  };
}
