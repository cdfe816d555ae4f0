"use strict";
/**
 * `npm run cli`: runs the CLI as one JavaScript bundle, rebuilt only when src/ changed since.
 * Through tsx a command took about 2 s to answer, and 0.7 s as tsc's many small files (issue 15);
 * editors never build by hand. The bundle is rebuilt with esbuild (it comes with tsx, so it is
 * there right after `npm ci`) in well under a second. Packages stay in node_modules, except a few
 * pure-JavaScript ones made of many small files (BUNDLED): loading yaml alone meant 72 files.
 * Plain CommonJS on purpose: node runs it without a compiler.
 */
const fs = require("node:fs");
const path = require("node:path");

const root = path.join(__dirname, "..");
const src = path.join(root, "src");
// Apart from tsc's dist/ files (npm run build), so the two never overwrite each other.
const outDir = path.join(root, "dist", "cli-bundle");
const bundle = path.join(outDir, "cli.js");
/** Packages built into the bundle: no native code, no files read beside themselves. */
const BUNDLED = ["yaml", "zod", "markdown-it", "dayjs"];

/** Newest modification time under `dir`; directories count too (a deleted file changes its folder's). */
function newest(dir) {
  let latest = fs.statSync(dir).mtimeMs;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(full) : fs.statSync(full).mtimeMs);
  }
  return latest;
}

function builtAt() {
  try {
    return fs.statSync(bundle).mtimeMs;
  } catch {
    return -1;
  }
}

function build() {
  const esbuild = require(require.resolve("esbuild", { paths: [path.dirname(require.resolve("tsx/package.json")), root] }));
  fs.mkdirSync(outDir, { recursive: true });
  // Another command may build at the same time: each writes its own file, then renames it into place.
  const tmp = `${bundle}.${process.pid}.tmp`;
  const pkg = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8"));
  const external = [...Object.keys(pkg.dependencies ?? {}), ...Object.keys(pkg.devDependencies ?? {})].filter((name) => !BUNDLED.includes(name));
  esbuild.buildSync({
    entryPoints: [path.join(src, "cli.ts")],
    outfile: tmp,
    bundle: true,
    platform: "node",
    target: "node20",
    format: "cjs",
    external,
    logLevel: "error",
  });
  // db/migrate.ts reads its SQL files beside itself (__dirname): here, beside the bundle.
  const migrations = path.join(outDir, "migrations");
  fs.rmSync(migrations, { recursive: true, force: true });
  fs.cpSync(path.join(src, "db", "migrations"), migrations, { recursive: true });
  fs.renameSync(tmp, bundle);
}

if (builtAt() < newest(src)) {
  try {
    build();
  } catch (err) {
    // esbuild has printed the file and line; the rest of its stack helps nobody.
    process.stderr.write(`命令行工具无法从 src/ 构建（上面写了出错的文件和行号）：${err.message.split("\n")[0]}\n`);
    process.exit(1);
  }
}
require(bundle);
