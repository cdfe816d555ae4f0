/**
 * An official account of the League's matrix as content/accounts.yml declares it (issue 14): the
 * county account and one per township. Secrets never live in content: the declaration names the
 * environment variables that hold them, so config.ts stays the only reader of process.env.
 */
export type AccountLevel = "county" | "township";
export type DeclaredAccountType = "subscription" | "service";

export interface DeclaredAccount {
  /** Lower-case id; the webhook path /wechat/<id> and every row's account_id. */
  id: string;
  /** 账号名称, e.g. 青春轮台. */
  name: string;
  /** The 附件3 row it reports under: a township (轮南镇), or the county committee's own row. */
  township: string;
  level: AccountLevel;
  /** 订阅号 (subscription) or 服务号 (service). */
  type: DeclaredAccountType;
  /** 微信认证. */
  verified: boolean;
  /** 附件2: the account's administrator; absent for the implicit `default` account. */
  admin: { name: string; phone: string } | null;
  /**
   * Names of the environment variables holding the account's AppID, AppSecret, Token and
   * EncodingAESKey. Null: this system does not serve the account (no webhook, no publishing); it
   * only appears in 附件2 / 附件3, where its staff enter its figures.
   */
  env: { appId: string; appSecret: string; token: string; aesKey: string } | null;
  /** 暂停: declared and configured, but nothing is received, published or fetched for it until unpaused. */
  paused: boolean;
  /** 原始ID (gh_…), WeChat's ToUserName; only needed to sign test pushes with the CLI. */
  originalId?: string;
}

/** The whole declaration: the League committee that files the tables, and its accounts in file order. */
export interface AccountsDeclaration {
  /** "file": content/accounts.yml; "default": no file, the single account of today. */
  source: "file" | "default";
  /** 团委 in the 附件 headers, e.g. 共青团轮台县委员会. */
  committee: string;
  accounts: readonly DeclaredAccount[];
}

/** What the single-account install of today already knows (config.ts), for the implicit declaration. */
export interface SingleAccountSettings {
  accountName: string;
  accountType: DeclaredAccountType;
  verified: boolean;
}

/**
 * The county League's own account. Its id stays `default`: the ledger, 期数 and figures of the
 * single-account install before the matrix are stored under it; its webhook is /wechat.
 */
export const COUNTY_ACCOUNT_ID = "default";

/** The row label of the county account when nothing else is declared. */
export const COUNTY_ROW = "团县委";
/** The committee named in the headers when accounts.yml does not name one. */
export const DEFAULT_COMMITTEE = "共青团轮台县委员会";

/** Without accounts.yml the install is exactly today's: one account `default`, read from WECHAT_* variables. */
export function defaultDeclaration(single: SingleAccountSettings): AccountsDeclaration {
  return {
    source: "default",
    committee: DEFAULT_COMMITTEE,
    accounts: [
      {
        id: COUNTY_ACCOUNT_ID,
        name: single.accountName,
        township: COUNTY_ROW,
        level: "county",
        type: single.accountType,
        verified: single.verified,
        admin: null,
        env: { appId: "WECHAT_APP_ID", appSecret: "WECHAT_APP_SECRET", token: "WECHAT_TOKEN", aesKey: "WECHAT_ENCODING_AES_KEY" },
        paused: false,
      },
    ],
  };
}

export const ACCOUNT_TYPE_LABELS: Record<DeclaredAccountType, string> = { subscription: "订阅号", service: "服务号" };
