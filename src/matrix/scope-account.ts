/**
 * The config as one township account sees it (issue 14). Every part of the service that reads
 * config.contentDir, config.wechat.accountType / verified or config.dashboard.accountName (the
 * publisher, the 稿件 and 发布 pages, 青年之声, the CLI) then works for that account unchanged:
 * its own content folder, quotas and name. The county account keeps the instance's config as it
 * always was (WECHAT_* and CONTENT_DIR), so a single-account install sees no change at all.
 */
import { COUNTY_ACCOUNT_ID } from "./declared-account";
import path from "node:path";
import type { Config } from "../config";
import type { ConfiguredAccount } from "./configure-accounts";

/** content/accounts/<id>/: a township's columns, replies, menu, posts and qa, laid out as content/ is. */
export function accountContentDir(config: Config, accountId: string): string {
  return accountId === COUNTY_ACCOUNT_ID ? config.contentDir : path.join(config.contentDir, "accounts", accountId);
}

export function accountConfig(config: Config, account: ConfiguredAccount): Config {
  if (account.id === COUNTY_ACCOUNT_ID) return config;
  return Object.freeze({
    ...config,
    contentDir: accountContentDir(config, account.id),
    wechat: Object.freeze({ ...config.wechat, accountType: account.type, verified: account.verified, originalId: account.originalId }),
    dashboard: Object.freeze({ ...config.dashboard, accountName: account.name }),
  });
}

/** The posts folder as editors name it on the pages: content/posts for the county, content/accounts/<id>/posts for a township. */
export const postsFolderLabel = (accountId: string): string => (accountId === COUNTY_ACCOUNT_ID ? "content/posts" : `content/accounts/${accountId}/posts`);
