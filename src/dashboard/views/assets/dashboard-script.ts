/**
 * The dashboard's one script, served as /dashboard/assets/dashboard.js after chart.js's UMD build.
 * It draws every <canvas data-chart="id"> from the JSON in <script id="chart-data-id">, so pages
 * carry no inline script (the Content-Security-Policy allows only 'self').
 */
export const DASHBOARD_JS = `
(function () {
  "use strict";
  var palette = ["#c8102e", "#1f6fb2", "#f0a500", "#2a9d8f", "#7b5ea7", "#8d99ae", "#e76f51", "#264653"];
  var charts = [];
  window.__dashboardCharts = charts;
  if (typeof Chart === "undefined") return;
  Chart.defaults.font.family = 'system-ui, "PingFang SC", "Noto Sans CJK SC", "Microsoft YaHei", sans-serif';
  Chart.defaults.animation = false;
  document.querySelectorAll("canvas[data-chart]").forEach(function (canvas) {
    var source = document.getElementById("chart-data-" + canvas.getAttribute("data-chart"));
    if (!source) return;
    var spec = JSON.parse(source.textContent || "{}");
    var many = spec.labels.length > 40;
    var config;
    if (spec.kind === "doughnut") {
      var s = spec.series[0] || { label: "", data: [] };
      config = { type: "doughnut", data: { labels: spec.labels, datasets: [{ label: s.label, data: s.data, backgroundColor: palette }] } };
    } else {
      var stacked = spec.series.some(function (s) { return !!s.stack; });
      var right = spec.series.some(function (s) { return s.axis === "y1"; });
      var datasets = spec.series.map(function (s, i) {
        var type = spec.kind === "line" ? "line" : s.type || "bar";
        var color = palette[i % palette.length];
        return {
          type: type, label: s.label, data: s.data, stack: s.stack, yAxisID: s.axis || "y",
          borderColor: color, backgroundColor: type === "line" ? color : color + "cc",
          pointRadius: many ? 0 : 2, borderWidth: type === "line" ? 2 : 0, tension: 0.2, spanGaps: true,
          order: type === "line" ? 0 : 1
        };
      });
      // Every figure on these pages is a count: precision 0 keeps Chart.js from stepping an axis
      // of small counts in fractions (0.2, 0.4 …). A running total (followers) is drawn near its
      // values instead of from 0 when the page says so (valueAxis.beginAtZero false).
      var fromZero = !(spec.valueAxis && spec.valueAxis.beginAtZero === false);
      var scales = { x: { stacked: stacked, ticks: { maxRotation: 0, autoSkip: true } },
        y: { stacked: stacked, beginAtZero: fromZero, ticks: { precision: 0 } } };
      if (right) scales.y1 = { position: "right", beginAtZero: false, grid: { drawOnChartArea: false }, ticks: { precision: 0 } };
      config = { type: spec.kind === "line" ? "line" : "bar", data: { labels: spec.labels, datasets: datasets }, options: { scales: scales } };
    }
    config.options = Object.assign({ responsive: true, maintainAspectRatio: false, animation: false, locale: "zh-CN",
      interaction: { mode: "index", intersect: false }, plugins: { legend: { position: "bottom" } } }, config.options || {});
    charts.push(new Chart(canvas, config));
  });
})();
`;
