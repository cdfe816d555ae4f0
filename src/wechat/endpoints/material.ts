import { z } from "zod";
import { mediaForm, parseWire, type ApiCall, type UploadFile } from "../api-types";

const ADD_MATERIAL = "/cgi-bin/material/add_material";

/** Permanent material kinds we upload: `image` (≤ 10 MB) and `thumb` (cover, ≤ 64 KB jpg). */
export type MaterialType = "image" | "thumb";

export interface AddedMaterial {
  /** Permanent media_id, e.g. a draft's thumb_media_id. */
  mediaId: string;
  /** Only images get a URL (usable on Tencent domains only). */
  url?: string;
}

const addMaterialResponse = z.object({ media_id: z.string().min(1), url: z.string().optional() });

/** Permanent material (protocol §5.2, doc:svc/api/material/permanent/api_addmaterial). */
export function materialEndpoints(call: ApiCall) {
  return {
    /** material/add_material?type=image|thumb. Use it for the cover: thumb_media_id must be permanent. */
    async add(type: MaterialType, file: UploadFile): Promise<AddedMaterial> {
      const body = await call({
        path: ADD_MATERIAL,
        method: "POST",
        query: { type },
        form: mediaForm(file),
        // A second copy of an image costs library quota (100 000) but does no other harm.
        retryOnBusy: true,
      });
      const wire = parseWire(addMaterialResponse, body, ADD_MATERIAL);
      return wire.url === undefined ? { mediaId: wire.media_id } : { mediaId: wire.media_id, url: wire.url };
    },
  };
}
