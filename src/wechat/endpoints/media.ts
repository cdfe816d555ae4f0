import { z } from "zod";
import { mediaForm, parseWire, type ApiCall, type UploadFile } from "../api-types";

const UPLOADIMG = "/cgi-bin/media/uploadimg";

const uploadImgResponse = z.object({ url: z.string().min(1) });

/** Images inside article content (protocol §5.2). */
export function mediaEndpoints(call: ApiCall) {
  return {
    /**
     * media/uploadimg: jpg/png < 1 MB, for <img> in article HTML (external image URLs are
     * filtered by WeChat). Does not count toward the 100 000-image library quota.
     * Errors: 40005 bad file type, 40009 image too large.
     */
    async uploadImage(file: UploadFile): Promise<{ url: string }> {
      const body = await call({ path: UPLOADIMG, method: "POST", form: mediaForm(file), retryOnBusy: true });
      return parseWire(uploadImgResponse, body, UPLOADIMG);
    },
  };
}
