"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.loadDashboardAssets = loadDashboardAssets;
exports.mountAssetRoutes = mountAssetRoutes;
const node_crypto_1 = require("node:crypto");
const node_fs_1 = require("node:fs");
const node_path_1 = require("node:path");
const dashboard_css_1 = require("../views/assets/dashboard-css");
const dashboard_script_1 = require("../views/assets/dashboard-script");
const shortHash = (b) => (0, node_crypto_1.createHash)("sha256").update(b).digest("hex").slice(0, 10);
/**
 * chart.js's UMD build straight from node_modules (no CDN: the League's network may not reach
 * one, and a CDN would see staff traffic), plus our stylesheet and script. Names carry a content
 * hash, so a year-long immutable cache is safe across upgrades.
 */
function loadDashboardAssets() {
    // require.resolve("chart.js") is dist/chart.cjs (the package's "require" export); the UMD build sits beside it.
    const chart = (0, node_fs_1.readFileSync)((0, node_path_1.join)((0, node_path_1.dirname)(require.resolve("chart.js")), "chart.umd.min.js"));
    const css = Buffer.from(dashboard_css_1.DASHBOARD_CSS);
    const js = Buffer.from(dashboard_script_1.DASHBOARD_JS);
    const files = new Map([
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
function mountAssetRoutes(router, files) {
    router.get("/assets/:file", (ctx) => {
        const asset = files.get(ctx.params.file);
        if (!asset) {
            ctx.status = 404;
            return;
        }
        ctx.set("Cache-Control", "public, max-age=31536000, immutable");
        ctx.type = asset.type;
        ctx.body = asset.body;
    });
}
//# sourceMappingURL=dashboard-asset-routes.js.map