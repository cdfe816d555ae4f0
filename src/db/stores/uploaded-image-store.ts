import type { Db } from "../open-database";

/** body: media/uploadimg (URL only, no library quota); cover: add_material type=image (media_id + URL). */
export type UploadedImageKind = "body" | "cover";

export interface UploadedImage {
  kind: UploadedImageKind;
  /** sha256 (hex) of the source file as the editor saved it. */
  contentHash: string;
  url: string;
  mediaId: string | null;
  bytes: number;
  createdAt: Date;
}

/** The upload cache: images already on WeChat's servers, by content hash. */
export interface UploadedImageStore {
  find(accountId: string, kind: UploadedImageKind, contentHash: string): UploadedImage | undefined;
  /** Records an upload; a concurrent upload of the same file keeps the first row. */
  add(accountId: string, image: UploadedImage): void;
}

interface Row {
  kind: UploadedImageKind;
  content_hash: string;
  url: string;
  media_id: string | null;
  bytes: number;
  created_at: number;
}

export function createUploadedImageStore(db: Db): UploadedImageStore {
  const select = db.prepare<{ account_id: string; kind: UploadedImageKind; content_hash: string }, Row>(
    `SELECT kind, content_hash, url, media_id, bytes, created_at FROM uploaded_images
      WHERE account_id = @account_id AND kind = @kind AND content_hash = @content_hash`,
  );
  const insert = db.prepare(
    `INSERT INTO uploaded_images (account_id, content_hash, kind, url, media_id, bytes, created_at)
     VALUES (@account_id, @content_hash, @kind, @url, @media_id, @bytes, @created_at)
     ON CONFLICT (account_id, kind, content_hash) DO NOTHING`,
  );
  return {
    find(accountId, kind, contentHash) {
      const r = select.get({ account_id: accountId, kind, content_hash: contentHash });
      return r && { kind: r.kind, contentHash: r.content_hash, url: r.url, mediaId: r.media_id, bytes: r.bytes, createdAt: new Date(r.created_at) };
    },
    add(accountId, image) {
      insert.run({
        account_id: accountId,
        content_hash: image.contentHash,
        kind: image.kind,
        url: image.url,
        media_id: image.mediaId,
        bytes: image.bytes,
        created_at: image.createdAt.getTime(),
      });
    },
  };
}
