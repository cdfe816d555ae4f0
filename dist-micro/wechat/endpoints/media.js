"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.mediaEndpoints = mediaEndpoints;
const zod_1 = require("zod");
const api_types_1 = require("../api-types");
const UPLOADIMG = "/cgi-bin/media/uploadimg";
const uploadImgResponse = zod_1.z.object({ url: zod_1.z.string().min(1) });
/** Images inside article content (protocol §5.2). */
function mediaEndpoints(call) {
    return {
        /**
         * media/uploadimg: jpg/png < 1 MB, for <img> in article HTML (external image URLs are
         * filtered by WeChat). Does not count toward the 100 000-image library quota.
         * Errors: 40005 bad file type, 40009 image too large.
         */
        async uploadImage(file) {
            const body = await call({ path: UPLOADIMG, method: "POST", form: (0, api_types_1.mediaForm)(file), retryOnBusy: true });
            return (0, api_types_1.parseWire)(uploadImgResponse, body, UPLOADIMG);
        },
    };
}
//# sourceMappingURL=media.js.map