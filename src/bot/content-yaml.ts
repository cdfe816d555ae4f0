/**
 * Reading the content files as YAML with positions, and collecting problems that name file, line and field.
 * Part of loadContent (load-content.ts); every problem names the file, the line and the field.
 */
import { readFileSync } from "node:fs";
import { LineCounter, isMap, isNode, isScalar, isSeq, parseDocument, type Document } from "yaml";
import { ContentError } from "../errors";
import { MAX_TEXT_REPLY_BYTES, utf8Bytes } from "./bot-content";

export type Path = ReadonlyArray<string | number>;

export interface YamlFile {
  /** As reported in errors: contentDir joined with the file name. */
  file: string;
  doc: Document;
  lines: LineCounter;
  data: unknown;
}

/** Collects problems; each knows its file, line and field. */
export class Problems {
  readonly errors: ContentError[] = [];

  at(f: YamlFile, at: Path, problem: string, context?: string): void {
    this.errors.push(
      new ContentError(f.file, context === undefined ? problem : `${context}：${problem}`, {
        line: lineOf(f, at),
        field: at.length === 0 ? undefined : fieldName(at),
      }),
    );
  }

  file(file: string, problem: string): void {
    this.errors.push(new ContentError(file, problem));
  }
}


export function readYaml(file: string, required: boolean, problems: Problems): YamlFile | null {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === "ENOENT") {
      if (required) problems.file(file, "找不到这个文件，它必须有：可以照仓库里 content/ 的示例文件写一份");
      return null;
    }
    problems.file(file, `读不了这个文件（${(err as Error).message}）：检查文件权限，或重新保存一次`);
    return null;
  }
  // Editors on Windows save with a BOM; it carries no meaning here.
  if (text.startsWith("\uFEFF")) text = text.slice(1);

  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const f: YamlFile = { file, doc, lines, data: undefined };
  if (doc.errors.length > 0) {
    for (const e of doc.errors) {
      const at = pathAtOffset(doc.contents, e.pos[0]);
      problems.errors.push(
        new ContentError(file, yamlSyntaxProblem(e.message), {
          line: lines.linePos(e.pos[0]).line,
          field: at.length === 0 ? undefined : fieldName(at),
        }),
      );
    }
    return null;
  }
  try {
    f.data = doc.toJS();
  } catch (err) {
    // e.g. alias expansion over yaml's maxAliasCount ("billion laughs").
    problems.file(file, `这个 YAML 文件展开后太大（${(err as Error).message}）：不要用 & 和 * 反复引用同一段内容`);
    return null;
  }
  if (f.data === null || f.data === undefined) {
    problems.file(file, "文件是空的：请写上内容，可以照仓库里 content/ 的示例文件写");
    return null;
  }
  return f;
}

/** 1-based line of the node at `at` (a key's line for map entries), or of its nearest existing parent. */
export function lineOf(f: YamlFile, at: Path): number | undefined {
  let node: unknown = f.doc.contents;
  let offset = isNode(node) && node.range ? node.range[0] : undefined;
  for (const seg of at) {
    if (isMap(node)) {
      const pair = node.items.find((p) => keyOf(p.key) === String(seg));
      if (!pair) break;
      const keyRange = isNode(pair.key) ? pair.key.range : undefined;
      if (keyRange) offset = keyRange[0];
      node = pair.value;
    } else if (isSeq(node) && typeof seg === "number") {
      node = node.items[seg];
      if (!isNode(node) || !node.range) break;
      offset = node.range[0];
    } else {
      break;
    }
  }
  return offset === undefined ? undefined : f.lines.linePos(offset).line;
}

/** The path of the innermost entry whose text covers `offset` (to name the field of a syntax error). */
export function pathAtOffset(node: unknown, offset: number, at: Array<string | number> = []): Array<string | number> {
  if (isMap(node)) {
    for (const pair of node.items) {
      const start = isNode(pair.key) ? pair.key.range?.[0] : undefined;
      const end = isNode(pair.value) ? pair.value.range?.[2] : isNode(pair.key) ? pair.key.range?.[2] : undefined;
      if (start !== undefined && end !== undefined && start <= offset && offset <= end) {
        return pathAtOffset(pair.value, offset, [...at, keyOf(pair.key)]);
      }
    }
  } else if (isSeq(node)) {
    for (const [i, item] of node.items.entries()) {
      const r = isNode(item) ? item.range : undefined;
      if (r && r[0] <= offset && offset <= r[2]) return pathAtOffset(item, offset, [...at, i]);
    }
  }
  return at;
}

export function keyOf(key: unknown): string {
  return String(isScalar(key) ? key.value : key);
}

/** `columns[1].keywords[0].match` */
export function fieldName(at: Path): string {
  return at.map((seg, i) => (typeof seg === "number" ? `[${seg}]` : i === 0 ? seg : `.${seg}`)).join("");
}

export function tooLong(text: string): string {
  return `有 ${utf8Bytes(text)} 字节，微信的文字回复最多 ${MAX_TEXT_REPLY_BYTES} 字节（约 ${Math.floor(MAX_TEXT_REPLY_BYTES / 3)} 个汉字，一个汉字算 3 字节）：请删短一些`;
}

/**
 * A YAML syntax error for editors. The parser's own words stay in brackets (technical staff search
 * them); the sentence says what usually causes it.
 */
export function yamlSyntaxProblem(parserMessage: string): string {
  const first = parserMessage.split("\n")[0]!.replace(/ at line \d+, column \d+:?$/, "");
  return `YAML 格式错误（${first}）：检查这一行和上一行的引号是否成对、冒号后有没有空格、缩进是否和同级对齐`;
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
