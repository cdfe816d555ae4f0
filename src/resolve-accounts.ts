import { randomBytes } from "node:crypto";
import type { Config } from "./config";
import type { AccountSettings } from "./deps";
import type { SettingsStore } from "./db/stores/settings-store";
import type { Clock } from "./time";
import { aesKeyFromEncodingAesKey } from "./wechat/message-crypto";

const ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
function randomAlnum(n: number): string {
  const bytes = randomBytes(n);
  let s = "";
  for (let i = 0; i < n; i++) s += ALNUM[bytes[i]! % ALNUM.length];
  return s;
}

/** The raw secrets behind an account's webhook, for signing test pushes (CLI `send`). */
export interface AccountSecrets {
  token: string;
  appId: string;
  /** AppSecret for the API; in sandbox mode a generated one the simulator checks. */
  appSecret: string;
  encodingAesKey: string | undefined;
  originalId: string;
}

/**
 * The account's webhook secrets. In sandbox mode (no WeChat credentials) they are generated once
 * and kept in the database, so the server, the CLI and the simulator agree across restarts.
 */
export function resolveSecrets(config: Config, settings: SettingsStore, clock: Clock): AccountSecrets {
  const w = config.wechat;
  if (!config.sandbox) {
    return {
      token: w.token!,
      appId: w.appId!,
      appSecret: w.appSecret!,
      encodingAesKey: w.encodingAesKey,
      originalId: w.originalId ?? "gh_000000000000",
    };
  }
  const now = clock.now();
  return {
    token: settings.setIfAbsent("sandbox.token", randomAlnum(32), now),
    appId: settings.setIfAbsent("sandbox.app_id", "wx" + randomBytes(8).toString("hex"), now),
    appSecret: settings.setIfAbsent("sandbox.app_secret", randomBytes(16).toString("hex"), now),
    encodingAesKey: w.encodingAesKey ?? settings.setIfAbsent("sandbox.encoding_aes_key", randomAlnum(43), now),
    originalId: w.originalId ?? settings.setIfAbsent("sandbox.original_id", "gh_" + randomBytes(6).toString("hex"), now),
  };
}

/** Webhook settings per account id; a single-account install serves `default`. */
export function resolveAccounts(config: Config, secrets: AccountSecrets): Map<string, AccountSettings> {
  const w = config.wechat;
  const aesKeys = [secrets.encodingAesKey, w.previousEncodingAesKey]
    .filter((k): k is string => k !== undefined)
    .map(aesKeyFromEncodingAesKey);
  const account: AccountSettings = {
    accountId: "default",
    originalId: secrets.originalId,
    token: secrets.token,
    encryptMode: w.encryptMode,
    appId: secrets.appId,
    aesKeys,
    replayWindowSeconds: w.replayWindowSeconds,
  };
  return new Map([["default", account]]);
}
