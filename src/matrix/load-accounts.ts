/**
 * Reads content/accounts.yml, the one place the League's accounts are declared (issue 14), and
 * validates it with every problem at once, each in Chinese naming the file, the line and the field.
 * No file: the single account `default` of today, with no new required setting.
 *
 * Reads one file; no other I/O. The typed list it returns is what the webhook will serve per
 * account later (/wechat/<id>), and what the 附件2 / 附件3 reports list today.
 */
import { COUNTY_ACCOUNT_ID } from "./declared-account";
import { readFileSync } from "node:fs";
import path from "node:path";
import { LineCounter, parseDocument } from "yaml";
import { z } from "zod";
import { ContentError } from "../errors";
import { fieldName, lineOf, pathAtOffset, type Path, type YamlFile } from "../bot/content-yaml";
import {
  DEFAULT_COMMITTEE,
  defaultDeclaration,
  type AccountsDeclaration,
  type DeclaredAccount,
  type SingleAccountSettings,
} from "./declared-account";

export const ACCOUNTS_FILE = "accounts.yml";

export interface LoadAccountsResult {
  /** Null whenever `errors` is not empty. */
  declaration: AccountsDeclaration | null;
  errors: ContentError[];
}

/** The id is a URL path segment (/wechat/<id>) and a key in every table: keep it plain. */
const ID_RE = /^[a-z0-9][a-z0-9-]{0,31}$/;
/** Environment variable names as shells accept them; upper case by convention (.env.example). */
const ENV_NAME_RE = /^[A-Z][A-Z0-9_]{0,63}$/;
/** 手机 or 座机 with area code: digits, spaces, dashes, an optional leading +. */
const PHONE_RE = /^\+?[0-9][0-9 -]{5,18}[0-9]$/;

const envName = z.string().regex(ENV_NAME_RE, "env_name");
const schema = z
  .object({
    committee: z.string().trim().min(1).max(40).optional(),
    accounts: z
      .array(
        z
          .object({
            id: z.string().regex(ID_RE, "id"),
            name: z.string().trim().min(1).max(30),
            township: z.string().trim().min(1).max(20),
            level: z.enum(["county", "township", "县级", "乡镇"]).default("township"),
            type: z.enum(["订阅号", "服务号", "subscription", "service"]),
            verified: z.boolean(),
            admin: z.object({ name: z.string().trim().min(1).max(20), phone: z.string().trim().regex(PHONE_RE, "phone") }).strict(),
            env: z.object({ app_id: envName, app_secret: envName, token: envName, aes_key: envName }).strict().optional(),
            paused: z.boolean().default(false),
            original_id: z.string().regex(/^gh_[0-9a-z]+$/i, "original_id").optional(),
          })
          .strict(),
      )
      .min(1),
  })
  .strict();

type RawDeclaration = z.infer<typeof schema>;

const FIELD_LABELS: Record<string, string> = {
  committee: "团委名称",
  accounts: "账号列表",
  id: "账号标识",
  name: "账号名称 / 姓名",
  township: "所属乡镇",
  level: "级别",
  type: "账号类型",
  verified: "是否认证",
  admin: "管理员",
  phone: "联系电话",
  env: "密钥所在的环境变量名",
  app_id: "AppID 的环境变量名",
  app_secret: "AppSecret 的环境变量名",
  token: "Token 的环境变量名",
  aes_key: "EncodingAESKey 的环境变量名",
  paused: "暂停",
  original_id: "原始ID",
};

const TYPE_NAMES: Record<string, string> = { string: "文字", number: "数字", boolean: "true 或 false", object: "一组字段", array: "列表", undefined: "空", null: "空" };

/** One zod issue as the editor should read it: what is wrong and what to write instead. */
function describe(issue: z.ZodIssue): string {
  const last = issue.path[issue.path.length - 1];
  const label = typeof last === "string" ? (FIELD_LABELS[last] ?? last) : "此项";
  switch (issue.code) {
    case "invalid_type":
      if (issue.received === "undefined") return `缺少「${label}」，请补上`;
      if (last === "phone" && issue.received === "number") return `联系电话请加引号写成文字，例如 phone: "0996-4621234"，否则开头的 0 会丢失`;
      return `「${label}」应为${TYPE_NAMES[issue.expected] ?? issue.expected}，现在是${TYPE_NAMES[issue.received] ?? issue.received}`;
    case "invalid_enum_value":
      return `「${label}」不能是 ${JSON.stringify(issue.received)}，只能写 ${issue.options.filter((o) => typeof o === "string" && /[^\x00-\x7f]/.test(o)).join(" 或 ") || issue.options.join(" 或 ")}`;
    case "unrecognized_keys":
      return `不认识的字段 ${issue.keys.join("、")}，请检查拼写（可用字段见文件开头的说明）`;
    case "too_small":
      return issue.type === "array" ? "至少要声明一个账号" : `「${label}」不能为空`;
    case "too_big":
      return `「${label}」太长，最多 ${String(issue.maximum)} 个字`;
    case "invalid_string":
      if (issue.message === "id") return "账号标识只能用小写字母、数字和连字符（-），以字母或数字开头，最长 32 个字符，例如 lunnan";
      if (issue.message === "env_name") return `「${label}」应是环境变量的名字（大写字母、数字和下划线，例如 WECHAT_LUNNAN_APP_ID），不是密钥本身`;
      if (issue.message === "original_id") return "原始ID 应为 gh_ 加字母数字，例如 gh_4d00ed8d6399（公众号设置 → 帐号详情）";
      if (issue.message === "phone") return "联系电话只能含数字、空格和连字符，例如 0996-4621234 或 139 0996 1234";
      return `「${label}」格式不对`;
    default:
      return `「${label}」有误：${issue.message}`;
  }
}

function fromRaw(raw: RawDeclaration): AccountsDeclaration {
  const accounts: DeclaredAccount[] = raw.accounts.map((a) => ({
    id: a.id,
    name: a.name,
    township: a.township,
    level: a.level === "county" || a.level === "县级" ? "county" : "township",
    type: a.type === "服务号" || a.type === "service" ? "service" : "subscription",
    verified: a.verified,
    admin: { name: a.admin.name, phone: a.admin.phone },
    env: a.env ? { appId: a.env.app_id, appSecret: a.env.app_secret, token: a.env.token, aesKey: a.env.aes_key } : null,
    paused: a.paused,
    ...(a.original_id ? { originalId: a.original_id } : {}),
  }));
  return { source: "file", committee: raw.committee ?? DEFAULT_COMMITTEE, accounts };
}

/** What zod cannot see: ids, the county account and the secrets' variables are each unique. */
function crossCheck(raw: RawDeclaration, at: (p: Path, message: string) => void): void {
  const ids = new Map<string, number>();
  const envs = new Map<string, string>();
  let county: number | undefined;
  raw.accounts.forEach((a, i) => {
    const first = ids.get(a.id);
    if (first !== undefined) at(["accounts", i, "id"], `账号标识 ${a.id} 与第 ${first + 1} 个账号重复，每个账号的标识必须不同`);
    else ids.set(a.id, i);
    if (a.level === "county" || a.level === "县级") {
      if (county !== undefined) at(["accounts", i, "level"], `只能有一个县级账号（第 ${county + 1} 个账号已是县级），乡镇账号请写 level: township`);
      else county = i;
      // The ledger, 期数 and figures of the single-account install are stored under `default`.
      if (a.id !== COUNTY_ACCOUNT_ID) at(["accounts", i, "id"], `县级账号（团县委自己的公众号）的标识必须是 default：以前的发布记录、期数和数据都记在 default 名下`);
    } else if (a.id === COUNTY_ACCOUNT_ID) {
      at(["accounts", i, "level"], "标识为 default 的账号是团县委自己的公众号，请写 level: county");
    }
    for (const [key, name] of Object.entries(a.env ?? {})) {
      const owner = envs.get(name);
      if (owner !== undefined) at(["accounts", i, "env", key], `环境变量 ${name} 已被 ${owner} 使用；每个账号的每项密钥要放在自己的环境变量里`);
      else envs.set(name, `accounts[${i}].env.${key}`);
    }
  });
  // The county's own account is what /wechat, the 附件 headers and the single-account records are.
  if (county === undefined && !ids.has(COUNTY_ACCOUNT_ID)) {
    at(["accounts"], "缺少团县委自己的公众号：请加一段 id: default、level: county 的账号（它的密钥在 WECHAT_APP_ID 等变量里）");
  }
}

/** Loads content/accounts.yml from `contentDir`; without the file, today's single account `default`. */
export function loadAccounts(contentDir: string, single: SingleAccountSettings): LoadAccountsResult {
  const file = path.join(contentDir, ACCOUNTS_FILE);
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return { declaration: defaultDeclaration(single), errors: [] };
    return { declaration: null, errors: [new ContentError(file, `无法读取文件：${(err as Error).message}`)] };
  }
  // Editors on Windows save with a BOM; it carries no meaning here.
  if (text.startsWith("\uFEFF")) text = text.slice(1);
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    return {
      declaration: null,
      errors: doc.errors.map((e) => {
        const at = pathAtOffset(doc.contents, e.pos[0]);
        return new ContentError(file, `YAML 格式错误（检查缩进、冒号后的空格和引号）：${e.message}`, {
          line: lines.linePos(e.pos[0]).line,
          ...(at.length > 0 ? { field: fieldName(at) } : {}),
        });
      }),
    };
  }
  const f: YamlFile = { file, doc, lines, data: doc.toJS({ maxAliasCount: 100 }) };
  if (f.data === null || f.data === undefined) return { declaration: null, errors: [new ContentError(file, "文件是空的：请声明 accounts，或删除此文件以使用单账号（default）")] };

  const errors: ContentError[] = [];
  const at = (p: Path, message: string) =>
    errors.push(new ContentError(file, message, { ...(lineOf(f, p) !== undefined ? { line: lineOf(f, p)! } : {}), ...(p.length > 0 ? { field: fieldName(p) } : {}) }));
  const parsed = schema.safeParse(f.data);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) at(issue.path, describe(issue));
    return { declaration: null, errors };
  }
  crossCheck(parsed.data, at);
  return errors.length > 0 ? { declaration: null, errors } : { declaration: fromRaw(parsed.data), errors: [] };
}
