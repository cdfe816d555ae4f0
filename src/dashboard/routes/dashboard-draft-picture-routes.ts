import { existsSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import type Router from "@koa/router";
import type { Deps } from "../../deps";
import { POST_NAME_RE, SLUG_RE } from "../../posts/save-post";
import { IMAGE_CONTENT_TYPES, MAX_IMAGE_BYTES, saveImage, sniffImage } from "../../posts/upload-image";
import { staffOf } from "../middleware/auth-session";
import { formOf } from "../middleware/csrf";
import { formUploadOf, requireCsrfUpload } from "../middleware/csrf-upload";
import type { PageRouteDeps } from "./dashboard-page-routes";

/**
 * The 稿件 page's pictures (issue 15), behind the login: the editor drops one in and gets its
 * reference back (JSON for the editor script), and the phone preview shows them from
 * content/posts/images/ (or the township's own posts folder). Checked by content, never by name.
 *   GET  /dashboard/drafts/images/:file
 *   POST /dashboard/drafts/images   one picture, CSRF + audit line
 */
export function mountDraftPictureRoutes(router: Router, deps: Deps, pages: Pick<PageRouteDeps, "requireStaff">): void {
  const contentDir = deps.config.contentDir;
  const postsDir = path.join(contentDir, "posts");

  router.get("/drafts/images/:file", pages.requireStaff, (ctx) => {
    const name = (ctx.params as { file: string }).file;
    const file = path.join(postsDir, "images", name);
    if (!/^[^/\\]+$/.test(name) || name.startsWith(".") || !existsSync(file) || !statSync(file).isFile()) {
      ctx.status = 404;
      ctx.type = "text/plain";
      ctx.body = "没有这张图片";
      return;
    }
    const data = readFileSync(file);
    const kind = sniffImage(data);
    // Only pictures by content: a file named .jpg holding HTML or SVG is never served as such.
    if (!kind) {
      ctx.status = 415;
      ctx.type = "text/plain";
      ctx.body = "这个文件不是 jpg、png、gif 或 webp 图片";
      return;
    }
    ctx.set("Cache-Control", "private, max-age=60");
    ctx.type = IMAGE_CONTENT_TYPES[kind];
    ctx.body = data;
  });

  router.post("/drafts/images", pages.requireStaff, requireCsrfUpload(MAX_IMAGE_BYTES), (ctx) => {
    const upload = formUploadOf(ctx);
    const form = formOf(ctx);
    const post = form.get("post") ?? "";
    const stem = POST_NAME_RE.exec(post)?.[2] ?? (SLUG_RE.test(post) ? post : "image");
    const result = upload
      ? saveImage(contentDir, upload, stem)
      : ({ ok: false, problem: "没有收到图片：请选择或拖入一张图片。" } as const);
    if (result.ok) {
      deps.stores.audit.record({ at: deps.clock.now(), accountId: deps.account.id, staffName: staffOf(ctx).name, action: "image.upload", target: result.ref, detail: `${upload!.filename} → ${result.name}，${result.bytes} 字节${result.reused ? "（与已有图片相同，未重复保存）" : ""}` });
    }
    const note = result.ok
      ? `已插入 ${result.ref}${result.reused ? "（同一张图片已存在，直接使用）" : result.renamed ? "（已有同名的其他图片，已改名，原图未被覆盖）" : ""}`
      : undefined;
    ctx.status = result.ok ? 200 : 422;
    ctx.type = "application/json";
    ctx.body = result.ok ? { ok: true, ref: result.ref, name: result.name, note } : { ok: false, problem: result.problem };
  });
}
