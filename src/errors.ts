/**
 * Typed errors. `code` is stable (for logs, tests and HTTP mapping); `expose` says whether the
 * message may be shown to the caller. One Koa middleware maps these to responses.
 */
export class AppError extends Error {
  readonly code: string;
  readonly expose: boolean;
  readonly status: number;

  constructor(code: string, message: string, options: { expose?: boolean; status?: number; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.expose = options.expose ?? false;
    this.status = options.status ?? 500;
  }
}

/** A request from outside (WeChat, staff, CLI) that we refuse: bad signature, bad body, replay. */
export class RequestError extends AppError {
  constructor(code: string, message: string, status = 400, cause?: unknown) {
    super(code, message, { expose: true, status, cause });
  }
}

/** Configuration that cannot work; the message says how to fix it. */
export class ConfigError extends AppError {
  readonly problems: string[];
  constructor(problems: string[]) {
    super("config_invalid", `配置（.env 或环境变量）有 ${problems.length} 个问题：\n  - ${problems.join("\n  - ")}`);
    this.problems = problems;
  }
}

/** A problem in an editor's file under content/: names the file, the line when known, and the field. */
export class ContentError extends AppError {
  readonly file: string;
  readonly line: number | undefined;
  readonly field: string | undefined;
  /** The problem alone, without file, line and field: for a form that shows it beside the field. */
  readonly problem: string;
  constructor(file: string, problem: string, options: { line?: number | undefined; field?: string | undefined } = {}) {
    const where = options.line === undefined ? file : `${file}:${options.line}`;
    const what = options.field === undefined ? problem : `${options.field}: ${problem}`;
    super("content_invalid", `${where}: ${what}`, { expose: true, status: 422 });
    this.problem = problem;
    this.file = file;
    this.line = options.line;
    this.field = options.field;
  }
}

/**
 * WeChat answered errcode ≠ 0. Always names the endpoint, errcode and errmsg
 * (errmsg carries a `rid` that /cgi-bin/openapi/rid/get can resolve).
 */
export class WeChatApiError extends AppError {
  readonly endpoint: string;
  readonly errcode: number;
  readonly errmsg: string;
  readonly body: Record<string, unknown>;
  constructor(endpoint: string, errcode: number, errmsg: string, body: Record<string, unknown> = {}) {
    super(`wechat_${errcode}`, `wechat: ${endpoint} failed: errcode ${errcode}: ${errmsg}`, { status: 502 });
    this.endpoint = endpoint;
    this.errcode = errcode;
    this.errmsg = errmsg;
    this.body = body;
  }
}
