import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import type Router from "@koa/router";
import { DASHBOARD_CSS } from "../views/assets/dashboard-css";
import { DASHBOARD_JS } from "../views/assets/dashboard-script";
import type { AssetUrls } from "../views/layout";

interface Asset {
  type: string;
  body: Buffer;
}

const shortHash = (b: Buffer) => createHash("sha256").update(b).digest("hex").slice(0, 10);

/**
 * chart.js's UMD build straight from node_modules (no CDN: the League's network may not reach
 * one, and a CDN would see staff traffic), plus our stylesheet and script. Names carry a content
 * hash, so a year-long immutable cache is safe across upgrades.
 */
export function loadDashboardAssets(): { urls: AssetUrls; files: Map<string, Asset> } {
  // require.resolve("chart.js") is dist/chart.cjs (the package's "require" export); the UMD build sits beside it.
  const chart = readFileSync(join(dirname(require.resolve("chart.js")), "chart.umd.min.js"));
  const css = Buffer.from(DASHBOARD_CSS);
  const js = Buffer.from(DASHBOARD_JS);
  const files = new Map<string, Asset>([
    [`chart-${shortHash(chart)}.umd.min.js`, { type: "application/javascript; charset=utf-8", body: chart }],
    [`dashboard-${shortHash(css)}.css`, { type: "text/css; charset=utf-8", body: css }],
    [`dashboard-${shortHash(js)}.js`, { type: "application/javascript; charset=utf-8", body: js }],
  ]);
  const [chartName, cssName, jsName] = [...files.keys()];
  return {
    urls: { chart: `/dashboard/assets/${chartName}`, css: `/dashboard/assets/${cssName}`, script: `/dashboard/assets/${jsName}` },
    files,
  };
}

/** GET /dashboard/assets/:file — public (the login page needs the stylesheet), cached for a year. */
export function mountAssetRoutes(router: Router, files: Map<string, Asset>): void {
  router.get("/assets/:file", (ctx) => {
    const asset = files.get((ctx.params as { file: string }).file);
    if (!asset) {
      ctx.status = 404;
      return;
    }
    ctx.set("Cache-Control", "public, max-age=31536000, immutable");
    ctx.type = asset.type;
    ctx.body = asset.body;
  });
}
