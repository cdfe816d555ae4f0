"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.presentContent = presentContent;
const page_model_1 = require("./page-model");
/**
 * 内容检查: what `npm run cli -- check` reports (columns, replies, menu, qa.yml and every post,
 * rendered as it would be sent), so staff without a terminal see why a post will not go out.
 */
function presentContent(ctx) {
    const page = (0, page_model_1.emptyPage)("内容检查");
    if (!ctx.contentCheck) {
        page.notices.push({ level: "info", text: "内容检查在此处不可用。" });
        return page;
    }
    const { problems, summary } = ctx.contentCheck();
    page.kpis.push({ label: "问题", value: String(problems.length), hint: "content/ 下所有文件" });
    page.notices.push(problems.length === 0
        ? { level: "info", text: `没有问题。${summary}` }
        : { level: "warn", text: `发现 ${problems.length} 个问题：修改对应文件后刷新本页即可（也可运行 npm run cli -- check）。` });
    const perFile = new Map();
    for (const p of problems)
        perFile.set(p.file, (perFile.get(p.file) ?? 0) + 1);
    page.charts.push({
        id: "problems-per-file",
        title: "各文件的问题数",
        kind: "bar",
        labels: perFile.size > 0 ? [...perFile.keys()] : ["content/"],
        series: [{ label: "问题", data: perFile.size > 0 ? [...perFile.values()] : [0] }],
    });
    page.tables.push({
        id: "content-problems",
        caption: "内容问题",
        columns: [
            { key: "file", label: "文件" },
            { key: "line", label: "行", numeric: true },
            { key: "field", label: "字段" },
            { key: "problem", label: "问题" },
        ],
        rows: problems.map((p) => ({ file: p.file, line: p.line ?? null, field: p.field ?? "", problem: p.message })),
        empty: "没有问题",
    });
    return page;
}
//# sourceMappingURL=present-content.js.map